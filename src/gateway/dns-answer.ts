import dnsPacket, { type Packet } from 'dns-packet';

/** What the DNS layer decided for one question; `event` is set when the decision is logged. */
export interface DnsVerdict {
  readonly response: Packet;
  readonly host: string | null;
  readonly event: { readonly policy: string | null; readonly reason: string } | null;
}

export interface DnsLookup {
  /** Is the name allowed for this sandbox (by any network_policies entry)? */
  nameAllowed(host: string): { allowed: boolean; policy: string | null };
  /** The sandbox's synthetic address for an allowed name; null when its name budget is spent. */
  addressFor(host: string): string | null;
}

/** @default 60 s: synthetic addresses are stable for the sandbox's life. */
const TTL = 60;

const RCODE = { NOERROR: 0, FORMERR: 1, NXDOMAIN: 3, REFUSED: 5 } as const;

function reply(query: Packet, rcode: number, answers: Packet['answers'] = []): Packet {
  return {
    type: 'response',
    id: query.id ?? 0,
    // QR | AA | RD (echoed) | RA, and the rcode in the low bits.
    flags:
      (1 << 10) | ((query.flags ?? 0) & dnsPacket.RECURSION_DESIRED) | dnsPacket.RECURSION_AVAILABLE | rcode,
    questions: query.questions ?? [],
    answers,
  };
}

/**
 * Answer one DNS query without asking anyone upstream:
 * - A for an allowed name → the sandbox's synthetic address (also for any label under an allowed wildcard);
 * - AAAA → NODATA for allowed names;
 * - A or AAAA for a denied name → NXDOMAIN + event (the server logs an A+AAAA pair once); other types → REFUSED + event;
 * - a new name past the sandbox's name budget → REFUSED + event; a malformed query → FORMERR + event.
 */
export function answerQuery(query: Packet, lookup: DnsLookup): DnsVerdict {
  const question = query.questions?.[0];
  if (query.type !== 'query' || !question || (query.questions?.length ?? 0) !== 1) {
    return {
      response: reply(query, RCODE.FORMERR),
      host: null,
      event: { policy: null, reason: `malformed DNS query (${query.questions?.length ?? 0} questions)` },
    };
  }
  const host = question.name.toLowerCase().replace(/\.$/, '');
  if (question.type !== 'A' && question.type !== 'AAAA') {
    return {
      response: reply(query, RCODE.REFUSED),
      host,
      event: { policy: null, reason: `DNS query type ${question.type} is not allowed` },
    };
  }
  const verdict = lookup.nameAllowed(host);
  if (!verdict.allowed) {
    return {
      response: reply(query, RCODE.NXDOMAIN),
      host,
      event: { policy: null, reason: 'name not allowed by any policy' },
    };
  }
  if (question.type === 'AAAA') return { response: reply(query, RCODE.NOERROR), host, event: null };
  const data = lookup.addressFor(host);
  if (data === null) {
    return {
      response: reply(query, RCODE.REFUSED),
      host,
      event: { policy: verdict.policy, reason: 'over budget: the sandbox has used its DNS names' },
    };
  }
  const answer = { type: 'A' as const, name: question.name, ttl: TTL, class: 'IN' as const, data };
  return { response: reply(query, RCODE.NOERROR, [answer]), host, event: null };
}
