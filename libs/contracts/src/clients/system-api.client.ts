import { ServiceClient } from '@platform';
import type { CreateErpInvoiceDto, ErpInvoiceDto } from '../api/erp-billing.dto.js';
import type { ErpCustomerMasterDto } from '../api/erp-customer.dto.js';
import type {
  CreateErpCreditMemoDto,
  CreateErpCustomerReturnDto,
  CreateWmsReturnReceiptDto,
  ErpCreditMemoDto,
  ErpCustomerReturnDto,
  WmsReturnReceiptDto,
} from '../api/returns-system.dto.js';
import type { EventEnvelopeDto } from '../events/event-envelope.js';
import type { PageDto } from '../model/common.dto.js';
import type { CustomerDto, InboundSupplyDto, InventoryPositionDto, ItemDto, PriceDto, WarehouseDto } from '../model/master-data.dto.js';
import type {
  CreateErpSalesOrderDto,
  CreateFulfillmentOrderDto,
  ErpSalesOrderDto,
  FulfillmentOrderDto,
  OmsOrderDto,
  OmsTransitionDto,
  RegisterOmsOrderDto,
} from '../api/system-api.dto.js';

/** Typed client of the system layer; one breaker per backend so an ERP outage never blocks WMS calls. */
export class SystemApiClient {
  constructor(private readonly http: ServiceClient) {}

  async getCustomer(customerId: string): Promise<CustomerDto> {
    return (await this.http.send<CustomerDto>({ method: 'GET', path: `/erp/v1/customers/${encodeURIComponent(customerId)}`, breaker: 'erp' })).body;
  }

  /** Customers with exactly this tax number or this postal code. */
  async findCustomers(search: { taxNumber?: string; postalCode?: string }): Promise<CustomerDto[]> {
    return (await this.http.send<CustomerDto[]>({ method: 'GET', path: '/erp/v1/customers', query: { ...search }, breaker: 'erp' })).body;
  }

  async createCustomer(master: ErpCustomerMasterDto): Promise<CustomerDto> {
    return (await this.http.send<CustomerDto>({ method: 'POST', path: '/erp/v1/customers', body: master, breaker: 'erp' })).body;
  }

  async updateCustomer(customerId: string, master: ErpCustomerMasterDto): Promise<CustomerDto> {
    const path = `/erp/v1/customers/${encodeURIComponent(customerId)}`;
    return (await this.http.send<CustomerDto>({ method: 'PUT', path, body: master, breaker: 'erp' })).body;
  }

  async listItems(cursor?: string, limit = 200): Promise<PageDto<ItemDto>> {
    return (await this.http.send<PageDto<ItemDto>>({ method: 'GET', path: '/erp/v1/items', query: { cursor, limit }, breaker: 'erp' })).body;
  }

  async getPrices(customerId: string, skus?: string[]): Promise<PriceDto[]> {
    const query = { customerId, skus: skus?.join(',') };
    return (await this.http.send<PriceDto[]>({ method: 'GET', path: '/erp/v1/prices', query, breaker: 'erp' })).body;
  }

  async createSalesOrder(order: CreateErpSalesOrderDto): Promise<ErpSalesOrderDto> {
    return (await this.http.send<ErpSalesOrderDto>({ method: 'POST', path: '/erp/v1/sales-orders', body: order, breaker: 'erp' })).body;
  }

  async findSalesOrders(customerId: string, purchaseOrderNumber: string): Promise<ErpSalesOrderDto[]> {
    const query = { customerId, purchaseOrderNumber };
    return (await this.http.send<ErpSalesOrderDto[]>({ method: 'GET', path: '/erp/v1/sales-orders', query, breaker: 'erp' })).body;
  }

  async getSalesOrder(erpOrderNumber: string): Promise<ErpSalesOrderDto> {
    return (await this.http.send<ErpSalesOrderDto>({ method: 'GET', path: `/erp/v1/sales-orders/${encodeURIComponent(erpOrderNumber)}`, breaker: 'erp' })).body;
  }

  /** Cancels the sales order in the ERP (all items rejected); idempotent. */
  async cancelSalesOrder(erpOrderNumber: string): Promise<ErpSalesOrderDto> {
    const path = `/erp/v1/sales-orders/${encodeURIComponent(erpOrderNumber)}/cancel`;
    return (await this.http.send<ErpSalesOrderDto>({ method: 'POST', path, breaker: 'erp' })).body;
  }

  /** Bills shipped quantities in the ERP; on a lost answer, look it up with findInvoices before creating again. */
  async createInvoice(invoice: CreateErpInvoiceDto): Promise<ErpInvoiceDto> {
    return (await this.http.send<ErpInvoiceDto>({ method: 'POST', path: '/erp/v1/invoices', body: invoice, breaker: 'erp' })).body;
  }

  async findInvoices(externalReference: string): Promise<ErpInvoiceDto[]> {
    return (await this.http.send<ErpInvoiceDto[]>({ method: 'GET', path: '/erp/v1/invoices', query: { externalReference }, breaker: 'erp' })).body;
  }

  async getInvoice(erpInvoiceNumber: string): Promise<ErpInvoiceDto> {
    return (await this.http.send<ErpInvoiceDto>({ method: 'GET', path: `/erp/v1/invoices/${encodeURIComponent(erpInvoiceNumber)}`, breaker: 'erp' })).body;
  }

  /** A customer return in the ERP; on a lost answer, look it up with findCustomerReturns before creating again. */
  async createCustomerReturn(request: CreateErpCustomerReturnDto): Promise<ErpCustomerReturnDto> {
    return (await this.http.send<ErpCustomerReturnDto>({ method: 'POST', path: '/erp/v1/customer-returns', body: request, breaker: 'erp' })).body;
  }

  async findCustomerReturns(externalReference: string): Promise<ErpCustomerReturnDto[]> {
    const query = { externalReference };
    return (await this.http.send<ErpCustomerReturnDto[]>({ method: 'GET', path: '/erp/v1/customer-returns', query, breaker: 'erp' })).body;
  }

  /** A credit memo for returned quantities; on a lost answer, look it up with findCreditMemos before creating again. */
  async createCreditMemo(request: CreateErpCreditMemoDto): Promise<ErpCreditMemoDto> {
    return (await this.http.send<ErpCreditMemoDto>({ method: 'POST', path: '/erp/v1/credit-memos', body: request, breaker: 'erp' })).body;
  }

  /** Credit memos only: an invoice with the same reference is never among them. */
  async findCreditMemos(externalReference: string): Promise<ErpCreditMemoDto[]> {
    const query = { externalReference };
    return (await this.http.send<ErpCreditMemoDto[]>({ method: 'GET', path: '/erp/v1/credit-memos', query, breaker: 'erp' })).body;
  }

  /** Announces an inbound return to a warehouse; idempotent on rmaNumber (a second create answers the first receipt). */
  async createReturnReceipt(receipt: CreateWmsReturnReceiptDto): Promise<WmsReturnReceiptDto> {
    return (await this.http.send<WmsReturnReceiptDto>({ method: 'POST', path: '/wms/v1/return-receipts', body: receipt, breaker: 'wms' })).body;
  }

  async findReturnReceipts(rmaNumber: string): Promise<WmsReturnReceiptDto[]> {
    const query = { rmaNumber };
    return (await this.http.send<WmsReturnReceiptDto[]>({ method: 'GET', path: '/wms/v1/return-receipts', query, breaker: 'wms' })).body;
  }

  async listWarehouses(): Promise<WarehouseDto[]> {
    return (await this.http.send<WarehouseDto[]>({ method: 'GET', path: '/wms/v1/warehouses', breaker: 'wms' })).body;
  }

  async getInventory(sku: string): Promise<InventoryPositionDto[]> {
    return (await this.http.send<InventoryPositionDto[]>({ method: 'GET', path: '/wms/v1/inventory', query: { sku }, breaker: 'wms' })).body;
  }

  /** Every position of every sku in every warehouse (the ATP projection's full rebuild). */
  async listInventory(): Promise<InventoryPositionDto[]> {
    return (await this.http.send<InventoryPositionDto[]>({ method: 'GET', path: '/wms/v1/inventory', breaker: 'wms' })).body;
  }

  /** Open purchase order schedule lines still to arrive, per sku and warehouse. */
  async listInboundSupply(): Promise<InboundSupplyDto[]> {
    return (await this.http.send<InboundSupplyDto[]>({ method: 'GET', path: '/erp/v1/inbound-supply', breaker: 'erp' })).body;
  }

  async findFulfillmentOrders(erpOrderNumber: string, warehouseId?: string): Promise<FulfillmentOrderDto[]> {
    const query = { erpOrderNumber, warehouseId };
    return (await this.http.send<FulfillmentOrderDto[]>({ method: 'GET', path: '/wms/v1/fulfillment-orders', query, breaker: 'wms' })).body;
  }

  async createFulfillmentOrder(order: CreateFulfillmentOrderDto): Promise<FulfillmentOrderDto> {
    return (await this.http.send<FulfillmentOrderDto>({ method: 'POST', path: '/wms/v1/fulfillment-orders', body: order, breaker: 'wms' })).body;
  }

  async registerOmsOrder(order: RegisterOmsOrderDto): Promise<OmsOrderDto> {
    return (await this.http.send<OmsOrderDto>({ method: 'POST', path: '/oms/v1/orders', body: order, breaker: 'oms' })).body;
  }

  async transitionOmsOrder(omsOrderId: string, transition: OmsTransitionDto): Promise<OmsOrderDto> {
    const path = `/oms/v1/orders/${encodeURIComponent(omsOrderId)}/transitions`;
    return (await this.http.send<OmsOrderDto>({ method: 'POST', path, body: transition, breaker: 'oms' })).body;
  }

  async getOmsOrder(omsOrderId: string): Promise<OmsOrderDto> {
    return (await this.http.send<OmsOrderDto>({ method: 'GET', path: `/oms/v1/orders/${encodeURIComponent(omsOrderId)}`, breaker: 'oms' })).body;
  }
}

/** Typed client the system layer uses to hand canonical events up to the process layer. */
export class ProcessEventsClient {
  constructor(private readonly http: ServiceClient) {}

  async publish(event: EventEnvelopeDto): Promise<void> {
    await this.http.send({ method: 'POST', path: '/v1/events', body: event, breaker: 'events' });
  }
}
