import { isIP } from 'node:net';
import { PaddockError } from './errors.js';

// The one address grammar of the CLI, the spec and the gateway: `ADDR`, `ADDR:PORT`, `[V6]` or `[V6]:PORT`,
// where ADDR is an IPv4 or IPv6 address (a bare IPv6 address takes no port: `::1` is the address ::1).

/** An IP address and a port. */
export interface HostPort {
  readonly host: string;
  readonly port: number;
  readonly family: 4 | 6;
}

/** `127.0.0.1:5353`, `[::1]:5353`, `::1` → { host, port, family }; anything else → an INPUT_INVALID error. */
export function parseHostPort(text: string, defaultPort: number): HostPort {
  const value = text.trim();
  let host = value;
  let port = String(defaultPort);
  const bracketed = /^\[([^\]]*)\](?::(.*))?$/.exec(value);
  if (bracketed) {
    host = bracketed[1] ?? '';
    port = bracketed[2] ?? port;
    if (isIP(host) !== 6) invalid(`expected an IPv6 address inside [ ], got ${JSON.stringify(text)}`);
  } else if (isIP(value) === 0 && value.includes(':')) {
    host = value.slice(0, value.lastIndexOf(':'));
    port = value.slice(value.lastIndexOf(':') + 1);
    if (isIP(host) === 6)
      invalid(`expected [V6]:PORT for an IPv6 address with a port, got ${JSON.stringify(text)}`);
  }
  const family = isIP(host);
  if (family === 0)
    invalid(`expected ADDR[:PORT] with an IP address (IPv6 as [ADDR]:PORT), got ${JSON.stringify(text)}`);
  const n = Number(port);
  if (!/^\d{1,5}$/.test(port) || n < 1 || n > 65535)
    invalid(`expected a port from 1 to 65535, got ${JSON.stringify(port)}`);
  return { host, port: n, family: family as 4 | 6 };
}

/** { host, port } → `127.0.0.1:53` or `[::1]:53`, which parseHostPort reads back. */
export function formatHostPort(address: { readonly host: string; readonly port: number }): string {
  return `${address.host.includes(':') ? `[${address.host}]` : address.host}:${address.port}`;
}

function invalid(message: string): never {
  throw new PaddockError('INPUT_INVALID', message);
}
