import { isScalar, type Node } from 'yaml';
import { overlapsAlwaysBlocked, parseCidr, withinAlwaysBlocked } from './address.js';
import { describe, join, readSeq, type Source } from './source.js';

/**
 * `allowed_ips`: IP addresses or CIDRs. As in OpenShell, an entry that reaches into loopback,
 * link-local or unspecified space (0.0.0.0/0, a broad range, or such an address next to others) is
 * an error. Paddock divergence: a list of loopback/link-local entries only is accepted with a
 * warning, because a local test server is then named on purpose. Null when absent or empty.
 */
export function readAllowedIps(
  src: Source,
  node: Node | null,
  field: string,
  present: boolean,
): string[] | null {
  if (!present || (isScalar(node) && node.value === null)) return null;
  const items = readSeq(src, node, field, 'a list of IP addresses or CIDRs') ?? [];
  const parsed = items.map((n) => {
    const text =
      isScalar(n) && (typeof n.value === 'string' || typeof n.value === 'number')
        ? String(n.value).trim()
        : null;
    return { n, text, cidr: text === null ? null : parseCidr(text) };
  });
  const local = parsed.filter((p) => p.cidr && withinAlwaysBlocked(p.cidr));
  const out: string[] = [];
  parsed.forEach(({ n, text, cidr }, i) => {
    const at = join(field, i);
    if (!cidr) {
      src.error(
        n,
        at,
        `invalid CIDR/IP in allowed_ips: ${text ?? describe(n)} (expected e.g. 10.0.5.0/24 or 10.0.5.20)`,
      );
      return;
    }
    const blockedReason = `allowed_ips entry ${text} falls within always-blocked range (loopback/link-local/unspecified); remove this entry — SSRF hardening prevents traffic to these destinations regardless of policy`;
    if (overlapsAlwaysBlocked(cidr) && !withinAlwaysBlocked(cidr)) src.error(n, at, blockedReason);
    else if (withinAlwaysBlocked(cidr) && local.length !== parsed.length)
      src.error(n, at, `${blockedReason} (Paddock allows loopback/link-local only in a list of its own)`);
    else if (withinAlwaysBlocked(cidr))
      src.warn(
        n,
        at,
        `${text} is loopback or link-local: OpenShell refuses it; Paddock allows it because it is listed on its own`,
      );
    else if (cidr.prefix < (cidr.family === 'ipv4' ? 16 : 48))
      src.warn(
        n,
        at,
        `allowed_ips entry has a very broad CIDR ${text} (/${cidr.prefix}); this may expose control-plane services on the same network`,
      );
    out.push(text!);
  });
  return out.length > 0 ? out : null;
}
