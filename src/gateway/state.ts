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
