import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength, Min } from 'class-validator';

/** A W3C traceparent, version 00. */
export const TRACEPARENT_PATTERN = /^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

/** Every event the gateway publishes or accepts, whatever its source. */
export class EventEnvelopeDto<T extends object = Record<string, unknown>> {
  @ApiProperty({ example: '0b6f3c1e-6c1a-4b7e-9b2a-1f2e3d4c5b6a', description: 'Unique per event; consumers de-duplicate on it.' })
  @IsUUID()
  readonly id!: string;

  @ApiProperty({ maxLength: 100, example: 'shipment.confirmed', description: 'Static event name.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  readonly type!: string;

  @ApiProperty({ example: 1 })
  @IsInt()
  @Min(1)
  readonly version!: number;

  @ApiProperty({ example: '2026-11-24T15:00:00.000Z' })
  @IsISO8601()
  readonly occurredAt!: string;

  @ApiProperty({ maxLength: 100, example: 'c0ffee00-1234-4abc-9def-000000000001' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  readonly correlationId!: string;

  @ApiPropertyOptional({ maxLength: 100, description: 'Id of the event or request that caused this one.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  readonly causationId?: string;

  @ApiProperty({ maxLength: 100, example: 'system-apis/wms' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  readonly source!: string;

  @ApiProperty({ maxLength: 200, example: 'order/4500000001', description: 'What the event is about.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  readonly subject!: string;

  @ApiProperty({ type: Object })
  @IsObject()
  readonly data!: T;

  @ApiPropertyOptional({
    example: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    description: 'W3C trace context of the work that wrote the event: its consumers continue that trace.',
  })
  @IsOptional()
  @Matches(TRACEPARENT_PATTERN)
  readonly traceparent?: string;

  @ApiPropertyOptional({ maxLength: 512, description: 'W3C tracestate going with traceparent.' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  readonly tracestate?: string;
}
