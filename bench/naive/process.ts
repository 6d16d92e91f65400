// Naive process app: availability from the WMS stock read live on every request; an order as a straight
// sequence of calls to the naive system app (customer, prices, stock per SKU, ERP sales order, OMS order).
// No database, no idempotency, no reservations, no outbox: what a team hand-builds in a hurry.
import { Body, Controller, Get, HttpException, Module, Post, Query } from '@nestjs/common';
import axios from 'axios';
import { randomUUID } from 'node:crypto';
import { config, downstreamError } from './common.js';

const system = axios.create({ baseURL: config.systemUrl });

interface Stock {
  sku: string;
  warehouses: { warehouseId: string; available: number }[];
}
interface PlaceOrder {
  customerId: string;
  partnerId: string;
  purchaseOrderNumber: string;
  shipTo: Record<string, string>;
  lines: { lineNumber: number; sku: string; quantity: number; uom?: string }[];
  requestedShipDate?: string;
  allowPartialShipment?: boolean;
}

// US states by the WMS's transit regions (what a team would hard-code)
const REGIONS: Record<string, string[]> = {
  'US-EAST': 'CT DC DE FL GA MA MD ME NC NH NJ NY PA RI SC VA VT WV'.split(' '),
  'US-CENTRAL': 'AL AR IA IL IN KS KY LA MI MN MO MS ND NE OH OK SD TN TX WI'.split(' '),
  'US-WEST': 'AK AZ CA CO HI ID MT NM NV OR UT WA WY'.split(' '),
};
const regionOf = (region?: string) =>
  region && (REGIONS[region.toUpperCase()] ? region.toUpperCase() : Object.keys(REGIONS).find((r) => REGIONS[r]!.includes(region.toUpperCase())));
const day = (offset = 0) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
// v2 money: a decimal string, two decimals (up to four for unit prices)
const money = (amount: number, currency: string, decimals = 2) => ({ amount: amount.toFixed(decimals).replace(/(\.\d\d\d??)0+$/, '$1'), currency });

@Controller()
class ProcessController {
  @Get('availability')
  async availability(@Query('sku') sku: string, @Query('quantity') quantity: string, @Query('uom') uom?: string, @Query('region') region?: string) {
    try {
      const transitRegion = regionOf(region);
      const stock = (await system.get<Stock>(`/inventory/${encodeURIComponent(sku)}`)).data;
      if (!stock.warehouses.length) throw new HttpException({ statusCode: 404, message: `Unknown SKU ${sku}` }, 404);
      const sites = transitRegion ? (await system.get<{ warehouseId: string; transitDays: Record<string, number> }[]>('/warehouses')).data : [];
      return {
        sku,
        requestedQuantity: Number(quantity),
        uom: uom ?? 'EA',
        totalAvailable: stock.warehouses.reduce((sum, w) => sum + w.available, 0),
        warehouses: stock.warehouses.map((w) => {
          const transitDays = sites.find((s) => s.warehouseId === w.warehouseId)?.transitDays[transitRegion!];
          return {
            warehouseId: w.warehouseId,
            available: w.available,
            promisedShipDate: day(),
            ...(transitDays === undefined ? {} : { transitDays, estimatedDeliveryDate: day(transitDays) }),
          };
        }),
        inbound: [],
        asOf: new Date().toISOString(),
        stale: false,
      };
    } catch (error) {
      throw downstreamError(error);
    }
  }

  @Post('orders')
  async placeOrder(@Body() order: PlaceOrder) {
    try {
      const orderId = randomUUID();
      const customer = (await system.get(`/customers/${encodeURIComponent(order.customerId)}`)).data;
      const skus = [...new Set(order.lines.map((l) => l.sku))];
      const prices = (await system.get<{ sku: string }[]>('/prices', { params: { customerId: customer.customerId, skus: skus.join(',') } })).data;
      const unpriced = skus.filter((sku) => !prices.some((p) => p.sku === sku));
      if (unpriced.length) throw new HttpException({ statusCode: 422, message: `Unknown SKU ${unpriced.join(', ')}` }, 422);
      // stock per SKU, one read each: the line ships from the warehouse with the most, or waits
      const stock = new Map<string, Stock>();
      for (const sku of skus) stock.set(sku, (await system.get<Stock>(`/inventory/${encodeURIComponent(sku)}`)).data);
      const legs = order.lines.map((line) => {
        const best = [...stock.get(line.sku)!.warehouses].sort((a, b) => b.available - a.available)[0];
        return { line, warehouseId: best?.warehouseId ?? 'DC01', short: !best || best.available < line.quantity };
      });
      const so = (
        await system.post('/sales-orders', {
          customerId: customer.customerId,
          purchaseOrderNumber: order.purchaseOrderNumber,
          requestedShipDate: order.requestedShipDate,
          lines: order.lines,
        })
      ).data as {
        erpOrderNumber: string;
        currency: string;
        netAmount: number;
        creditBlocked: boolean;
        lines: { lineNumber: number; unitPrice: number; netAmount: number }[];
      };
      const backordered = legs.some((l) => l.short);
      const status = customer.credit.blocked || so.creditBlocked ? 'on_hold' : backordered ? 'backordered' : 'accepted';
      const statusReason = status === 'on_hold' ? (customer.credit.blocked ? 'CREDIT_BLOCK' : 'CREDIT_LIMIT_EXCEEDED') : undefined;
      await system.post('/oms-orders', {
        channelOrderRef: `b2b:${order.partnerId}:${orderId}`,
        channel: 'b2b',
        customerId: customer.customerId,
        erpOrderNumber: so.erpOrderNumber,
        // the OMS has no 'accepted': a new order there is 'created'
        status: status === 'accepted' ? 'created' : status,
      });
      const now = new Date().toISOString();
      const warehouses = [...new Set(legs.filter((l) => !l.short).map((l) => l.warehouseId))].sort();
      return {
        orderId,
        purchaseOrderNumber: order.purchaseOrderNumber,
        status,
        ...(statusReason ? { statusReason } : {}),
        erpOrderNumber: so.erpOrderNumber,
        shipTo: order.shipTo,
        ...(order.requestedShipDate ? { requestedShipDate: order.requestedShipDate } : {}),
        allowPartialShipment: order.allowPartialShipment ?? true,
        total: money(so.netAmount, so.currency),
        lines: order.lines.map((line) => {
          const erpLine = so.lines.find((l) => l.lineNumber === line.lineNumber);
          return {
            lineNumber: line.lineNumber,
            sku: line.sku,
            quantity: line.quantity,
            uom: line.uom ?? 'EA',
            status: legs.find((l) => l.line === line)!.short ? 'backordered' : 'accepted',
            unitPrice: money(erpLine?.unitPrice ?? 0, so.currency, 4),
            amount: money(erpLine?.netAmount ?? 0, so.currency),
          };
        }),
        legs: warehouses.map((warehouseId) => ({
          warehouseId,
          status: 'planned',
          promisedShipDate: day(),
          lines: legs
            .filter((l) => l.warehouseId === warehouseId && !l.short)
            .map(({ line }) => ({ lineNumber: line.lineNumber, sku: line.sku, quantity: line.quantity, uom: line.uom ?? 'EA' })),
        })),
        backorders: legs
          .filter((l) => l.short)
          .map(({ line }) => ({ lineNumber: line.lineNumber, sku: line.sku, quantity: line.quantity, uom: line.uom ?? 'EA', promisedDate: null })),
        rejections: [],
        createdAt: now,
        updatedAt: now,
      };
    } catch (error) {
      throw downstreamError(error);
    }
  }
}

@Module({ controllers: [ProcessController] })
export class NaiveProcessModule {}
