import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsNotEmpty, IsString, MaxLength, Min, ValidateNested } from 'class-validator';

/*
 * Request fields the system layer's ERP and WMS bodies and queries share: one rule and its documentation each. The
 * description stays with the body that uses the field, since what it means differs (shipped, returned, credited).
 */

/**
 * Decorators stacked on a property run bottom-up, applyDecorators top-down: reversed, they register in the
 * order a stack lists them, so class-validator reports a field's errors in the same order as before.
 */
function stacked(...decorators: PropertyDecorator[]): PropertyDecorator {
  return applyDecorators(...decorators.reverse());
}

/** The ERP customer number (sold-to party), up to 10 characters. */
export function ErpCustomerIdField(): PropertyDecorator {
  return stacked(ApiProperty({ maxLength: 10, example: '10100001' }), IsString(), IsNotEmpty(), MaxLength(10));
}

/** The customer's purchase order number of an ERP sales order, up to 35 characters. */
export function PurchaseOrderNumberField(description?: string): PropertyDecorator {
  return stacked(
    ApiProperty({ maxLength: 35, example: 'PO-2026-0001', ...(description === undefined ? {} : { description }) }),
    IsString(),
    IsNotEmpty(),
    MaxLength(35),
  );
}

/** A sku, up to 40 characters. */
export function SkuField(description?: string): PropertyDecorator {
  return stacked(
    ApiProperty({ maxLength: 40, example: 'SKU-1001', ...(description === undefined ? {} : { description }) }),
    IsString(),
    IsNotEmpty(),
    MaxLength(40),
  );
}

/** A whole number of at least 1 (a quantity in base units, a line number). */
export function PositiveIntField(example: number, description: string): PropertyDecorator {
  return stacked(ApiProperty({ example, description }), IsInt(), Min(1));
}

/** The caller's id of the document (`what`: invoice, return, credit), kept on the ERP document to find it again after a lost answer. */
export function CallerReferenceField(what: string, example: string, maxLength: number): PropertyDecorator {
  return stacked(
    ApiProperty({ maxLength, example, description: `The caller's ${what} id, stored on the ERP document to find it again after a lost answer.` }),
    IsString(),
    IsNotEmpty(),
    MaxLength(maxLength),
  );
}

/** A document's lines: 1 to 500 of `type`, each validated. */
export function DocumentLinesField(type: new () => object): PropertyDecorator {
  return stacked(
    ApiProperty({ type: [type] }),
    IsArray(),
    ArrayMinSize(1),
    ArrayMaxSize(500),
    ValidateNested({ each: true }),
    Type(() => type),
  );
}
