import { Injectable, Logger } from '@nestjs/common';
import { SystemApiClient, type AccountDto, type AccountOutcome, type CustomerDto, type MatchedBy, type UpsertAccountDto } from '@contracts';
import { AccountRepository, type CrmFields } from '../account.repository.js';
import { findDuplicate, matchKeys } from '../domain/duplicate-match.js';
import { crmOwnedFields, erpMasterFor, ignoredFieldWarnings } from '../domain/field-ownership.js';

/** Longer than the ERP calls of one PUT can take behind their breakers; after it, a dead request's claim is taken over. */
const CLAIM_TTL_MS = 30_000;

export interface UpsertedAccount {
  readonly account: AccountDto;
  readonly created: boolean;
}

/**
 * PUT of a CRM account: the first one links the account to the ERP customer of the same company (same tax id,
 * or same name and postal code) or creates one; later ones update that customer. Idempotent: a repeated PUT
 * finds the link (or, if the first died after the ERP write, the customer it created) and changes nothing more.
 */
@Injectable()
export class UpsertAccountService {
  private readonly logger = new Logger(UpsertAccountService.name);

  constructor(
    private readonly accounts: AccountRepository,
    private readonly system: SystemApiClient,
  ) {}

  async execute(crmAccountId: string, request: UpsertAccountDto): Promise<UpsertedAccount> {
    const crm = crmOwnedFields(request);
    const claim = await this.accounts.claim(crmAccountId, matchKeys({ ...request, postalCode: request.address.postalCode }), CLAIM_TTL_MS);
    if (claim.kind === 'linked') {
      const current = await this.system.getCustomer(claim.customerId);
      const customer = await this.system.updateCustomer(claim.customerId, erpMasterFor(request, current));
      await this.accounts.updateCrmFields(crmAccountId, crm);
      return { account: this.answer(crmAccountId, request, customer, crm, 'updated', claim.matchedBy), created: false };
    }
    try {
      const { customer, matchedBy } = await this.linkOrCreate(request);
      if (!(await this.accounts.complete(crmAccountId, claim.token, customer.customerId, matchedBy, crm))) {
        // our claim expired and another request took it over: it links to this same customer by duplicate detection
        this.logger.warn(`Claim of CRM account ${crmAccountId} expired before it completed`);
      }
      const outcome: AccountOutcome = matchedBy ? 'linked' : 'created';
      return { account: this.answer(crmAccountId, request, customer, crm, outcome, matchedBy), created: !matchedBy };
    } catch (error) {
      await this.accounts.release(crmAccountId, claim.token);
      throw error;
    }
  }

  private async linkOrCreate(request: UpsertAccountDto): Promise<{ customer: CustomerDto; matchedBy: MatchedBy | null }> {
    const taxNumber = request.taxId ? erpMasterFor(request).taxNumber : undefined;
    const candidates = await this.system.findCustomers({ taxNumber, postalCode: request.address.postalCode.trim() });
    const match = findDuplicate({ name: request.name, postalCode: request.address.postalCode, taxId: request.taxId }, candidates);
    if (!match) return { customer: await this.system.createCustomer(erpMasterFor(request)), matchedBy: null };
    const customer = await this.system.updateCustomer(match.customer.customerId, erpMasterFor(request, match.customer));
    return { customer, matchedBy: match.matchedBy };
  }

  private answer(
    crmAccountId: string,
    request: UpsertAccountDto,
    customer: CustomerDto,
    crm: CrmFields,
    outcome: AccountOutcome,
    matchedBy: MatchedBy | null,
  ): AccountDto {
    const { limit, exposure, blocked, blockReason } = customer.credit;
    return {
      crmAccountId,
      erpAccountNumber: customer.customerId,
      outcome,
      created: outcome === 'created',
      matchedBy,
      name: customer.name,
      address: { city: customer.city ?? '', postalCode: customer.postalCode, region: customer.region, country: customer.country },
      ...(customer.taxNumber ? { taxId: customer.taxNumber } : {}),
      crm,
      credit: {
        limit,
        exposure,
        available: Math.max(Math.round((limit - exposure) * 100) / 100, 0),
        blocked,
        ...(blockReason ? { blockReason } : {}),
        currency: customer.currency,
      },
      pricingGroup: customer.priceGroup ?? null,
      paymentTerms: customer.paymentTerms,
      warnings: ignoredFieldWarnings(request),
    };
  }
}
