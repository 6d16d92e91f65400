import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { UnprocessableError } from '@platform';

/** Resolves a host name to every address it has (the OS resolver, as a connection would). */
export type AddressResolver = (hostname: string) => Promise<LookupAddress[]>;

export const resolveAll: AddressResolver = (hostname) =>
  new Promise((resolve, reject) => dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))));

export interface DestinationPolicy {
  /** Development only: loopback, private and link-local addresses, and plain http, are allowed. */
  readonly allowPrivate: boolean;
}

/**
 * Only global unicast addresses are reachable. ipaddr.js classifies the special ranges
 * (loopback, RFC 1918, link-local, CGNAT, unique local fc00::/7, unspecified, multicast,
 * reserved, and IPv6 forms that embed an IPv4 address: 6to4, Teredo, NAT64); `process`
 * unwraps IPv4-mapped IPv6 (::ffff:127.0.0.1) so it is judged as the IPv4 it is.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.process(address.replace(/%.*$/, ''));
  return parsed.range() === 'unicast';
}

/** Why a URL may not receive webhooks, or undefined when it may (host names not resolved here). */
function refuseByForm(url: URL, policy: DestinationPolicy): UnprocessableError | undefined {
  if (url.protocol !== 'https:' && !(policy.allowPrivate && url.protocol === 'http:')) {
    return new UnprocessableError('WEBHOOK.URL_NOT_HTTPS', 'Webhook URLs must use https.', [{ field: 'url', messages: ['must be an https URL'] }]);
  }
  if (url.username || url.password) {
    return new UnprocessableError('WEBHOOK.URL_INVALID', 'Webhook URLs may not carry credentials.', [
      { field: 'url', messages: ['must not contain user:password@'] },
    ]);
  }
  return undefined;
}

export function privateAddressError(host: string, address: string): UnprocessableError {
  return new UnprocessableError(
    'WEBHOOK.URL_NOT_ALLOWED',
    `${host} is (or resolves to) ${address}, a loopback, private, link-local or reserved address; webhooks go to public addresses only.`,
    [{ field: 'url', messages: ['must point at a public address'] }],
  );
}

/**
 * Checks a webhook URL before it is accepted and again before each delivery: https, and the
 * host (an IP literal, or every address its name resolves to) public. Throws a 422 problem.
 */
export async function assertDeliverableUrl(rawUrl: string, policy: DestinationPolicy, resolve: AddressResolver = resolveAll): Promise<URL> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new UnprocessableError('WEBHOOK.URL_INVALID', 'The webhook URL is not a valid absolute URL.', [{ field: 'url', messages: ['must be a URL'] }]);
  }
  const refused = refuseByForm(url, policy);
  if (refused) throw refused;
  if (policy.allowPrivate) return url;
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (isIP(host)) {
    if (!isPublicAddress(host)) throw privateAddressError(host, host);
    return url;
  }
  let addresses: LookupAddress[];
  try {
    addresses = await resolve(host);
  } catch {
    addresses = [];
  }
  if (!addresses.length) {
    throw new UnprocessableError('WEBHOOK.URL_UNRESOLVABLE', `${host} does not resolve to any address.`, [
      { field: 'url', messages: ['host name does not resolve'] },
    ]);
  }
  const blocked = addresses.find((a) => !isPublicAddress(a.address));
  if (blocked) throw privateAddressError(host, blocked.address);
  return url;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for net/tls.connect that refuses private addresses at the moment the connection
 * is made: a name that resolved to a public address at subscribe time and to 127.0.0.1 now
 * (DNS rebinding) is never connected to, because the address checked is the one used.
 */
export function guardedLookup(resolve: AddressResolver = resolveAll) {
  return (hostname: string, options: { all?: boolean; family?: number | string }, callback: LookupCallback): void => {
    resolve(hostname).then(
      (all) => {
        const family = options.family === 6 || options.family === 'IPv6' ? 6 : options.family === 4 || options.family === 'IPv4' ? 4 : 0;
        const addresses = family ? all.filter((a) => a.family === family) : all;
        const blocked = addresses.find((a) => !isPublicAddress(a.address));
        if (blocked) return callback(Object.assign(privateAddressError(hostname, blocked.address), { errno: undefined }), '');
        if (!addresses.length) return callback(Object.assign(new Error(`${hostname} does not resolve`), { code: 'ENOTFOUND' }), '');
        if (options.all) return callback(null, addresses);
        callback(null, addresses[0].address, addresses[0].family);
      },
      (error: NodeJS.ErrnoException) => callback(error, ''),
    );
  };
}
