import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { CLIENT_ID_PATTERN, ClientRateLimitsDto } from '../../auth/clients/onboarding.dto.js';
import type { TradingPartnerRecord } from './trading-partner.repository.js';
import { CursorPageQueryDto } from '@contracts';
import type { OutboundDocumentType } from '../../experience.config.js';

export const OUTBOUND_DOCUMENT_TYPES = ['855', '856', '810', '180'] as const satisfies readonly OutboundDocumentType[];
/** A separator: one printable character that is not a letter, digit or space (it must never occur in data). */
const SEPARATOR = /^[^A-Za-z0-9\s]$/;
/** ISA ids and GS ids: printable, no separators likely (X12 basic character set). */
// spelled without the `i` flag so the catalog can carry it as a pattern
const X12_ID = /^[A-Za-z0-9 .\-_]+$/;

export class SeparatorsDto {
  @ApiProperty({ example: '*', description: 'Element separator (ISA byte 4).' })
  @Matches(SEPARATOR, { message: 'element must be one character, not a letter, digit or space' })
  readonly element!: string;

  @ApiProperty({ example: '>', description: 'Component (sub-element) separator (ISA16).' })
  @Matches(SEPARATOR, { message: 'component must be one character, not a letter, digit or space' })
  readonly component!: string;

  @ApiProperty({ example: '~', description: 'Segment terminator.' })
  @Matches(/^[^A-Za-z0-9 ]$/, { message: 'segment must be one character, not a letter, digit or space' })
  readonly segment!: string;

  @ApiPropertyOptional({ example: '^', default: '^', description: 'Repetition separator (ISA11).' })
  @IsOptional()
  @Matches(SEPARATOR, { message: 'repetition must be one character, not a letter, digit or space' })
  readonly repetition?: string;
}

export class PartNumberCrossReferenceDto {
  @ApiProperty({ example: 'HOO-TOWEL-9', maxLength: 48, description: "The buyer's part number (PO1 qualifier BP)." })
  @IsString()
  @IsNotEmpty()
  @MaxLength(48)
  readonly buyerPartNumber!: string;

  @ApiProperty({ example: 'SKU-1020', maxLength: 40, description: 'Our SKU it stands for.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  readonly sku!: string;
}

export class OnboardTradingPartnerDto {
  @ApiProperty({
    example: 'hooli-edi',
    pattern: CLIENT_ID_PATTERN.source,
    description: 'The trading partner id; also the id of the OAuth client created for it.',
  })
  @IsString()
  @Matches(CLIENT_ID_PATTERN, { message: 'tradingPartnerId must be 2 to 64 lower-case letters, digits, dots, dashes or underscores' })
  readonly tradingPartnerId!: string;

  @ApiProperty({ example: 'Hooli Facilities (X12)', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  readonly name!: string;

  @ApiProperty({ example: '10100006', maxLength: 10, description: 'The ERP customer its orders are for; must exist in the ERP.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(10)
  readonly customerId!: string;

  @ApiProperty({ example: 'ZZ', description: 'Its ISA05 interchange id qualifier.' })
  @IsString()
  @Length(2, 2)
  @Matches(/^[A-Z0-9]{2}$/, { message: 'isaQualifier must be two upper-case letters or digits' })
  readonly isaQualifier!: string;

  @ApiProperty({ example: 'HOOLIFAC', minLength: 1, maxLength: 15, description: 'Its ISA06 sender id (unique with the qualifier).' })
  @IsString()
  @Length(1, 15)
  @Matches(X12_ID, { message: 'isaId must be letters, digits, spaces, dots, dashes or underscores' })
  readonly isaId!: string;

  @ApiProperty({ example: 'HOOLIFAC', minLength: 1, maxLength: 15, description: 'Its GS02 application sender code.' })
  @IsString()
  @Length(1, 15)
  @Matches(X12_ID, { message: 'gsId must be letters, digits, spaces, dots, dashes or underscores' })
  readonly gsId!: string;

  @ApiPropertyOptional({ example: 'ZZ', default: 'ZZ', description: 'Our ISA qualifier towards it.' })
  @IsOptional()
  @Matches(/^[A-Z0-9]{2}$/, { message: 'ourIsaQualifier must be two upper-case letters or digits' })
  readonly ourIsaQualifier?: string;

  @ApiPropertyOptional({ example: 'DISTGATEWAY', default: 'DISTGATEWAY', minLength: 1, maxLength: 15, description: 'Our ISA id towards it.' })
  @IsOptional()
  @Length(1, 15)
  @Matches(X12_ID, { message: 'ourIsaId must be letters, digits, spaces, dots, dashes or underscores' })
  readonly ourIsaId?: string;

  @ApiPropertyOptional({ example: 'DISTGATEWAY', default: 'DISTGATEWAY', minLength: 1, maxLength: 15, description: 'Our GS id towards it.' })
  @IsOptional()
  @Length(1, 15)
  @Matches(X12_ID, { message: 'ourGsId must be letters, digits, spaces, dots, dashes or underscores' })
  readonly ourGsId?: string;

  @ApiPropertyOptional({
    type: SeparatorsDto,
    description:
      'Separators of the documents we send it; default * > ~ ^ (a separator left out keeps its default). The four must differ. Received interchanges declare their own in the ISA.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => SeparatorsDto)
  readonly separators?: SeparatorsDto;

  @ApiPropertyOptional({ enum: ['T', 'P'], default: 'P', description: 'ISA15 of the documents we send: test or production.' })
  @IsOptional()
  @IsIn(['T', 'P'])
  readonly usage?: 'T' | 'P';

  @ApiProperty({
    enum: OUTBOUND_DOCUMENT_TYPES,
    isArray: true,
    uniqueItems: true,
    example: ['855', '856', '810'],
    description:
      'The documents it wants besides the 997 (always sent): 855 acknowledgment, 856 ship notice, 810 invoice, 180 return merchandise authorization and notification (returns of its EDI orders).',
  })
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(OUTBOUND_DOCUMENT_TYPES.length)
  @IsIn(OUTBOUND_DOCUMENT_TYPES, { each: true })
  readonly documents!: OutboundDocumentType[];

  @ApiPropertyOptional({ type: [PartNumberCrossReferenceDto], description: 'Its part numbers (PO1 BP) and our SKU for each; at most 5,000.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5_000)
  @ValidateNested({ each: true })
  @Type(() => PartNumberCrossReferenceDto)
  readonly partNumbers?: PartNumberCrossReferenceDto[];

  @ApiPropertyOptional({
    example: 'hooli',
    description:
      'An existing partner client (same ERP customer) to send as, e.g. its VAN; without it a client of this id is created and its secret returned once.',
  })
  @IsOptional()
  @Matches(CLIENT_ID_PATTERN, { message: 'clientId must be 2 to 64 lower-case letters, digits, dots, dashes or underscores' })
  readonly clientId?: string;

  @ApiPropertyOptional({ type: ClientRateLimitsDto, description: 'Limits of the client created for it.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ClientRateLimitsDto)
  readonly rateLimits?: ClientRateLimitsDto;
}

export class ListTradingPartnersQueryDto extends CursorPageQueryDto {}

export class TradingPartnerDto {
  @ApiProperty({ example: 'hooli-edi' })
  readonly tradingPartnerId!: string;

  @ApiProperty({ example: 'Hooli Facilities (X12)' })
  readonly name!: string;

  @ApiProperty({ example: 'hooli-edi', description: 'The OAuth client that sends its interchanges.' })
  readonly clientId!: string;

  @ApiProperty({ example: '10100006' })
  readonly customerId!: string;

  @ApiProperty({ example: 'ZZ' })
  readonly isaQualifier!: string;

  @ApiProperty({ example: 'HOOLIFAC' })
  readonly isaId!: string;

  @ApiProperty({ example: 'HOOLIFAC' })
  readonly gsId!: string;

  @ApiProperty({ example: 'ZZ' })
  readonly ourIsaQualifier!: string;

  @ApiProperty({ example: 'DISTGATEWAY' })
  readonly ourIsaId!: string;

  @ApiProperty({ example: 'DISTGATEWAY' })
  readonly ourGsId!: string;

  @ApiProperty({ type: SeparatorsDto })
  readonly separators!: SeparatorsDto;

  @ApiProperty({ enum: ['T', 'P'], example: 'P' })
  readonly usage!: 'T' | 'P';

  @ApiProperty({ enum: OUTBOUND_DOCUMENT_TYPES, isArray: true, example: ['855', '856', '810'] })
  readonly documents!: OutboundDocumentType[];

  @ApiProperty({ type: [PartNumberCrossReferenceDto] })
  readonly partNumbers!: PartNumberCrossReferenceDto[];

  @ApiProperty({ example: true, description: 'Disabled: its interchanges are refused and no documents are sent to it.' })
  readonly active!: boolean;

  @ApiProperty({ example: '2026-12-06T02:30:00.000Z' })
  readonly createdAt!: string;

  static from(p: TradingPartnerRecord): TradingPartnerDto {
    return {
      tradingPartnerId: p.tradingPartnerId,
      name: p.name,
      clientId: p.clientId,
      customerId: p.customerId,
      isaQualifier: p.isaQualifier,
      isaId: p.isaId,
      gsId: p.gsId,
      ourIsaQualifier: p.ourIsaQualifier,
      ourIsaId: p.ourIsaId,
      ourGsId: p.ourGsId,
      separators: { ...p.separators },
      usage: p.usage,
      documents: [...p.outboundDocuments],
      partNumbers: Object.entries(p.buyerPartNumbers).map(([buyerPartNumber, sku]) => ({ buyerPartNumber, sku })),
      active: p.active,
      createdAt: p.createdAt,
    };
  }
}

export class OnboardedTradingPartnerDto extends TradingPartnerDto {
  @ApiPropertyOptional({ example: 'q3Yx…', description: 'The secret of the client created for it, shown once (absent when it sends as an existing client).' })
  readonly clientSecret?: string;
}

export class TradingPartnerPageDto {
  @ApiProperty({ type: [TradingPartnerDto], description: 'Ordered by trading partner id.' })
  readonly tradingPartners!: TradingPartnerDto[];

  @ApiPropertyOptional({ type: String, description: 'Cursor of the next page; absent on the last page.' })
  readonly nextCursor?: string;
}
