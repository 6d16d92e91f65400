import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import type { OpenAPIObject } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, IsIn, IsInt, IsISO8601, IsNotEmpty, IsString, IsUUID, Matches, Max, MaxLength, Min, validateSync } from 'class-validator';
import { plainToInstance } from 'class-transformer';
// decorated classes: their rules are registered under these names, as Nest names their schemas
import { RequireOneOf, withValidationRules } from './openapi-validation.js';

export class SpecOrderLineInput {
  @IsInt()
  @Min(1)
  @Max(1_000)
  readonly quantity!: number;

  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  @Matches(/^[A-Z0-9-]+$/)
  readonly sku!: string;
}

export class SpecOrderInput {
  @IsUUID()
  readonly requestId!: string;

  @IsISO8601()
  readonly requestedAt!: string;

  @ArrayNotEmpty()
  @ArrayMaxSize(50)
  readonly lines!: SpecOrderLineInput[];
}

export class SpecOrderQuery {
  @IsInt()
  @Min(1)
  @Max(100)
  readonly limit?: number;

  @IsIn(['open', 'shipped'])
  readonly status?: string;
}

@RequireOneOf('orderId', 'purchaseOrderNumber')
export class SpecReturnInput {
  @IsUUID()
  readonly orderId?: string;

  @IsString()
  @IsNotEmpty()
  readonly purchaseOrderNumber?: string;
}

/** Inherits the rule, as a layer's request extends the partner's. */
export class SpecReturnForCustomer extends SpecReturnInput {
  @IsString()
  readonly customerId!: string;
}

const documentOf = () =>
  ({
    openapi: '3.0.0',
    info: { title: 't', version: '1' },
    paths: {
      '/orders': {
        post: {
          requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/SpecOrderInput' } } } },
          responses: { '201': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/SpecOrderAnswer' } } } } },
        },
        get: {
          parameters: [
            { name: 'limit', in: 'query', required: false, schema: { type: 'number' } },
            { name: 'status', in: 'query', required: false, schema: { type: 'string' } },
          ],
          responses: { '200': { description: 'ok' } },
        },
      },
    },
    components: {
      schemas: {
        SpecOrderInput: {
          type: 'object',
          properties: {
            requestId: { type: 'string' },
            requestedAt: { type: 'string', example: '2026-11-24T15:00:00.000Z' },
            lines: { type: 'array', items: { $ref: '#/components/schemas/SpecOrderLineInput' } },
          },
        },
        SpecOrderLineInput: { type: 'object', properties: { quantity: { type: 'number', maximum: 500 }, sku: { type: 'string' } } },
        SpecOrderAnswer: { type: 'object', properties: { orderId: { type: 'string' } } },
        SpecReturnInput: { type: 'object', properties: { orderId: { type: 'string' }, purchaseOrderNumber: { type: 'string' } } },
        SpecReturnForCustomer: {
          type: 'object',
          properties: { orderId: { type: 'string' }, purchaseOrderNumber: { type: 'string' }, customerId: { type: 'string' } },
          required: ['customerId'],
        },
      },
    },
  }) as unknown as OpenAPIObject;

describe('withValidationRules', () => {
  const document = withValidationRules(documentOf());
  const schemas = document.components!.schemas as Record<string, { properties: Record<string, unknown>; additionalProperties?: unknown }>;

  it("documents what the server's validation enforces on DTO properties, keeping what the decorators said", () => {
    expect(schemas.SpecOrderLineInput.properties).toEqual({
      quantity: { type: 'integer', minimum: 1, maximum: 500 },
      sku: { type: 'string', minLength: 1, maxLength: 40, pattern: '^[A-Z0-9-]+$' },
    });
    expect(schemas.SpecOrderInput.properties).toEqual({
      requestId: { type: 'string', format: 'uuid' },
      requestedAt: { type: 'string', example: '2026-11-24T15:00:00.000Z', format: 'date-time' },
      lines: { type: 'array', items: { $ref: '#/components/schemas/SpecOrderLineInput' }, minItems: 1, maxItems: 50 },
    });
  });

  it('closes request-only bodies (the server refuses unknown fields), never answers', () => {
    expect(schemas.SpecOrderInput.additionalProperties).toBe(false);
    expect(schemas.SpecOrderLineInput.additionalProperties).toBe(false);
    expect(schemas.SpecOrderAnswer.additionalProperties).toBeUndefined();
  });

  it('types the query parameters of a query DTO', () => {
    expect(document.paths['/orders'].get!.parameters).toEqual([
      { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 100 } },
      { name: 'status', in: 'query', required: false, schema: { type: 'string', enum: ['open', 'shipped'] } },
    ]);
  });

  it('says that one of a RequireOneOf group is required, for the class and its subclasses', () => {
    const oneOf = [{ required: ['orderId'] }, { required: ['purchaseOrderNumber'] }];
    expect((schemas.SpecReturnInput as Record<string, unknown>).anyOf).toEqual(oneOf);
    expect((schemas.SpecReturnForCustomer as Record<string, unknown>).anyOf).toEqual(oneOf);
    expect((schemas.SpecOrderInput as Record<string, unknown>).anyOf).toBeUndefined();
  });
});

describe('RequireOneOf', () => {
  const fieldsInError = (body: object) => validateSync(plainToInstance(SpecReturnInput, body)).map((error) => error.property);

  it('refuses a body with none of the group, naming each; validates only the one given', () => {
    expect(fieldsInError({}).sort()).toEqual(['orderId', 'purchaseOrderNumber']);
    expect(fieldsInError({ purchaseOrderNumber: 'PO-1' })).toEqual([]);
    expect(fieldsInError({ orderId: '5d0f6f1e-2f4e-4b6a-9c1d-3e2f1a0b9c8d' })).toEqual([]);
    expect(fieldsInError({ orderId: 'not-a-uuid' })).toEqual(['orderId']);
    expect(fieldsInError({ orderId: 'not-a-uuid', purchaseOrderNumber: '' })).toEqual(['orderId', 'purchaseOrderNumber']);
  });
});
