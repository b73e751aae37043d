import { lookup } from 'node:dns/promises';
import * as http from 'node:http';
import * as https from 'node:https';
import ipaddr from 'ipaddr.js';
import { AllowList, checkResolved, Resolved } from './address-check';

export type Resolver = (host: string) => Promise<Resolved[]>;
export const systemResolver: Resolver = (host) => lookup(host, { all: true, verbatim: true });

/**
 * POSTs a body to a URL after the address check, connecting to the checked
 * address only. Redirects are not followed (a redirect could point inside).
 * Answers the HTTP status; throws on a refused address, a network error or the timeout.
 */
export async function postChecked(
  url: string, body: string, headers: Record<string, string>, opts: { allowed: AllowList; timeoutMs: number; resolve?: Resolver },
): Promise<number> {
  const u = new URL(url);
  const host = u.hostname.replace(/^\[|\]$/g, '');
  const answers = ipaddr.isValid(host) ? [{ address: host, family: ipaddr.parse(host).kind() === 'ipv4' ? 4 : 6 }] : await (opts.resolve ?? systemResolver)(host);
  const target = checkResolved(host, answers, opts.allowed);
  const client = u.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      u,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'user-agent': 'SpaceStandardsWorkbench-Webhooks/1', ...headers },
        timeout: opts.timeoutMs,
        lookup: ((_h: string, o: { all?: boolean }, cb: (...args: unknown[]) => void) =>
          o?.all ? cb(null, [{ address: target.address, family: target.family }]) : cb(null, target.address, target.family)) as never,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${opts.timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}
