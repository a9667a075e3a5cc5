import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { connectEngine, createSandbox, ensureNetwork, prune } from '../../src/sandbox/index.js';
import { forgetNetwork } from '../../src/sandbox/network.js';
import { IMAGE, testSession } from './fixture.js';

let session: string;
let cleanup: () => Promise<void>;
before(async () => ({ session, cleanup } = await testSession()));
after(() => cleanup());

test('ensureNetwork is idempotent, also across concurrent callers and processes', async () => {
  const { docker } = await connectEngine();
  const [a, b] = await Promise.all([ensureNetwork(session), ensureNetwork(session)]);
  forgetNetwork(session); // as another process would see it
  const c = await ensureNetwork(session);
  assert.deepEqual([b, c], [a, a]);
  assert.equal(a.name, `paddock-${session}`);
  assert.match(a.subnet, /^172\.16\.\d+\.0\/24$/);
  assert.equal(a.bridgeIp, a.subnet.replace(/0\/24$/, '1'));
  const same = (await docker.listNetworks()).filter((n) => n.Name === a.name);
  assert.equal(same.length, 1);
});

test('several sessions get small distinct subnets and prune by session removes only its own', async () => {
  const others = [`${session}-x`, `${session}-y`, `${session}-z`];
  const nets = await Promise.all(others.map((s) => ensureNetwork(s)));
  const mine = await ensureNetwork(session);
  assert.equal(new Set([...nets, mine].map((n) => n.subnet)).size, 4);
  for (const s of others) await prune({ session: s });
  const { docker } = await connectEngine();
  const names = (await docker.listNetworks()).map((n) => n.Name);
  assert.ok(names.includes(mine.name));
  for (const n of nets) assert.ok(!names.includes(n.name));
});

test('prune by session removes containers, volumes and the network, and is safe to run twice', async () => {
  await createSandbox({ session, name: 'p1', image: IMAGE, volumes: [{ name: 'v', path: '/v' }] });
  const first = await prune({ session });
  assert.deepEqual(first, { containers: 1, volumes: 2, networks: 1 });
  assert.deepEqual(await prune({ session }), { containers: 0, volumes: 0, networks: 0 });
  // the next sandbox of the session makes the network again
  const again = await createSandbox({ session, name: 'p2', image: IMAGE });
  assert.ok(again.ip);
});
