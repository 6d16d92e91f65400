// Naive system app: thin wrappers over the sandbox's ERP (OData, Basic auth and a CSRF token for writes),
// WMS (x-api-key) and OMS (x-oms-token), one plain axios instance each (the default agent, nothing tuned).
import { Body, Controller, Get, Module, Param, Post, Query } from '@nestjs/common';
import axios from 'axios';
import { config, downstreamError } from './common.js';

const erp = axios.create({ baseURL: config.erp.baseUrl, auth: { username: config.erp.user, password: config.erp.password } });
const wms = axios.create({ baseURL: config.wms.baseUrl, headers: { 'x-api-key': config.wms.apiKey } });
const oms = axios.create({ baseURL: config.oms.baseUrl, headers: { 'x-oms-token': config.oms.token } });

const quote = (value: string) => `'${value.replaceAll("'", "''")}'`;
const odataDay = (value?: string) => {
  const ms = /\/Date\((-?\d+)/.exec(value ?? '')?.[1];
  return ms ? new Date(Number(ms)).toISOString().slice(0, 10) : undefined;
};

// SAP wants a CSRF token on writes: fetched once, kept, fetched again when the ERP says it expired
let csrf: { token: string; cookie?: string } | undefined;
async function csrfToken(): Promise<{ token: string; cookie?: string }> {
  if (!csrf) {
    const response = await erp.get('/API_SALES_ORDER_SRV', { headers: { 'x-csrf-token': 'Fetch' } });
    const cookie = response.headers['set-cookie']?.map((c: string) => c.split(';')[0]).join('; ');
    csrf = { token: String(response.headers['x-csrf-token']), cookie: cookie || undefined };
  }
  return csrf;
}
async function erpWrite<T>(url: string, body: unknown, retried = false): Promise<T> {
  const { token, cookie } = await csrfToken();
  try {
    return (await erp.post(url, body, { headers: { 'x-csrf-token': token, ...(cookie ? { cookie } : {}) } })).data as T;
  } catch (error) {
    if (!retried && axios.isAxiosError(error) && error.response?.status === 403) {
      csrf = undefined;
      return erpWrite<T>(url, body, true);
    }
    throw error;
  }
}

interface SapItem {
  SalesOrderItem: string;
  UnderlyingPurchaseOrderItem?: string;
  Material: string;
  RequestedQuantity: string;
  RequestedQuantityUnit: string;
  NetAmount: string;
  NetPriceAmount: string;
  NetPriceQuantity?: string;
}

@Controller()
class SystemController {
  @Get('customers/:id')
  async customer(@Param('id') id: string) {
    try {
      const { data } = await erp.get(`/API_BUSINESS_PARTNER/A_Customer(${encodeURIComponent(quote(id))})`);
      const c = data.d;
      return {
        customerId: c.Customer,
        name: c.CustomerName,
        currency: c.Currency,
        credit: {
          limit: Number(c.CreditLimitAmount),
          exposure: Number(c.CreditExposureAmount),
          blocked: c.CreditIsBlocked === true || c.CreditIsBlocked === 'X',
        },
      };
    } catch (error) {
      throw downstreamError(error);
    }
  }

  /** The customer's condition records and the list prices (Customer empty): the customer's win. */
  @Get('prices')
  async prices(@Query('customerId') customerId: string, @Query('skus') skus: string) {
    try {
      const read = async (customer: string) =>
        (await erp.get(`/API_SLSPRICINGCONDITIONRECORD_SRV/A_SlsPrcgConditionRecord?$filter=${encodeURIComponent(`Customer eq ${quote(customer)}`)}`)).data.d
          .results as Record<string, string>[];
      const own = await read(customerId);
      const list = await read('');
      const today = new Date().toISOString().slice(0, 10);
      const valid = (r: Record<string, string>) =>
        (odataDay(r.ConditionValidityStartDate) ?? '') <= today && (odataDay(r.ConditionValidityEndDate) ?? '9999-12-31') >= today;
      return skus.split(',').flatMap((sku) => {
        const record = own.find((r) => r.Material === sku && valid(r)) ?? list.find((r) => r.Material === sku && valid(r));
        return record
          ? [{ sku, unitPrice: Number(record.ConditionRateValue) / (Number(record.ConditionQuantity) || 1), currency: record.ConditionRateValueUnit }]
          : [];
      });
    } catch (error) {
      throw downstreamError(error);
    }
  }

  /** Stock of a SKU per warehouse, in eaches: on hand less allocated, only records in status 10 (available). */
  @Get('inventory/:sku')
  async inventory(@Param('sku') sku: string) {
    try {
      const { data } = await wms.get('/stock', { params: { item: sku } });
      const available = new Map<string, number>();
      for (const r of data.records as { site_id: string; pack_qty: number; qty_on_hand: number; qty_allocated: number; status_code: number }[]) {
        const eaches = r.status_code === 10 ? (r.qty_on_hand - r.qty_allocated) * (r.pack_qty || 1) : 0;
        available.set(r.site_id, (available.get(r.site_id) ?? 0) + eaches);
      }
      return { sku, warehouses: [...available].map(([warehouseId, quantity]) => ({ warehouseId, available: Math.max(0, quantity) })) };
    } catch (error) {
      throw downstreamError(error);
    }
  }

  @Get('warehouses')
  async warehouses() {
    try {
      const { data } = await wms.get('/sites');
      return (data.sites as { site_id: string; region_code: string; transit_days: Record<string, number> }[]).map((s) => ({
        warehouseId: s.site_id,
        region: s.region_code,
        transitDays: s.transit_days,
      }));
    } catch (error) {
      throw downstreamError(error);
    }
  }

  /** Deep insert of the sales order (items numbered 10, 20, ...; the partner's line number as the PO item). */
  @Post('sales-orders')
  async createSalesOrder(
    @Body()
    order: {
      customerId: string;
      purchaseOrderNumber: string;
      requestedShipDate?: string;
      lines: { lineNumber: number; sku: string; quantity: number; uom?: string }[];
    },
  ) {
    try {
      const created = await erpWrite<{ d: Record<string, any> }>('/API_SALES_ORDER_SRV/A_SalesOrder', {
        SalesOrderType: 'OR',
        SalesOrganization: '1000',
        DistributionChannel: '10',
        OrganizationDivision: '00',
        SoldToParty: order.customerId,
        PurchaseOrderByCustomer: order.purchaseOrderNumber,
        ...(order.requestedShipDate ? { RequestedDeliveryDate: `/Date(${Date.parse(order.requestedShipDate)})/` } : {}),
        to_Item: {
          results: order.lines.map((line, i) => ({
            SalesOrderItem: String((i + 1) * 10),
            UnderlyingPurchaseOrderItem: String(line.lineNumber),
            Material: line.sku,
            RequestedQuantity: String(line.quantity),
            RequestedQuantityUnit: line.uom ?? 'EA',
          })),
        },
      });
      let so = created.d;
      if (!so.to_Item?.results) so = (await erp.get(`/API_SALES_ORDER_SRV/A_SalesOrder(${encodeURIComponent(quote(so.SalesOrder))})?$expand=to_Item`)).data.d;
      return {
        erpOrderNumber: so.SalesOrder,
        currency: so.TransactionCurrency,
        netAmount: Number(so.TotalNetAmount),
        creditBlocked: so.TotalCreditCheckStatus === 'B',
        lines: (so.to_Item.results as SapItem[]).map((item) => ({
          lineNumber: Number(item.UnderlyingPurchaseOrderItem || Number(item.SalesOrderItem) / 10),
          sku: item.Material,
          netAmount: Number(item.NetAmount),
          unitPrice: Number(item.NetPriceAmount) / (Number(item.NetPriceQuantity) || 1),
        })),
      };
    } catch (error) {
      throw downstreamError(error);
    }
  }

  @Post('oms-orders')
  async createOmsOrder(@Body() order: { channelOrderRef: string; channel: string; customerId: string; erpOrderNumber: string; status: string }) {
    try {
      const { data } = await oms.post('/orders', {
        channel_ref: order.channelOrderRef,
        channel: order.channel,
        customer_ref: order.customerId,
        erp_ref: order.erpOrderNumber,
        state: order.status.toUpperCase(),
      });
      return { omsOrderId: data.oms_id, status: String(data.state).toLowerCase() };
    } catch (error) {
      throw downstreamError(error);
    }
  }
}

@Module({ controllers: [SystemController] })
export class NaiveSystemModule {}
