import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, Max, Min } from 'class-validator';

export const EDI_DOCUMENT_TYPES = ['997', '855', '856', '810', '180'] as const;

export class EdiDocumentsQueryDto {
  @ApiPropertyOptional({ example: '2026-11-25T10:00:00.000Z', description: 'Only documents created after this instant (pass the last createdAt you saw).' })
  @IsOptional()
  @IsISO8601({ strict: true })
  readonly since?: string;

  @ApiPropertyOptional({ example: '856', enum: EDI_DOCUMENT_TYPES })
  @IsOptional()
  @IsIn(EDI_DOCUMENT_TYPES)
  readonly type?: (typeof EDI_DOCUMENT_TYPES)[number];

  @ApiPropertyOptional({ example: 100, default: 100, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  readonly limit?: number;
}

export class EdiAcknowledgmentDto {
  @ApiProperty({ example: 'A', enum: ['A', 'E', 'P', 'R'], description: 'AK901 of your 997 for this document.' })
  readonly status!: string;

  @ApiProperty({ example: '2026-11-25T15:10:00.000Z' })
  readonly at!: string;
}

export class EdiDocumentDto {
  @ApiProperty({ example: '0f8c2a9e-5b1d-4c3e-9a7f-2d6b8e1c4a90' })
  readonly documentId!: string;

  @ApiProperty({ example: '856', enum: EDI_DOCUMENT_TYPES })
  readonly documentType!: string;

  @ApiProperty({
    example: '1b2f43d7-ba37-4d94-a265-add22b3cc79a',
    description: 'The order (855), shipment (856), invoice (810) or your ISA13 (997) it is about.',
  })
  readonly reference!: string;

  @ApiProperty({ example: 12, description: 'ISA13 and GS06 of its interchange: increasing per trading partner, never reused.' })
  readonly controlNumber!: number;

  @ApiProperty({ example: '2026-11-25T15:00:02.120Z' })
  readonly createdAt!: string;

  @ApiProperty({
    example: 'ISA*00*          *00*          *ZZ*DISTGATEWAY    *ZZ*UMBRELLAMAINT  *261125*1500*U*00401*000000012*0*T*>~GS*SH*…',
    description: 'The whole X12 interchange.',
  })
  readonly raw!: string;

  @ApiPropertyOptional({ type: EdiAcknowledgmentDto, description: 'Once you sent a 997 for it (855, 856, 810).' })
  readonly acknowledgment?: EdiAcknowledgmentDto;
}

export class EdiDocumentListDto {
  @ApiProperty({ type: [EdiDocumentDto], description: 'Oldest first.' })
  readonly documents!: EdiDocumentDto[];
}
