import type { OpenAPIObject } from '@nestjs/swagger';

const lowerFirst = (word: string) => word.charAt(0).toLowerCase() + word.slice(1);
const upperFirst = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/**
 * Nest names an operation `<Controller>_<method>`, with `[n]` when one handler serves several paths
 * (`WebhooksController_subscribe[0]`): not what a generated client wants as a function name. This
 * makes it camelCase from the controller and the handler (`webhooksV2Subscribe`, `getOrder`,
 * `erpSalesOrdersCreate`), so it changes only when the code's names do; a handler serving several
 * versions gets the path's version. Two operations with one id are a programming error.
 */
export function withOperationIds(document: OpenAPIObject): OpenAPIObject {
  const seen = new Map<string, string>();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!operation || typeof operation !== 'object' || !('operationId' in operation) || typeof operation.operationId !== 'string') continue;
      const operationId = camelOperationId(operation.operationId, path);
      const other = seen.get(operationId);
      if (other) throw new Error(`operationId ${operationId} names both ${other} and ${method.toUpperCase()} ${path}`);
      seen.set(operationId, `${method.toUpperCase()} ${path}`);
      operation.operationId = operationId;
    }
  }
  return document;
}

function camelOperationId(nestId: string, path: string): string {
  const match = /^(\w+?)(?:Controller)?_(\w+?)(\[\d+\])?$/.exec(nestId);
  if (!match) return nestId;
  const [, controller, handler, alias] = match;
  const version = alias ? upperFirst(/\/(v\d+)(\/|$)/.exec(path)?.[1] ?? '') : '';
  const base = lowerFirst(controller) + version;
  // ListOrdersController.list reads better as listOrders than as listOrdersList
  return !version && lowerFirst(controller).startsWith(handler) ? base : base + upperFirst(handler);
}
