import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Matches } from 'class-validator';
import { CursorPageQueryDto } from '../model/common.dto.js';

/** GET …/audit: oldest first from `since`, keyset-paged. */
export class AuditQueryDto extends CursorPageQueryDto {
  @ApiPropertyOptional({ example: '2026-12-05T00:00:00Z', description: 'Only entries at or after this instant (ISO 8601).' })
  @IsOptional()
  @IsISO8601()
  readonly since?: string;

  @ApiPropertyOptional({ example: 'dead_letter.replayed', description: 'Only entries of this action.' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z_.]{1,64}$/)
  readonly action?: string;
}

export class AuditEntryDto {
  @ApiProperty({ example: '0b3e2c1a-5d4f-4a8e-9c7b-1a2b3c4d5e6f' })
  readonly id!: string;

  @ApiProperty({ example: '2026-12-05T18:40:12.123456Z' })
  readonly at!: string;

  @ApiProperty({ example: 'operator', description: '`operator`, `service`, `client` or `anonymous`.' })
  readonly actorKind!: string;

  @ApiProperty({ example: 'ops', description: "The operator's client id, the calling service, or the caller's address for anonymous calls." })
  readonly actor!: string;

  @ApiProperty({ example: 'dead_letter.replayed' })
  readonly action!: string;

  @ApiPropertyOptional({ example: '5b0f4c1e-1111-4a7e-9b2a-1f2e3d4c5b6a', description: 'What the action was on (a dead letter id, a client id, a key id).' })
  readonly target?: string;

  @ApiProperty({ example: 'success', enum: ['success', 'failure', 'refused'] })
  readonly outcome!: string;

  @ApiProperty({ example: { outcome: 'applied' }, type: Object })
  readonly detail!: Record<string, unknown>;

  @ApiPropertyOptional({ example: 'c0ffee00-0000-4000-8000-000000000001' })
  readonly correlationId?: string;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEntryDto] })
  readonly items!: AuditEntryDto[];

  @ApiPropertyOptional({ description: 'Pass as `cursor` for the next page; absent on the last one.' })
  readonly nextCursor?: string;
}
