import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsISO8601, IsNotEmpty, IsObject, IsOptional, IsString, IsUUID, Min } from 'class-validator';

/** Every event the gateway publishes or accepts, whatever its source. */
export class EventEnvelopeDto<T extends object = Record<string, unknown>> {
  @ApiProperty({ example: '0b6f3c1e-6c1a-4b7e-9b2a-1f2e3d4c5b6a', description: 'Unique per event; consumers de-duplicate on it.' })
  @IsUUID()
  readonly id!: string;

  @ApiProperty({ example: 'shipment.confirmed', description: 'Static event name.' })
  @IsString()
  @IsNotEmpty()
  readonly type!: string;

  @ApiProperty({ example: 1 })
  @IsInt()
  @Min(1)
  readonly version!: number;

  @ApiProperty({ example: '2026-11-24T15:00:00.000Z' })
  @IsISO8601()
  readonly occurredAt!: string;

  @ApiProperty({ example: 'c0ffee00-1234-4abc-9def-000000000001' })
  @IsString()
  @IsNotEmpty()
  readonly correlationId!: string;

  @ApiPropertyOptional({ description: 'Id of the event or request that caused this one.' })
  @IsOptional()
  @IsString()
  readonly causationId?: string;

  @ApiProperty({ example: 'system-apis/wms' })
  @IsString()
  @IsNotEmpty()
  readonly source!: string;

  @ApiProperty({ example: 'order/4500000001', description: 'What the event is about.' })
  @IsString()
  @IsNotEmpty()
  readonly subject!: string;

  @ApiProperty({ type: Object })
  @IsObject()
  readonly data!: T;
}
