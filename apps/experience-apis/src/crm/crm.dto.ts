import { ApiProperty } from '@nestjs/swagger';
import { Order360Dto, Order360QueryDto } from '@contracts';

/** Pages of the order 360 view, as the process layer takes them. */
export class CrmOrdersQueryDto extends Order360QueryDto {}

/** The order 360 view of a CRM account: its ERP customer's orders from every channel. */
export class CrmOrder360PageDto {
  @ApiProperty({ example: 'crm-0016800000X1a2b' })
  readonly crmAccountId!: string;

  @ApiProperty({ example: '10100001', description: 'The ERP customer the account is linked to.' })
  readonly erpAccountNumber!: string;

  @ApiProperty({
    type: [Order360Dto],
    description: 'Newest first; channel says where each came from (b2b, edi). Each with legs, shipments, invoices, backorders and open exceptions.',
  })
  readonly orders!: Order360Dto[];

  @ApiProperty({ type: String, nullable: true, description: 'Cursor of the next page; null on the last page.' })
  readonly nextCursor!: string | null;
}
