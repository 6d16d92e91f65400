import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ErpStore } from '../erp/erp.store.js';
import { OmsStore } from '../oms/oms.store.js';
import { SandboxError } from '../sandbox.error.js';
import { isSystemName, type SystemName } from '../sandbox.systems.js';
import { WmsEventEmitter } from '../wms/wms-event.emitter.js';
import { WmsRmaStore } from '../wms/wms-rma.store.js';
import { WmsStore } from '../wms/wms.store.js';
import { FaultsDto } from './control.dto.js';
import { TrafficStore, type CallRecord, type Faults } from './traffic.store.js';

/** Fault injection and call logs per system, and a full reset; never subject to the faults themselves. */
@Controller('control')
export class ControlController {
  constructor(
    private readonly traffic: TrafficStore,
    private readonly erp: ErpStore,
    private readonly wms: WmsStore,
    private readonly rmas: WmsRmaStore,
    private readonly oms: OmsStore,
    private readonly events: WmsEventEmitter,
  ) {}

  @Get(':system/faults')
  faults(@Param('system') system: string): Faults {
    return this.traffic.faultsOf(systemParam(system));
  }

  @Put(':system/faults')
  setFaults(@Param('system') system: string, @Body() body: FaultsDto): Faults {
    return this.traffic.setFaults(systemParam(system), body);
  }

  @Delete(':system/faults')
  @HttpCode(204)
  clearFaults(@Param('system') system: string): void {
    this.traffic.clearFaults(systemParam(system));
  }

  @Get(':system/calls')
  calls(@Param('system') system: string): { calls: CallRecord[] } {
    return { calls: this.traffic.callsOf(systemParam(system)) };
  }

  @Delete(':system/calls')
  @HttpCode(204)
  clearCalls(@Param('system') system: string): void {
    this.traffic.clearCalls(systemParam(system));
  }

  /** Re-seeds every system and clears faults, call logs and the event log; the webhook URL is kept. */
  @Post('reset')
  @HttpCode(204)
  reset(): void {
    this.erp.reset();
    this.wms.reset();
    this.rmas.reset();
    this.oms.reset();
    this.traffic.reset();
    this.events.clearLog();
  }
}

function systemParam(value: string): SystemName {
  if (!isSystemName(value)) throw new SandboxError(404, `Unknown system '${value}': expected erp, wms or oms`);
  return value;
}
