import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { errorMessage } from '../../common/errors.js';
import { onLines } from '../../common/lines.js';
import { type HelperLine, parseLine } from './protocol.js';
import { ConnectTimeStore } from './store.js';

/** An IP address and port. */
export interface Address {
  readonly ip: string;
  readonly port: number;
}

/**
 * The held socket's peer (a transparent connection's original destination) and its own address, or why they
 * cannot be had.
 */
export type Peer = (Address & { readonly local: Address }) | { readonly why: string };

/** The socket identd held on a source port: its record's id and its addresses, or why there is none. */
export type Held = (Address & { readonly local: Address; readonly id: string }) | { readonly why: string };

export interface IdentityHelperOptions {
  /** Where paddock-identd is (asked on first start; a throw means it cannot be started). */
  readonly binary: () => string;
  readonly log: (line: string) => void;
  readonly store?: ConnectTimeStore;
  /** How long attach and take may wait for identd's answer. @default 5000 */
  readonly answerMs?: number;
}

type Pending<T> = { resolve: (value: T) => void; timer: NodeJS.Timeout };

/** Answer what waits under `key` in `pending` (nothing when it was answered or timed out already). */
function settle<T>(pending: Map<string, Pending<T>>, key: string, value: T): void {
  const p = pending.get(key);
  if (!p) return;
  pending.delete(key);
  clearTimeout(p.timer);
  p.resolve(value);
}

/**
 * The gateway's side of paddock-identd: started on the first attach, fed commands, its records kept in a
 * ConnectTimeStore. When it exits, every sandbox it answered for is lost (the kernel fails their connects
 * from then on; lookups deny saying why); the gateway goes on, and the next attach starts a new one.
 */
export class IdentityHelper {
  readonly store: ConnectTimeStore;
  readonly #options: IdentityHelperOptions;
  #child: ChildProcessWithoutNullStreams | null = null;
  readonly #keys = new Set<string>();
  readonly #attaching = new Map<string, Pending<string | null>>();
  readonly #taking = new Map<string, Pending<Peer>>();
  readonly #claiming = new Map<string, Pending<Held>>();

  constructor(options: IdentityHelperOptions) {
    this.#options = options;
    this.store = options.store ?? new ConnectTimeStore();
  }

  /** Take init's listener (host pid `pid`) for `key`. Null when attached, else why not. */
  attach(key: string, pid: number): Promise<string | null> {
    const child = this.#start();
    if (!child) return Promise.resolve('the identity helper could not be started');
    this.store.open(key);
    return new Promise((resolve) => {
      this.#attaching.get(key)?.resolve('attached again');
      this.#attaching.set(
        key,
        this.#pending<string | null>(
          resolve,
          () => this.#attaching.delete(key),
          'identd did not answer attach',
        ),
      );
      if (!this.#send(`attach ${key} ${pid}`)) this.#settleAttach(key, 'the identity helper is not running');
    });
  }

  detach(key: string): void {
    this.#keys.delete(key);
    this.store.close(key);
    this.#send(`detach ${key}`);
  }

  /** The peer and own address of a recorded socket; identd lets the socket go afterwards. */
  take(id: string): Promise<Peer> {
    return new Promise((resolve) => {
      this.#taking.set(
        id,
        this.#pending<Peer>(resolve, () => this.#taking.delete(id), { why: 'identd did not answer take' }),
      );
      if (!this.#send(`take ${id}`)) settle(this.#taking, id, { why: 'the identity helper is gone' });
    });
  }

  /**
   * The socket identd holds on `port` of sandbox `key` (its record's id and addresses); identd lets it go. Asked as
   * a connection from that port is accepted, before its record is here: identd answers once it has written that
   * connection's record (it reads commands between notifications), so no round trip waits for the record.
   */
  claimPort(key: string, port: number): Promise<Held> {
    const at = `${key} ${port}`;
    return new Promise((resolve) => {
      settle(this.#claiming, at, { why: 'claimed again' });
      this.#claiming.set(
        at,
        this.#pending<Held>(resolve, () => this.#claiming.delete(at), { why: 'identd did not answer claim' }),
      );
      if (!this.#send(`claim ${at}`)) settle(this.#claiming, at, { why: 'the identity helper is gone' });
    });
  }

  /** Let a recorded socket go unread (its destination is not needed); no answer comes. */
  drop(id: string): void {
    this.#send(`drop ${id}`);
  }

  /** Stop identd (the gateway is closing). */
  close(): void {
    this.#child?.kill('SIGKILL');
  }

  /** identd's pid (tests kill it). */
  get pid(): number | undefined {
    return this.#child?.pid;
  }

  #pending<T>(resolve: (v: T) => void, forget: () => void, late: T): Pending<T> {
    const timer = setTimeout(() => {
      forget();
      resolve(late);
    }, this.#options.answerMs ?? 5000);
    return { resolve, timer };
  }

  #start(): ChildProcessWithoutNullStreams | null {
    if (this.#child) return this.#child;
    let child: ChildProcessWithoutNullStreams;
    try {
      child = spawn(this.#options.binary(), [], { stdio: ['pipe', 'pipe', 'pipe'] });
    } catch (error) {
      this.#options.log(`identity: cannot start paddock-identd: ${errorMessage(error)}`);
      return null;
    }
    this.#child = child;
    child.stdin.on('error', () => undefined); // a write after it died: handled by 'exit'
    child.stderr.on('data', (d: Buffer) => this.#options.log(`identd: ${d.toString().trim()}`));
    onLines(child.stdout, (l) => this.#on(parseLine(l)));
    const gone = (why: string) => {
      if (this.#child !== child) return;
      this.#child = null;
      this.#options.log(`identity: ${why}; sandboxes with connect-time identity deny every new connection`);
      for (const key of this.#keys) this.store.lose(key, `the identity helper is gone (${why})`);
      this.#keys.clear();
      for (const key of [...this.#attaching.keys()]) this.#settleAttach(key, why);
      for (const id of [...this.#taking.keys()])
        settle(this.#taking, id, { why: `the identity helper is gone (${why})` });
      for (const at of [...this.#claiming.keys()])
        settle(this.#claiming, at, { why: `the identity helper is gone (${why})` });
    };
    child.on('error', (e) => gone(`identd failed: ${e.message}`));
    child.on('exit', (code, signal) => gone(`identd exited (${signal ?? `status ${code}`})`));
    return child;
  }

  #send(line: string): boolean {
    const child = this.#child;
    if (!child || child.stdin.destroyed) return false;
    child.stdin.write(`${line}\n`);
    return true;
  }

  #settleAttach(key: string, why: string | null): void {
    if (!this.#attaching.has(key)) return;
    if (why === null) this.#keys.add(key);
    else this.store.lose(key, why);
    settle(this.#attaching, key, why);
  }

  #on(line: HelperLine): void {
    switch (line.kind) {
      case 'conn':
        this.store.add(line.record);
        break;
      case 'superseded':
        this.store.supersede(line.key, line.port, line.id);
        break;
      case 'attached':
        this.#settleAttach(line.key, null);
        break;
      case 'error':
        this.#settleAttach(line.key, line.why);
        break;
      case 'took':
        settle(this.#taking, line.id, { ip: line.ip, port: line.port, local: line.local });
        break;
      case 'gone':
        settle(this.#taking, line.id, { why: line.why });
        break;
      case 'held':
        settle(this.#claiming, `${line.key} ${line.port}`, { id: line.id, ...line.peer, local: line.local });
        break;
      case 'unheld':
        settle(this.#claiming, `${line.key} ${line.port}`, { why: line.why });
        break;
      case 'lost':
        this.#keys.delete(line.key);
        this.store.lose(line.key, `its seccomp listener closed (${line.why})`);
        break;
      case 'refused':
        this.#options.log(`identity: sandbox ${line.key}: refused ${line.why}`);
        break;
      case 'detached':
        break;
      case 'bad':
        this.#options.log(`identity: ignored a line from identd: ${line.why}`);
        break;
    }
  }
}
