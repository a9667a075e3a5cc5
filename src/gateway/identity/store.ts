import type { ConnectRecord } from './protocol.js';

export interface StoreOptions {
  /** Records kept per sandbox; past it the oldest goes (its connection is then denied). @default 4096 */
  readonly perSandbox?: number;
  /** A record not looked up within this is dropped (identd lets its socket go after 30 s too). @default 30000 */
  readonly maxAgeMs?: number;
  readonly now?: () => number;
}

/** What a lookup found: the record, or why there is none (the connection is then denied, unattributed). */
export type Found = { readonly record: ConnectRecord } | { readonly why: string };

interface Waiter {
  readonly resolve: (found: Found) => void;
  readonly timer: NodeJS.Timeout;
}

/**
 * Connect-time records by sandbox key and source port: O(1) to add and to find. A second socket recorded on
 * the same port while the first is unclaimed makes the port ambiguous (both are denied); the same socket
 * recorded again (a new connect after one failed) replaces its record. A lookup may wait, up
 * to a deadline, for a record still in identd's pipe (it is written right after the connect is let go on).
 */
export class ConnectTimeStore {
  readonly #records = new Map<string, Map<number, ConnectRecord | 'ambiguous'>>();
  readonly #added = new Map<string, Map<number, number>>();
  readonly #waiters = new Map<string, Waiter[]>();
  readonly #lost = new Map<string, string>();
  readonly #perSandbox: number;
  readonly #maxAgeMs: number;
  readonly #now: () => number;

  constructor(options: StoreOptions = {}) {
    this.#perSandbox = options.perSandbox ?? 4096;
    this.#maxAgeMs = options.maxAgeMs ?? 30_000;
    this.#now = options.now ?? Date.now;
  }

  /** Start keeping records for `key` (a fresh attach). */
  open(key: string): void {
    this.#records.set(key, new Map());
    this.#added.set(key, new Map());
    this.#lost.delete(key);
  }

  /** No more records will come for `key`: pending and later lookups get `why`. Kept records stay usable. */
  lose(key: string, why: string): void {
    this.#lost.set(key, why);
    for (const [k, waiters] of this.#waiters) {
      if (!k.startsWith(`${key} `)) continue;
      this.#waiters.delete(k);
      for (const w of waiters) {
        clearTimeout(w.timer);
        w.resolve({ why });
      }
    }
  }

  /** Forget `key` entirely (its sandbox is unregistered). */
  close(key: string): void {
    this.lose(key, 'the sandbox is no longer registered');
    this.#records.delete(key);
    this.#added.delete(key);
    this.#lost.delete(key);
  }

  add(record: ConnectRecord): void {
    const records = this.#records.get(record.key);
    const added = this.#added.get(record.key);
    if (!records || !added) return; // not attached (any more): its connections are denied
    this.#expire(records, added);
    const known = records.get(record.port);
    if (known && known !== 'ambiguous' && known.inode === record.inode) {
      // The same socket connecting again (its connect failed, or it was disconnected): this caller's connection.
      records.set(record.port, record);
      added.delete(record.port);
      added.set(record.port, this.#now());
    } else if (known) records.set(record.port, 'ambiguous');
    else {
      if (records.size >= this.#perSandbox) {
        const oldest = added.keys().next().value;
        if (oldest !== undefined) forget(records, added, oldest);
      }
      records.set(record.port, record);
      added.set(record.port, this.#now());
    }
    const wait = `${record.key} ${record.port}`;
    const waiters = this.#waiters.get(wait);
    if (!waiters) return;
    this.#waiters.delete(wait);
    for (const w of waiters) {
      clearTimeout(w.timer);
      w.resolve(this.#take(record.key, record.port));
    }
  }

  /**
   * Record `id` on `port` of `key` is void (identd: its socket connects again, and that record comes next): gone
   * unless claimed already, so the new connection waits for its own record instead of taking this one.
   */
  supersede(key: string, port: number, id: string): void {
    const records = this.#records.get(key);
    const added = this.#added.get(key);
    const known = records?.get(port);
    if (!records || !added || known === undefined || known === 'ambiguous' || known.id !== id) return;
    forget(records, added, port);
  }

  /** The record of the connection from `port` in `key`, claimed (a port's record serves one connection). */
  find(key: string, port: number, waitMs: number): Promise<Found> {
    const found = this.#take(key, port);
    if ('record' in found || found.why !== NONE) return Promise.resolve(found);
    const lost = this.#lost.get(key);
    if (lost) return Promise.resolve({ why: lost });
    return new Promise((resolve) => {
      const wait = `${key} ${port}`;
      const timer = setTimeout(() => {
        const left = (this.#waiters.get(wait) ?? []).filter((w) => w.timer !== timer);
        if (left.length > 0) this.#waiters.set(wait, left);
        else this.#waiters.delete(wait);
        resolve({ why: `${NONE} within ${waitMs} ms` });
      }, waitMs);
      const list = this.#waiters.get(wait) ?? [];
      list.push({ resolve, timer });
      this.#waiters.set(wait, list);
    });
  }

  /**
   * The record of `port` in `key` if it is here now, claimed as find claims it (a why is the answer too);
   * null when none has come yet (nothing is claimed).
   */
  claim(key: string, port: number): Found | null {
    const found = this.#take(key, port);
    return 'why' in found && found.why === NONE ? null : found;
  }

  #take(key: string, port: number): Found {
    const records = this.#records.get(key);
    const added = this.#added.get(key);
    if (!records || !added)
      return { why: this.#lost.get(key) ?? 'the sandbox has no connect-time identity attached' };
    const record = records.get(port);
    if (record === undefined) return { why: NONE };
    const at = added.get(port) ?? this.#now();
    forget(records, added, port);
    if (record === 'ambiguous') return { why: `two sockets were recorded on source port ${port}` };
    if (this.#now() - at > this.#maxAgeMs) return { why: 'its record expired' };
    return { record };
  }

  /** Drop records older than maxAge (insertion order is age order). */
  #expire(records: Map<number, unknown>, added: Map<number, number>): void {
    const cutoff = this.#now() - this.#maxAgeMs;
    for (const [port, at] of added) {
      if (at >= cutoff) break;
      forget(records, added, port);
    }
  }
}

/** A port's record and when it was added, gone (claimed, superseded, expired or evicted). */
function forget(records: Map<number, unknown>, added: Map<number, number>, port: number): void {
  records.delete(port);
  added.delete(port);
}

/** A connection whose socket no process under the identity filter connected. */
const NONE =
  'no connect-time record for this connection (its socket was not connected under the identity filter)';
