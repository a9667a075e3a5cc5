import { join } from 'node:path';
import type { GatewayPorts } from './fence.js';

// What a running gateway leaves in its session's state folder; read by start, lifecycle and the session engine.

/** What the daemon prints once ready (and saves as gateway.json). */
export interface GatewayHandle {
  readonly pid: number;
  readonly socketPath: string;
  readonly eventsPath: string;
  readonly logPath: string;
  readonly proxyUrl: string;
  readonly noProxy: string;
  readonly ports: GatewayPorts;
  readonly enforcement: 'enforce' | 'audit' | 'proxy-only';
  /** The session CA certificate and the bundle sandboxes trust (absent from gateways before TLS termination). */
  readonly trust?: { readonly ca: string; readonly bundle: string };
}

/** NO_PROXY as sandboxes are told it: loopback stays local. */
export const NO_PROXY = 'localhost,127.0.0.1,::1';

/** What a gateway enforces, from how it was started (the daemon's flags). Pure. */
export const enforcementOf = (flags: {
  readonly proxyOnly: boolean;
  readonly audit: boolean;
}): GatewayHandle['enforcement'] => (flags.proxyOnly ? 'proxy-only' : flags.audit ? 'audit' : 'enforce');

/** The files of a gateway in its state folder. Pure. */
export const statePaths = (stateDir: string) => ({
  pid: join(stateDir, 'gateway.pid'),
  log: join(stateDir, 'gateway.log'),
  socket: join(stateDir, 'gateway.sock'),
  events: join(stateDir, 'events.jsonl'),
  handle: join(stateDir, 'gateway.json'),
  ca: join(stateDir, 'ca.pem'),
  caBundle: join(stateDir, 'ca-bundle.pem'),
});

/** The trust files a gateway writes into its state folder (and sandboxes mount): the CA, and the bundle. Pure. */
export const trustFiles = (stateDir: string) => {
  const paths = statePaths(stateDir);
  return { ca: paths.ca, bundle: paths.caBundle };
};
