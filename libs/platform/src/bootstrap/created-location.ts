import type { FastifyInstance } from 'fastify';

/**
 * The field of a created resource that names it, as the read route `<create path>/:<field>` takes it:
 * `/b2b/v2/orders` with `GET /b2b/v2/orders/:orderId` gives `orderId`. The catalog's create-to-read links
 * and `Location` headers follow the same rule (openapi-governance.ts), so what is documented is what is sent.
 */
export function readParameterOf(createUrl: string, readUrls: Iterable<string>): string | undefined {
  for (const url of readUrls) {
    const parameter = url.startsWith(`${createUrl}/:`) ? /^:(\w+)$/.exec(url.slice(createUrl.length + 1))?.[1] : undefined;
    if (parameter) return parameter;
  }
  return undefined;
}

/**
 * Every 201 whose body names the resource its read route takes answers `Location: <path>/<id>`, the
 * absolute path to GET it. In one place for every controller, and after the handler, so a replayed
 * answer (Idempotent-Replayed: true) carries it as the first one did.
 */
export function locateCreatedResources(fastify: FastifyInstance): void {
  const readUrls = new Set<string>();
  const parameters = new Map<string, string | undefined>();
  fastify.addHook('onRoute', (route) => {
    if ([route.method].flat().includes('GET')) readUrls.add(route.url);
  });
  fastify.addHook('preSerialization', (request, reply, payload: unknown, done) => {
    const createUrl = request.routeOptions.url;
    if (reply.statusCode === 201 && createUrl && payload && typeof payload === 'object' && !reply.hasHeader('location')) {
      if (!parameters.has(createUrl)) parameters.set(createUrl, readParameterOf(createUrl, readUrls));
      const parameter = parameters.get(createUrl);
      const id = parameter ? (payload as Record<string, unknown>)[parameter] : undefined;
      // the path as called (a controller may serve several versions), so v1 points at v1
      const path = request.url.split('?')[0]!.replace(/\/+$/, '');
      if (typeof id === 'string' || typeof id === 'number') void reply.header('location', `${path}/${encodeURIComponent(String(id))}`);
    }
    done(null, payload);
  });
}
