import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { GatewayContext, SandboxEntry } from '../context.js';
import { IdentityHelper } from './helper.js';
import { locate, RECORD_WAIT_MS } from './locate.js';
import { parseLine } from './protocol.js';

// A helper whose identd never runs: the store is fed by hand, as identd's lines would feed it.
function setup() {
  const helper = new IdentityHelper({ binary: () => '/nonexistent/paddock-identd', log: () => {} });
  helper.store.open('k1');
  const ctx = { identity: helper } as unknown as GatewayContext;
  const sandbox = {
    ip: '172.30.0.2',
    attribution: 'connect-time',
    identityKey: 'k1',
    policy: { filesystem_policy: { read_write: ['/tmp'] } },
  } as unknown as SandboxEntry;
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
