import assert from 'node:assert/strict';
import { connect, type Server } from 'node:net';
import { test } from 'node:test';
import dnsPacket from 'dns-packet';
import type { EgressEvent } from '../common/event.js';
import type { Policy } from '../policy/types.js';
import { admissionChains } from './admission/index.js';
import type { Attribution } from './attribution.js';
import { Budget } from './budget.js';
import type { GatewayContext, Rules, SandboxEntry } from './context.js';
import { dnsTcpServer } from './dns.js';
import { SyntheticPool } from './synthetic.js';
import type { Upstream } from './upstream.js';

const allowAll = { allowed: true, policy: 'p' };
const rules = { nameAllowed: () => allowAll, isPrivateAddress: () => false } as unknown as Rules;

/** A DNS-over-TCP server for one sandbox at 127.0.0.1 with `queryRate` queries a second. */
async function serve(queryRate: number) {
  const events: EgressEvent[] = [];
  const sandbox: SandboxEntry = {
    name: 'box',
    run: null,
    ip: '127.0.0.1',
    pid: 1,
    netns: '',
    started: null,
    policy: { version: 1, network_policies: [] } as unknown as Policy,
    pool: new SyntheticPool(),
    budget: new Budget({ queryRate }),
  };
  const ctx: GatewayContext = {
    session: 's',
    bridgeIp: '127.0.0.1',
    rules,
    events: { append: async (e) => void events.push(e), query: async () => events },
    attribution: {} as Attribution,
    upstream: {} as Upstream,
    audit: false,
    sandboxes: new Map([['box', sandbox]]),
    gone: new Map(),
    log: () => undefined,
  };
  const located = { row: null, who: null, unknown: 'not looked up' };
  const deps = { locate: async () => located, openUpstream: async () => null, sentTo: async () => [] };
  const server: Server = dnsTcpServer(ctx, admissionChains(deps as never));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return { events, sandbox, port, close: () => server.close() };
}

const frame = (i: number) => {
  const q = dnsPacket.encode({ type: 'query', id: i, questions: [{ type: 'A', name: `n${i}.wild.test` }] });
  const f = Buffer.alloc(2 + q.length);
  f.writeUInt16BE(q.length, 0);
  q.copy(f, 2);
  return f;
};

test('DNS over TCP past the query rate: the connection is closed after one recorded over-rate query, the rest take no work', async () => {
  const s = await serve(5);
  const client = connect(s.port, '127.0.0.1');
  let received = Buffer.alloc(0);
  client.on('data', (d: Buffer) => {
    received = Buffer.concat([received, d]);
  });
  client.write(Buffer.concat(Array.from({ length: 200 }, (_, i) => frame(i))));
  await new Promise((r) => client.once('close', r));
  s.close();
  const rcodes: number[] = [];
  for (let at = 0; at + 2 <= received.length; at += 2 + received.readUInt16BE(at))
    rcodes.push((dnsPacket.decode(received.subarray(at + 2)).flags ?? 0) & 15);
  assert.deepEqual(rcodes, [0, 0, 0, 0, 0, 5], 'five answered within the rate, the sixth refused');
  assert.deepEqual(
    s.events.map((e) => e.reason),
    ['over budget: 5 DNS queries a second'],
    'one event for the window',
  );
  // 5 answered, 1 recorded, and the connection closed on the next: the other 193 were never decided.
  assert.ok((s.sandbox.budget.over['query rate'] ?? 0) <= 2, JSON.stringify(s.sandbox.budget.over));
});
