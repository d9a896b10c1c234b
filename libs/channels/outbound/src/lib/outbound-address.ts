import * as ipaddr from 'ipaddr.js';

/** Whether outbound connections from connector settings are checked, and what is allowed anyway. */
export interface OutboundPolicy {
  guard: boolean;
  allow: { hosts: string[]; cidrs: string[] };
}

export const OPEN_OUTBOUND: OutboundPolicy = { guard: false, allow: { hosts: [], cidrs: [] } };

/**
 * Why an address must not be reached from connector settings (SSRF), or null when it is public.
 * IPv4-mapped IPv6 (::ffff:127.0.0.1) is judged as the IPv4 address it carries. ipaddr.js names
 * every special range: loopback, private (10/8, 172.16/12, 192.168/16), linkLocal (169.254/16 with
 * the cloud metadata address, fe80::/10), carrierGradeNat (100.64/10), uniqueLocal (fc00::/7),
 * multicast, unspecified, reserved, broadcast, and the translation prefixes (6to4, Teredo, NAT64)
 * that can tunnel to any of them. Only `unicast` is public.
 */
export function forbiddenAddressReason(address: string): string | null {
  if (!ipaddr.isValid(address)) return 'not an IP address';
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  const range = parsed.range();
  return range === 'unicast' ? null : range;
}

/** True when the host name (as written in the URL) or the address falls under OUTBOUND_ALLOW_HOSTS. */
export function isAllowListed(policy: OutboundPolicy, host: string, address?: string): boolean {
  if (policy.allow.hosts.includes(host.toLowerCase().replace(/\.$/, ''))) return true;
  if (!address || !ipaddr.isValid(address)) return false;
  const parsed = ipaddr.process(address);
  return policy.allow.cidrs.some((cidr) => {
    const [range, bits] = ipaddr.parseCIDR(cidr);
    return range.kind() === parsed.kind() && parsed.match(range, bits);
  });
}

/** The refusal for connecting to `address` (resolved from `host`) under the policy, or null. */
export function outboundRefusal(policy: OutboundPolicy, host: string, address: string): string | null {
  if (!policy.guard || isAllowListed(policy, host, address)) return null;
  const reason = forbiddenAddressReason(address);
  return reason && `${host} resolves to ${address} (${reason}), which connector settings may not reach; add it to OUTBOUND_ALLOW_HOSTS if it is yours`;
}
