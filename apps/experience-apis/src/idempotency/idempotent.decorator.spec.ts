import { describe, expect, it } from '@jest/globals';
import type { CallHandler, ExecutionContext } from '@nestjs/common';
import { firstValueFrom, of } from 'rxjs';
import { IdempotentReplayInterceptor } from './idempotent.decorator.js';

function replyStub() {
  const sent: { status?: number; headers: Record<string, string> } = { headers: {} };
  const reply = {
    status(code: number) {
      sent.status = code;
      return reply;
    },
    header(name: string, value: string) {
      sent.headers[name] = value;
      return reply;
    },
  };
  const context = { switchToHttp: () => ({ getResponse: () => reply }) } as unknown as ExecutionContext;
  return { sent, context };
}

describe('IdempotentReplayInterceptor', () => {
  it.each([
    [{ status: 201, body: { orderId: 'o-1' }, replayed: false }, 'false'],
    [{ status: 201, body: { orderId: 'o-1' }, replayed: true }, 'true'],
  ])('answers the stored status and body, marked Idempotent-Replayed (%#)', async (stored, replayed) => {
    const { sent, context } = replyStub();
    const next: CallHandler = { handle: () => of(stored) };
    const body = await firstValueFrom(new IdempotentReplayInterceptor().intercept(context, next as CallHandler<never>));
    expect(body).toEqual({ orderId: 'o-1' });
    expect(sent).toEqual({ status: 201, headers: { 'idempotent-replayed': replayed } });
  });
});
