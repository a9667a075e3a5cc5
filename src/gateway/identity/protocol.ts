// The line protocol of paddock-identd (native/identd/paddock-identd.c, which documents it): parsing only.

/** One process as identd read it while its connect() was stopped. Null facts: too large or unreadable. */
export interface ProcessRecord {
  readonly exe: string;
  readonly tracerPid: number;
  /** The environment variables the taint rules read, NUL-separated. */
  readonly environ: string | null;
  /** Its executable mappings, as maps lines. */
  readonly maps: string | null;
  readonly cmdline: string;
}

/** A TCP connect from `port` in sandbox `key`: the caller, then its ancestors nearest first. */
export interface ConnectRecord {
  readonly id: string;
  readonly key: string;
  readonly port: number;
  readonly inode: number;
  /** The caller's pid in the sandbox. */
  readonly pid: number;
  readonly processes: readonly [ProcessRecord, ...ProcessRecord[]];
}

export type HelperLine =
  | { readonly kind: 'conn'; readonly record: ConnectRecord }
  | { readonly kind: 'attached' | 'detached'; readonly key: string }
  | { readonly kind: 'error' | 'refused' | 'lost'; readonly key: string; readonly why: string }
  | {
      readonly kind: 'took';
      readonly id: string;
      /** The socket's peer (a transparent connection's original destination). */
      readonly ip: string;
      readonly port: number;
      /** The socket's own address, as the sandbox sees it (before any NAT). */
      readonly local: { readonly ip: string; readonly port: number };
    }
  | { readonly kind: 'gone'; readonly id: string; readonly why: string }
  /** The answer to `claim KEY PORT`: the socket held on that port, its record's id and its addresses. */
  | {
      readonly kind: 'held';
      readonly key: string;
      readonly port: number;
      readonly id: string;
      readonly peer: { readonly ip: string; readonly port: number };
      readonly local: { readonly ip: string; readonly port: number };
    }
  | { readonly kind: 'unheld'; readonly key: string; readonly port: number; readonly why: string }
  /** Record `id` (of `key`, `port`) is void: its socket connects again (a record of that comes next). */
  | { readonly kind: 'superseded'; readonly id: string; readonly key: string; readonly port: number }
  | { readonly kind: 'bad'; readonly why: string };

/** A hex digit's value (0-9, A-F: identd writes upper case), or -1. */
function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/**
 * `%2F`-style escapes back to text (bytes read as UTF-8, as paths are shown elsewhere). One pass over the
 * bytes: a record's facts are decoded while a connection waits for them (a regular expression per escape
 * cost ~50 µs a record).
 */
export function decode(text: string): string {
  if (!text.includes('%')) return text; // identd escapes every byte that is not printable ASCII
  const bytes = Buffer.allocUnsafe(text.length);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const hi = c === 37 ? hexValue(text.charCodeAt(i + 1)) : -1;
    const lo = hi >= 0 ? hexValue(text.charCodeAt(i + 2)) : -1;
    if (lo >= 0) {
      bytes[n++] = hi * 16 + lo;
      i += 2;
    } else bytes[n++] = c & 0xff;
  }
  return bytes.toString('utf8', 0, n);
}

const NUMBER = /^\d+$/;
/** A port number 1-65535 from a word of digits, or 0. */
const portOf = (word = ''): number => {
  const n = NUMBER.test(word) ? Number(word) : 0;
  return n > 0 && n < 65536 ? n : 0;
};
const unmapped = (ip: string): string => ip.replace(/^::ffff:(?=\d+\.)/, '');
const bad = (why: string): HelperLine => ({ kind: 'bad', why });

/**
 * Processes already parsed, by their text: one process makes many connections, and its facts (a node's cmdline
 * and maps are kilobytes of escapes) were decoded again for each while the connection waited. Records are never
 * changed, so the same one is shared. At most PARSED_MAX of up to PARSED_BYTES of text each (a sandbox that
 * varies its processes' facts cannot grow the gateway past a few MiB); emptied when full.
 */
const parsed = new Map<string, ProcessRecord>();
const PARSED_MAX = 256;
const PARSED_BYTES = 16 * 1024;

function parseProcess(word: string): ProcessRecord | null {
  const known = parsed.get(word);
  if (known) return known;
  const record = parseFacts(word);
  if (record && word.length <= PARSED_BYTES) {
    if (parsed.size >= PARSED_MAX) parsed.clear();
    parsed.set(word, record);
  }
  return record;
}

function parseFacts(word: string): ProcessRecord | null {
  const f = word.split('|');
  if (f.length !== 5 || !/^-?\d+$/.test(f[1] ?? '')) return null;
  const fact = (v: string) => (v === '!' ? null : decode(v));
  return {
    exe: decode(f[0] ?? ''),
    tracerPid: Number(f[1]),
    environ: fact(f[2] ?? ''),
    maps: fact(f[3] ?? ''),
    cmdline: decode(f[4] ?? ''),
  };
}

/** One line from identd; `bad` (never a throw) for anything malformed. */
export function parseLine(line: string): HelperLine {
  const words = line.split(' ');
  const [kind, a = '', b = ''] = words;
  const rest = () => words.slice(2).join(' ');
  switch (kind) {
    case 'attached':
    case 'detached':
      return a ? { kind, key: a } : bad(`${kind} without a key`);
    case 'error':
    case 'refused':
    case 'lost':
      return a ? { kind, key: a, why: rest() } : bad(`${kind} without a key`);
    case 'gone':
      return NUMBER.test(a) ? { kind, id: a, why: rest() } : bad('gone without an id');
    case 'superseded': {
      const port = portOf(words[3]);
      return NUMBER.test(a) && b && port && words.length === 4
        ? { kind, id: a, key: b, port }
        : bad(`malformed superseded: ${line.slice(0, 200)}`);
    }
    case 'held': {
      const [, , , id = '', peerIp, peerPort, localIp, localPort] = words;
      const port = portOf(b);
      const peer = portOf(peerPort);
      const local = portOf(localPort);
      return a && port && NUMBER.test(id) && peerIp && peer && localIp && local && words.length === 8
        ? {
            kind,
            key: a,
            port,
            id,
            peer: { ip: unmapped(peerIp), port: peer },
            local: { ip: unmapped(localIp), port: local },
          }
        : bad(`malformed held: ${line.slice(0, 200)}`);
    }
    case 'unheld': {
      const port = portOf(b);
      return a && port
        ? { kind, key: a, port, why: words.slice(3).join(' ') }
        : bad(`malformed unheld: ${line.slice(0, 200)}`);
    }
    case 'took': {
      const [, , , peerPort, localIp, localPort] = words;
      const port = portOf(peerPort);
      const local = portOf(localPort);
      return NUMBER.test(a) && b && port && localIp && local && words.length === 6
        ? { kind, id: a, ip: unmapped(b), port, local: { ip: unmapped(localIp), port: local } }
        : bad(`malformed took: ${line.slice(0, 200)}`);
    }
    case 'conn': {
      const [, id = '', key = '', port = '', inode = '', pid = '', ...procs] = words;
      if (!NUMBER.test(id) || !key || !NUMBER.test(port) || !NUMBER.test(inode) || !/^-?\d+$/.test(pid))
        return bad(`malformed conn: ${line.slice(0, 200)}`);
      const processes = procs.map(parseProcess);
      const [first, ...others] = processes;
      if (!first || processes.some((p) => p === null))
        return bad(`malformed conn processes: ${line.slice(0, 200)}`);
      const record: ConnectRecord = {
        id,
        key,
        port: Number(port),
        inode: Number(inode),
        pid: Number(pid),
        processes: [first, ...(others as ProcessRecord[])],
      };
      return record.port > 0 && record.port < 65536 ? { kind, record } : bad(`conn with port ${port}`);
    }
    default:
      return bad(`unknown line: ${line.slice(0, 200)}`);
  }
}
