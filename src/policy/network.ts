import { isScalar, type Node } from 'yaml';
import { readEndpoint } from './endpoint.js';
import { checkBinaryGlob } from './glob.js';
import { join, readMap, readSeq, readString, type Source } from './source.js';
import type { BinaryRule, NetworkPolicy } from './types.js';

const ENTRY = ['name', 'endpoints', 'binaries'];
const BINARY = ['path', 'harness'];

/** `network_policies: { <key>: { name, endpoints[], binaries[] } }`. */
export function readNetworkPolicies(src: Source, node: Node | null, field: string): NetworkPolicy[] {
  if (isScalar(node) && node.value === null) return [];
  const entries = readMap(src, node, field, null);
  if (!entries) return [];
  const out: NetworkPolicy[] = [];
  for (const [key, { key: keyNode, value }] of entries) {
    const at = join(field, key);
    if (key.startsWith('_provider_')) {
      src.error(keyNode, at, 'keys starting with `_provider_` are reserved for provider rules');
      continue;
    }
    const fields = readMap(src, value, at, ENTRY);
    if (!fields) continue;
    const nameNode = fields.get('name')?.value;
    const name = nameNode !== undefined ? readString(src, nameNode, join(at, 'name')) : null;
    const shownName = name ?? key;
    const endpoints = readList(
      src,
      fields.get('endpoints')?.value,
      join(at, 'endpoints'),
      'a list of endpoints',
      (s, n, f) => readEndpoint(s, n, f, shownName),
    );
    const binaries = readList(
      src,
      fields.get('binaries')?.value,
      join(at, 'binaries'),
      'a list of binaries',
      readBinary,
    );
    if (endpoints.length === 0) src.warn(value, at, 'no endpoints: this entry allows nothing');
    if (binaries.length === 0)
      src.warn(value, at, 'no binaries: this entry matches no binary and allows nothing');
    out.push({ key, name: name ?? key, endpoints, binaries });
  }
  return out;
}

function readList<T>(
  src: Source,
  node: Node | null | undefined,
  field: string,
  what: string,
  item: (src: Source, node: Node | null, field: string) => T | null,
): T[] {
  if (node === undefined || (isScalar(node) && node.value === null)) return [];
  const items = readSeq(src, node, field, what) ?? [];
  return items.map((n, i) => item(src, n, join(field, i))).filter((x): x is T => x !== null);
}

function readBinary(src: Source, node: Node | null, field: string): BinaryRule | null {
  const fields = readMap(src, node, field, BINARY, 'a binary mapping like { path: /usr/bin/curl }');
  if (!fields) return null;
  const harness = fields.get('harness');
  if (harness)
    src.warn(harness.key, join(field, 'harness'), '`harness` is deprecated and ignored (as in OpenShell)');
  const pathNode = fields.get('path');
  if (!pathNode) {
    src.error(node, join(field, 'path'), 'missing `path`: expected an executable path or glob');
    return null;
  }
  const path = readString(src, pathNode.value, join(field, 'path'));
  if (path === null) return null;
  const problem = checkBinaryGlob(path);
  if (problem) src.warn(pathNode.value, join(field, 'path'), problem);
  return { path, line: src.line(node) };
}
