/** 198.18.0.0/15 (RFC 2544 benchmarking): never routed on the Internet, so it cannot collide with real hosts. */
const BASE = (198 << 24) | (18 << 16);
const SIZE = 1 << 17;

function toIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

function toNumber(ip: string): number | null {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return null;
  return (
    ((parts[0] ?? 0) * 2 ** 24 + (parts[1] ?? 0) * 2 ** 16 + (parts[2] ?? 0) * 2 ** 8 + (parts[3] ?? 0)) >>> 0
  );
}

/** True for addresses in the synthetic range. */
export function isSynthetic(ip: string): boolean {
  const n = toNumber(ip);
  return n !== null && n >>> 0 >= BASE >>> 0 && n >>> 0 < (BASE >>> 0) + SIZE;
}

/**
 * Per-sandbox synthetic addresses: one stable address per allowed name, and the way back.
 * Names are lower-cased; the pool is handed out in order (.0.1 first).
 */
export class SyntheticPool {
  readonly #byName = new Map<string, string>();
  readonly #byIp = new Map<string, string>();
  #next = 1;

  addressFor(name: string): string {
    const key = name.toLowerCase().replace(/\.$/, '');
    const known = this.#byName.get(key);
    if (known) return known;
    if (this.#next >= SIZE - 1) throw new RangeError('synthetic address pool exhausted');
    const ip = toIp(((BASE >>> 0) + this.#next++) >>> 0);
    this.#byName.set(key, ip);
    this.#byIp.set(ip, key);
    return ip;
  }

  /** True when `name` already has an address. */
  has(name: string): boolean {
    return this.#byName.has(name.toLowerCase().replace(/\.$/, ''));
  }

  /** The name an address was handed out for, or undefined. */
  nameFor(ip: string): string | undefined {
    return this.#byIp.get(ip);
  }

  get size(): number {
    return this.#byName.size;
  }
}
