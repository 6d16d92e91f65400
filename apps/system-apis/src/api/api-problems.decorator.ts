import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';

const descriptions: Record<number, string> = {
  400: 'Invalid request: the problem lists each field.',
  404: 'Not found in the backend (stable code, e.g. `ERP.CUSTOMER_NOT_FOUND`).',
  409: 'The backend refused the change as conflicting with its state.',
  422: 'The backend rejected the request; `detail` carries its message.',
  502: 'The backend answered something the gateway cannot map, or refused our credentials.',
  503: 'The backend is unreachable, slow, or its breaker is open; see Retry-After.',
};

/** Documents the RFC 9457 problem+json answers a route can give (their body: the shared Problem schema, filled in by withProblemResponses). */
export function ApiProblems(...statuses: number[]): MethodDecorator {
  return applyDecorators(...statuses.map((status) => ApiResponse({ status, description: descriptions[status] ?? 'Problem' })));
}
