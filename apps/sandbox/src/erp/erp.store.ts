import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { SANDBOX_CONFIG, type SandboxConfig } from '../sandbox.config.js';
import { SandboxError } from '../sandbox.error.js';
import { seedCustomerPrices, seedCustomers } from '../seed/customers.seed.js';
import { seedItems } from '../seed/items.seed.js';
import { seedPurchaseOrders } from '../seed/purchase-orders.seed.js';
import { taxCents } from './erp-tax.policy.js';
import type {
  CreateBillingDocumentDto,
  CreateBillingDocumentItemDto,
  CreateBusinessPartnerDto,
  CreateCustomerReturnDto,
  CreateCustomerReturnItemDto,
  CreateSalesOrderDto,
  UpdateBusinessPartnerAddressDto,
  UpdateBusinessPartnerDto,
} from './erp.dto.js';
import type {
  ErpBillingDocument,
  ErpBillingDocumentItem,
  ErpBillingDocumentRecord,
  ErpBusinessPartnerRecord,
  ErpConditionRecord,
  ErpCustomer,
  ErpCustomerReturnItem,
  ErpCustomerReturnRecord,
  ErpProduct,
  ErpPurchaseOrder,
  ErpPurchaseOrderScheduleLine,
  ErpSalesOrderItem,
  ErpSalesOrderRecord,
} from './erp.model.js';
import { odataDate, parseODataDate, startOfDayUtc } from './odata.format.js';

const VALID_FROM = odataDate(Date.UTC(2025, 0, 1));
const VALID_TO = odataDate(Date.UTC(9999, 11, 31));
const DAY_MS = 86_400_000;
/** What the ERP gives a new customer until sales and credit management set their own values. */
const NEW_CUSTOMER_DEFAULTS = { CustomerPriceGroup: '01', PaymentTerms: 'NT30', Currency: 'USD', CreditLimitAmount: '10000.00' } as const;

/**
 * ERP master data, condition records, purchase orders, sales orders, customer returns, billing documents (invoices
 * and credit memos) and issued CSRF tokens.
 */
@Injectable()
export class ErpStore {
  customers = new Map<string, ErpCustomer>();
  businessPartners = new Map<string, ErpBusinessPartnerRecord>();
  products = new Map<string, ErpProduct>();
  conditions: ErpConditionRecord[] = [];
  salesOrders = new Map<string, ErpSalesOrderRecord>();
  purchaseOrders: ErpPurchaseOrder[] = [];
  scheduleLines: ErpPurchaseOrderScheduleLine[] = [];
  billingDocuments = new Map<string, ErpBillingDocumentRecord>();
  customerReturns = new Map<string, ErpCustomerReturnRecord>();
  private lastSalesOrder = 4_500_000_000;
  private lastBillingDocument = 90_000_000;
  private lastCustomerReturn = 60_000_000;
  private lastCustomer = 0;
  private readonly csrfTokens = new Map<string, number>();

  constructor(@Inject(SANDBOX_CONFIG) private readonly config: SandboxConfig) {
    this.reset();
  }

  /** Back to the seed; issued CSRF tokens stay valid, as a real ERP keeps sessions across data changes. */
  reset(): void {
    this.customers = new Map(
      seedCustomers.map((c) => [
        c.id,
        {
          Customer: c.id,
          CustomerName: c.name,
          CityName: c.city,
          PostalCode: c.postalCode,
          Region: c.region,
          Country: c.country,
          TaxNumber1: c.taxNumber,
          CustomerPriceGroup: c.priceGroup,
          PaymentTerms: c.paymentTerms,
          Currency: 'USD',
          CreditLimitAmount: c.creditLimit,
          CreditExposureAmount: c.creditExposure,
          CreditIsBlocked: c.creditBlockReason !== undefined,
          CreditBlockReason: c.creditBlockReason ?? '',
          CompleteDeliveryIsDefined: c.shipComplete,
          YY1_BackorderPolicy: c.backorderPolicy,
          YY1_BackorderUndated: c.backorderUndated,
          YY1_BillingPolicy: c.billingPolicy ?? 'S',
          YY1_ReturnWindowDays: c.returnWindowDays === undefined ? null : String(c.returnWindowDays),
        },
      ]),
    );
    const seededOn = odataDate(startOfDayUtc(Date.now()) - 365 * DAY_MS);
    this.businessPartners = new Map(
      seedCustomers.map((c) => [
        c.id,
        {
          header: {
            BusinessPartner: c.id,
            Customer: c.id,
            BusinessPartnerCategory: '2',
            BusinessPartnerGrouping: 'BP02',
            BusinessPartnerName: c.name,
            OrganizationBPName1: c.name,
            OrganizationBPName2: '',
            SearchTerm1: searchTerm(c.name),
            CreationDate: seededOn,
            LastChangeDate: seededOn,
          },
          address: {
            BusinessPartner: c.id,
            AddressID: '1',
            StreetName: '',
            HouseNumber: '',
            CityName: c.city,
            PostalCode: c.postalCode,
            Region: c.region,
            Country: c.country,
          },
          taxNumbers: [{ BusinessPartner: c.id, BPTaxType: 'US01', BPTaxNumber: c.taxNumber }],
        },
      ]),
    );
    this.lastCustomer = Math.max(...seedCustomers.map((c) => Number(c.id)));
    this.products = new Map(
      seedItems.map((item) => [
        item.sku,
        {
          Product: item.sku,
          ProductDescription: item.description,
          BaseUnit: 'EA',
          ProductGroup: item.group,
          GrossWeight: item.weightKg,
          WeightUnit: 'KG',
          YY1_NotReturnable: item.notReturnable ?? false,
          to_ProductUnitsOfMeasure: {
            results: [
              { Product: item.sku, AlternativeUnit: 'EA', QuantityNumerator: '1', QuantityDenominator: '1' },
              { Product: item.sku, AlternativeUnit: 'CS', QuantityNumerator: String(item.caseQty), QuantityDenominator: '1' },
            ],
          },
        },
      ]),
    );
    const prices = [...seedItems.map((item) => ({ customer: '', sku: item.sku, price: item.listPrice })), ...seedCustomerPrices];
    this.conditions = prices.map((p, index) => ({
      ConditionRecord: String(index + 1).padStart(10, '0'),
      ConditionType: 'PPR0',
      Material: p.sku,
      Customer: p.customer,
      ConditionRateValue: p.price,
      ConditionRateValueUnit: 'USD',
      ConditionQuantity: '1',
      ConditionQuantityUnit: 'EA',
      ConditionValidityStartDate: VALID_FROM,
      ConditionValidityEndDate: VALID_TO,
    }));
    this.seedPurchaseOrders(startOfDayUtc(Date.now()));
    this.salesOrders = new Map();
    this.lastSalesOrder = 4_500_000_000;
    this.billingDocuments = new Map();
    this.lastBillingDocument = 90_000_000;
    this.customerReturns = new Map();
    this.lastCustomerReturn = 60_000_000;
  }

  /** Purchase orders dated relative to `today` (midnight UTC), numbered from 4100000001. */
  private seedPurchaseOrders(today: number): void {
    const quantity = (value: number) => value.toFixed(3);
    this.purchaseOrders = [];
    this.scheduleLines = [];
    seedPurchaseOrders.forEach((po, index) => {
      const number = String(4_100_000_001 + index);
      this.purchaseOrders.push({
        PurchaseOrder: number,
        PurchaseOrderType: 'NB',
        CompanyCode: '1000',
        PurchasingOrganization: '1000',
        PurchasingGroup: '001',
        Supplier: po.supplier,
        PurchaseOrderDate: odataDate(today - po.orderedDaysAgo * DAY_MS),
        DocumentCurrency: 'USD',
        PurchasingProcessingStatus: '05',
      });
      po.lines.forEach((line, item) =>
        this.scheduleLines.push({
          PurchasingDocument: number,
          PurchasingDocumentItem: String((item + 1) * 10),
          ScheduleLine: '1',
          Material: line.sku,
          Plant: line.site,
          ScheduleLineOrderQuantity: quantity(line.quantity),
          RoughGoodsReceiptQty: quantity(line.received),
          OrderQuantityUnit: line.uom,
          ScheduleLineDeliveryDate: odataDate(today + line.dueInDays * DAY_MS),
        }),
      );
    });
  }

  issueCsrfToken(): string {
    const now = Date.now();
    for (const [token, expiresAt] of this.csrfTokens) if (expiresAt <= now) this.csrfTokens.delete(token);
    const token = randomBytes(18).toString('base64url');
    this.csrfTokens.set(token, now + this.config.csrfTokenTtlMs);
    return token;
  }

  isValidCsrfToken(token: string | undefined): boolean {
    const expiresAt = token ? this.csrfTokens.get(token) : undefined;
    return expiresAt !== undefined && expiresAt > Date.now();
  }

  /** The PPR0 record that prices a material for a customer: the customer's own, else the list price. */
  priceRecordFor(customer: string, material: string): ErpConditionRecord | undefined {
    return (
      this.conditions.find((c) => c.Material === material && c.Customer === customer) ??
      this.conditions.find((c) => c.Material === material && c.Customer === '')
    );
  }

  createSalesOrder(input: CreateSalesOrderDto): ErpSalesOrderRecord {
    const customer = this.soldTo(input.SoldToParty);
    const requestedDelivery = input.RequestedDeliveryDate === undefined ? undefined : parseODataDate(input.RequestedDeliveryDate);
    if (input.RequestedDeliveryDate !== undefined && requestedDelivery === undefined) {
      throw new SandboxError(400, `RequestedDeliveryDate '${input.RequestedDeliveryDate}' is not a valid Edm.DateTime`, '/IWBEP/CM_MGW_RT/022');
    }
    const salesOrder = String(this.lastSalesOrder + 1);
    const items = input.to_Item.results.map((line, index) => ({
      ...this.priceItem(
        salesOrder,
        line.SalesOrderItem ? Number(line.SalesOrderItem) : (index + 1) * 10,
        customer,
        line.Material,
        line.RequestedQuantity,
        line.RequestedQuantityUnit,
      ),
      UnderlyingPurchaseOrderItem: line.UnderlyingPurchaseOrderItem ?? '',
    }));
    const numbers = items.map((item) => Number(item.SalesOrderItem));
    if (numbers.some((n) => n < 1) || new Set(numbers).size !== numbers.length) {
      throw new SandboxError(400, 'Item numbers must be positive and unique within the sales document', 'V1/026');
    }
    this.lastSalesOrder++; // only once every item validated, so a rejected order burns no number

    const totalCents = items.reduce((sum, item) => sum + Math.round(Number(item.NetAmount) * 100), 0);
    const exposureCents = Math.round(Number(customer.CreditExposureAmount) * 100);
    const blocked = customer.CreditIsBlocked || exposureCents + totalCents > Math.round(Number(customer.CreditLimitAmount) * 100);
    if (!blocked) customer.CreditExposureAmount = ((exposureCents + totalCents) / 100).toFixed(2);
    const today = startOfDayUtc(Date.now());
    const record: ErpSalesOrderRecord = {
      header: {
        SalesOrder: salesOrder,
        SalesOrderType: input.SalesOrderType ?? 'OR',
        SalesOrganization: input.SalesOrganization ?? '1000',
        DistributionChannel: input.DistributionChannel ?? '10',
        OrganizationDivision: input.OrganizationDivision ?? '00',
        SoldToParty: customer.Customer,
        PurchaseOrderByCustomer: input.PurchaseOrderByCustomer ?? '',
        RequestedDeliveryDate: odataDate(startOfDayUtc(requestedDelivery ?? today)),
        TransactionCurrency: customer.Currency,
        TotalNetAmount: (totalCents / 100).toFixed(2),
        OverallSDProcessStatus: 'A',
        TotalCreditCheckStatus: blocked ? 'B' : 'A',
        DeliveryBlockReason: blocked ? '01' : '',
        CreationDate: odataDate(today),
        OverallSDDocumentRejectionSts: 'A',
      },
      items,
    };
    this.salesOrders.set(salesOrder, record);
    return record;
  }

  private soldTo(customerId: string): ErpCustomer {
    const customer = this.customers.get(customerId);
    if (!customer) throw new SandboxError(400, `Sold-to party ${customerId} does not exist`, 'V1/320');
    return customer;
  }

  private priceItem(
    salesOrder: string,
    itemNumber: number,
    customer: ErpCustomer,
    material: string,
    quantity: string,
    unit: string | undefined,
  ): ErpSalesOrderItem {
    const product = this.products.get(material);
    if (!product) throw new SandboxError(400, `Material ${material} does not exist`, 'SD_SALES/021');
    const orderUnit = unit ?? product.BaseUnit;
    const conversion = product.to_ProductUnitsOfMeasure.results.find((u) => u.AlternativeUnit === orderUnit);
    if (!conversion) throw new SandboxError(400, `Unit ${orderUnit} is not defined for material ${material}`, 'SD_SALES/040');
    const requested = Number(quantity);
    if (!(requested > 0)) throw new SandboxError(400, `Item ${itemNumber}: the requested quantity must be greater than zero`, 'SD_SALES/045');
    const price = this.priceRecordFor(customer.Customer, material);
    if (!price) throw new SandboxError(400, `No price (PPR0) found for material ${material}`, 'SD_SALES/082');
    // Condition records price per ConditionQuantity base units; the order quantity is converted to the base unit first.
    const baseQuantity = (requested * Number(conversion.QuantityNumerator)) / Number(conversion.QuantityDenominator);
    const rateCents = Math.round(Number(price.ConditionRateValue) * 100);
    const netCents = Math.round((rateCents * baseQuantity) / Number(price.ConditionQuantity));
    return {
      SalesOrder: salesOrder,
      SalesOrderItem: String(itemNumber),
      UnderlyingPurchaseOrderItem: '',
      SalesOrderItemText: product.ProductDescription,
      Material: material,
      RequestedQuantity: requested.toFixed(3),
      RequestedQuantityUnit: orderUnit,
      RequestedQuantityInBaseUnit: baseQuantity.toFixed(3),
      BaseUnit: product.BaseUnit,
      NetAmount: (netCents / 100).toFixed(2),
      NetPriceAmount: price.ConditionRateValue,
      NetPriceQuantity: price.ConditionQuantity,
      NetPriceQuantityUnit: price.ConditionQuantityUnit,
      TransactionCurrency: customer.Currency,
      SalesDocumentRjcnReason: '',
    };
  }

  /**
   * Bills sales order items: quantities as given (from the shipment), prices from the order item, tax by ship-to
   * region. Invariant: per sales order item, the base quantity billed over all billing documents never exceeds
   * the quantity ordered.
   */
  createBillingDocument(input: CreateBillingDocumentDto): ErpBillingDocumentRecord {
    const customer = this.soldTo(input.SoldToParty);
    if (input.BillingDocumentType === 'G2') return this.createCreditMemo(input, customer);
    if (input.YY1_ShipToRegion === undefined) throw new SandboxError(400, 'Invalid request body: YY1_ShipToRegion is required on an invoice');
    const stray = input.to_Item.find((line) => line.YY1_ReferenceInvoice !== undefined);
    if (stray) throw new SandboxError(400, 'Invalid request body: YY1_ReferenceInvoice is for credit memos (G2) only');
    const billingDocument = String(this.lastBillingDocument + 1);
    // Milli-units billed per `order/item` by this document so far, so two items of one request cannot together over-bill.
    const inThisDocument = new Map<string, number>();
    const items = input.to_Item.map((line, index) => this.billItem(billingDocument, (index + 1) * 10, input, line, inThisDocument));
    return this.recordBillingDocument(
      input,
      customer,
      { BillingDocument: billingDocument, BillingDocumentType: 'F2', SDDocumentCategory: 'M' },
      items,
      input.YY1_ShipToRegion,
    );
  }

  /**
   * Totals and keeps a billing document whose items all validated, only then taking its number, so a rejected
   * document burns none.
   */
  private recordBillingDocument(
    input: CreateBillingDocumentDto,
    customer: ErpCustomer,
    kind: Pick<ErpBillingDocument, 'BillingDocument' | 'BillingDocumentType' | 'SDDocumentCategory'>,
    items: ErpBillingDocumentItem[],
    shipToRegion: string,
  ): ErpBillingDocumentRecord {
    const sumCents = (field: 'NetAmount' | 'TaxAmount') => items.reduce((sum, item) => sum + toCents(item[field]), 0);
    const netCents = sumCents('NetAmount');
    const taxTotalCents = sumCents('TaxAmount');
    this.lastBillingDocument++;
    const record: ErpBillingDocumentRecord = {
      header: {
        ...kind,
        SalesOrganization: '1000',
        DistributionChannel: '10',
        Division: '00',
        BillingDocumentDate: odataDate(startOfDayUtc(Date.now())),
        SoldToParty: customer.Customer,
        PayerParty: customer.Customer,
        CustomerPaymentTerms: customer.PaymentTerms,
        TotalNetAmount: fromCents(netCents),
        TaxAmount: fromCents(taxTotalCents),
        TotalGrossAmount: fromCents(netCents + taxTotalCents),
        TransactionCurrency: customer.Currency,
        InvoiceClearingStatus: 'A',
        YY1_ExternalReference: input.YY1_ExternalReference,
        YY1_ShipToRegion: shipToRegion,
      },
      items,
    };
    this.billingDocuments.set(kind.BillingDocument, record);
    return record;
  }

  /**
   * Rejects (reason code) or reinstates ('' ) one sales order item. A rejected item is neither delivered nor
   * billed, and its value no longer counts against the customer's credit (unless the order was credit-blocked).
   */
  setItemRejection(salesOrder: string, salesOrderItem: string, reason: string): ErpSalesOrderItem {
    const order = this.salesOrders.get(salesOrder);
    if (!order) throw new SandboxError(404, `Resource not found for segment 'A_SalesOrderItem(SalesOrder='${salesOrder}',SalesOrderItem='${salesOrderItem}')'`);
    const item = order.items.find((i) => Number(i.SalesOrderItem) === Number(salesOrderItem));
    if (!item) throw new SandboxError(404, `Resource not found for segment 'A_SalesOrderItem(SalesOrder='${salesOrder}',SalesOrderItem='${salesOrderItem}')'`);
    if (reason && this.billedMilli(salesOrder, item.SalesOrderItem) > 0) {
      throw new SandboxError(400, `Item ${item.SalesOrderItem} of sales document ${salesOrder} is billed already and cannot be rejected`, 'V1/085');
    }
    const wasRejected = item.SalesDocumentRjcnReason !== '';
    item.SalesDocumentRjcnReason = reason;
    const customer = this.customers.get(order.header.SoldToParty);
    if (customer && order.header.TotalCreditCheckStatus === 'A' && wasRejected !== (reason !== '')) {
      const delta = Math.round(Number(item.NetAmount) * 100) * (reason ? -1 : 1);
      customer.CreditExposureAmount = Math.max(0, (Math.round(Number(customer.CreditExposureAmount) * 100) + delta) / 100).toFixed(2);
    }
    const rejected = order.items.filter((i) => i.SalesDocumentRjcnReason !== '').length;
    order.header.OverallSDDocumentRejectionSts = rejected === 0 ? 'A' : rejected === order.items.length ? 'C' : 'B';
    return item;
  }

  /** Drift: the billing document disappears without a trace (what reconciliation finds); its items no longer count as billed (or credited). */
  deleteBillingDocument(billingDocument: string): void {
    const record = this.billingDocuments.get(billingDocument);
    if (!record) throw new SandboxError(404, `Billing document ${billingDocument} does not exist`);
    this.billingDocuments.delete(billingDocument);
    for (const customerReturn of new Set(record.items.map((item) => item.ReferenceSDDocument))) this.refreshCreditStatus(customerReturn);
  }

  /** Drift: the sales order disappears without a trace (what reconciliation finds). */
  deleteSalesOrder(salesOrder: string): void {
    if (!this.salesOrders.delete(salesOrder)) throw new SandboxError(404, `Sales order ${salesOrder} does not exist`);
  }

  /** Payment received: the invoice is cleared. Clearing a cleared invoice changes nothing. */
  clearBillingDocument(billingDocument: string): ErpBillingDocumentRecord {
    const record = this.billingDocuments.get(billingDocument);
    if (!record) throw new SandboxError(404, `Billing document ${billingDocument} does not exist`);
    record.header.InvoiceClearingStatus = 'C';
    return record;
  }

  /**
   * Deep insert of an organisation in the customer role: the business partner and its customer get the same
   * number. Sales-area data (price group, payment terms, credit limit) start at the ERP's defaults. Like SAP
   * without a duplicate check configured, the ERP creates a second partner for the same company if asked to.
   */
  createBusinessPartner(input: CreateBusinessPartnerDto): ErpBusinessPartnerRecord {
    const id = String(this.lastCustomer + 1);
    const address = input.to_BusinessPartnerAddress[0]!;
    const today = odataDate(startOfDayUtc(Date.now()));
    const name = input.OrganizationBPName1.trim();
    const record: ErpBusinessPartnerRecord = {
      header: {
        BusinessPartner: id,
        Customer: id,
        BusinessPartnerCategory: '2',
        BusinessPartnerGrouping: input.BusinessPartnerGrouping ?? 'BP02',
        BusinessPartnerName: name,
        OrganizationBPName1: name,
        OrganizationBPName2: input.OrganizationBPName2 ?? '',
        SearchTerm1: input.SearchTerm1 ?? searchTerm(name),
        CreationDate: today,
        LastChangeDate: today,
      },
      address: {
        BusinessPartner: id,
        AddressID: '1',
        StreetName: address.StreetName ?? '',
        HouseNumber: address.HouseNumber ?? '',
        CityName: address.CityName,
        PostalCode: address.PostalCode,
        Region: address.Region ?? '',
        Country: address.Country,
      },
      taxNumbers: (input.to_BusinessPartnerTax ?? []).map((t) => ({ BusinessPartner: id, BPTaxType: t.BPTaxType, BPTaxNumber: t.BPTaxNumber })),
    };
    this.lastCustomer++;
    this.businessPartners.set(id, record);
    this.customers.set(id, {
      Customer: id,
      CustomerName: name,
      CityName: '',
      PostalCode: '',
      Region: '',
      Country: '',
      TaxNumber1: '',
      ...NEW_CUSTOMER_DEFAULTS,
      CreditExposureAmount: '0.00',
      CreditIsBlocked: false,
      CreditBlockReason: '',
      CompleteDeliveryIsDefined: false,
      YY1_BackorderPolicy: 'B',
      YY1_BackorderUndated: false,
      YY1_BillingPolicy: 'S',
      YY1_ReturnWindowDays: null,
    });
    this.syncCustomer(record);
    return record;
  }

  businessPartner(id: string): ErpBusinessPartnerRecord {
    const record = this.businessPartners.get(id);
    if (!record) throw new SandboxError(404, `Business partner ${id} does not exist`, 'R11/104');
    return record;
  }

  updateBusinessPartner(id: string, change: UpdateBusinessPartnerDto): void {
    const record = this.businessPartner(id);
    if (change.OrganizationBPName1 !== undefined) {
      record.header.OrganizationBPName1 = change.OrganizationBPName1.trim();
      record.header.BusinessPartnerName = record.header.OrganizationBPName1;
    }
    if (change.OrganizationBPName2 !== undefined) record.header.OrganizationBPName2 = change.OrganizationBPName2;
    if (change.SearchTerm1 !== undefined) record.header.SearchTerm1 = change.SearchTerm1;
    this.touch(record);
  }

  updateBusinessPartnerAddress(id: string, addressId: string, change: UpdateBusinessPartnerAddressDto): void {
    const record = this.businessPartner(id);
    if (record.address.AddressID !== addressId) throw new SandboxError(404, `Address ${addressId} of business partner ${id} does not exist`, 'R11/105');
    Object.assign(record.address, Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined)));
    this.touch(record);
  }

  /** Adds a tax number of a type the partner has none of yet (409 otherwise: PATCH that one). */
  addBusinessPartnerTaxNumber(id: string, taxType: string, taxNumber: string): void {
    const record = this.businessPartner(id);
    if (record.taxNumbers.some((t) => t.BPTaxType === taxType)) {
      throw new SandboxError(409, `Business partner ${id} already has a tax number of type ${taxType}`, 'R11/401');
    }
    record.taxNumbers.push({ BusinessPartner: id, BPTaxType: taxType, BPTaxNumber: taxNumber });
    this.touch(record);
  }

  updateBusinessPartnerTaxNumber(id: string, taxType: string, taxNumber: string): void {
    const record = this.businessPartner(id);
    const tax = record.taxNumbers.find((t) => t.BPTaxType === taxType);
    if (!tax) throw new SandboxError(404, `Business partner ${id} has no tax number of type ${taxType}`, 'R11/402');
    tax.BPTaxNumber = taxNumber;
    this.touch(record);
  }

  private touch(record: ErpBusinessPartnerRecord): void {
    record.header.LastChangeDate = odataDate(startOfDayUtc(Date.now()));
    this.syncCustomer(record);
  }

  /** The customer role shows the partner's name, standard address and first tax number. */
  private syncCustomer({ header, address, taxNumbers }: ErpBusinessPartnerRecord): void {
    const customer = this.customers.get(header.Customer);
    if (!customer) return;
    customer.CustomerName = header.OrganizationBPName1;
    customer.CityName = address.CityName;
    customer.PostalCode = address.PostalCode;
    customer.Region = address.Region;
    customer.Country = address.Country;
    customer.TaxNumber1 = taxNumbers[0]?.BPTaxNumber ?? '';
  }

  /** Accounts receivable switches a customer between an invoice per shipment (`S`) and one a day (`D`). */
  setBillingPolicy(customerId: string, policy: 'S' | 'D'): ErpCustomer {
    const customer = this.customers.get(customerId);
    if (!customer) throw new SandboxError(404, `Customer ${customerId} does not exist`);
    customer.YY1_BillingPolicy = policy;
    return customer;
  }

  /** The credit department sets or lifts a customer's credit block; orders created afterwards see it. */
  setCreditBlock(customerId: string, blocked: boolean, reason?: string): ErpCustomer {
    const customer = this.customers.get(customerId);
    if (!customer) throw new SandboxError(404, `Customer ${customerId} does not exist`);
    customer.CreditIsBlocked = blocked;
    customer.CreditBlockReason = blocked ? reason?.trim() || 'Blocked by credit management' : '';
    return customer;
  }

  private billItem(
    billingDocument: string,
    itemNumber: number,
    { SoldToParty: soldTo, YY1_ShipToRegion: region = '' }: CreateBillingDocumentDto,
    line: CreateBillingDocumentItemDto,
    inThisDocument: Map<string, number>,
  ): ErpBillingDocumentItem {
    const order = this.salesOrders.get(line.ReferenceSDDocument);
    if (!order) throw new SandboxError(400, `Sales document ${line.ReferenceSDDocument} does not exist`, 'VF/002');
    if (order.header.SoldToParty !== soldTo) {
      throw new SandboxError(400, `Sales document ${line.ReferenceSDDocument} belongs to sold-to party ${order.header.SoldToParty}, not ${soldTo}`, 'VF/011');
    }
    const orderItem = order.items.find((i) => Number(i.SalesOrderItem) === Number(line.ReferenceSDDocumentItem));
    if (!orderItem) {
      throw new SandboxError(400, `Item ${line.ReferenceSDDocumentItem} does not exist in sales document ${line.ReferenceSDDocument}`, 'VF/003');
    }
    const ref = `Item ${orderItem.SalesOrderItem} of sales document ${order.header.SalesOrder}`;
    if (orderItem.SalesDocumentRjcnReason)
      throw new SandboxError(400, `${ref} is rejected (reason ${orderItem.SalesDocumentRjcnReason}) and cannot be billed`, 'VF/016');
    if (orderItem.Material !== line.Material) throw new SandboxError(400, `${ref} is for material ${orderItem.Material}, not ${line.Material}`, 'VF/010');
    const product = this.products.get(orderItem.Material);
    const unit = line.BillingQuantityUnit ?? orderItem.BaseUnit;
    const conversion = product?.to_ProductUnitsOfMeasure.results.find((u) => u.AlternativeUnit === unit);
    if (!conversion) throw new SandboxError(400, `Unit ${unit} is not defined for material ${orderItem.Material}`, 'SD_SALES/040');
    const quantity = Number(line.BillingQuantity);
    if (!(quantity > 0)) throw new SandboxError(400, `${ref}: the billing quantity must be greater than zero`, 'VF/045');

    const milli = (value: number) => Math.round(value * 1000);
    const baseMilli = milli((quantity * Number(conversion.QuantityNumerator)) / Number(conversion.QuantityDenominator));
    const key = `${order.header.SalesOrder}/${orderItem.SalesOrderItem}`;
    const billedMilli = this.billedMilli(order.header.SalesOrder, orderItem.SalesOrderItem) + (inThisDocument.get(key) ?? 0);
    const openMilli = milli(Number(orderItem.RequestedQuantityInBaseUnit)) - billedMilli;
    if (baseMilli > openMilli) {
      const show = (m: number) => String(m / 1000);
      throw new SandboxError(
        400,
        `${ref}: billing quantity ${show(baseMilli)} ${orderItem.BaseUnit} exceeds the ${show(Math.max(openMilli, 0))} ${orderItem.BaseUnit} not yet billed`,
        'VF/062',
      );
    }
    inThisDocument.set(key, (inThisDocument.get(key) ?? 0) + baseMilli);

    // The order item's net price is per NetPriceQuantity base units.
    const netCents = Math.round((toCents(orderItem.NetPriceAmount) * baseMilli) / 1000 / Number(orderItem.NetPriceQuantity));
    return {
      BillingDocument: billingDocument,
      BillingDocumentItem: String(itemNumber),
      BillingDocumentItemText: orderItem.SalesOrderItemText,
      Material: orderItem.Material,
      BillingQuantity: quantity.toFixed(3),
      BillingQuantityUnit: unit,
      BillingQuantityInBaseUnit: (baseMilli / 1000).toFixed(3),
      BaseUnit: orderItem.BaseUnit,
      NetAmount: fromCents(netCents),
      TaxAmount: fromCents(taxCents(netCents, region)),
      TransactionCurrency: orderItem.TransactionCurrency,
      ReferenceSDDocument: order.header.SalesOrder,
      ReferenceSDDocumentItem: orderItem.SalesOrderItem,
      ReferenceSDDocumentCategory: 'C',
      YY1_ReferenceInvoice: '',
      YY1_ReferenceInvoiceItem: '',
    };
  }

  /** Base milli-units of a sales order item billed by stored invoices (credit memos reference returns, not orders). */
  private billedMilli(salesOrder: string, salesOrderItem: string): number {
    let total = 0;
    for (const { header, items } of this.billingDocuments.values()) {
      if (header.BillingDocumentType !== 'F2') continue;
      for (const item of items) {
        if (item.ReferenceSDDocument === salesOrder && item.ReferenceSDDocumentItem === salesOrderItem) {
          total += Math.round(Number(item.BillingQuantityInBaseUnit) * 1000);
        }
      }
    }
    return total;
  }
  /**
   * A customer return with reference to one sales order. Invariant: per sales order item, the base quantity
   * requested by all customer returns never exceeds what invoices billed of it (what was shipped and billed is
   * what can come back). Items are valued at the sales order item's net price.
   */
  createCustomerReturn(input: CreateCustomerReturnDto): ErpCustomerReturnRecord {
    const customer = this.soldTo(input.SoldToParty);
    const order = this.salesOrders.get(input.ReferenceSDDocument);
    if (!order) throw new SandboxError(400, `Sales document ${input.ReferenceSDDocument} does not exist`, 'V1/302');
    if (order.header.SoldToParty !== customer.Customer) {
      throw new SandboxError(
        400,
        `Sales document ${order.header.SalesOrder} belongs to sold-to party ${order.header.SoldToParty}, not ${customer.Customer}`,
        'V1/311',
      );
    }
    const customerReturn = String(this.lastCustomerReturn + 1);
    // Base milli-units requested per sales order item by this return so far, so two of its items cannot together over-return.
    const inThisReturn = new Map<string, number>();
    const items = input.to_Item.map((line, index) =>
      this.returnItem(customerReturn, line.CustomerReturnItem ? Number(line.CustomerReturnItem) : (index + 1) * 10, input, line, inThisReturn),
    );
    const numbers = items.map((item) => Number(item.CustomerReturnItem));
    if (numbers.some((n) => n < 1) || new Set(numbers).size !== numbers.length) {
      throw new SandboxError(400, 'Item numbers must be positive and unique within the sales document', 'V1/026');
    }
    this.lastCustomerReturn++; // only once every item validated, so a refused return burns no number
    const today = odataDate(startOfDayUtc(Date.now()));
    const record: ErpCustomerReturnRecord = {
      header: {
        CustomerReturn: customerReturn,
        CustomerReturnType: input.CustomerReturnType ?? 'CBAR',
        SalesOrganization: order.header.SalesOrganization,
        DistributionChannel: order.header.DistributionChannel,
        OrganizationDivision: order.header.OrganizationDivision,
        SoldToParty: customer.Customer,
        PurchaseOrderByCustomer: input.PurchaseOrderByCustomer ?? order.header.PurchaseOrderByCustomer,
        ReferenceSDDocument: order.header.SalesOrder,
        ReferenceSDDocumentCategory: 'C',
        SDDocumentReason: input.SDDocumentReason,
        CustomerReturnDate: today,
        CreationDate: today,
        TransactionCurrency: order.header.TransactionCurrency,
        TotalNetAmount: fromCents(items.reduce((sum, item) => sum + toCents(item.NetAmount), 0)),
        OverallSDProcessStatus: 'A',
        YY1_ExternalReference: input.YY1_ExternalReference,
      },
      items,
    };
    this.customerReturns.set(customerReturn, record);
    return record;
  }

  private returnItem(
    customerReturn: string,
    itemNumber: number,
    input: CreateCustomerReturnDto,
    line: CreateCustomerReturnItemDto,
    inThisReturn: Map<string, number>,
  ): ErpCustomerReturnItem {
    const salesOrder = input.ReferenceSDDocument;
    if (line.ReferenceSDDocument !== undefined && line.ReferenceSDDocument !== salesOrder) {
      throw new SandboxError(400, `Item ${itemNumber} references sales document ${line.ReferenceSDDocument}, the return references ${salesOrder}`, 'V1/305');
    }
    const order = this.salesOrders.get(salesOrder)!;
    const orderItem = order.items.find((i) => Number(i.SalesOrderItem) === Number(line.ReferenceSDDocumentItem));
    if (!orderItem) throw new SandboxError(400, `Item ${line.ReferenceSDDocumentItem} does not exist in sales document ${salesOrder}`, 'V1/303');
    const ref = `Item ${orderItem.SalesOrderItem} of sales document ${salesOrder}`;
    if (line.Material !== undefined && line.Material !== orderItem.Material) {
      throw new SandboxError(400, `${ref} is for material ${orderItem.Material}, not ${line.Material}`, 'VF/010');
    }
    const unit = line.RequestedQuantityUnit ?? orderItem.BaseUnit;
    const baseMilli = this.baseMilli(orderItem.Material, unit, line.RequestedQuantity, `${ref}: the return quantity must be greater than zero`, 'SD_SALES/045');
    const key = orderItem.SalesOrderItem;
    const openMilli =
      this.billedMilli(salesOrder, orderItem.SalesOrderItem) - this.returnedMilli(salesOrder, orderItem.SalesOrderItem) - (inThisReturn.get(key) ?? 0);
    if (baseMilli > openMilli) {
      throw new SandboxError(
        400,
        `${ref}: return quantity ${showMilli(baseMilli)} ${orderItem.BaseUnit} exceeds the ${showMilli(Math.max(openMilli, 0))} ${orderItem.BaseUnit} billed and not yet returned`,
        'MSR/012',
      );
    }
    inThisReturn.set(key, (inThisReturn.get(key) ?? 0) + baseMilli);
    const netCents = Math.round((toCents(orderItem.NetPriceAmount) * baseMilli) / 1000 / Number(orderItem.NetPriceQuantity));
    return {
      CustomerReturn: customerReturn,
      CustomerReturnItem: String(itemNumber),
      CustomerReturnItemCategory: 'REN',
      CustomerReturnItemText: orderItem.SalesOrderItemText,
      Material: orderItem.Material,
      RequestedQuantity: Number(line.RequestedQuantity).toFixed(3),
      RequestedQuantityUnit: unit,
      RequestedQuantityInBaseUnit: showMilli(baseMilli, 3),
      BaseUnit: orderItem.BaseUnit,
      NetAmount: fromCents(netCents),
      TransactionCurrency: orderItem.TransactionCurrency,
      ReferenceSDDocument: salesOrder,
      ReferenceSDDocumentItem: orderItem.SalesOrderItem,
      ReturnReason: line.ReturnReason ?? input.SDDocumentReason,
      YY1_CreditedQuantityInBaseUnit: '0.000',
      SDProcessStatus: 'A',
    };
  }

  /**
   * A credit memo (`G2`) for customer return items. Each item is credited at the unit price and tax rate of the
   * invoice that billed the returned sales order item. Invariants: per return item, the base quantity credited never
   * exceeds the quantity returned; per invoice item, the quantity, net and tax credited never exceed what it billed
   * (the credit that uses up an invoice item takes exactly its remaining net and tax, so rounding never over-credits).
   */
  private createCreditMemo(input: CreateBillingDocumentDto, customer: ErpCustomer): ErpBillingDocumentRecord {
    const billingDocument = String(this.lastBillingDocument + 1);
    const inThisDocument: CreditTally = new Map();
    const credited = input.to_Item.map((line, index) => this.creditItem(billingDocument, (index + 1) * 10, customer.Customer, line, inThisDocument));
    const items = credited.map(({ item }) => item);
    const record = this.recordBillingDocument(
      input,
      customer,
      { BillingDocument: billingDocument, BillingDocumentType: 'G2', SDDocumentCategory: 'O' },
      items,
      credited[0]!.region,
    );
    for (const customerReturn of new Set(items.map((item) => item.ReferenceSDDocument))) this.refreshCreditStatus(customerReturn);
    return record;
  }

  private creditItem(
    billingDocument: string,
    itemNumber: number,
    soldTo: string,
    line: CreateBillingDocumentItemDto,
    inThisDocument: CreditTally,
  ): { item: ErpBillingDocumentItem; region: string } {
    const customerReturn = this.customerReturns.get(line.ReferenceSDDocument);
    if (!customerReturn) throw new SandboxError(400, `Customer return ${line.ReferenceSDDocument} does not exist`, 'VF/002');
    if (customerReturn.header.SoldToParty !== soldTo) {
      throw new SandboxError(
        400,
        `Customer return ${line.ReferenceSDDocument} belongs to sold-to party ${customerReturn.header.SoldToParty}, not ${soldTo}`,
        'VF/011',
      );
    }
    const returnItem = customerReturn.items.find((i) => Number(i.CustomerReturnItem) === Number(line.ReferenceSDDocumentItem));
    if (!returnItem)
      throw new SandboxError(400, `Item ${line.ReferenceSDDocumentItem} does not exist in customer return ${line.ReferenceSDDocument}`, 'VF/003');
    const ref = `Item ${returnItem.CustomerReturnItem} of customer return ${returnItem.CustomerReturn}`;
    if (returnItem.Material !== line.Material) throw new SandboxError(400, `${ref} is for material ${returnItem.Material}, not ${line.Material}`, 'VF/010');
    const unit = line.BillingQuantityUnit ?? returnItem.BaseUnit;
    const baseMilli = this.baseMilli(returnItem.Material, unit, line.BillingQuantity, `${ref}: the billing quantity must be greater than zero`, 'VF/045');

    const returnKey = `${returnItem.CustomerReturn}/${returnItem.CustomerReturnItem}`;
    const openOnReturn =
      milliOf(returnItem.RequestedQuantityInBaseUnit) -
      this.creditedOnReturnMilli(returnItem.CustomerReturn, returnItem.CustomerReturnItem) -
      (inThisDocument.get(returnKey)?.milli ?? 0);
    if (baseMilli > openOnReturn) {
      throw new SandboxError(
        400,
        `${ref}: credit quantity ${showMilli(baseMilli)} ${returnItem.BaseUnit} exceeds the ${showMilli(Math.max(openOnReturn, 0))} ${returnItem.BaseUnit} returned and not yet credited`,
        'VF/062',
      );
    }
    const { invoice, invoiceItem, openMilli, creditedNetCents, creditedTaxCents } = this.invoiceToCredit(
      returnItem,
      soldTo,
      line.YY1_ReferenceInvoice,
      baseMilli,
      inThisDocument,
    );
    // The credit that uses up the invoice item takes its exact rest, so per-item rounding never credits more than was billed.
    const usesUp = baseMilli === openMilli;
    const netCents = usesUp
      ? toCents(invoiceItem.NetAmount) - creditedNetCents
      : Math.round((toCents(invoiceItem.NetAmount) * baseMilli) / milliOf(invoiceItem.BillingQuantityInBaseUnit));
    const taxAmountCents = usesUp ? toCents(invoiceItem.TaxAmount) - creditedTaxCents : taxCents(netCents, invoice.YY1_ShipToRegion);
    tally(inThisDocument, returnKey, baseMilli, netCents, taxAmountCents);
    tally(inThisDocument, `${invoice.BillingDocument}/${invoiceItem.BillingDocumentItem}`, baseMilli, netCents, taxAmountCents);
    return {
      region: invoice.YY1_ShipToRegion,
      item: {
        BillingDocument: billingDocument,
        BillingDocumentItem: String(itemNumber),
        BillingDocumentItemText: returnItem.CustomerReturnItemText,
        Material: returnItem.Material,
        BillingQuantity: Number(line.BillingQuantity).toFixed(3),
        BillingQuantityUnit: unit,
        BillingQuantityInBaseUnit: showMilli(baseMilli, 3),
        BaseUnit: returnItem.BaseUnit,
        NetAmount: fromCents(netCents),
        TaxAmount: fromCents(taxAmountCents),
        TransactionCurrency: invoiceItem.TransactionCurrency,
        ReferenceSDDocument: returnItem.CustomerReturn,
        ReferenceSDDocumentItem: returnItem.CustomerReturnItem,
        ReferenceSDDocumentCategory: 'H',
        YY1_ReferenceInvoice: invoice.BillingDocument,
        YY1_ReferenceInvoiceItem: invoiceItem.BillingDocumentItem,
      },
    };
  }

  /**
   * The invoice item a return item is credited against: the one named, or else the latest invoice of the returned
   * sales order item with at least `baseMilli` left to credit. `openMilli` and the credited amounts count stored
   * credit memos and the earlier items of this one.
   */
  private invoiceToCredit(
    returnItem: ErpCustomerReturnItem,
    soldTo: string,
    named: string | undefined,
    baseMilli: number,
    inThisDocument: CreditTally,
  ): {
    invoice: ErpBillingDocumentRecord['header'];
    invoiceItem: ErpBillingDocumentItem;
    openMilli: number;
    creditedNetCents: number;
    creditedTaxCents: number;
  } {
    const billingOf = (record: ErpBillingDocumentRecord) =>
      record.items.find((i) => i.ReferenceSDDocument === returnItem.ReferenceSDDocument && i.ReferenceSDDocumentItem === returnItem.ReferenceSDDocumentItem);
    const position = (record: ErpBillingDocumentRecord, invoiceItem: ErpBillingDocumentItem) => {
      const stored = this.creditedOnInvoice(record.header.BillingDocument, invoiceItem.BillingDocumentItem);
      const here = inThisDocument.get(`${record.header.BillingDocument}/${invoiceItem.BillingDocumentItem}`) ?? { milli: 0, netCents: 0, taxCents: 0 };
      return {
        invoice: record.header,
        invoiceItem,
        openMilli: milliOf(invoiceItem.BillingQuantityInBaseUnit) - stored.milli - here.milli,
        creditedNetCents: stored.netCents + here.netCents,
        creditedTaxCents: stored.taxCents + here.taxCents,
      };
    };
    const what = `item ${returnItem.ReferenceSDDocumentItem} of sales document ${returnItem.ReferenceSDDocument}`;
    if (named !== undefined) {
      const record = this.billingDocuments.get(named);
      if (!record) throw new SandboxError(400, `Billing document ${named} does not exist`, 'VF/002');
      if (record.header.BillingDocumentType !== 'F2') throw new SandboxError(400, `Billing document ${named} is not an invoice`, 'VF/063');
      if (record.header.SoldToParty !== soldTo)
        throw new SandboxError(400, `Invoice ${named} belongs to sold-to party ${record.header.SoldToParty}, not ${soldTo}`, 'VF/011');
      const invoiceItem = billingOf(record);
      if (!invoiceItem) throw new SandboxError(400, `Invoice ${named} did not bill ${what}`, 'VF/063');
      const found = position(record, invoiceItem);
      if (baseMilli > found.openMilli) {
        throw new SandboxError(
          400,
          `Invoice ${named} item ${invoiceItem.BillingDocumentItem}: credit quantity ${showMilli(baseMilli)} ${invoiceItem.BaseUnit} exceeds the ${showMilli(Math.max(found.openMilli, 0))} ${invoiceItem.BaseUnit} billed and not yet credited`,
          'VF/063',
        );
      }
      return found;
    }
    const candidates = [...this.billingDocuments.values()]
      .filter((record) => record.header.BillingDocumentType === 'F2' && record.header.SoldToParty === soldTo)
      .flatMap((record) => {
        const invoiceItem = billingOf(record);
        return invoiceItem ? [position(record, invoiceItem)] : [];
      })
      .sort((a, b) => Number(b.invoice.BillingDocument) - Number(a.invoice.BillingDocument));
    const found = candidates.find((c) => c.openMilli >= baseMilli);
    if (!found) {
      throw new SandboxError(
        400,
        `No single invoice of ${what} has ${showMilli(baseMilli)} ${returnItem.BaseUnit} left to credit; split the item by invoice with YY1_ReferenceInvoice`,
        'VF/064',
      );
    }
    return found;
  }

  /** Converts a quantity of `material` in `unit` to base milli-units; 400 for an unknown unit or a quantity not above zero. */
  private baseMilli(material: string, unit: string, quantity: string, notPositive: string, notPositiveCode: string): number {
    const conversion = this.products.get(material)?.to_ProductUnitsOfMeasure.results.find((u) => u.AlternativeUnit === unit);
    if (!conversion) throw new SandboxError(400, `Unit ${unit} is not defined for material ${material}`, 'SD_SALES/040');
    const value = Number(quantity);
    if (!(value > 0)) throw new SandboxError(400, notPositive, notPositiveCode);
    return Math.round(((value * Number(conversion.QuantityNumerator)) / Number(conversion.QuantityDenominator)) * 1000);
  }

  /** Base milli-units of a sales order item requested by stored customer returns. */
  private returnedMilli(salesOrder: string, salesOrderItem: string): number {
    let total = 0;
    for (const { items } of this.customerReturns.values()) {
      for (const item of items)
        if (item.ReferenceSDDocument === salesOrder && item.ReferenceSDDocumentItem === salesOrderItem) total += milliOf(item.RequestedQuantityInBaseUnit);
    }
    return total;
  }

  /** Stored credit memo items of one return item, or of one invoice item. */
  private creditMemoItems(match: (item: ErpBillingDocumentItem) => boolean): ErpBillingDocumentItem[] {
    return [...this.billingDocuments.values()].filter((record) => record.header.BillingDocumentType === 'G2').flatMap((record) => record.items.filter(match));
  }

  private creditedOnReturnMilli(customerReturn: string, item: string): number {
    return this.creditMemoItems((i) => i.ReferenceSDDocument === customerReturn && i.ReferenceSDDocumentItem === item).reduce(
      (sum, i) => sum + milliOf(i.BillingQuantityInBaseUnit),
      0,
    );
  }

  private creditedOnInvoice(invoice: string, invoiceItem: string): { milli: number; netCents: number; taxCents: number } {
    return this.creditMemoItems((i) => i.YY1_ReferenceInvoice === invoice && i.YY1_ReferenceInvoiceItem === invoiceItem).reduce(
      (sum, i) => ({
        milli: sum.milli + milliOf(i.BillingQuantityInBaseUnit),
        netCents: sum.netCents + toCents(i.NetAmount),
        taxCents: sum.taxCents + toCents(i.TaxAmount),
      }),
      { milli: 0, netCents: 0, taxCents: 0 },
    );
  }

  /** The return's credited quantities and statuses follow its stored credit memos. */
  private refreshCreditStatus(customerReturn: string): void {
    const record = this.customerReturns.get(customerReturn);
    if (!record) return;
    for (const item of record.items) {
      const credited = this.creditedOnReturnMilli(item.CustomerReturn, item.CustomerReturnItem);
      item.YY1_CreditedQuantityInBaseUnit = showMilli(credited, 3);
      item.SDProcessStatus = credited === 0 ? 'A' : credited >= milliOf(item.RequestedQuantityInBaseUnit) ? 'C' : 'B';
    }
    const statuses = new Set(record.items.map((item) => item.SDProcessStatus));
    record.header.OverallSDProcessStatus = statuses.size === 1 && !statuses.has('B') ? record.items[0]!.SDProcessStatus : 'B';
  }
}

/** SAP proposes the search term from the name: upper case, at most 20 characters. */
function searchTerm(name: string): string {
  return name.trim().toUpperCase().slice(0, 20);
}

function toCents(amount: string): number {
  return Math.round(Number(amount) * 100);
}

function fromCents(cents: number): string {
  return (cents / 100).toFixed(2);
}

/** What one credit memo has credited so far, per `returnItemKey` and per `invoice/item`. */
type CreditTally = Map<string, { milli: number; netCents: number; taxCents: number }>;

function tally(credits: CreditTally, key: string, milli: number, netCents: number, taxCents: number): void {
  const sum = credits.get(key) ?? { milli: 0, netCents: 0, taxCents: 0 };
  credits.set(key, { milli: sum.milli + milli, netCents: sum.netCents + netCents, taxCents: sum.taxCents + taxCents });
}

function milliOf(quantity: string): number {
  return Math.round(Number(quantity) * 1000);
}

/** Milli-units as a decimal: `15` or, with `decimals`, `15.000`. */
function showMilli(milli: number, decimals?: number): string {
  return decimals === undefined ? String(milli / 1000) : (milli / 1000).toFixed(decimals);
}
