import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EgressEvent } from '../common/event.js';
import type { Policy } from '../policy/types.js';
import { ICMP_EVENTS_PER_READ } from './admission/datagrams.js';
import { admissionChains } from './admission/index.js';
import { Budget } from './budget.js';
import type { GatewayContext, Rules, SandboxEntry } from './context.js';
import type { FenceRecord } from './hashlimit.js';
import { icmpWatch } from './icmp.js';
import { SyntheticPool } from './synthetic.js';

function world() {
  const events: EgressEvent[] = [];
  const logs: string[] = [];
  const box: SandboxEntry = {
    name: 'box',
    run: 'r1',
    ip: '172.30.0.2',
    pid: 1000,
    netns: 'net:[1]',
    started: null,
    policy: { version: 1, network_policies: [] } as unknown as Policy,
    pool: new SyntheticPool(),
    budget: new Budget(),
  };
  const ctx = {
    session: 's1',
    bridgeIp: '172.30.0.1',
    rules: {} as Rules,
    events: { append: async (e: EgressEvent) => void events.push(e), query: async () => events },
    attribution: null,
    sandboxes: new Map([['box', box]]),
    gone: new Map(),
    log: (l: string) => logs.push(l),
  } as unknown as GatewayContext;
  return { ctx, box, events, logs };
}

const icmpTo = (ip: string): FenceRecord => ({ srcPort: 0, ip, port: 0, expiresIn: 4 });

test('each ICMP destination the fence recorded is one deny event, until the kernel forgets it', async () => {
  const w = world();
  let table: FenceRecord[] = [];
  const watch = icmpWatch(w.ctx, admissionChains(), async () => table);
  watch.close();
  table = [icmpTo('192.0.2.9')];
  await watch.tick();
  table = [icmpTo('192.0.2.9'), icmpTo(w.box.pool.addressFor('ping.test'))];
  await watch.tick();
  await watch.tick();
  table = [];
  await watch.tick();
  table = [icmpTo('192.0.2.9')];
  await watch.tick();
  assert.deepEqual(
    w.events.map((e) => [e.sandbox, e.action, e.protocol, e.host, e.ip, e.port, e.reason]),
    [
      ['box', 'deny', 'icmp', null, '192.0.2.9', null, 'ICMP is not allowed (rejected by the fence)'],
      ['box', 'deny', 'icmp', 'ping.test', '198.18.0.1', null, 'ICMP is not allowed (rejected by the fence)'],
      ['box', 'deny', 'icmp', null, '192.0.2.9', null, 'ICMP is not allowed (rejected by the fence)'],
    ],
  );
});

test('past the per-read cap the rest is one over-budget event', async () => {
  const w = world();
  const table = Array.from({ length: ICMP_EVENTS_PER_READ + 5 }, (_, i) => icmpTo(`192.0.2.${i + 1}`));
  const watch = icmpWatch(w.ctx, admissionChains(), async () => table);
  watch.close();
  await watch.tick();
  assert.equal(w.events.length, ICMP_EVENTS_PER_READ + 1);
  assert.match(w.events.at(-1)?.reason ?? '', /^over budget: ICMP to more than 16 new destinations/);
  assert.ok(w.logs.some((l) => /5 more new destinations/.test(l)));
});

test('a record that cannot be read is logged once, never thrown', async () => {
  const w = world();
  const watch = icmpWatch(w.ctx, admissionChains(), async () => {
    throw new Error('ENOENT');
  });
  watch.close();
  await watch.tick();
  await watch.tick();
  assert.deepEqual(w.logs, ['icmp: cannot read the ICMP record of sandbox box: ENOENT']);
  assert.deepEqual(w.events, []);
});
