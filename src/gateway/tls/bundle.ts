import { readFile } from 'node:fs/promises';
import { rootCertificates } from 'node:tls';
import { SYSTEM_BUNDLES } from '../../common/ca-paths.js';
import { chownToInvoker, writeFileAtomic } from '../../common/files.js';

/** The host's CA bundle text, or Node's Mozilla roots when the host has none. */
export async function hostBundle(candidates: readonly string[] = SYSTEM_BUNDLES): Promise<string> {
  for (const path of candidates) {
    const text = await readFile(path, 'utf8').catch(() => '');
    if (text.includes('BEGIN CERTIFICATE')) return text;
  }
  return `${rootCertificates.join('\n')}\n`;
}

/** `base` plus the session CA, one PEM file. Pure. */
export function combinedBundle(base: string, caPem: string): string {
  return `${base.trimEnd()}\n# Paddock session CA\n${caPem.trim()}\n`;
}

export interface TrustFiles {
  /** The session CA certificate alone (NODE_EXTRA_CA_CERTS). */
  readonly ca: string;
  /** The host's bundle plus the session CA (every other client). */
  readonly bundle: string;
}

/** Write the CA certificate (never its key) and the combined bundle into the state folder. */
export async function writeTrust(paths: TrustFiles, caPem: string): Promise<void> {
  await writeFileAtomic(paths.ca, caPem);
  await writeFileAtomic(paths.bundle, combinedBundle(await hostBundle(), caPem));
  for (const p of [paths.ca, paths.bundle]) await chownToInvoker(p);
}
