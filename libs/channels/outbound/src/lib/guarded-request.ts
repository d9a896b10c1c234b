import { lookup as dnsLookup, promises as dnsPromises, type LookupAddress, type LookupOptions } from 'node:dns';
import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import * as ipaddr from 'ipaddr.js';
import { outboundRefusal, type OutboundPolicy } from './outbound-address';

export class OutboundRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutboundRefusedError';
  }
}

/**
 * A DNS lookup for net/tls/http that resolves every address of the host and refuses the
 * connection when any is forbidden. The socket connects to the addresses checked here, so a
 * second answer (DNS rebinding) never gets a say.
 */
export function guardedLookup(policy: OutboundPolicy): LookupFunction {
  return (
    hostname: string,
    options: LookupOptions,
    callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
  ) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      const refusal = addresses.map((a) => outboundRefusal(policy, hostname, a.address)).find(Boolean);
      if (refusal) return callback(Object.assign(new OutboundRefusedError(refusal), { code: 'EOUTBOUNDREFUSED' }), []);
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

/** The refusal for a host written as an IP literal (the lookup above is skipped for those), or null. */
export function literalRefusal(policy: OutboundPolicy, host: string): string | null {
  const bare = host.replace(/^\[|\]$/g, '');
  return ipaddr.isValid(bare) ? outboundRefusal(policy, bare, bare) : null;
}

export interface GuardedResponse {
  status: number;
  /** The Location of a redirect, which is reported and never followed. */
  location: string | null;
  headers: IncomingHttpHeaders;
  /** The response body, read up to `maxBodyBytes` (empty when that is 0, the default). */
  body: Buffer;
}

export interface GuardedRequestInit {
  method: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Read the body up to this many bytes (more fails the request); 0 discards it. */
  maxBodyBytes?: number;
}

/**
 * One HTTP(S) request to a URL from connector settings, checked at connect time under the
 * policy; redirects are not followed (the 3xx is the answer), and the body is read only when asked for.
 */
export function guardedRequest(url: string, init: GuardedRequestInit, policy: OutboundPolicy): Promise<GuardedResponse> {
  const target = new URL(url);
  const refusal = literalRefusal(policy, target.hostname);
  if (refusal) return Promise.reject(Object.assign(new OutboundRefusedError(refusal), { code: 'EOUTBOUNDREFUSED' }));
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const maxBodyBytes = init.maxBodyBytes ?? 0;
  return new Promise((resolve, reject) => {
    const req = request(
      target,
      { method: init.method, headers: init.headers, lookup: guardedLookup(policy), timeout: init.timeoutMs, signal: init.signal },
      (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          if (!maxBodyBytes) return;
          size += chunk.length;
          if (size > maxBodyBytes) req.destroy(new Error(`response body larger than ${maxBodyBytes} bytes`));
          else chunks.push(chunk);
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, location: res.headers.location ?? null, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${init.timeoutMs} ms`)));
    req.on('error', reject);
    req.end(init.body);
  });
}

/** Statuses whose response has no body (the Response constructor refuses one). */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * A `fetch` for clients whose base URL comes from connector settings (Mastodon, X, Meta): with
 * the guard on, every connection is checked as in guardedRequest, redirects come back as the
 * 3xx answer (like `redirect: 'manual'`), and failures reject like fetch's (`TypeError` with the
 * cause, whose code is `EOUTBOUNDREFUSED` for a refused address). With the guard off it is fetch.
 */
export function guardedFetch(policy: OutboundPolicy, maxBodyBytes = 4 * 1024 * 1024): typeof fetch {
  if (!policy.guard) return fetch;
  return async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    if (init?.body !== undefined && init.body !== null && typeof init.body !== 'string') throw new TypeError('guardedFetch sends string bodies only');
    const url = input instanceof Request ? input.url : String(input);
    const requestHeaders: Record<string, string> = {};
    new Headers(init?.headers).forEach((value, name) => (requestHeaders[name] = value));
    let res: GuardedResponse;
    try {
      res = await guardedRequest(
        url,
        {
          method: init?.method ?? 'GET',
          headers: requestHeaders,
          body: init?.body ?? undefined,
          signal: init?.signal ?? undefined,
          maxBodyBytes,
        },
        policy,
      );
    } catch (err) {
      throw Object.assign(new TypeError('fetch failed'), { cause: err });
    }
    const headers = new Headers();
    for (const [name, value] of Object.entries(res.headers)) {
      for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, v);
    }
    return new Response(NULL_BODY_STATUSES.has(res.status) ? null : new Uint8Array(res.body), { status: res.status, headers });
  };
}

/**
 * The address to connect to for a mail server from connector settings (SMTP, IMAP: their clients
 * resolve names themselves). With the guard on, the name is resolved here once, every address is
 * checked, and the caller connects to the returned address (with the name for TLS), so no second
 * lookup can answer differently. With the guard off it is the host as given.
 */
export async function guardedAddress(policy: OutboundPolicy, host: string): Promise<string> {
  if (!policy.guard) return host;
  const bare = host.replace(/^\[|\]$/g, '');
  if (ipaddr.isValid(bare)) {
    const refusal = outboundRefusal(policy, bare, bare);
    if (refusal) throw Object.assign(new OutboundRefusedError(refusal), { code: 'EOUTBOUNDREFUSED' });
    return bare;
  }
  const addresses = await dnsPromises.lookup(host, { all: true });
  const refusal = addresses.map((a) => outboundRefusal(policy, host, a.address)).find(Boolean);
  if (refusal) throw Object.assign(new OutboundRefusedError(refusal), { code: 'EOUTBOUNDREFUSED' });
  return addresses[0].address;
}
