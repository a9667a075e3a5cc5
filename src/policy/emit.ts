import { Document, isSeq, visit } from 'yaml';
import type { Endpoint, Middleware, NetworkPolicy, Policy } from './types.js';

/** Plain data in OpenShell's layout (what `policyToYaml` prints). */
export function policyToData(policy: Policy): Record<string, unknown> {
  const out: Record<string, unknown> = { version: 1 };
  if (policy.extends) out.extends = policy.extends;
  out.filesystem_policy = {
    include_workdir: policy.filesystem_policy.include_workdir,
    read_only: [...policy.filesystem_policy.read_only],
    read_write: [...policy.filesystem_policy.read_write],
  };
  out.landlock = { compatibility: policy.landlock.compatibility };
  const process: Record<string, unknown> = {};
  if (policy.process.run_as_user !== undefined) process.run_as_user = policy.process.run_as_user;
  if (policy.process.run_as_group !== undefined) process.run_as_group = policy.process.run_as_group;
  if (policy.process.identity !== undefined) process.identity = policy.process.identity;
  if (Object.keys(process).length > 0) out.process = process;
  if (policy.network_policies.length > 0) out.network_policies = networkToData(policy.network_policies);
  if (policy.network_middlewares?.length)
    out.network_middlewares = middlewaresToData(policy.network_middlewares);
  return out;
}

export function networkToData(entries: readonly NetworkPolicy[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const entry of entries) {
    out[entry.key] = {
      name: entry.name,
      endpoints: entry.endpoints.map(endpointToData),
      binaries: entry.binaries.map((b) => ({ path: b.path })),
    };
  }
  return out;
}

function endpointToData(e: Endpoint): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (e.host !== undefined) out.host = e.host;
  else if (e.ip !== undefined) out.host = e.ip;
  if (e.path !== undefined) out.path = e.path;
  if (e.ports.length === 1) out.port = e.ports[0];
  else if (e.ports.length > 1) out.ports = [...e.ports];
  if (e.protocol) out.protocol = e.protocol;
  if (e.tls) out.tls = e.tls;
  const l7 = e.protocol !== undefined && e.protocol !== 'tcp';
  // Explicit on L7 endpoints (where OpenShell's default is audit); on L4 ones only when audit.
  if (l7 || (e.protocol === undefined && e.enforcement === 'audit')) out.enforcement = e.enforcement;
  const family = e.protocol === 'mcp' || e.protocol === 'json-rpc';
  if (e.access !== 'full' || (l7 && !family && !e.rules?.length)) out.access = e.access;
  if (e.rules?.length) out.rules = e.rules;
  if (e.deny_rules?.length) out.deny_rules = e.deny_rules;
  if (e.allowed_ips.length > 0) out.allowed_ips = [...e.allowed_ips];
  if (e.allow_encoded_slash !== undefined) out.allow_encoded_slash = e.allow_encoded_slash;
  Object.assign(out, e.options ?? {});
  return out;
}

function middlewaresToData(middlewares: readonly Middleware[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const m of middlewares) {
    out[m.key] = {
      ...(m.name !== m.key ? { name: m.name } : {}),
      middleware: m.middleware,
      ...(m.order !== 0 ? { order: m.order } : {}),
      ...(m.config ? { config: m.config } : {}),
      on_error: m.on_error,
      endpoints: { include: [...m.include], ...(m.exclude.length > 0 ? { exclude: [...m.exclude] } : {}) },
    };
  }
  return out;
}

/**
 * A YAML document with lists of ports and paths kept short (flow style). Strings holding `##[` (a GitHub
 * workflow command anywhere in a log line) are double-quoted, so `yamlText` can write that `[` as `\x5b`.
 */
export function toDocument(data: Record<string, unknown>): Document {
  const doc = new Document(data);
  visit(doc, {
    Pair(_, pair) {
      const key = String((pair.key as { value?: unknown })?.value);
      if (isSeq(pair.value) && (key === 'ports' || key === 'allowed_ips')) pair.value.flow = true;
    },
    Scalar(_, node) {
      if (typeof node.value === 'string' && node.value.includes('##[')) node.type = 'QUOTE_DOUBLE';
    },
  });
  return doc;
}

/** The document's text, inert in a CI log: `##[` appears only in double-quoted scalars, as `##\x5b`. */
export function yamlText(doc: Document): string {
  return doc.toString({ lineWidth: 0 }).replaceAll('##[', '##\\x5b');
}

/** The policy in OpenShell's YAML format. Round-trips through `parsePolicy`. */
export function policyToYaml(policy: Policy): string {
  return yamlText(toDocument(policyToData(policy)));
}
