import { Inject, Injectable, Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { SystemApiClient, type EventEnvelopeDto, type FulfillmentOrderDto, type OmsStatus } from '@contracts';
import { AppError, AuditLog, ConflictError, Database, NotFoundError, PeriodicTask, ScheduledJob, currentCorrelationId, type Caller } from '@platform';
import { InvoiceIssuerService } from '../billing/invoice-issuer.service.js';
import { InboundEventsService } from '../events/inbound-events.service.js';
import { refetchedShipmentEventId } from '../fulfillment/warehouse-events/refetched-shipment.js';
import { ProcessApisConfig } from '../process.config.js';
import { AtpProjectionService, toStockPosition } from '../promising/atp/atp-projection.service.js';
import {
  compareInvoices,
  compareOrders,
  compareShipments,
  compareStock,
  RECONCILIATION_CHECKS,
  type ErpBillingFacts,
  type ErpOrderFacts,
  type GatewayOrderFacts,
  type OmsOrderFacts,
  type ReconciliationCheck,
  type StockFigures,
  type Variance,
  type WmsOutboundFacts,
} from './domain/reconciliation.js';
import { GatewayFactsReader } from './gateway-facts.reader.js';
import { defaultReconciliationConfig, type ReconciliationConfig } from './reconciliation.config.js';
import {
  ReconciliationRepository,
  type CheckSummary,
  type FindingAction,
  type FindingRecord,
  type NewFinding,
  type RunRecord,
  type RunTrigger,
} from './reconciliation.repository.js';

export const RECONCILIATION_LEASE = 'reconciliation';

/** A run still marked running after this long died with its process and no longer blocks the next. */
const ABANDONED_AFTER_MS = 15 * 60_000;

export interface RunWithFindings {
  readonly run: RunRecord;
  readonly findings: FindingRecord[];
}

/** One check's comparison: the variances and, for those with a safe repair, how to make it. */
interface Comparison {
  readonly compared: number;
  readonly variances: Variance[];
  /** By variance key; returns what was done, for the finding's repair detail. */
  readonly repairs: ReadonlyMap<string, () => Promise<string>>;
}

const isNotFound = (error: unknown) => error instanceof AppError && error.status === 404;
const sumBySku = (lines: ReadonlyArray<{ sku: string; quantity: number }>) => {
  const out: Record<string, number> = {};
  for (const line of lines) out[line.sku] = (out[line.sku] ?? 0) + line.quantity;
  return out;
};

/**
 * Compares the gateway with the systems of record, four checks one after the other: (a) stock, the
 * WMS's positions against the ATP projection; (b) orders, each placed order against its ERP sales
 * order and its OMS order; (c) shipments, what the WMS shipped against the shipments recorded; (d)
 * invoices, each issued invoice against its ERP billing document. Each variance is stored with what
 * was done: a safe repair (re-sync a projection row, send the OMS a status it missed, re-fetch a
 * missed shipment through the warehouse events' own path, issue a vanished billing document again),
 * an exception for a person, or nothing (within the threshold). Backends are read only through the
 * system layer. One run at a time over all instances; every RECONCILIATION_INTERVAL_MS on the holder
 * of the `reconciliation` lease (off by default), and on demand.
 */
@Injectable()
export class ReconciliationService extends ScheduledJob {
  private readonly logger = new Logger(ReconciliationService.name);
  private readonly settings: ReconciliationConfig;
  protected readonly task: PeriodicTask<RunWithFindings>;

  constructor(
    private readonly runs: ReconciliationRepository,
    private readonly gateway: GatewayFactsReader,
    private readonly system: SystemApiClient,
    private readonly projection: AtpProjectionService,
    private readonly inbound: InboundEventsService,
    private readonly issuer: InvoiceIssuerService,
    private readonly audit: AuditLog,
    config: ProcessApisConfig,
    @Inject(Database) db: Database,
  ) {
    super();
    this.settings = config.reconciliation ?? defaultReconciliationConfig;
    this.task = new PeriodicTask({
      run: () => this.run('scheduled'),
      every: Math.max(this.settings.intervalMs, 1),
      logger: this.logger,
      failure: 'reconciliation run failed',
      correlationPrefix: 'reconciliation',
      lease: { db, name: RECONCILIATION_LEASE },
    });
  }

  override onApplicationBootstrap(): void | Promise<void> {
    if (this.settings.intervalMs > 0) return super.onApplicationBootstrap();
  }

  /** A run an operator asked for, audited with who asked and what it found. */
  async runFor(by: Caller): Promise<RunWithFindings> {
    const result = await this.run('on_demand', by.id);
    const count = (action: FindingAction) => result.findings.filter((f) => f.action === action).length;
    await this.audit.record({
      actorKind: by.kind,
      actor: by.id,
      action: 'reconciliation.run',
      target: result.run.runId,
      outcome: result.run.status === 'completed' ? 'success' : 'failure',
      detail: { findings: result.findings.length, repaired: count('repaired'), exceptions: count('exception') },
    });
    return result;
  }

  async run(trigger: RunTrigger, requestedBy?: string): Promise<RunWithFindings> {
    const runId = await this.runs.startRun(trigger, requestedBy, currentCorrelationId(), ABANDONED_AFTER_MS);
    if (!runId) {
      throw new ConflictError(
        'RECONCILIATION.RUN_IN_PROGRESS',
        'A reconciliation run is in progress; GET /v1/ops/reconciliation-runs lists it with its findings once it finishes.',
      );
    }
    const since = new Date(Date.now() - this.settings.lookbackDays * 86_400_000);
    let failed = true;
    try {
      failed = !(await this.runChecks(runId, since));
    } finally {
      // also when the database failed under it: a run left `running` would block the next ones
      await this.runs.finishRun(runId, failed ? 'failed' : 'completed');
    }
    const result = await this.get(runId);
    const count = (action: FindingAction) => result.findings.filter((f) => f.action === action).length;
    this.logger.log(
      { runId, trigger, status: result.run.status, findings: result.findings.length, repaired: count('repaired'), exceptions: count('exception') },
      'reconciliation run finished',
    );
    return result;
  }

  /** Every check, one after the other; a check that cannot run is recorded as failed and the next still runs. True when all completed. */
  private async runChecks(runId: string, since: Date): Promise<boolean> {
    let completed = true;
    for (const check of RECONCILIATION_CHECKS) {
      try {
        const comparison = await this.compare(check, since, runId);
        const findings: NewFinding[] = [];
        for (const variance of comparison.variances) findings.push(await this.settle(variance, comparison.repairs.get(variance.key)));
        await this.runs.recordCheck(runId, check, summaryOf(comparison.compared, findings), findings);
      } catch (error) {
        completed = false;
        const message = (error as Error).message;
        this.logger.warn({ runId, check, err: error }, 'reconciliation check could not run');
        await this.runs.recordCheck(runId, check, { status: 'failed', compared: 0, findings: 0, repaired: 0, exceptions: 0, error: message.slice(0, 500) }, []);
      }
    }
    return completed;
  }

  async get(runId: string): Promise<RunWithFindings> {
    const run = await this.runs.run(runId);
    if (!run) throw new NotFoundError('RECONCILIATION.RUN_NOT_FOUND', `No reconciliation run ${runId}.`);
    return { run, findings: await this.runs.findingsOf(runId) };
  }

  list(limit: number): Promise<RunRecord[]> {
    return this.runs.runs(limit);
  }

  private async settle(variance: Variance, repair: (() => Promise<string>) | undefined): Promise<NewFinding> {
    const { disposition, ...rest } = variance;
    if (disposition.kind === 'exception') return { ...rest, action: 'exception' };
    if (disposition.kind === 'within_threshold') return { ...rest, action: 'within_threshold' };
    if (!repair) return { ...rest, action: 'exception', repairDetail: `${disposition.repair}: nothing to repair it from` };
    try {
      return { ...rest, action: 'repaired', repairDetail: `${disposition.repair}: ${await repair()}` };
    } catch (error) {
      this.logger.warn({ check: variance.check, key: variance.key, err: error }, 'reconciliation repair failed');
      return { ...rest, action: 'repair_failed', repairDetail: `${disposition.repair} failed: ${(error as Error).message}`.slice(0, 1000) };
    }
  }

  private compare(check: ReconciliationCheck, since: Date, runId: string): Promise<Comparison> {
    switch (check) {
      case 'stock':
        return this.compareStock();
      case 'orders':
        return this.compareOrders(since);
      case 'shipments':
        return this.compareShipments(since, runId);
      case 'invoices':
        return this.compareInvoices(since);
    }
  }

  /** (a) A variance counts only when a second read, `settleMs` later, still shows it: an event in flight is no drift. */
  private async compareStock(): Promise<Comparison> {
    const [wms, ours] = await Promise.all([this.system.listInventory(), this.gateway.projection()]);
    let variances = compareStock(wms.map(toStockPosition), ours, this.settings.thresholds);
    const compared = new Set([...wms, ...ours].map((p) => `${p.sku}@${p.warehouseId}`)).size;
    if (variances.length && this.settings.settleMs > 0) {
      await sleep(this.settings.settleMs);
      const skus = [...new Set(variances.map((v) => v.keys.sku))];
      const [wmsAgain, oursAgain] = await Promise.all([this.system.listInventory(), this.gateway.projection(skus)]);
      const before = new Set(variances.map((v) => v.key));
      variances = compareStock(wmsAgain.filter((p) => skus.includes(p.sku)).map(toStockPosition), oursAgain, this.settings.thresholds).filter((v) =>
        before.has(v.key),
      );
    }
    const repairs = new Map(
      variances.map((v) => {
        const figures = { ...(v.expected as Omit<StockFigures, 'sku' | 'warehouseId'>), sku: v.keys.sku, warehouseId: v.keys.warehouseId };
        const repair = async () => {
          await this.projection.resync(figures);
          return `projection row set to the WMS's figures (on hand ${figures.onHand}, allocated ${figures.allocated})`;
        };
        return [v.key, repair] as const;
      }),
    );
    return { compared, variances, repairs };
  }

  /**
   * (b) Each placed order against its ERP sales order and its OMS order. An OMS status variance counts only
   * when a second read, `settleMs` later, still shows it: the gateway tells the OMS right after its own change.
   */
  private async compareOrders(since: Date): Promise<Comparison> {
    const orders = await this.gateway.orders(since);
    const erp = new Map<string, ErpOrderFacts | null>();
    for (const order of orders) {
      try {
        const found = await this.system.getSalesOrder(order.erpOrderNumber);
        erp.set(order.erpOrderNumber, { netAmount: found.netAmount, cancelled: found.cancelled });
      } catch (error) {
        if (!isNotFound(error)) throw error;
        erp.set(order.erpOrderNumber, null);
      }
    }
    let variances = compareOrders(orders, erp, await this.omsOrders(orders), this.settings.thresholds);
    const moving = variances.filter((v) => v.kind === 'oms_status_mismatch');
    if (moving.length && this.settings.settleMs > 0) {
      await sleep(this.settings.settleMs);
      const again = await this.gateway.orders(since, [...new Set(moving.map((v) => v.keys.orderId))]);
      const still = compareOrders(again, erp, await this.omsOrders(again), this.settings.thresholds).filter((v) => v.kind === 'oms_status_mismatch');
      const before = new Set(moving.map((v) => v.key));
      variances = [...variances.filter((v) => v.kind !== 'oms_status_mismatch'), ...still.filter((v) => before.has(v.key))];
    }
    const repairs = new Map(
      variances
        .filter((v) => v.disposition.kind === 'repair')
        .map((v) => {
          const status = (v.expected as { status: OmsStatus }).status;
          const repair = async () => {
            await this.system.transitionOmsOrder(v.keys.omsOrderId, { status, note: 'reconciliation: the status the gateway holds' });
            return `OMS order ${v.keys.omsOrderId} moved to ${status}`;
          };
          return [v.key, repair] as const;
        }),
    );
    return { compared: orders.length, variances, repairs };
  }

  /** The OMS orders of these orders: null for one the OMS does not have. */
  private async omsOrders(orders: readonly GatewayOrderFacts[]): Promise<Map<string, OmsOrderFacts | null>> {
    const oms = new Map<string, OmsOrderFacts | null>();
    for (const { omsOrderId } of orders) {
      if (!omsOrderId) continue;
      try {
        oms.set(omsOrderId, { status: (await this.system.getOmsOrder(omsOrderId)).status });
      } catch (error) {
        if (!isNotFound(error)) throw error;
        oms.set(omsOrderId, null);
      }
    }
    return oms;
  }

  /** (c) Released legs against their WMS outbound orders; a shipment younger than the grace period is left for its event. */
  private async compareShipments(since: Date, runId: string): Promise<Comparison> {
    const legs = await this.gateway.releasedLegs(since);
    const outbound = new Map<string, FulfillmentOrderDto>();
    for (const erpOrderNumber of new Set(legs.map((l) => l.erpOrderNumber))) {
      for (const order of await this.system.findFulfillmentOrders(erpOrderNumber)) outbound.set(order.wmsOrderId, order);
    }
    const settledBefore = Date.now() - this.settings.shipmentGraceMs;
    const facts = new Map<string, WmsOutboundFacts>();
    for (const [wmsOrderId, order] of outbound) {
      if (order.shipment && Date.parse(order.shipment.shippedAt) > settledBefore) continue; // its event may still be on the way
      facts.set(wmsOrderId, { wmsOrderId, shipped: order.shipment ? sumBySku(order.shipment.lines) : undefined });
    }
    const variances = compareShipments(legs, facts, this.settings.thresholds);
    const repairs = new Map(
      variances.filter((v) => v.disposition.kind === 'repair').map((v) => [v.key, () => this.refetchShipment(outbound.get(v.key)!, runId)] as const),
    );
    return { compared: facts.size, variances, repairs };
  }

  /**
   * The shipment event the gateway missed, rebuilt from the WMS's outbound order and applied through the
   * inbound events' own path (inbox, leg status machine, shipment, invoice, partner events). Its id is
   * derived from the outbound order, so however often it is re-fetched it is applied once, and the
   * warehouse events record one shipment of the re-fetch and the WMS's own event if that arrives after all.
   */
  private async refetchShipment(order: FulfillmentOrderDto, runId: string): Promise<string> {
    const shipment = order.shipment!;
    const event: EventEnvelopeDto = {
      id: refetchedShipmentEventId(order.wmsOrderId),
      type: 'shipment.confirmed',
      version: 1,
      occurredAt: shipment.shippedAt,
      correlationId: currentCorrelationId() ?? `reconciliation-${runId}`,
      causationId: runId,
      source: 'process-apis/reconciliation',
      subject: `order/${order.erpOrderNumber}`,
      data: {
        warehouseId: order.warehouseId,
        wmsOrderId: order.wmsOrderId,
        erpOrderNumber: order.erpOrderNumber,
        ...(shipment.carrier ? { carrier: shipment.carrier } : {}),
        ...(shipment.trackingNumber ? { trackingNumber: shipment.trackingNumber } : {}),
        lines: shipment.lines,
      },
    };
    const { duplicate } = await this.inbound.accept(event);
    return duplicate ? `event ${event.id} was applied before` : `shipment.confirmed ${event.id} applied from the WMS's outbound order`;
  }

  /** (d) Each issued invoice against the billing documents the ERP holds under its id. */
  private async compareInvoices(since: Date): Promise<Comparison> {
    const invoices = await this.gateway.issuedInvoices(since);
    const erp = new Map<string, ErpBillingFacts[]>();
    for (const invoice of invoices) {
      const documents = await this.system.findInvoices(invoice.invoiceId);
      erp.set(
        invoice.invoiceId,
        documents.map((d) => ({ erpInvoiceNumber: d.erpInvoiceNumber, grossAmount: d.grossAmount, quantities: sumBySku(d.lines) })),
      );
    }
    const variances = compareInvoices(invoices, erp, this.settings.thresholds);
    const repairs = new Map(
      variances
        .filter((v) => v.disposition.kind === 'repair')
        .map((v) => [v.key, async () => `billing document ${await this.issuer.reissue(v.key)} created in the ERP`] as const),
    );
    return { compared: invoices.length, variances, repairs };
  }
}

function summaryOf(compared: number, findings: readonly NewFinding[]): CheckSummary {
  return {
    status: 'completed',
    compared,
    findings: findings.length,
    repaired: findings.filter((f) => f.action === 'repaired').length,
    exceptions: findings.filter((f) => f.action === 'exception' || f.action === 'repair_failed').length,
  };
}
