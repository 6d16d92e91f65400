import type { FastifyInstance, FastifyRequest } from 'fastify';
import { setTimeout as sleep } from 'node:timers/promises';
import { nativeErrorBody } from '../sandbox.error.js';
import { systemOfUrl } from '../sandbox.systems.js';
import type { CallRecord, TrafficStore } from './traffic.store.js';

/**
 * Logs every native request and applies the injected faults before routing, so they hit
 * auth failures and unknown paths alike, while /control and /health stay untouched.
 */
export function installTrafficHooks(fastify: FastifyInstance, traffic: TrafficStore): void {
  const inFlight = new WeakMap<FastifyRequest, CallRecord>();
  const answersToLose = new WeakSet<FastifyRequest>();

  fastify.addHook('onRequest', async (request, reply) => {
    const system = systemOfUrl(request.url);
    if (!system) return;
    const header = request.headers['x-correlation-id'];
    const call = traffic.record(system, request.method, request.url, (Array.isArray(header) ? header[0] : header) ?? null);
    inFlight.set(request, call);
    const faults = traffic.faultsOf(system);
    if (faults.down) {
      // A dead backend: no status line at all, the client sees the socket close.
      call.status = 'dropped';
      reply.hijack();
      request.raw.socket.destroy();
      return;
    }
    if (faults.latencyMs > 0) await sleep(faults.latencyMs);
    if (faults.errorRate > 0 && Math.random() < faults.errorRate) {
      return reply.code(500).send(nativeErrorBody(system, 500, `${system.toUpperCase()} internal error (injected fault)`));
    }
    if (faults.loseWriteAnswers && !['GET', 'HEAD', 'OPTIONS'].includes(request.method)) answersToLose.add(request);
  });

  // the write has been carried out: cut the connection before a byte of the answer leaves
  fastify.addHook('onSend', async (request, reply, payload) => {
    if (!answersToLose.has(request)) return payload;
    const call = inFlight.get(request);
    if (call) call.status = 'lost';
    inFlight.delete(request);
    request.raw.socket.destroy();
    return payload;
  });

  fastify.addHook('onResponse', async (request, reply) => {
    const call = inFlight.get(request);
    if (call) call.status = reply.statusCode;
  });
}
