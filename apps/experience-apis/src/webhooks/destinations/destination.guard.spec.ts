import { describe, expect, it } from '@jest/globals';
import type { LookupAddress } from 'node:dns';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, request } from 'undici';
import { assertDeliverableUrl, guardedLookup, isPublicAddress, type AddressResolver } from './destination.guard.js';

const resolver =
  (table: Record<string, string[]>): AddressResolver =>
  async (hostname) =>
    (table[hostname] ?? []).map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

const closed = { allowPrivate: false };
const dev = { allowPrivate: true };

describe('webhook destination guard', () => {
  it.each([
    '127.0.0.1',
    '127.255.0.9',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.10',
    '169.254.169.254', // cloud metadata
    '0.0.0.0',
    '100.64.0.1', // carrier-grade NAT
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    'fc00::1',
    'fd12:3456::1',
    'fe80::1',
    'fe80::1%eth0',
    'ff02::1',
    '::ffff:127.0.0.1', // IPv4-mapped
    '::ffff:7f00:1',
    '::ffff:10.0.0.1',
    '::ffff:169.254.169.254',
    '64:ff9b::a00:1', // NAT64 of 10.0.0.1
    '2002:7f00:1::1', // 6to4 of 127.0.0.1
    'not-an-ip',
  ])('refuses %s', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(['93.184.215.14', '8.8.8.8', '172.32.0.1', '192.169.0.1', '2606:4700::6810:84e5', '::ffff:8.8.8.8'])('accepts %s', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });

  it('refuses private IP literals in URLs, including bracketed IPv6 and odd IPv4 spellings', async () => {
    for (const url of [
      'https://127.0.0.1/hook',
      'https://[::1]:8443/hook',
      'https://[::ffff:127.0.0.1]/hook',
      'https://[fd00::5]/hook',
      'https://2130706433/hook', // 127.0.0.1 as one number
      'https://0x7f.1/hook',
      'https://10.0.0.8/hook',
    ]) {
      await expect(assertDeliverableUrl(url, closed, resolver({}))).rejects.toMatchObject({ code: 'WEBHOOK.URL_NOT_ALLOWED', status: 422 });
    }
  });

  it('refuses host names that resolve to a private address, even one of several', async () => {
    const resolve = resolver({ 'hooks.example.com': ['93.184.215.14'], 'sneaky.example.com': ['93.184.215.14', '10.0.0.5'], 'v6.example.com': ['fe80::2'] });
    await expect(assertDeliverableUrl('https://hooks.example.com/in', closed, resolve)).resolves.toBeInstanceOf(URL);
    await expect(assertDeliverableUrl('https://sneaky.example.com/in', closed, resolve)).rejects.toMatchObject({ code: 'WEBHOOK.URL_NOT_ALLOWED' });
    await expect(assertDeliverableUrl('https://v6.example.com/in', closed, resolve)).rejects.toMatchObject({ code: 'WEBHOOK.URL_NOT_ALLOWED' });
    await expect(assertDeliverableUrl('https://nowhere.example.com/in', closed, resolve)).rejects.toMatchObject({ code: 'WEBHOOK.URL_UNRESOLVABLE' });
  });

  it('requires https and no credentials unless the development setting allows private URLs', async () => {
    const resolve = resolver({ 'hooks.example.com': ['93.184.215.14'] });
    await expect(assertDeliverableUrl('http://hooks.example.com/in', closed, resolve)).rejects.toMatchObject({ code: 'WEBHOOK.URL_NOT_HTTPS' });
    await expect(assertDeliverableUrl('ftp://hooks.example.com/in', dev, resolve)).rejects.toMatchObject({ code: 'WEBHOOK.URL_NOT_HTTPS' });
    await expect(assertDeliverableUrl('https://u:p@hooks.example.com/in', closed, resolve)).rejects.toMatchObject({ code: 'WEBHOOK.URL_INVALID' });
    await expect(assertDeliverableUrl('http://127.0.0.1:9999/in', dev, resolve)).resolves.toBeInstanceOf(URL);
  });

  it('refuses at connection time a name that now resolves to a private address (DNS rebinding)', async () => {
    let answer = ['93.184.215.14'];
    const lookup = guardedLookup(async () => answer.map((address) => ({ address, family: 4 })));
    const run = (all: boolean) =>
      new Promise<{ error: Error | null; address: string | LookupAddress[] }>((resolve) =>
        lookup('rebind.example.com', { all }, (error, address) => resolve({ error, address })),
      );
    expect(await run(false)).toEqual({ error: null, address: '93.184.215.14' });
    expect((await run(true)).address).toEqual([{ address: '93.184.215.14', family: 4 }]);
    answer = ['127.0.0.1'];
    expect((await run(false)).error).toMatchObject({ code: 'WEBHOOK.URL_NOT_ALLOWED' });
  });

  it('makes undici refuse the connection itself when the name resolves to loopback', async () => {
    let hits = 0;
    const server = createServer((_req, res) => {
      hits++;
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const guarded = new Agent({ connect: { lookup: guardedLookup() } });
    const open = new Agent();
    try {
      await expect(request(`http://localhost:${port}/`, { dispatcher: guarded })).rejects.toMatchObject({ code: 'WEBHOOK.URL_NOT_ALLOWED' });
      expect(hits).toBe(0);
      // the same request without the guard does reach it: the refusal above was the guard's
      expect((await request(`http://localhost:${port}/`, { dispatcher: open })).statusCode).toBe(200);
      expect(hits).toBe(1);
    } finally {
      await guarded.close();
      await open.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
