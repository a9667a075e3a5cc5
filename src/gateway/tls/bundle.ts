import { readFile, writeFile } from 'node:fs/promises';
import { rootCertificates } from 'node:tls';
import { SYSTEM_BUNDLES } from '../../common/ca-paths.js';
import { chownToInvoker } from '../../common/files.js';

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

/**
 * Write the CA certificate (never its key) and the combined bundle into the state folder. In place, not by a
 * rename: sandboxes' containers bind-mount these files and may already run (init holding their user code until
 * the fence, which waits for this gateway to be ready) when they are written.
 */
export async function writeTrust(paths: TrustFiles, caPem: string): Promise<void> {
  await writeFile(paths.ca, caPem);
  await writeFile(paths.bundle, combinedBundle(await hostBundle(), caPem));
  for (const p of [paths.ca, paths.bundle]) await chownToInvoker(p);
}
