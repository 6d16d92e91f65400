import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req, UseGuards } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { SandboxError } from '../sandbox.error.js';
import { ErpAuthGuard } from './erp-auth.guard.js';
import {
  CreateBusinessPartnerDto,
  CreateBusinessPartnerTaxNumberDto,
  UpdateBusinessPartnerAddressDto,
  UpdateBusinessPartnerDto,
  UpdateBusinessPartnerTaxNumberDto,
} from './erp.dto.js';
import type { ErpBusinessPartner, ErpBusinessPartnerAddress, ErpBusinessPartnerTaxNumber, ErpCustomer } from './erp.model.js';
import { ErpStore } from './erp.store.js';
import { keyLiteral, odataEntity, serviceRootOf, withMetadata } from './odata.format.js';
import { readEntitySet, type EntitySetSpec } from './odata.reader.js';
import { parseEntitySegment } from './odata-query.parser.js';

const SERVICE = 'API_BUSINESS_PARTNER';
const PARTNER_NAVIGATIONS = ['to_BusinessPartnerAddress', 'to_BusinessPartnerTax', 'to_Customer'];

const addressKey = (a: ErpBusinessPartnerAddress) => `BusinessPartner=${keyLiteral(a.BusinessPartner)},AddressID=${keyLiteral(a.AddressID)}`;
const taxKey = (t: ErpBusinessPartnerTaxNumber) => `BusinessPartner=${keyLiteral(t.BusinessPartner)},BPTaxType=${keyLiteral(t.BPTaxType)}`;

/**
 * API_BUSINESS_PARTNER: customers (`A_Customer`), business partners (`A_BusinessPartner`, deep insert with
 * address, tax numbers and the customer role), their addresses and tax numbers. Writes need a CSRF token;
 * PATCH answers 204 as in SAP.
 */
@Controller(`sap/opu/odata/sap/${SERVICE}`)
@UseGuards(ErpAuthGuard)
export class ErpBusinessPartnerController {
  constructor(private readonly store: ErpStore) {}

  /** `A_Customer`, `A_BusinessPartner`, `A_BusinessPartnerAddress`, `A_BusinessPartnerTaxNumber`, or one of the first two by key. */
  @Get(':segment')
  read(@Param('segment') segment: string, @Query() query: Record<string, unknown>, @Req() request: FastifyRequest): object {
    const set = setOf(segment);
    if (set === 'A_BusinessPartner') return readEntitySet(this.partnerSpec(), segment, query, request);
    if (set === 'A_BusinessPartnerAddress') return readEntitySet(this.addressSpec(), segment, query, request);
    if (set === 'A_BusinessPartnerTaxNumber') return readEntitySet(this.taxSpec(), segment, query, request);
    return readEntitySet(this.customerSpec(), segment, query, request);
  }

  /** Deep insert: the organisation with `to_BusinessPartnerAddress`, `to_BusinessPartnerTax` and `to_Customer`. */
  @Post('A_BusinessPartner')
  @HttpCode(201)
  create(@Body() body: CreateBusinessPartnerDto, @Req() request: FastifyRequest): object {
    const { header } = this.store.createBusinessPartner(body);
    const root = serviceRootOf(request);
    const uri = `${root}/${SERVICE}/A_BusinessPartner(${keyLiteral(header.BusinessPartner)})`;
    return odataEntity(withMetadata(uri, `${SERVICE}.A_BusinessPartnerType`, this.renderPartner(header, root, uri, PARTNER_NAVIGATIONS)));
  }

  @Post('A_BusinessPartnerTaxNumber')
  @HttpCode(201)
  addTaxNumber(@Body() body: CreateBusinessPartnerTaxNumberDto, @Req() request: FastifyRequest): object {
    this.store.addBusinessPartnerTaxNumber(body.BusinessPartner, body.BPTaxType, body.BPTaxNumber);
    const tax = { BusinessPartner: body.BusinessPartner, BPTaxType: body.BPTaxType, BPTaxNumber: body.BPTaxNumber };
    const uri = `${serviceRootOf(request)}/${SERVICE}/A_BusinessPartnerTaxNumber(${taxKey(tax)})`;
    return odataEntity(withMetadata(uri, `${SERVICE}.A_BusinessPartnerTaxNumberType`, tax));
  }

  /** `A_BusinessPartner('…')`, `A_BusinessPartnerAddress(BusinessPartner='…',AddressID='1')` or `A_BusinessPartnerTaxNumber(BusinessPartner='…',BPTaxType='US01')`. */
  @Patch(':segment')
  @HttpCode(204)
  update(@Param('segment') segment: string, @Body() body: unknown): void {
    const { set, keys } = parseKeys(segment);
    if (set === 'A_BusinessPartner' && keys.BusinessPartner) {
      this.store.updateBusinessPartner(keys.BusinessPartner, validated(UpdateBusinessPartnerDto, body));
    } else if (set === 'A_BusinessPartnerAddress' && keys.BusinessPartner && keys.AddressID) {
      this.store.updateBusinessPartnerAddress(keys.BusinessPartner, keys.AddressID, validated(UpdateBusinessPartnerAddressDto, body));
    } else if (set === 'A_BusinessPartnerTaxNumber' && keys.BusinessPartner && keys.BPTaxType) {
      this.store.updateBusinessPartnerTaxNumber(keys.BusinessPartner, keys.BPTaxType, validated(UpdateBusinessPartnerTaxNumberDto, body).BPTaxNumber);
    } else {
      throw new SandboxError(404, `Resource not found for segment '${segment}'`);
    }
  }

  private customerSpec(): EntitySetSpec<ErpCustomer> {
    const rows = [...this.store.customers.values()];
    return { service: SERVICE, set: 'A_Customer', type: `${SERVICE}.A_CustomerType`, rows, keyOf: (c) => c.Customer, fields: Object.keys(rows[0]!) };
  }

  private partnerSpec(): EntitySetSpec<ErpBusinessPartner> {
    const rows = [...this.store.businessPartners.values()].map((r) => r.header);
    return {
      service: SERVICE,
      set: 'A_BusinessPartner',
      type: `${SERVICE}.A_BusinessPartnerType`,
      rows,
      keyOf: (p) => p.BusinessPartner,
      fields: Object.keys(rows[0]!),
      navigations: PARTNER_NAVIGATIONS,
      render: (partner, { uri, root, expand }) => this.renderPartner(partner, root, uri, expand),
    };
  }

  private addressSpec(): EntitySetSpec<ErpBusinessPartnerAddress> {
    const rows = [...this.store.businessPartners.values()].map((r) => r.address);
    const type = `${SERVICE}.A_BusinessPartnerAddressType`;
    return {
      service: SERVICE,
      set: 'A_BusinessPartnerAddress',
      type,
      rows,
      keyOf: (a) => a.AddressID,
      keyPredicate: addressKey,
      fields: Object.keys(rows[0]!),
    };
  }

  private taxSpec(): EntitySetSpec<ErpBusinessPartnerTaxNumber> {
    const rows = [...this.store.businessPartners.values()].flatMap((r) => r.taxNumbers);
    const type = `${SERVICE}.A_BusinessPartnerTaxNumberType`;
    const fields = ['BusinessPartner', 'BPTaxType', 'BPTaxNumber'];
    return { service: SERVICE, set: 'A_BusinessPartnerTaxNumber', type, rows, keyOf: (t) => t.BPTaxNumber, keyPredicate: taxKey, fields };
  }

  private renderPartner(partner: ErpBusinessPartner, root: string, uri: string, expand: readonly string[]): object {
    const record = this.store.businessPartner(partner.BusinessPartner);
    const at = (path: string) => `${root}/${SERVICE}/${path}`;
    const deferred = (name: string) => ({ __deferred: { uri: `${uri}/${name}` } });
    const customer = this.store.customers.get(partner.Customer);
    return {
      ...partner,
      to_BusinessPartnerAddress: expand.includes('to_BusinessPartnerAddress')
        ? { results: [withMetadata(at(`A_BusinessPartnerAddress(${addressKey(record.address)})`), `${SERVICE}.A_BusinessPartnerAddressType`, record.address)] }
        : deferred('to_BusinessPartnerAddress'),
      to_BusinessPartnerTax: expand.includes('to_BusinessPartnerTax')
        ? {
            results: record.taxNumbers.map((t) => withMetadata(at(`A_BusinessPartnerTaxNumber(${taxKey(t)})`), `${SERVICE}.A_BusinessPartnerTaxNumberType`, t)),
          }
        : deferred('to_BusinessPartnerTax'),
      to_Customer:
        expand.includes('to_Customer') && customer
          ? withMetadata(at(`A_Customer(${keyLiteral(customer.Customer)})`), `${SERVICE}.A_CustomerType`, customer)
          : deferred('to_Customer'),
    };
  }
}

function setOf(segment: string): string {
  try {
    return parseEntitySegment(segment).set;
  } catch {
    return /^([A-Za-z_]\w*)/.exec(segment)?.[1] ?? segment;
  }
}

/** `Set('k')` or `Set(A='1',B='2')` -> the set and its key properties (a bare key is named `BusinessPartner`). */
function parseKeys(segment: string): { set: string; keys: Record<string, string> } {
  const match = /^([A-Za-z_]\w*)\((.*)\)$/.exec(segment);
  if (!match) throw new SandboxError(404, `Resource not found for segment '${segment}'`);
  const keys: Record<string, string> = {};
  const single = /^'((?:[^']|'')*)'$/.exec(match[2]!);
  if (single) keys.BusinessPartner = single[1]!.replace(/''/g, "'");
  else for (const pair of match[2]!.matchAll(/(\w+)='((?:[^']|'')*)'/g)) keys[pair[1]!] = pair[2]!.replace(/''/g, "'");
  return { set: match[1]!, keys };
}

/** PATCH bodies differ per entity set, so they are validated here rather than by the route's parameter type. */
function validated<T extends object>(cls: new () => T, body: unknown): T {
  const instance = plainToInstance(cls, (body ?? {}) as object);
  const errors = validateSync(instance, { whitelist: true });
  if (errors.length) {
    throw new SandboxError(400, `Invalid request body: ${errors.flatMap((e) => Object.values(e.constraints ?? {})).join('; ')}`);
  }
  return instance;
}
