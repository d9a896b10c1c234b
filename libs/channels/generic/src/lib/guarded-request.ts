import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
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
}

/**
 * One HTTP(S) request to a URL from connector settings, checked at connect time under the
 * policy; redirects are not followed and the response body is discarded (callers show the status only).
 */
export function guardedRequest(
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; timeoutMs: number },
  policy: OutboundPolicy,
): Promise<GuardedResponse> {
  const target = new URL(url);
  const refusal = literalRefusal(policy, target.hostname);
  if (refusal) return Promise.reject(new OutboundRefusedError(refusal));
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(
      target,
      { method: init.method, headers: init.headers, lookup: guardedLookup(policy), timeout: init.timeoutMs },
      (res: IncomingMessage) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location ?? null }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${init.timeoutMs} ms`)));
    req.on('error', reject);
    req.end(init.body);
  });
}
