import { CursorPageQueryDto, EventEnvelopeDto } from '@contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { DEAD_LETTER_STATUSES, type DeadLetter, type DeadLetterPage, type DeadLetterStatus } from './dead-letter.repository.js';
import type { ReplayOutcome, ReplayResult } from './dead-letters.service.js';

export class ListDeadLettersQueryDto extends CursorPageQueryDto {
  @ApiPropertyOptional({ enum: DEAD_LETTER_STATUSES, example: 'open', description: 'Only dead letters in this status.' })
  @IsOptional()
  @IsIn(DEAD_LETTER_STATUSES)
  readonly status?: DeadLetterStatus;

  @ApiPropertyOptional({ maxLength: 200, example: 'order-fulfilment', description: 'Only dead letters of this consumer.' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  readonly consumer?: string;
}

export class ReplayDeadLettersDto {
  @ApiProperty({ type: [String], example: ['5f1d7c1e-2b9a-4c8e-9d3f-0a1b2c3d4e5f'], description: 'Open dead letters to replay, at most 100.' })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  readonly ids!: string[];
}

export class DiscardDeadLetterDto {
  @ApiProperty({
    minLength: 1,
    maxLength: 1_000,
    example: 'order cancelled in the ERP before the shipment event arrived',
    description: 'Why the event is given up; kept for audit.',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1_000)
  readonly reason!: string;
}

export class DeadLetterDto {
  @ApiProperty({ example: '5f1d7c1e-2b9a-4c8e-9d3f-0a1b2c3d4e5f' })
  readonly id!: string;

  @ApiProperty({ example: 'order-fulfilment', description: 'The consumer that could not apply the event.' })
  readonly consumer!: string;

  @ApiProperty({ example: '0b6f3c1e-6c1a-4b7e-9b2a-1f2e3d4c5b6a' })
  readonly eventId!: string;

  @ApiProperty({ example: 'shipment.confirmed' })
  readonly type!: string;

  @ApiProperty({ example: 'order 4500000001 not found', description: 'The last failure.' })
  readonly error!: string;

  @ApiProperty({ example: 5, description: 'Deliveries and replays so far.' })
  readonly attempts!: number;

  @ApiPropertyOptional({ example: 'c0ffee00-1234-4abc-9def-000000000001' })
  readonly correlationId?: string;

  @ApiProperty({ enum: DEAD_LETTER_STATUSES, example: 'open' })
  readonly status!: DeadLetterStatus;

  @ApiProperty({ example: '2026-11-24T15:00:00.000Z' })
  readonly createdAt!: string;

  @ApiPropertyOptional({ example: '2026-11-24T16:00:00.000Z', description: 'When it was replayed or discarded.' })
  readonly resolvedAt?: string;

  @ApiPropertyOptional({ example: 'duplicate of a manual correction', description: 'Why it was discarded.' })
  readonly reason?: string;

  @ApiProperty({ type: EventEnvelopeDto, description: 'The event as it was published.' })
  readonly event!: EventEnvelopeDto;

  static from(letter: DeadLetter): DeadLetterDto {
    return {
      id: letter.id,
      consumer: letter.consumer,
      eventId: letter.eventId,
      type: letter.type,
      error: letter.error,
      attempts: letter.attempts,
      correlationId: letter.correlationId,
      status: letter.status,
      createdAt: letter.createdAt.toISOString(),
      resolvedAt: letter.resolvedAt?.toISOString(),
      reason: letter.status === 'discarded' ? letter.reason : undefined,
      event: letter.event,
    };
  }
}

export class DeadLetterPageDto {
  @ApiProperty({ type: [DeadLetterDto] })
  readonly items!: DeadLetterDto[];

  @ApiPropertyOptional({ example: 'ZGw6NDI', description: 'Pass as `cursor` for the next page; absent on the last one.' })
  readonly nextCursor?: string;

  static from(page: DeadLetterPage): DeadLetterPageDto {
    return { items: page.items.map((l) => DeadLetterDto.from(l)), nextCursor: page.nextCursor };
  }
}

export class ReplayResultDto {
  @ApiProperty({ example: '5f1d7c1e-2b9a-4c8e-9d3f-0a1b2c3d4e5f' })
  readonly id!: string;

  @ApiProperty({
    enum: ['applied', 'duplicate', 'failed'],
    example: 'applied',
    description: 'applied: the effect ran now; duplicate: it had been applied before (no second effect); failed: it failed again and stays open.',
  })
  readonly outcome!: ReplayOutcome;

  @ApiProperty({ type: DeadLetterDto })
  readonly deadLetter!: DeadLetterDto;
}

export class ReplayResponseDto {
  @ApiProperty({ type: [ReplayResultDto] })
  readonly results!: ReplayResultDto[];

  static from(results: readonly ReplayResult[]): ReplayResponseDto {
    return { results: results.map((r) => ({ id: r.deadLetter.id, outcome: r.outcome, deadLetter: DeadLetterDto.from(r.deadLetter) })) };
  }
}
