import { isIP } from 'node:net';
import { isMap, type YAMLMap } from 'yaml';
import { type EgressEvent, escapeText } from '../common/event.js';
import { decide } from './decide.js';
import { toDocument, yamlText } from './emit.js';
import { checkHostPattern, normalizeHost } from './glob.js';
import { mergePolicies } from './merge.js';
import { parsePolicy } from './parse.js';
import { deniedByRule, type RequestRule, requestEntries, requestOf } from './suggest-requests.js';
import type { Policy } from './types.js';

export interface Triple {
  readonly binary: string;
  readonly host: string;
  readonly port: number;
}

export interface SuggestOptions {
  /** Written as `extends:` in the YAML when a base is given (a shipped name or a path). */
  readonly extends?: string;
}

export interface Suggestion {
  /** The suggested policy (or addition to the base), with comments. */
  readonly yaml: string;
  /** The effective policy: the addition, merged onto the base when one is given. */
  readonly policy: Policy;
  /** What the addition allows: exactly these, sorted by binary, host, port. */
  readonly triples: Triple[];
  /**
   * Request rules it adds on connections the base allows but whose requests were denied (or audited): one
   * `allow: { method, path }` per observed method and path pattern, sorted.
   */
  readonly requests: RequestRule[];
}

interface Count {
  deny: number;
  audit: number;
}

/**
 * From deny/audit events, the minimal policy that allows exactly those (binary, host, port) triples:
 * one entry per binary, endpoints sorted, comments with counts. Events without a binary cannot be
 * allowed per binary; they are listed in a comment, never turned into a wildcard. Pure.
 */
export function suggestPolicy(
  events: readonly EgressEvent[],
  base?: Policy,
  options: SuggestOptions = {},
): Suggestion {
  const counts = new Map<string, Count>();
  const unattributed = new Map<string, Count>();
  const skipped = new Map<string, number>();
  const bump = (map: Map<string, Count>, key: string, action: 'deny' | 'audit') => {
    const c = map.get(key) ?? { deny: 0, audit: 0 };
    c[action]++;
    map.set(key, c);
  };
  let covered = 0;
  const requests = new Map<string, RequestRule>();
  const byDenyRule = new Map<string, number>();
  for (const e of events) {
    if (e.action !== 'deny' && e.action !== 'audit') continue;
    const dest = e.host ?? e.ip;
    if (dest === null || e.port === null || e.protocol !== 'tcp') {
      const why =
        e.protocol !== 'tcp'
          ? `${e.protocol} (policies cover TCP only)`
          : e.port === null
            ? 'no port (e.g. DNS lookup only)'
            : 'no destination';
      const label = `${e.binary ?? 'unknown'} -> ${dest ?? '?'}${e.port !== null ? `:${e.port}` : ''}: ${why}`;
      skipped.set(label, (skipped.get(label) ?? 0) + 1);
      continue;
    }
    const host = isIP(dest) !== 0 ? dest : normalizeHost(dest);
    if (isIP(host) === 0 && (host.includes('*') || checkHostPattern(host) !== null)) {
      const label = `${e.binary ?? 'unknown'} -> ${dest}:${e.port}: not a valid host name`;
      skipped.set(label, (skipped.get(label) ?? 0) + 1);
      continue;
    }
    if (e.binary === null) {
      bump(unattributed, `${host}:${e.port}`, e.action);
      continue;
    }
    if (
      base &&
      decide(
        base,
        { exe: e.binary, ancestors: [] },
        isIP(host) ? { ip: host, port: e.port } : { host, port: e.port },
      ).action === 'allow'
    ) {
      // The connection is allowed; a refused request asks for a request rule (unless a deny rule refused it).
      const request = requestOf(e, host);
      if (request && deniedByRule(e)) {
        const label = `${request.binary} -> ${e.method} ${host}:${e.port}${e.path}: ${e.reason}`;
        byDenyRule.set(label, (byDenyRule.get(label) ?? 0) + 1);
      } else if (request) requests.set(JSON.stringify(request), request);
      else covered++;
      continue;
    }
    bump(counts, [e.binary, host, e.port].join('\0'), e.action);
  }

  const triples = [...counts.keys()]
    .map((k) => {
      const [binary, host, port] = k.split('\0') as [string, string, string];
      return { binary, host, port: Number(port) };
    })
    .sort((a, b) => cmp(a.binary, b.binary) || cmp(a.host, b.host) || a.port - b.port);

  const taken = new Set(base?.network_policies.map((e) => e.key) ?? []);
  const byBinary = new Map<string, Triple[]>();
  for (const t of triples) byBinary.set(t.binary, [...(byBinary.get(t.binary) ?? []), t]);
  const network: Record<string, unknown> = {};
  const comments = new Map<string, { entry: string; endpoints: string[] }>();
  for (const [binary, list] of byBinary) {
    const key = uniqueKey(binary, taken);
    const hosts = [...new Set(list.map((t) => t.host))];
    const endpoints = hosts.map((host) => {
      const ports = list.filter((t) => t.host === host).map((t) => t.port);
      return ports.length === 1 ? { host, port: ports[0] } : { host, ports };
    });
    network[key] = { name: key, endpoints, binaries: [{ path: binary }] };
    const total = list.reduce((n, t) => n + sum(counts.get([t.binary, t.host, t.port].join('\0'))!), 0);
    comments.set(key, {
      entry: ` ${binary}: ${total} event${total === 1 ? '' : 's'}`,
      endpoints: hosts.map((host) => {
        const parts = list
          .filter((t) => t.host === host)
          .map((t) => `${t.port}: ${describeCount(counts.get([t.binary, t.host, t.port].join('\0'))!)}`);
        return ` ${host} ${parts.join(', ')}`;
      }),
    });
  }

  const rules = [...requests.values()].sort(
    (a, b) =>
      cmp(a.binary, b.binary) ||
      cmp(a.host, b.host) ||
      a.port - b.port ||
      cmp(a.method, b.method) ||
      cmp(a.path, b.path),
  );
  Object.assign(
    network,
    requestEntries(rules, (binary) => uniqueKey(binary, taken, 'requests')),
  );

  const data: Record<string, unknown> = { version: 1 };
  if (base && options.extends) data.extends = options.extends;
  data.network_policies = network;
  const doc = toDocument(data);
  const denied = events.filter((e) => e.action === 'deny').length;
  const audited = events.filter((e) => e.action === 'audit').length;
  const header = [
    ` Suggested by \`paddock policy suggest\` from ${denied} denied and ${audited} audited events.`,
    ` It allows exactly ${triples.length} (binary, host, port) triple${triples.length === 1 ? '' : 's'} and nothing else.`,
  ];
  if (base)
    header.push(
      ` Adds to ${options.extends ?? base.source}; ${covered} event${covered === 1 ? ' was' : 's were'} already allowed there.`,
    );
  if (rules.length > 0)
    header.push(
      ` It adds ${rules.length} request rule${rules.length === 1 ? '' : 's'} (method and path) for requests refused on connections the base allows.`,
    );
  if (byDenyRule.size > 0) {
    header.push(' Not allowed: refused by a deny rule, which no added rule overrides:');
    for (const [label, n] of [...byDenyRule].sort(([a], [b]) => cmp(a, b))) header.push(`   ${label} (${n})`);
  }
  if (unattributed.size > 0) {
    header.push(' Not allowed: the binary was unknown, so these cannot be allowed per binary:');
    for (const [dest, c] of [...unattributed].sort(([a], [b]) => cmp(a, b)))
      header.push(`   ${dest} (${describeCount(c)})`);
  }
  if (skipped.size > 0) {
    header.push(' Not allowed: not a TCP connection to a named host or IP:');
    for (const [label, n] of [...skipped].sort(([a], [b]) => cmp(a, b))) header.push(`   ${label} (${n})`);
  }
  // Comments name what agents chose (DNS labels, binary paths): escaped to inert text, one line each.
  doc.commentBefore = header.map(escapeText).join('\n');
  for (const [key, c] of comments) {
    const entry = doc.getIn(['network_policies', key], true);
    if (isMap(entry)) entry.commentBefore = escapeText(c.entry);
    c.endpoints.forEach((text, i) => {
      const node = doc.getIn(['network_policies', key, 'endpoints', i], true) as YAMLMap | undefined;
      if (node) node.commentBefore = escapeText(text);
    });
  }
  if (triples.length === 0 && rules.length === 0) doc.set('network_policies', {});
  const yaml = yamlText(doc);
  const addition = parsePolicy(yaml, '<suggested>').policy;
  const { extends: _, ...plain } = addition;
  const policy = base ? mergePolicies(base, plain) : plain;
  return { yaml, policy, triples, requests: rules };
}

function uniqueKey(binary: string, taken: Set<string>, suffix = ''): string {
  const stem =
    (binary.split('/').pop() ?? 'binary')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_|_$/g, '') || 'binary';
  const base = suffix ? `allow_${stem}_${suffix}` : `allow_${stem}`;
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}_${n}`;
  taken.add(key);
  return key;
}

function sum(c: Count): number {
  return c.deny + c.audit;
}

function describeCount(c: Count): string {
  return [c.deny ? `${c.deny} denied` : '', c.audit ? `${c.audit} audited` : ''].filter(Boolean).join(', ');
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
