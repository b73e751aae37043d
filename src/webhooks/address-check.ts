import ipaddr from 'ipaddr.js';

/**
 * Server-side request forgery: a webhook URL must not lead the service to its
 * own network. Every address a host name resolves to is checked at delivery
 * time (DNS may answer differently than at registration), and the connection
 * then goes to the address that was checked, so a second lookup cannot swap it.
 * Only public unicast addresses pass, unless the operator allows a range
 * (WEBHOOK_ALLOWED_ADDRESSES, for example a receiver on 127.0.0.1 in tests).
 */
export type AllowList = [ipaddr.IPv4 | ipaddr.IPv6, number][];

export function parseAllowList(value: string): AllowList {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => (s.includes('/') ? ipaddr.parseCIDR(s) : ([ipaddr.parse(s), ipaddr.parse(s).kind() === 'ipv4' ? 32 : 128] as [ipaddr.IPv4 | ipaddr.IPv6, number])));
}

/** Why an address may not be called, or null when it may. */
export function refusedAddress(address: string, allowed: AllowList): string | null {
  if (!ipaddr.isValid(address)) return `${address} is not an IP address`;
  // IPv4-mapped IPv6 (::ffff:10.0.0.1) is judged as the IPv4 address it is.
  const ip = ipaddr.process(address);
  if (allowed.some(([range, bits]) => range.kind() === ip.kind() && (ip as ipaddr.IPv4).match(range as ipaddr.IPv4, bits))) return null;
  const range = ip.range();
  return range === 'unicast' ? null : `${address} is a ${range} address`;
}

export interface Resolved {
  address: string;
  family: number;
}

/** All of a host's addresses must pass; the first is the one connected to. */
export function checkResolved(host: string, answers: Resolved[], allowed: AllowList): Resolved {
  if (!answers.length) throw new Error(`${host} does not resolve`);
  for (const a of answers) {
    const why = refusedAddress(a.address, allowed);
    if (why) throw new Error(`refused: ${host} resolves to ${why}`);
  }
  return answers[0];
}
