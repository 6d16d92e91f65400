import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  NotEquals,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { WMS_EVENT_CODES, type WmsEventCode } from '../wms/wms.model.js';

/** Replaces a system's faults; fields left out go back to normal. */
export class FaultsDto {
  @IsOptional()
  @IsBoolean()
  down?: boolean;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(120_000)
  latencyMs?: number;

  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  errorRate?: number;

  @IsOptional()
  @IsBoolean()
  loseWriteAnswers?: boolean;
}

export class ShipLineDto {
  @IsString()
  @IsNotEmpty()
  sku!: string;

  /** Eaches. */
  @IsInt()
  @Min(0)
  quantity!: number;
}

export class ShipDto {
  /** Omitted: everything ships as ordered. SKUs of the order left out are not picked. */
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ShipLineDto)
  lines?: ShipLineDto[];

  /** SCAC code; defaults to UPSN. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  carrier?: string;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  trackingNumber?: string;
}

export class WebhookDto {
  /** null clears it. */
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @IsNotEmpty()
  url!: string | null;
}

/** Goods received into available stock. */
export class ReceiptDto {
  @IsString()
  @IsNotEmpty()
  sku!: string;

  @IsString()
  @IsNotEmpty()
  warehouseId!: string;

  /** Eaches. */
  @IsInt()
  @Min(1)
  quantity!: number;

  /** Defaults to a new lot. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(20)
  lot?: string;
}

/** Stock found (positive) or written off (negative). */
export class AdjustmentDto {
  @IsString()
  @IsNotEmpty()
  sku!: string;

  @IsString()
  @IsNotEmpty()
  warehouseId!: string;

  /** Signed eaches, never zero. */
  @IsInt()
  @NotEquals(0)
  delta!: number;

  /** Free text, e.g. DAMAGED; the event carries it as `reason_code`. */
  @IsOptional()
  @IsString()
  @MaxLength(40)
  reason?: string;
}

/** A counted figure that replaces the available on hand. */
export class CycleCountDto {
  @IsString()
  @IsNotEmpty()
  sku!: string;

  @IsString()
  @IsNotEmpty()
  warehouseId!: string;

  /** Eaches counted in the available lots. */
  @IsInt()
  @Min(0)
  counted!: number;
}

/** Accounts receivable sets how a customer is invoiced: `S` per shipment, `D` once a day. */
export class BillingPolicyDto {
  @IsIn(['S', 'D'])
  policy!: 'S' | 'D';
}

/** The credit department sets (`blocked: true`) or lifts a customer's credit block. */
export class CreditBlockDto {
  @IsBoolean()
  blocked!: boolean;

  /** Shown as CreditBlockReason while blocked; defaults to a generic reason. Ignored when lifting. */
  @IsOptional()
  @IsString()
  @MaxLength(60)
  reason?: string;
}

/** Drift: on hand changes without the inventory event (reconciliation finds it). */
export class StockDriftDto {
  @IsString()
  @IsNotEmpty()
  sku!: string;

  @IsString()
  @IsNotEmpty()
  warehouseId!: string;

  /** Signed eaches, never zero. */
  @IsInt()
  @NotEquals(0)
  delta!: number;
}

/** Drift: the WMS loses the next `count` events of these codes (0 stops dropping them). */
export class DropEventsDto {
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(WMS_EVENT_CODES, { each: true })
  eventCodes!: WmsEventCode[];

  @IsInt()
  @Min(0)
  @Max(1000)
  count!: number;
}

/** What the operator decides for returned goods: back to available stock, to refurbishment, or to scrap. */
export const RETURN_DISPOSITIONS = ['restock', 'refurbish', 'scrap'] as const;
export type ReturnDisposition = (typeof RETURN_DISPOSITIONS)[number];

export class ReturnReceiptLineDto {
  @IsString()
  @IsNotEmpty()
  sku!: string;

  /** Eaches that arrived with this disposition. */
  @IsInt()
  @Min(1)
  quantity!: number;

  @IsIn(RETURN_DISPOSITIONS)
  disposition!: ReturnDisposition;

  /** Defaults to the lot the return expected, else (restock) a lot named after the RMA order. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(20)
  lot?: string;
}

/** The warehouse operator receives a return: what physically arrived, per SKU and disposition. */
export class ReturnReceiptDto {
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => ReturnReceiptLineDto)
  lines!: ReturnReceiptLineDto[];
}
