import { endianness } from 'node:os';

/** One row of `/proc/<pid>/net/tcp` or `/proc/<pid>/net/udp` (IPv4). */
export interface SocketRow {
  readonly localIp: string;
  readonly localPort: number;
  readonly remoteIp: string;
  readonly remotePort: number;
  /** Kernel state number (TCP: 1 = ESTABLISHED, 10 = LISTEN). */
  readonly state: number;
  readonly uid: number;
  readonly inode: number;
}

/** `0100007F` → `127.0.0.1`. The kernel prints the address as a host-order 32-bit word. */
export function parseHexIp(hex: string, order: 'LE' | 'BE' = endianness()): string | null {
  if (!/^[0-9A-Fa-f]{8}$/.test(hex)) return null;
  const bytes = [0, 2, 4, 6].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
  return (order === 'LE' ? bytes.reverse() : bytes).join('.');
}

/** `/proc/net/tcp6` prints ::ffff:a.b.c.d as three words then the IPv4 word; other IPv6 is not ours. */
const MAPPED_PREFIX = { LE: '0000000000000000FFFF0000', BE: '00000000000000000000FFFF' } as const;

function parseEndpoint(text: string | undefined, order: 'LE' | 'BE'): [string, number] | null {
  let [hexIp, hexPort] = (text ?? '').split(':');
  if (hexIp?.length === 32) {
    // `::` (an AF_INET6 socket not bound or not connected) is the IPv4 any address for our purposes.
    if (/^0{32}$/.test(hexIp)) hexIp = '00000000';
    else if (hexIp.slice(0, 24).toUpperCase() !== MAPPED_PREFIX[order]) return null;
    else hexIp = hexIp.slice(24);
  }
  const ip = parseHexIp(hexIp ?? '', order);
  if (ip === null || !hexPort || !/^[0-9A-Fa-f]{4}$/.test(hexPort)) return null;
  return [ip, Number.parseInt(hexPort, 16)];
}

/** Parse the text of `/proc/<pid>/net/tcp|udp`. The header and malformed lines are skipped. */
export function parseSocketTable(text: string, order: 'LE' | 'BE' = endianness()): SocketRow[] {
  const rows: SocketRow[] = [];
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 10 || !/^\d+:$/.test(f[0] ?? '')) continue;
    const local = parseEndpoint(f[1], order);
    const remote = parseEndpoint(f[2], order);
    const state = Number.parseInt(f[3] ?? '', 16);
    const uid = Number(f[7]);
    const inode = Number(f[9]);
    if (!local || !remote || !Number.isFinite(state) || !Number.isInteger(inode)) continue;
    rows.push({
      localIp: local[0],
      localPort: local[1],
      remoteIp: remote[0],
      remotePort: remote[1],
      state,
      uid,
      inode,
    });
  }
  return rows;
}

/** TCP states that are never a live client socket: TIME_WAIT (6, no owner left) and LISTEN (10). */
const NOT_A_CLIENT = new Set([6, 10]);

/** Docker's embedded resolver: a socket talking to it is bound to loopback, and the fence SNATs it. */
const EMBEDDED_DNS = '127.0.0.11';

/**
 * The client socket a gateway connection came from: local address = the sandbox IP (or any, for
 * unconnected UDP; or loopback, for a socket talking to 127.0.0.11 that the fence SNATs) and local
 * port = the peer port the gateway saw. An earlier connection from the same port to another destination
 * may linger in TIME_WAIT; it is skipped. More than one match is ambiguous: null.
 */
export function findClientRow(rows: readonly SocketRow[], ip: string, port: number): SocketRow | null {
  const hits = rows.filter(
    (r) =>
      r.localPort === port &&
      (r.localIp === ip ||
        r.localIp === '0.0.0.0' ||
        (r.remoteIp === EMBEDDED_DNS && r.localIp.startsWith('127.'))) &&
      !NOT_A_CLIENT.has(r.state),
  );
  if (hits.length === 1) return hits[0] ?? null;
  const exact = hits.filter((r) => r.localIp === ip);
  return exact.length === 1 ? (exact[0] ?? null) : null;
}

/** The rows of a socket table's text whose local (or remote) port is `port`, parsing only those lines. */
export function portRows(text: string, port: number, order: 'LE' | 'BE' = endianness()): SocketRow[] {
  const needle = `:${port.toString(16).toUpperCase().padStart(4, '0')} `;
  const lines: string[] = [];
  for (let at = text.indexOf(needle); at >= 0; ) {
    const start = text.lastIndexOf('\n', at) + 1;
    const end = text.indexOf('\n', at);
    lines.push(text.slice(start, end < 0 ? text.length : end));
    if (end < 0) break;
    at = text.indexOf(needle, end);
  }
  return parseSocketTable(lines.join('\n'), order);
}
