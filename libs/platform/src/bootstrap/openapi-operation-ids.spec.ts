import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import type { OpenAPIObject } from '@nestjs/swagger';
import { withOperationIds } from './openapi-operation-ids.js';

const documentOf = (operations: [path: string, method: string, operationId: string][]): OpenAPIObject => {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [path, method, operationId] of operations) (paths[path] ??= {})[method] = { operationId, responses: {} };
  return { openapi: '3.0.0', info: { title: 't', version: '1' }, paths } as OpenAPIObject;
};
const idsOf = (document: OpenAPIObject) =>
  Object.values(document.paths).flatMap((item) => Object.values(item).map((operation) => (operation as { operationId: string }).operationId));

describe('withOperationIds', () => {
  it('names operations camelCase from controller and handler, with the version of a path a handler shares', () => {
    const document = withOperationIds(
      documentOf([
        ['/b2b/v2/webhooks', 'post', 'WebhooksController_subscribe[0]'],
        ['/b2b/v1/webhooks', 'post', 'WebhooksController_subscribe[1]'],
        ['/v1/orders', 'get', 'ListOrdersController_list'],
        ['/erp/v1/sales-orders', 'post', 'ErpSalesOrdersController_create'],
      ]),
    );
    expect(idsOf(document)).toEqual(['webhooksV2Subscribe', 'webhooksV1Subscribe', 'listOrders', 'erpSalesOrdersCreate']);
  });

  it('refuses two operations with one id', () => {
    expect(() =>
      withOperationIds(
        documentOf([
          ['/a', 'get', 'AController_get'],
          ['/b', 'get', 'AController_get'],
        ]),
      ),
    ).toThrow(/operationId aGet names both GET \/a and GET \/b/);
  });

  it.each(['experience-apis', 'process-apis', 'system-apis'])('the committed %s catalog has unique camelCase operationIds', (name) => {
    const ids = idsOf(JSON.parse(readFileSync(`openapi/${name}.json`, 'utf8')) as OpenAPIObject);
    expect(ids.filter((id) => !/^[a-z][a-zA-Z0-9]*$/.test(id))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
