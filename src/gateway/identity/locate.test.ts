import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { GatewayContext, SandboxEntry } from '../context.js';
import { IdentityHelper } from './helper.js';
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

test('a connect-time connection without a record is refused as unattributed, after the record wait', async () => {
  const { ctx, sandbox } = setup();
  const t0 = performance.now();
  for (const destination of [true, false]) {
    const located = await locate(ctx, sandbox, 'tcp', 40000, { destination });
    assert.equal(located.who, null);
    assert.match(located.refuse ?? '', /^unattributed: no connect-time record for this connection/);
  }
  assert.ok(performance.now() - t0 >= 2 * RECORD_WAIT_MS - 50, 'each lookup waited for a record in the pipe');
});

test('a CONNECT (no destination needed) is attributed from its record without asking identd for the peer', async () => {
  const { helper, ctx, sandbox } = setup();
  const line = parseLine('conn 1 k1 40000 77 10 /usr/bin/curl|0|||curl');
  assert.equal(line.kind, 'conn');
  if (line.kind === 'conn') helper.store.add(line.record);
  const located = await locate(ctx, sandbox, 'tcp', 40000, { destination: false });
  assert.equal(located.refuse, undefined);
  assert.equal(located.row, null);
  assert.equal(located.who?.exe, '/usr/bin/curl');
  assert.equal(located.who?.identity, 'connect-time');
});

test('a transparent connection whose peer identd cannot give is refused (identd not running: fail closed)', async () => {
  const { helper, ctx, sandbox } = setup();
  const line = parseLine('conn 1 k1 40000 77 10 /usr/bin/curl|0|||curl');
  if (line.kind === 'conn') helper.store.add(line.record);
  const located = await locate(ctx, sandbox, 'tcp', 40000);
  assert.match(located.refuse ?? '', /^unattributed: the recorded socket's destination cannot be read/);
});

/** Counts takes and answers each with a fixed peer, as identd would. */
function fakeTakes(helper: IdentityHelper): string[] {
  const asked: string[] = [];
  helper.take = async (id) => {
    asked.push(id);
    return { ip: '203.0.113.7', port: 443 };
  };
  return asked;
}

test('a transparent connection claimed as it was accepted asks identd once, then and not again', async () => {
  const { helper, ctx, sandbox } = setup();
  const asked = fakeTakes(helper);
  const line = parseLine('conn 1 k1 40000 77 10 /usr/bin/curl|0|||curl');
  if (line.kind === 'conn') helper.store.add(line.record);
  const client = {};
  claimEarly(ctx, client, '::ffff:172.30.0.2', 40000);
  assert.deepEqual(asked, ['1']);
  // The record is claimed: nothing else finds it.
  assert.equal(helper.store.claim('k1', 40000), null);
  const located = await locate(ctx, sandbox, 'tcp', 40000, { client });
  assert.deepEqual(asked, ['1']);
  assert.equal(located.refuse, undefined);
  assert.deepEqual([located.row?.remoteIp, located.row?.remotePort], ['203.0.113.7', 443]);
  assert.equal(located.who?.exe, '/usr/bin/curl');
});

test('no record yet when accepted, or another address: nothing is claimed, and the lookup finds it as before', async () => {
  const { helper, ctx, sandbox } = setup();
  const asked = fakeTakes(helper);
  const client = {};
  claimEarly(ctx, client, '172.30.0.2', 40000);
  const line = parseLine('conn 1 k1 40000 77 10 /usr/bin/curl|0|||curl');
  if (line.kind === 'conn') helper.store.add(line.record);
  claimEarly(ctx, client, '172.30.0.9', 40000);
  assert.deepEqual(asked, []);
  const located = await locate(ctx, sandbox, 'tcp', 40000, { client });
  assert.deepEqual(asked, ['1']);
  assert.equal(located.row?.remoteIp, '203.0.113.7');
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
