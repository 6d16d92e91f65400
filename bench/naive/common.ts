// Configuration of the naive comparison stack, read from the environment once (bench/naive/index.mjs sets it),
// and the one error helper its apps share. The naive stack is a hand-built baseline: it imports nothing
// from apps/ or libs/.
import { HttpException } from '@nestjs/common';
import { isAxiosError } from 'axios';

const env = (name: string, fallback?: string): string => {
  const value = process.env[name] || fallback;
  if (value === undefined) throw new Error(`${name} is required`);
  return value;
};

const sandbox = env('NAIVE_SANDBOX_URL');

export const config = {
  ports: {
    experience: Number(env('NAIVE_EXPERIENCE_PORT')),
    process: Number(env('NAIVE_PROCESS_PORT')),
    system: Number(env('NAIVE_SYSTEM_PORT')),
  },
  processUrl: `http://127.0.0.1:${env('NAIVE_PROCESS_PORT')}`,
  systemUrl: `http://127.0.0.1:${env('NAIVE_SYSTEM_PORT')}`,
  /** One static bearer token shared with the bench, and the customer every order is for (the demo partner acme's). */
  token: env('NAIVE_TOKEN'),
  partnerId: env('NAIVE_PARTNER_ID', 'acme'),
  customerId: env('NAIVE_CUSTOMER_ID', '10100001'),
  // the sandbox's credentials, the real system layer's defaults
  erp: { baseUrl: `${sandbox}/sap/opu/odata/sap`, user: env('NAIVE_ERP_USER', 'GATEWAY'), password: env('NAIVE_ERP_PASSWORD', 'sandbox-erp-secret') },
  wms: { baseUrl: `${sandbox}/wms/api`, apiKey: env('NAIVE_WMS_API_KEY', 'sandbox-wms-key') },
  oms: { baseUrl: `${sandbox}/oms/api/v2`, token: env('NAIVE_OMS_TOKEN', 'sandbox-oms-token') },
};

/** A failed downstream call as an HttpException: its 4xx passed on as is, anything else a 502. */
export function downstreamError(error: unknown): HttpException {
  if (error instanceof HttpException) return error;
  if (isAxiosError(error) && error.response && error.response.status >= 400 && error.response.status < 500) {
    return new HttpException(error.response.data ?? 'Downstream refused', error.response.status);
  }
  return new HttpException({ statusCode: 502, message: `Downstream failed: ${(error as Error).message}` }, 502);
}
