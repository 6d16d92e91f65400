import { HttpException } from '@nestjs/common';
import type { SystemName } from './sandbox.systems.js';

/** An error answered in the native shape of whichever system the request was for. */
export class SandboxError extends HttpException {
  constructor(
    status: number,
    message: string,
    /** Native error code; each system has a default per status. */
    readonly code?: string,
    /** Extra fields merged into the body (e.g. the existing OMS order on a 409). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message, status);
  }
}

const erpCodes: Record<number, string> = {
  400: '/IWBEP/CM_MGW_RT/004',
  401: '/IWFND/CM_CONSUMER/101',
  403: '/IWFND/CM_BEC/026',
  404: '/IWBEP/CM_MGW_RT/020',
  405: '/IWBEP/CM_MGW_RT/019',
  500: '/IWFND/CM_BEC/004',
};

const omsCodes: Record<number, string> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHORIZED',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  500: 'INTERNAL_ERROR',
};

/** The body each backend answers an error with (see docs/sandbox.md). */
export function nativeErrorBody(system: SystemName | undefined, status: number, message: string, code?: string, details?: Record<string, unknown>): object {
  switch (system) {
    case 'erp':
      return { error: { code: code ?? erpCodes[status] ?? `/IWFND/CM_BEC/${status}`, message: { lang: 'en', value: message } } };
    case 'wms':
      return { err_code: code ?? `E${status}`, err_msg: message, ...details };
    case 'oms':
      return { code: code ?? omsCodes[status] ?? `HTTP_${status}`, message, ...details };
    case undefined: // the control surface and unknown paths
      return { statusCode: status, ...(code ? { error: code } : {}), message, ...details };
  }
}
