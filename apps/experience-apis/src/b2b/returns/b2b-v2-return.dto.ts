import { ApiProperty } from '@nestjs/swagger';
import { ReturnLineDto, ReturnListFilterDto, RETURN_STATUSES, type ReturnStatus } from '@contracts';
import { B2bV2MoneyDto } from '../v2/b2b-v2.dto.js';

/** The credit memo of a return, money as decimal strings like every v2 amount. */
export class B2bV2ReturnCreditDto {
  @ApiProperty({ example: '90000002', description: 'The credit memo number (an ERP billing document of credit type).' })
  readonly creditMemoNumber!: string;

  @ApiProperty({ type: B2bV2MoneyDto, description: 'Net amount credited, positive.' })
  readonly net!: B2bV2MoneyDto;

  @ApiProperty({ type: B2bV2MoneyDto, description: 'Tax credited, positive.' })
  readonly tax!: B2bV2MoneyDto;

  @ApiProperty({ type: B2bV2MoneyDto, description: 'Net plus tax.' })
  readonly total!: B2bV2MoneyDto;

  @ApiProperty({ type: [String], example: ['90000001'], description: 'The invoices whose price and tax were credited.' })
  readonly invoiceNumbers!: string[];

  @ApiProperty({ example: '2026-12-07T10:15:00.000Z' })
  readonly creditedAt!: string;
}

/**
 * A return (RMA) as a partner sees it: the decision per line, what the warehouse received and the
 * credit. Like the order resource it never shows the ERP customer, the partner or the channel.
 */
export class B2bV2ReturnDto {
  @ApiProperty({ format: 'uuid', example: '3b5c8f0e-7a1d-4c2b-9e6f-1a2b3c4d5e6f' })
  readonly returnId!: string;

  @ApiProperty({ type: String, nullable: true, example: 'RMA-2026-000123', description: 'Write it on every parcel you send back; null when refused.' })
  readonly rmaNumber!: string | null;

  @ApiProperty({
    enum: RETURN_STATUSES,
    example: 'authorized',
    description:
      'refused (nothing may come back: see each line’s `refusal`), authorized or partially_authorized (send the authorized quantities), received (the goods arrived; the credit follows), exception (more arrived than was authorized: we will contact you), credited (final).',
  })
  readonly status!: ReturnStatus;

  @ApiProperty({ format: 'uuid', example: '5d0f6f1e-2f4e-4b6a-9c1d-3e2f1a0b9c8d' })
  readonly orderId!: string;

  @ApiProperty({ type: String, nullable: true, example: 'PO-2026-0042' })
  readonly purchaseOrderNumber!: string | null;

  @ApiProperty({ type: [ReturnLineDto], description: 'One per requested line, in the order of your request, with the decision and its reason.' })
  readonly lines!: ReturnLineDto[];

  @ApiProperty({
    type: String,
    nullable: true,
    example: '60000001',
    description: 'The ERP customer return; null until it is created (and for a refused return).',
  })
  readonly erpReturnNumber!: string | null;

  @ApiProperty({ type: B2bV2ReturnCreditDto, nullable: true, description: 'The credit memo, once posted (after the goods are received).' })
  readonly credit!: B2bV2ReturnCreditDto | null;

  @ApiProperty({ type: String, nullable: true, example: 'Pallet arrived crushed on one side.' })
  readonly notes!: string | null;

  @ApiProperty({ example: '2026-12-07T10:00:00.000Z' })
  readonly createdAt!: string;

  @ApiProperty({ example: '2026-12-07T10:15:00.000Z' })
  readonly updatedAt!: string;
}

/** Filters and page of your return list: order, status, cursor, limit. */
export class B2bReturnListQueryDto extends ReturnListFilterDto {}

export class B2bV2ReturnPageDto {
  @ApiProperty({ type: [B2bV2ReturnDto], description: 'Your returns, newest first.' })
  readonly returns!: B2bV2ReturnDto[];

  @ApiProperty({ type: String, nullable: true, example: null, description: 'Pass as `cursor` for the next page; null on the last page.' })
  readonly nextCursor!: string | null;
}
