import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { describe, test } from 'node:test';
import type { Packet } from 'dns-packet';
import dnsPacket from 'dns-packet';
import type { EgressEvent } from '../../common/event.js';
import type { Policy } from '../../policy/types.js';
import type { Attributed, Attribution } from '../attribution.js';
import { Budget, type BudgetLimits } from '../budget.js';
import type { GatewayContext, Rules, SandboxEntry } from '../context.js';
import type { FenceRecord } from '../hashlimit.js';
import type { UpstreamLink } from '../http/link.js';
import type { Located } from '../locate.js';
import type { SocketRow } from '../procnet.js';
import { SyntheticPool } from '../synthetic.js';
import type { Upstream } from '../upstream.js';
import {
  type Admission,
  type AdmissionDeps,
  type AdmissionStart,
  admission,
  admissionChains,
} from './index.js';

const CURL: Attributed = {
  pid: 7,
  hostPid: 1007,
  exe: '/usr/bin/curl',
  ancestors: ['/bin/sh'],
  cmdline: 'curl x',
  identity: 'proc',
  taint: [],
};
const row = (remoteIp: string, remotePort: number): SocketRow => ({
  localIp: '172.30.0.2',
  localPort: 40000,
  remoteIp,
  remotePort,
  state: 1,
  uid: 1000,
  inode: 99,
});

/** Fake policy rules: allow.test (and *.wild.test) are allowed, for curl only on connections. */
const rules: Rules = {
  decide: (_p, binary, dest) =>
    dest.ip === '10.0.0.1'
      ? { action: 'deny', policy: null, reason: 'private address' }
      : dest.host === 'allow.test' && binary?.exe === '/usr/bin/curl' && !binary.tainted
        ? { action: 'allow', policy: 'p', reason: 'allowed by p' }
        : dest.ip === '192.0.2.9' && dest.host === undefined
          ? (() => {
              throw new Error('rules blew up');
            })()
          : { action: 'deny', policy: null, reason: 'no matching policy' },
  covers: (_p, dest) => dest.host === 'allow.test' || dest.ip === '10.0.0.1',
  nameAllowed: (_p, host) => ({ allowed: host === 'allow.test' || host.endsWith('.wild.test'), policy: 'p' }),
  isPrivateAddress: () => false,
  staticChanges: () => [],
  decideRequest: (_p, binary, _dest, req) =>
    req.method === 'GET' && binary?.exe === '/usr/bin/curl'
      ? { action: 'allow', policy: 'p', reason: `${req.method} ${req.path} allowed` }
      : { action: 'deny', policy: 'p', reason: `${req.method} ${req.path} not permitted` },
  inspects: (_p, _b, dest) => dest.host === 'inspect.test',
};

interface Fakes {
  ctx: GatewayContext;
  sandbox: SandboxEntry;
  events: EgressEvent[];
  logs: string[];
  locates: number;
  destroyed: number;
  opened: number;
  failAppend: boolean;
  /** What the next locate returns (or throws). */
  located: Located | Error;
  /** What the next upstream open does. */
  upstream: 'ok' | 'fail' | 'recheck-deny';
  /** The fence's UDP record for the source port asked (or why it cannot be read). */
  sent: FenceRecord[] | Error;
  deps: AdmissionDeps;
}

function fakes(limits: Partial<BudgetLimits> = {}): Fakes {
  const f = {
    events: [] as EgressEvent[],
    logs: [] as string[],
    locates: 0,
    destroyed: 0,
    opened: 0,
    failAppend: false,
    located: { row: null, who: CURL } as Located | Error,
    upstream: 'ok',
    sent: [] as FenceRecord[] | Error,
  } as Fakes;
  f.sandbox = {
    name: 'box',
    run: 'r1',
    ip: '172.30.0.2',
    pid: 1000,
    netns: 'net:[1]',
    started: null, // no holder identity to check here (holder.test.ts covers that)
    container: null,
    policy: { version: 1, network_policies: [] } as unknown as Policy,
    pool: new SyntheticPool(),
    budget: new Budget(limits),
  };
  f.ctx = {
    session: 's1',
    bridgeIp: '172.30.0.1',
    rules,
    events: {
      append: async (e) => {
        if (f.failAppend) throw new Error('disk full');
        f.events.push(e);
      },
      query: async () => f.events,
    },
    attribution: {} as Attribution,
    upstream: {} as Upstream,
    audit: false,
    sandboxes: new Map([['box', f.sandbox]]),
    gone: new Map(),
    log: (line) => f.logs.push(line),
  };
  f.deps = {
    locate: async (_ctx, _sandbox, _protocol, _port, options) => {
      f.locates++;
      if (f.located instanceof Error) throw f.located;
      // As locate does: the row first, then (unless skipped) its holder.
      const skip = f.located.row ? options?.skipOwner?.(f.located.row) : null;
      return skip ? { row: f.located.row, who: null, unknown: skip } : f.located;
    },
    openUpstream: async (_ctx, target, recheck) => {
      if (f.upstream === 'fail') throw new Error('connect ECONNREFUSED');
      if (f.upstream === 'recheck-deny') return { deny: recheck('10.0.0.1') };
      f.opened++;
      assert.equal(target.host, 'allow.test');
      return { socket: { destroy: () => void f.destroyed++ } as unknown as Socket };
    },
    sentTo: async () => {
      if (f.sent instanceof Error) throw f.sent;
      return f.sent;
    },
  };
  return f;
}

function start(f: Fakes, extra: Partial<AdmissionStart> = {}, ip = '172.30.0.2'): Admission {
  return admission(f.ctx, { layer: 'connect', protocol: 'tcp', peer: { ip, port: 40000 }, ...extra });
}

/** A synthetic address for allow.test, as the DNS step hands it out. */
function allowIp(f: Fakes): string {
  return f.sandbox.pool.addressFor('allow.test');
}

describe('transparent chain', () => {
  test('an allowed connection is one allow event with its binary and an upstream', async () => {
    const f = fakes();
    f.located = { row: row(allowIp(f), 443), who: CURL };
    const a = start(f);
    await admissionChains(f.deps).transparent(a);
    assert.equal(a.decision?.action, 'allow');
    assert.ok(a.upstream);
    assert.deepEqual(
      f.events.map((e) => [e.action, e.host, e.port, e.binary, e.sandbox]),
      [['allow', 'allow.test', 443, '/usr/bin/curl', 'box']],
    );
  });

  test('a tainted process is denied, and the event says tainted and why', async () => {
    const f = fakes();
    const who: Attributed = { ...CURL, identity: 'tainted', taint: ['LD_PRELOAD=/sandbox/x.so'] };
    f.located = { row: row(allowIp(f), 443), who };
    const a = start(f);
    await admissionChains(f.deps).transparent(a);
    assert.equal(a.upstream, null);
    assert.deepEqual(
      f.events.map((e) => [e.action, e.binary, e.identity]),
      [['deny', '/usr/bin/curl', 'tainted']],
    );
  });

  test('an unknown binary is denied with the reason attribution gave', async () => {
    const f = fakes();
    f.located = { row: row(allowIp(f), 443), who: null, unknown: 'attribution over budget' };
    await admissionChains(f.deps).transparent(start(f));
    assert.deepEqual(
      f.events.map((e) => [e.action, e.identity]),
      [['deny', null]],
    );
    assert.match(f.events[0]?.reason ?? '', /\(attribution over budget\)$/);
  });

  test('a connection attribution refuses (no connect-time record) is denied even where any binary is allowed', async () => {
    const f = fakes();
    const why = 'no connect-time record for this connection';
    f.located = { row: null, who: null, unknown: why, refuse: `unattributed: ${why}` };
    const a = start(f);
    await admissionChains(f.deps).transparent(a);
    assert.equal(a.upstream, null);
    assert.deepEqual(
      f.events.map((e) => [e.action, e.binary, e.reason]),
      [['deny', null, `unattributed: ${why}`]],
    );
  });

  test('a DNS-over-TCP connection from a connect-time sandbox claims its record; none is a recorded denial', async () => {
    const f = fakes();
    f.sandbox.attribution = 'connect-time';
    const dns = (port: number) =>
      admission(f.ctx, { layer: 'dns', protocol: 'tcp', peer: { ip: '172.30.0.2', port } });
    const ok = dns(40001);
    await admissionChains(f.deps).dnsConnection(ok);
    assert.deepEqual([ok.decision?.action, f.locates, f.events.length], ['allow', 1, 0]);
    f.located = { row: null, who: null, unknown: 'no record', refuse: 'unattributed: no record' };
    const refused = dns(40002);
    await admissionChains(f.deps).dnsConnection(refused);
    assert.deepEqual(
      f.events.map((e) => [e.action, e.layer, e.reason]),
      [['deny', 'dns', 'unattributed: no record']],
    );
    f.sandbox.attribution = 'procfs';
    await admissionChains(f.deps).dnsConnection(dns(40003));
    assert.equal(f.locates, 2, 'a procfs sandbox takes no lookup for it');
  });

  test('an upstream that fails still records the decision once, saying why', async () => {
    const f = fakes();
    f.located = { row: row(allowIp(f), 443), who: CURL };
    f.upstream = 'fail';
    const a = start(f);
    await admissionChains(f.deps).transparent(a);
    assert.equal(a.upstream, null);
    assert.equal(f.events.length, 1);
    assert.match(f.events[0]?.reason ?? '', /upstream failed: connect ECONNREFUSED/);
  });

  test('a resolved address denied on recheck replaces the allow: one deny event', async () => {
    const f = fakes();
    f.located = { row: row(allowIp(f), 443), who: CURL };
    f.upstream = 'recheck-deny';
    const a = start(f);
    await admissionChains(f.deps).transparent(a);
    assert.deepEqual(
      f.events.map((e) => e.action),
      ['deny'],
    );
  });

  test('attribution that throws is a recorded denial, never a rejection', async () => {
    const f = fakes();
    f.located = new Error('EMFILE');
    const a = start(f);
    await admissionChains(f.deps).transparent(a);
    assert.equal(a.decision?.action, 'deny');
    assert.equal(f.events.length, 1);
    assert.match(f.events[0]?.reason ?? '', /gateway error: EMFILE/);
    assert.ok(f.logs.some((l) => /EMFILE/.test(l)));
  });

  test('rules that throw deny the connection', async () => {
    const f = fakes();
    f.located = { row: row('192.0.2.9', 80), who: CURL };
    const a = start(f);
    await admissionChains(f.deps).transparent(a);
    assert.deepEqual(
      f.events.map((e) => [e.action, e.ip]),
      [['deny', '192.0.2.9']],
    );
    assert.match(f.events[0]?.reason ?? '', /decision failed/);
  });

  test('a decision that cannot be recorded is a denial, and its upstream is closed', async () => {
    const f = fakes();
    f.located = { row: row(allowIp(f), 443), who: CURL };
    f.failAppend = true;
    const a = start(f);
    await admissionChains(f.deps).transparent(a);
    assert.equal(a.decision?.action, 'deny');
    assert.match(a.decision?.reason ?? '', /cannot record the decision: disk full/);
    assert.equal(a.upstream, null);
    assert.equal(f.destroyed, 1);
  });

  test('an unregistered peer and an unknown original destination are denied, once each', async () => {
    const f = fakes();
    const chains = admissionChains(f.deps);
    await chains.transparent(start(f, {}, '172.30.0.99'));
    f.located = { row: null, who: CURL };
    await chains.transparent(start(f));
    f.located = { row: row('198.18.9.9', 443), who: CURL };
    await chains.transparent(start(f));
    assert.deepEqual(
      f.events.map((e) => [e.sandbox, e.reason]),
      [
        [null, 'connection from an unregistered address'],
        ['box', 'original destination unknown (client socket not found)'],
        ['box', 'synthetic address 198.18.9.9 was never handed out'],
      ],
    );
  });

  test('a peer at the address of a registration dropped as stale is denied, saying why, under no name', async () => {
    const f = fakes();
    f.ctx.gone.set(
      '172.30.0.98',
      'stale registration: 172.30.0.98 was sandbox old, whose holder pid 7 is gone; dropped',
    );
    await admissionChains(f.deps).transparent(start(f, {}, '::ffff:172.30.0.98'));
    assert.deepEqual(
      f.events.map((e) => [e.sandbox, e.action, e.reason]),
      [
        [
          null,
          'deny',
          'stale registration: 172.30.0.98 was sandbox old, whose holder pid 7 is gone; dropped',
        ],
      ],
    );
  });

  test('a denied bare-IP connection carries what the client asked for (explain)', async () => {
    const f = fakes();
    f.located = { row: row('192.0.2.10', 443), who: CURL };
    await admissionChains(f.deps).transparent(start(f, { explain: async () => 'evil.test' }));
    assert.equal(f.events[0]?.reason, 'no matching policy (client asked for evil.test)');
  });
});

/** A closable fake client socket (the connection budget gives its slot back on close). */
function client(): Socket & { close(): void } {
  const listeners: (() => void)[] = [];
  return {
    once: (_e: string, fn: () => void) => listeners.push(fn),
    close: () => {
      for (const fn of listeners) fn();
    },
  } as unknown as Socket & { close(): void };
}

describe('denials no binary changes: binaries looked up at most logLookups a second', () => {
  test('a destination no endpoint covers: the first is attributed, the next is denied without a lookup', async () => {
    const f = fakes({ logLookups: 1 });
    const chains = admissionChains(f.deps);
    for (let i = 0; i < 2; i++) {
      f.located = { row: row('192.0.2.5', 80), who: CURL };
      await chains.transparent(start(f));
    }
    assert.deepEqual(
      f.events.map((e) => [e.action, e.ip, e.binary]),
      [
        ['deny', '192.0.2.5', '/usr/bin/curl'],
        ['deny', '192.0.2.5', null],
      ],
    );
    assert.equal(
      f.events[1]?.reason,
      'no matching policy (binary not looked up: over 1 a second of denials no binary changes)',
    );
  });
  test('a destination some binary may reach is always attributed', async () => {
    const f = fakes({ logLookups: 1 });
    const chains = admissionChains(f.deps);
    for (let i = 0; i < 3; i++) {
      f.located = { row: row(allowIp(f), 443), who: CURL };
      await chains.transparent(start(f));
    }
    assert.deepEqual(
      f.events.map((e) => [e.action, e.binary]),
      Array(3).fill(['allow', '/usr/bin/curl']),
    );
  });
  test('proxy CONNECTs to an allowed name are always attributed, however many a second', async () => {
    const f = fakes({ logLookups: 1 });
    const chains = admissionChains(f.deps);
    for (let i = 0; i < 3; i++) {
      // The socket row names the gateway's proxy port, which no endpoint covers; the target is the name.
      f.located = { row: row('172.30.0.1', 3128), who: CURL };
      await chains.proxy(null)(start(f, { target: { host: 'allow.test', ip: null, port: 443 } }));
    }
    assert.deepEqual(
      f.events.map((e) => [e.action, e.host, e.binary]),
      Array(3).fill(['allow', 'allow.test', '/usr/bin/curl']),
    );
  });
  test('a transparent connection asks for its original destination; a CONNECT for the proxy it dialled', async () => {
    const f = fakes();
    const asked: unknown[] = [];
    const locate = f.deps.locate;
    const chains = admissionChains({
      ...f.deps,
      locate: (ctx, sandbox, protocol, port, options) => {
        asked.push(options?.peer);
        return locate(ctx, sandbox, protocol, port, options);
      },
    });
    f.located = { row: row(allowIp(f), 443), who: CURL };
    await chains.transparent(start(f));
    f.located = { row: row('172.30.0.1', 3128), who: CURL };
    const proxy = { proxy: [{ ip: '172.30.0.1', port: 3128 }] };
    await chains.proxy(null)(
      start(f, { target: { host: 'allow.test', ip: null, port: 443 }, dialled: proxy }),
    );
    assert.deepEqual(asked, ['destination', proxy]);
    assert.deepEqual(
      f.events.map((e) => [e.action, e.host]),
      [
        ['allow', 'allow.test'],
        ['allow', 'allow.test'],
      ],
    );
  });
  test('DNS denials: the first is attributed, the next says its binary was not looked up', async () => {
    const f = fakes({ logLookups: 1 });
    f.located = { row: row('172.30.0.1', 53), who: CURL };
    const chains = admissionChains(f.deps);
    for (const n of ['a.evil.test', 'b.evil.test']) await chains.dnsQuery(dns(f, query(n, 'A')));
    assert.deepEqual(
      f.events.map((e) => [e.host, e.binary, e.reason]),
      [
        ['a.evil.test', '/usr/bin/curl', 'name not allowed by any policy'],
        [
          'b.evil.test',
          null,
          'name not allowed by any policy (binary not looked up: over 1 a second of denials no binary changes)',
        ],
      ],
    );
  });
});

describe('denied connections past the denial rate', () => {
  test('the sandbox is then over budget: its next connections are denied before any lookup, recorded once', async () => {
    const f = fakes({ denials: 2 });
    const chains = admissionChains(f.deps);
    for (let i = 0; i < 4; i++) {
      f.located = { row: row('192.0.2.5', 80), who: CURL };
      await chains.transparent(start(f));
    }
    assert.equal(f.locates, 2, 'the two denials within the rate were looked up, the rest not');
    assert.deepEqual(
      f.events.map((e) => e.reason),
      ['no matching policy', 'no matching policy', 'over budget: 2 denied connections a second'],
    );
    assert.equal(f.sandbox.budget.over.denials, 2);
  });
});

describe('connections past the fence rate (over.ts)', () => {
  test('each is denied without attribution; the first of a window is recorded, the rest counted', async () => {
    const f = fakes();
    const chains = admissionChains(f.deps);
    for (let i = 0; i < 3; i++) await chains.overRate(start(f));
    assert.equal(f.locates, 0);
    assert.deepEqual(
      f.events.map((e) => [e.sandbox, e.action, e.reason]),
      [['box', 'deny', 'over budget: 2000 new connections a second (the fence resets the rest)']],
    );
    assert.equal(f.sandbox.budget.over['connection rate'], 3);
  });
});

describe('budgets', () => {
  test('connections over budget are denied; the first is recorded, the rest counted; a close frees a slot', async () => {
    const f = fakes({ connections: 2 });
    f.located = { row: row(allowIp(f), 443), who: CURL };
    const chains = admissionChains(f.deps);
    const clients = [client(), client(), client(), client()];
    const results: Admission[] = [];
    for (const c of clients) {
      const a = start(f, { client: c });
      await chains.transparent(a);
      results.push(a);
    }
    assert.deepEqual(
      results.map((a) => a.decision?.action),
      ['allow', 'allow', 'deny', 'deny'],
    );
    assert.equal(f.events.filter((e) => /over budget/.test(e.reason)).length, 1);
    assert.equal(f.sandbox.budget.over.connections, 2);
    clients[0]?.close();
    const again = start(f, { client: client() });
    await chains.transparent(again);
    assert.equal(again.decision?.action, 'allow');
  });

  test('attribution waits for a slot; beyond the queue it is denied', async () => {
    const f = fakes({ attributions: 1, attributionQueue: 1 });
    const ip = allowIp(f);
    let unblock: () => void = () => undefined;
    const gate = new Promise<void>((r) => {
      unblock = r;
    });
    let running = 0;
    let most = 0;
    f.deps = {
      ...f.deps,
      locate: async () => {
        most = Math.max(most, ++running);
        await gate;
        running--;
        return { row: row(ip, 443), who: CURL };
      },
    };
    const chains = admissionChains(f.deps);
    const all = [start(f), start(f), start(f)];
    const done = Promise.all(all.map((a) => chains.transparent(a)));
    await new Promise((r) => setImmediate(r));
    unblock();
    await done;
    assert.equal(most, 1);
    assert.deepEqual(
      all.map((a) => a.decision?.action),
      ['allow', 'allow', 'deny'],
    );
    assert.match(all[2]?.decision?.reason ?? '', /over budget: 1 lookups waiting/);
  });
});

const query = (name: string, type: string, id = 1): Packet =>
  ({
    type: 'query',
    id,
    flags: dnsPacket.RECURSION_DESIRED,
    questions: [{ name, type, class: 'IN' }],
  }) as Packet;

function dns(f: Fakes, q: Packet | undefined): Admission {
  return admission(f.ctx, {
    layer: 'dns',
    protocol: 'udp',
    peer: { ip: '172.30.0.2', port: 5353 },
    ...(q ? { query: q } : {}),
  });
}

describe('DNS chain', () => {
  test('an allowed name is answered quietly, without attribution', async () => {
    const f = fakes();
    const a = dns(f, query('allow.test', 'A'));
    await admissionChains(f.deps).dnsQuery(a);
    assert.equal(a.response?.answers?.length, 1);
    assert.equal(f.events.length, 0);
    assert.equal(f.locates, 0);
  });

  test('A then AAAA for a denied name is one event; a TXT for it inside the window is another', async () => {
    const f = fakes();
    const chains = admissionChains(f.deps);
    for (const t of ['A', 'AAAA', 'TXT']) await chains.dnsQuery(dns(f, query('evil.test', t)));
    assert.deepEqual(
      f.events.map((e) => [e.host, e.reason, e.binary]),
      [
        ['evil.test', 'name not allowed by any policy', '/usr/bin/curl'],
        ['evil.test', 'DNS query type TXT is not allowed', '/usr/bin/curl'],
      ],
    );
  });

  test('bytes that are not DNS and malformed queries are recorded', async () => {
    const f = fakes();
    const chains = admissionChains(f.deps);
    const none = dns(f, undefined);
    await chains.dnsQuery(none);
    const empty = dns(f, { type: 'query', id: 3, questions: [] } as Packet);
    await chains.dnsQuery(empty);
    assert.equal(none.response, undefined);
    assert.deepEqual(
      f.events.map((e) => e.reason),
      ['not a DNS message', 'malformed DNS query (0 questions)'],
    );
  });

  test('new names past the name budget are refused and recorded once; known names still answer', async () => {
    const f = fakes({ names: 2 });
    const chains = admissionChains(f.deps);
    const answers: number[] = [];
    for (const n of ['a.wild.test', 'b.wild.test', 'c.wild.test', 'd.wild.test', 'a.wild.test']) {
      const a = dns(f, query(n, 'A'));
      await chains.dnsQuery(a);
      answers.push((a.response?.flags ?? 0) & 15);
    }
    assert.deepEqual(answers, [0, 0, 5, 5, 0]);
    assert.equal(f.events.length, 1);
    assert.match(f.events[0]?.reason ?? '', /over budget: 2 DNS names/);
  });

  test('an exhausted address pool is a recorded denial, never a rejection', async () => {
    const f = fakes();
    f.sandbox.pool.addressFor = () => {
      throw new RangeError('synthetic address pool exhausted');
    };
    const a = dns(f, query('x.wild.test', 'A'));
    await admissionChains(f.deps).dnsQuery(a);
    assert.equal(a.decision?.action, 'deny');
    assert.match(f.events[0]?.reason ?? '', /pool exhausted/);
  });

  test('queries in flight over budget are denied', async () => {
    const f = fakes({ queries: 1 });
    let unblock: () => void = () => undefined;
    const gate = new Promise<void>((r) => {
      unblock = r;
    });
    f.deps = {
      ...f.deps,
      locate: async () => {
        await gate;
        return { row: null, who: CURL };
      },
    };
    const chains = admissionChains(f.deps);
    const first = dns(f, query('evil.test', 'A'));
    const pending = chains.dnsQuery(first);
    const second = dns(f, query('other.test', 'A'));
    await chains.dnsQuery(second);
    unblock();
    await pending;
    assert.match(second.decision?.reason ?? '', /over budget: 1 queries in flight/);
  });
});

describe('query rate', () => {
  test('past queryRate a second, queries get no answer and one event; another sandbox is unaffected', async () => {
    const f = fakes({ queryRate: 5 });
    const chains = admissionChains(f.deps);
    const out: (string | undefined)[] = [];
    for (let i = 0; i < 8; i++) {
      const a = dns(f, query(`n${i}.wild.test`, 'A'));
      await chains.dnsQuery(a);
      out.push(a.decision?.reason);
    }
    assert.equal(out.filter((r) => r === 'DNS answer').length, 5, out.join(' | '));
    assert.equal(out.filter((r) => /over budget: 5 DNS queries a second/.test(r ?? '')).length, 3);
    assert.deepEqual(
      f.events.filter((e) => /over budget/.test(e.reason)).map((e) => e.reason),
      ['over budget: 5 DNS queries a second'],
      'one event per window, the rest counted',
    );
    assert.equal(f.sandbox.budget.over['query rate'], 3);
  });

  test('the bucket refills: one second later the sandbox is answered again', () => {
    const budget = new Budget({ queryRate: 2 });
    assert.deepEqual(
      [budget.takeQuery(1000), budget.takeQuery(1000), budget.takeQuery(1000)],
      [true, true, false],
    );
    assert.equal(budget.takeQuery(1500), true, 'half a second refills one token');
    assert.equal(budget.takeQuery(1500), false);
    assert.deepEqual(
      [budget.takeQuery(9000), budget.takeQuery(9000), budget.takeQuery(9000)],
      [true, true, false],
      'never more than one second of burst',
    );
  });
});

describe('proxy and UDP chains', () => {
  test('a request the proxy cannot parse is a denial with its binary', async () => {
    const f = fakes();
    const a = start(f, { client: client() });
    await admissionChains(f.deps).proxy('bad CONNECT target')(a);
    assert.deepEqual(
      f.events.map((e) => [e.action, e.reason, e.binary]),
      [['deny', 'bad CONNECT target', '/usr/bin/curl']],
    );
  });

  test('keep-alive requests on one client socket share one attribution', async () => {
    const f = fakes();
    const chains = admissionChains(f.deps);
    const c = client();
    for (let i = 0; i < 3; i++)
      await chains.proxy(null)(
        start(f, { layer: 'http', client: c, target: { host: 'allow.test', ip: null, port: 80 } }),
      );
    assert.equal(f.locates, 1);
    assert.deepEqual(
      f.events.map((e) => e.action),
      ['allow', 'allow', 'allow'],
    );
  });

  test("beforeRecord (a CONNECT's 200) runs once the connection is let through, before its event is written", async () => {
    const f = fakes();
    const seen: number[] = [];
    const a = start(f, {
      client: client(),
      target: { host: 'allow.test', ip: null, port: 443 },
      beforeRecord: () => seen.push(f.events.length),
    });
    await admissionChains(f.deps).proxy(null)(a);
    assert.deepEqual(seen, [0], 'called once, with no event written yet');
    assert.deepEqual(
      f.events.map((e) => e.action),
      ['allow'],
    );
  });

  test('beforeRecord is not called for a denial, nor for an allow whose upstream failed', async () => {
    const f = fakes();
    let calls = 0;
    const beforeRecord = () => void calls++;
    const chains = admissionChains(f.deps);
    await chains.proxy(null)(
      start(f, { client: client(), target: { host: 'deny.test', ip: null, port: 443 }, beforeRecord }),
    );
    f.upstream = 'fail';
    await chains.proxy(null)(
      start(f, { client: client(), target: { host: 'allow.test', ip: null, port: 443 }, beforeRecord }),
    );
    assert.equal(calls, 0);
    assert.deepEqual(
      f.events.map((e) => e.action),
      ['deny', 'allow'],
    );
  });

  test('a decision that cannot be recorded after beforeRecord ran is a denial with its upstream closed', async () => {
    const f = fakes();
    f.failAppend = true;
    let called = false;
    const a = start(f, {
      client: client(),
      target: { host: 'allow.test', ip: null, port: 443 },
      beforeRecord: () => {
        called = true;
      },
    });
    await admissionChains(f.deps).proxy(null)(a);
    assert.equal(called, true);
    assert.equal(a.decision?.action, 'deny');
    assert.equal(a.upstream, null);
    assert.equal(f.destroyed, 1);
  });

  test('a UDP datagram is one deny per source in the window, with a connected destination', async () => {
    const f = fakes();
    f.located = { row: row('192.0.2.5', 9999), who: CURL };
    const chains = admissionChains(f.deps);
    for (let i = 0; i < 3; i++)
      await chains.udp(
        admission(f.ctx, { layer: 'udp', protocol: 'udp', peer: { ip: '172.30.0.2', port: 4000 } }),
      );
    assert.equal(f.locates, 1);
    assert.deepEqual(
      f.events.map((e) => [e.action, e.ip, e.port, e.binary]),
      [['deny', '192.0.2.5', 9999, '/usr/bin/curl']],
    );
  });
  const udp = (f: Fakes) =>
    admissionChains(f.deps).udp(
      admission(f.ctx, { layer: 'udp', protocol: 'udp', peer: { ip: '172.30.0.2', port: 4000 } }),
    );
  const rec = (ip: string, port: number, expiresIn: number): FenceRecord => ({
    srcPort: 4000,
    ip,
    port,
    expiresIn,
  });
  test('an unconnected socket (sendto) is logged with the destination the fence recorded', async () => {
    const f = fakes();
    f.located = { row: row('0.0.0.0', 0), who: CURL };
    f.sent = [rec('192.0.2.66', 7001, 9)];
    await udp(f);
    assert.deepEqual(
      f.events.map((e) => [e.ip, e.port, e.binary, e.reason]),
      [
        [
          '192.0.2.66',
          7001,
          '/usr/bin/curl',
          "UDP other than DNS is not allowed (unconnected socket, destination from the fence's record)",
        ],
      ],
    );
  });
  test('a socket already closed is logged with its destination too; others it sent to are named', async () => {
    const f = fakes();
    f.located = { row: null, who: null, unknown: 'client socket not found' };
    f.sent = [rec('192.0.2.66', 7001, 9), rec('192.0.2.67', 7002, 8)];
    await udp(f);
    assert.deepEqual(
      f.events.map((e) => [e.ip, e.port, e.reason]),
      [
        [
          '192.0.2.66',
          7001,
          "UDP other than DNS is not allowed (socket already closed, destination from the fence's record; it also sent to 192.0.2.67:7002)",
        ],
      ],
    );
  });
  test('no record, or one that cannot be read: still one deny, saying the destination is not known', async () => {
    const f = fakes();
    f.located = { row: row('0.0.0.0', 0), who: CURL };
    await udp(f);
    f.sent = new Error('ENOENT');
    f.located = { row: row('0.0.0.0', 0), who: CURL };
    await admissionChains(f.deps).udp(
      admission(f.ctx, { layer: 'udp', protocol: 'udp', peer: { ip: '172.30.0.2', port: 4001 } }),
    );
    assert.deepEqual(
      f.events.map((e) => [e.action, e.ip, e.reason]),
      [
        ['deny', null, 'UDP other than DNS is not allowed (unconnected socket: destination not known)'],
        [
          'deny',
          null,
          "UDP other than DNS is not allowed (unconnected socket: destination not known: cannot read the fence's UDP record (ENOENT))",
        ],
      ],
    );
  });
});

describe('request chain (inspected connections)', () => {
  /** A request and a response that records what was answered (refusals never reach the upstream). */
  function exchange(method: string, url: string, headers: Record<string, string>) {
    const answered: { status?: number; body?: string; continued: boolean } = { continued: false };
    const rawHeaders = Object.entries(headers).flat();
    const req = { method, url, headers, rawHeaders } as unknown as IncomingMessage;
    const res = {
      writeHead(status: number) {
        answered.status = status;
        return this;
      },
      end(body?: string) {
        answered.body = body;
      },
      writeContinue() {
        answered.continued = true;
      },
    } as unknown as ServerResponse;
    const link = {} as UpstreamLink;
    return { x: { req, res, link, secure: true, expectsContinue: true }, answered };
  }
  const inspectTarget = { host: 'allow.test', ip: null, port: 443 };
  const PLACEHOLDER = 'sk-ant-paddock0000000000000000000000';

  const rows: [string, string, string, Record<string, string>, number, RegExp][] = [
    ['a rule denial', 'POST', '/v1/x', { host: 'allow.test' }, 403, /^POST \/v1\/x not permitted$/],
    [
      'a Host naming another host',
      'GET',
      '/v1/x',
      { host: 'evil.test' },
      403,
      /Host evil\.test does not name allow\.test/,
    ],
    ['no Host at all', 'GET', '/v1/x', {}, 403, /Host \(none\) does not name allow\.test/],
    [
      'a target that climbs above the root',
      'GET',
      '/../etc/passwd',
      { host: 'allow.test' },
      400,
      /malformed request target: .*above the root/,
    ],
    [
      'an absolute-form target',
      'GET',
      'https://evil.test/',
      { host: 'allow.test' },
      400,
      /not an absolute path/,
    ],
    [
      'a placeholder for another host',
      'GET',
      '/v1/x',
      { host: 'allow.test', 'x-api-key': PLACEHOLDER },
      403,
      /placeholder of credential K sent to allow\.test, which is not one of its hosts/,
    ],
    [
      'a placeholder in the query',
      'GET',
      `/v1/x?key=${PLACEHOLDER}`,
      { host: 'allow.test' },
      403,
      /placeholder of credential K sent to allow\.test/,
    ],
  ];
  for (const [name, method, url, headers, status, reason] of rows) {
    test(`${name}: one http deny event, answered ${status}, nothing forwarded`, async () => {
      const f = fakes();
      f.sandbox.credentials = [
        { name: 'K', placeholder: PLACEHOLDER, secret: 'real-secret-value', hosts: ['api.test'] },
      ];
      const { x, answered } = exchange(method, url, headers);
      const a = start(f, { layer: 'http', client: client(), target: inspectTarget });
      await admissionChains(f.deps).request(x)(a);
      assert.equal(answered.status, status);
      assert.equal(answered.continued, false, 'no 100 Continue for a refused request');
      assert.deepEqual(
        f.events.map((e) => [e.layer, e.action, e.method, e.status]),
        [['http', 'deny', method, status]],
      );
      assert.match(f.events[0]?.reason ?? '', reason);
      assert.equal(JSON.stringify(f.events).includes('real-secret-value'), false);
      assert.doesNotMatch(f.events[0]?.path ?? '', /paddock0000/, 'query values are redacted');
    });
  }

  test('denied requests count against the denial rate: past it denied before any work, recorded once, connection hung up', async () => {
    const f = fakes({ denials: 3 });
    const chains = admissionChains(f.deps);
    const hungUp: boolean[] = [];
    for (let i = 0; i < 6; i++) {
      const { x } = exchange('POST', '/v1/x', { host: 'allow.test' });
      const a = start(f, { layer: 'http', client: client(), target: inspectTarget });
      await chains.request(x)(a);
      assert.equal(a.decision?.action, 'deny');
      hungUp.push(a.hangUp === true);
    }
    assert.deepEqual(
      f.events.map((e) => e.reason.replace(/^(over budget).*/, '$1')),
      ['POST /v1/x not permitted', 'POST /v1/x not permitted', 'POST /v1/x not permitted', 'over budget'],
    );
    assert.deepEqual(hungUp, [false, false, false, true, true, true]);
  });

  test('rules that throw deny the request, recorded once', async () => {
    const f = fakes();
    f.ctx = {
      ...f.ctx,
      rules: {
        ...f.ctx.rules,
        decideRequest: () => {
          throw new Error('boom');
        },
      },
    };
    const { x, answered } = exchange('GET', '/', { host: 'allow.test' });
    await admissionChains(f.deps).request(x)(
      start(f, { layer: 'http', client: client(), target: inspectTarget }),
    );
    assert.equal(answered.status, 403);
    assert.equal(f.events.length, 1);
    assert.match(f.events[0]?.reason ?? '', /decision failed: Error: boom/);
  });

  test('a request from an unregistered address is denied before anything else', async () => {
    const f = fakes();
    const { x, answered } = exchange('GET', '/', { host: 'allow.test' });
    await admissionChains(f.deps).request(x)(start(f, { layer: 'http', target: inspectTarget }, '10.9.9.9'));
    assert.equal(f.events[0]?.action, 'deny');
    assert.match(f.events[0]?.reason ?? '', /unregistered address/);
    assert.equal(answered.status, undefined, 'the listener answers for the chain (serve.ts)');
  });

  test('a refusal of an allowed connection (fronted SNI) is one more event with the connection binary', async () => {
    const f = fakes();
    const a = start(f, { target: inspectTarget });
    a.sandbox = f.sandbox;
    a.who = CURL;
    await admissionChains(f.deps).refusal('TLS server name evil.test does not match allow.test')(a);
    assert.deepEqual(
      f.events.map((e) => [e.layer, e.action, e.binary, e.host]),
      [['connect', 'deny', '/usr/bin/curl', 'allow.test']],
    );
  });
});
