import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { GatewayContext, SandboxEntry } from '../context.js';
import { IdentityHelper, type Peer } from './helper.js';
import { claimEarly, locate, RECORD_WAIT_MS } from './locate.js';
import { parseLine } from './protocol.js';

// A helper whose identd never runs: the store is fed by hand, as identd's lines would feed it.
function setup() {
  const helper = new IdentityHelper({ binary: () => '/nonexistent/paddock-identd', log: () => {} });
  helper.store.open('k1');
  const sandbox = {
    ip: '172.30.0.2',
    attribution: 'connect-time',
    identityKey: 'k1',
    policy: { filesystem_policy: { read_write: ['/tmp'] } },
  } as unknown as SandboxEntry;
  const ctx = { identity: helper, sandboxes: new Map([['box', sandbox]]) } as unknown as GatewayContext;
  return { helper, ctx, sandbox };
}

/**
 * Counts takes (by record id) and claims (`claim KEY PORT`) and answers each as identd would: by default a socket of
 * the sandbox's connected to 203.0.113.7:443, held for record `heldId`.
 */
function fakeTakes(
  helper: IdentityHelper,
  answer: Peer = { ip: '203.0.113.7', port: 443, local: { ip: '172.30.0.2', port: 40000 } },
  heldId = '1',
): string[] {
  const asked: string[] = [];
  helper.take = async (id) => {
    asked.push(id);
    return answer;
  };
  helper.claimPort = async (key, port) => {
    asked.push(`claim ${key} ${port}`);
    return 'why' in answer ? answer : { ...answer, id: heldId };
  };
  return asked;
}

test('a connect-time connection without a record is refused as unattributed, after the record wait', async () => {
  const { ctx, sandbox } = setup();
  const t0 = performance.now();
  for (const peer of ['destination', 'unread'] as const) {
    const located = await locate(ctx, sandbox, 'tcp', 40000, { peer });
    assert.equal(located.who, null);
    assert.match(located.refuse ?? '', /^unattributed: no connect-time record for this connection/);
  }
  assert.ok(performance.now() - t0 >= 2 * RECORD_WAIT_MS - 50, 'each lookup waited for a record in the pipe');
});

test('DNS over TCP (its socket unread) is attributed from its record without asking identd', async () => {
  const { helper, ctx, sandbox } = setup();
  const asked = fakeTakes(helper);
  const line = parseLine('conn 1 k1 40000 77 10 /usr/bin/curl|0|||curl');
  assert.equal(line.kind, 'conn');
  if (line.kind === 'conn') helper.store.add(line.record);
  const located = await locate(ctx, sandbox, 'tcp', 40000, { peer: 'unread' });
  assert.deepEqual(asked, []);
  assert.equal(located.refuse, undefined);
  assert.equal(located.row, null);
  assert.equal(located.who?.exe, '/usr/bin/curl');
  assert.equal(located.who?.identity, 'connect-time');
});

const PROXY = { proxy: [{ ip: '172.30.0.1', port: 3128 }] };

test('a proxy connection is attributed only when its recorded socket is connected to the proxy from its address', async () => {
  const cases: [Parameters<typeof fakeTakes>[1], RegExp | null][] = [
    [{ ip: '172.30.0.1', port: 3128, local: { ip: '172.30.0.2', port: 40000 } }, null],
    // A loopback connect from the same port (bound to 127.0.0.1) left this record: not this connection's.
    [
      { ip: '127.0.0.1', port: 1, local: { ip: '127.0.0.1', port: 40000 } },
      /of another socket: it is bound to 127\.0\.0\.1:40000/,
    ],
    [
      { ip: '203.0.113.7', port: 443, local: { ip: '172.30.0.2', port: 40000 } },
      /of another socket: it is connected to 203\.0\.113\.7:443, not to the proxy/,
    ],
    // Refused: a socket that never connected has no peer.
    [{ why: 'getpeername: Transport endpoint is not connected' }, /addresses cannot be read: getpeername/],
  ];
  for (const [answer, refused] of cases) {
    const { helper, ctx, sandbox } = setup();
    const asked = fakeTakes(helper, answer);
    const line = parseLine('conn 1 k1 40000 77 10 /usr/bin/python3|0|||python3');
    if (line.kind === 'conn') helper.store.add(line.record);
    const located = await locate(ctx, sandbox, 'tcp', 40000, { peer: PROXY });
    assert.deepEqual(asked, ['1']);
    if (refused) {
      assert.match(located.refuse ?? '', refused);
      assert.equal(located.who, null);
    } else {
      assert.equal(located.refuse, undefined);
      assert.equal(located.who?.exe, '/usr/bin/python3');
    }
  }
});

test('a transparent connection is refused when its recorded socket is bound to another address', async () => {
  const { helper, ctx, sandbox } = setup();
  fakeTakes(helper, { ip: '203.0.113.7', port: 443, local: { ip: '127.0.0.1', port: 40000 } });
  const line = parseLine('conn 1 k1 40000 77 10 /usr/bin/curl|0|||curl');
  if (line.kind === 'conn') helper.store.add(line.record);
  const located = await locate(ctx, sandbox, 'tcp', 40000);
  assert.match(located.refuse ?? '', /of another socket: it is bound to 127\.0\.0\.1:40000/);
});

test('a transparent connection whose peer identd cannot give is refused (identd not running: fail closed)', async () => {
  const { helper, ctx, sandbox } = setup();
  const line = parseLine('conn 1 k1 40000 77 10 /usr/bin/curl|0|||curl');
  if (line.kind === 'conn') helper.store.add(line.record);
  const located = await locate(ctx, sandbox, 'tcp', 40000);
  assert.match(located.refuse ?? '', /^unattributed: the recorded socket's addresses cannot be read/);
});

test('a transparent connection claimed as it was accepted asks identd once, then and not again', async () => {
  const { helper, ctx, sandbox } = setup();
  const asked = fakeTakes(helper);
  const line = parseLine('conn 1 k1 40000 77 10 /usr/bin/curl|0|||curl');
  if (line.kind === 'conn') helper.store.add(line.record);
  const client = {};
  claimEarly(ctx, client, '::ffff:172.30.0.2', 40000);
  await new Promise(setImmediate);
  assert.deepEqual(asked, ['claim k1 40000']);
  // The record is claimed: nothing else finds it.
  assert.equal(helper.store.claim('k1', 40000), null);
  const located = await locate(ctx, sandbox, 'tcp', 40000, { client });
  assert.deepEqual(asked, ['claim k1 40000']);
  assert.equal(located.refuse, undefined);
  assert.deepEqual([located.row?.remoteIp, located.row?.remotePort], ['203.0.113.7', 443]);
  assert.equal(located.who?.exe, '/usr/bin/curl');
});

test('a record still in the pipe when its connection was accepted is claimed as it arrives; its socket is asked for at accept', async () => {
  const { helper, ctx, sandbox } = setup();
  const asked = fakeTakes(helper);
  const client = {};
  claimEarly(ctx, client, '172.30.0.2', 40000);
  await new Promise(setImmediate);
  assert.deepEqual(
    asked,
    ['claim k1 40000'],
    'asked before the record came (identd answers after writing it)',
  );
  const line = parseLine('conn 1 k1 40000 77 10 /usr/bin/curl|0|||curl');
  if (line.kind === 'conn') helper.store.add(line.record);
  await new Promise(setImmediate);
  assert.equal(helper.store.claim('k1', 40000), null, 'claimed: no later connection from the port finds it');
  const located = await locate(ctx, sandbox, 'tcp', 40000, { client });
  assert.deepEqual(asked, ['claim k1 40000']);
  assert.equal(located.row?.remoteIp, '203.0.113.7');
});

test('a connection whose port holds the socket of another record than the one found is refused', async () => {
  const { helper, ctx, sandbox } = setup();
  fakeTakes(helper, undefined, '2');
  const line = parseLine('conn 1 k1 40000 77 10 /usr/bin/curl|0|||curl');
  if (line.kind === 'conn') helper.store.add(line.record);
  const client = {};
  claimEarly(ctx, client, '172.30.0.2', 40000);
  const located = await locate(ctx, sandbox, 'tcp', 40000, { client });
  assert.match(located.refuse ?? '', /of another socket: identd holds record 2 there/);
  assert.equal(located.who, null);
});

test('a connection from an address no connect-time sandbox has claims nothing', async () => {
  const { helper, ctx } = setup();
  const asked = fakeTakes(helper);
  claimEarly(ctx, {}, '172.30.0.9', 40000);
  const line = parseLine('conn 1 k1 40000 77 10 /usr/bin/curl|0|||curl');
  if (line.kind === 'conn') helper.store.add(line.record);
  await new Promise(setImmediate);
  assert.deepEqual(asked, []);
  assert.ok(helper.store.claim('k1', 40000), 'the record is still there for its connection');
});

test('a port recorded twice is refused, claimed early or not', async () => {
  for (const early of [true, false]) {
    const { helper, ctx, sandbox } = setup();
    fakeTakes(helper);
    for (const inode of [77, 78]) {
      const line = parseLine(`conn ${inode} k1 40000 ${inode} 10 /usr/bin/curl|0|||curl`);
      if (line.kind === 'conn') helper.store.add(line.record);
    }
    const client = {};
    if (early) claimEarly(ctx, client, '172.30.0.2', 40000);
    const located = await locate(ctx, sandbox, 'tcp', 40000, { client });
    assert.match(located.refuse ?? '', /two sockets were recorded on source port 40000/);
  }
});
