import { Body, Controller, HttpCode, Param, Post, Put } from '@nestjs/common';
import type { ErpBillingDocumentRecord, ErpCustomer } from '../erp/erp.model.js';
import { ErpStore } from '../erp/erp.store.js';
import { BillingPolicyDto, CreditBlockDto } from './control.dto.js';

/** A billing document as the control surface shows it: camelCase, amounts as decimal strings. */
export interface BillingDocumentView {
  billingDocument: string;
  externalReference: string;
  customerId: string;
  grossAmount: string;
  currency: string;
  clearingStatus: 'open' | 'cleared';
}

export interface CreditBlockView {
  customerId: string;
  blocked: boolean;
  reason: string | null;
}

function billingView({ header }: ErpBillingDocumentRecord): BillingDocumentView {
  return {
    billingDocument: header.BillingDocument,
    externalReference: header.YY1_ExternalReference,
    customerId: header.SoldToParty,
    grossAmount: header.TotalGrossAmount,
    currency: header.TransactionCurrency,
    clearingStatus: header.InvoiceClearingStatus === 'C' ? 'cleared' : 'open',
  };
}

function creditView(customer: ErpCustomer): CreditBlockView {
  return { customerId: customer.Customer, blocked: customer.CreditIsBlocked, reason: customer.CreditBlockReason || null };
}

/** What accounts receivable and the credit department do in the ERP. */
@Controller('control/erp')
export class ControlErpController {
  constructor(private readonly store: ErpStore) {}

  /** Payment received: InvoiceClearingStatus becomes `C`. Idempotent. */
  @Post('billing-documents/:id/clear')
  @HttpCode(200)
  clear(@Param('id') id: string): BillingDocumentView {
    return billingView(this.store.clearBillingDocument(id));
  }

  /** Sets or lifts the block; A_Customer's CreditIsBlocked and CreditBlockReason follow. */
  @Put('customers/:customerId/credit-block')
  creditBlock(@Param('customerId') customerId: string, @Body() body: CreditBlockDto): CreditBlockView {
    return creditView(this.store.setCreditBlock(customerId, body.blocked, body.reason));
  }

  /** Sets A_Customer's YY1_BillingPolicy; orders placed afterwards are invoiced that way. */
  @Put('customers/:customerId/billing-policy')
  billingPolicy(@Param('customerId') customerId: string, @Body() body: BillingPolicyDto): { Customer: string; YY1_BillingPolicy: 'S' | 'D' } {
    const customer = this.store.setBillingPolicy(customerId, body.policy);
    return { Customer: customer.Customer, YY1_BillingPolicy: customer.YY1_BillingPolicy };
  }
}
