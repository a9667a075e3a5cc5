import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  connectEngine,
  copyOut,
  createSandbox,
  listSandboxes,
  restartSandbox,
  type SandboxInfo,
  sandboxVolumeName,
} from '../../src/sandbox/index.js';
import { IMAGE, sh, testSession } from './fixture.js';

const MiB = 1024 ** 2;

describe('/sandbox is a size-limited tmpfs volume', () => {
  let session: string;
  let cleanup: () => Promise<void>;
  let box: SandboxInfo;
  const seeded = `paddock-test/seeded:${Date.now().toString(36)}`;

  before(async () => {
    ({ session, cleanup } = await testSession());
    box = await createSandbox({
      session,
      name: 'small',
      image: IMAGE,
      limits: { memoryBytes: 64 * MiB, diskBytes: 32 * MiB },
    });
    // An image with its own files under /sandbox (as agent images install into HOME).
    const { docker } = await connectEngine();
    const maker = await docker.createContainer({
      Image: IMAGE,
      User: '1000:1000',
      Entrypoint: ['sh', '-c', 'mkdir -p /sandbox/.agent && echo v1 > /sandbox/.agent/version'],
      Labels: { 'paddock.session': session },
    });
    await maker.start();
    await maker.wait();
    const [repo, tag] = seeded.split(':');
    await maker.commit({ repo, tag });
    await maker.remove();
  });
  after(async () => {
    await cleanup();
    const { docker } = await connectEngine();
    await docker
      .getImage(seeded)
      .remove()
      .catch(() => undefined);
  });

  test('a write past diskBytes fails with ENOSPC; the sandbox keeps working (no OOM kill)', async () => {
    const r = await sh(
      box,
      'dd if=/dev/zero of=/sandbox/fill bs=1M count=100; echo "size $(stat -c %s fill)"',
    );
    assert.match(r.err, /No space left on device/);
    const size = Number(/size (\d+)/.exec(r.out)?.[1]);
    assert.ok(size <= 32 * MiB && size > 16 * MiB, `wrote ${size} bytes`);
    assert.equal((await sh(box, 'rm fill && echo alive')).out, 'alive\n');
  });

  test('the volume is a tmpfs of that size owned by the sandbox user, never the host disk', async () => {
    const { docker } = await connectEngine();
    const volume = await docker.getVolume(sandboxVolumeName(session, 'small')).inspect();
    assert.equal(volume.Options?.type, 'tmpfs');
    assert.match(volume.Options?.o ?? '', /^size=33554432,uid=1000,gid=1000,/);
    const r = await sh(box, "grep ' /sandbox ' /proc/mounts; stat -c '%u %a' /sandbox");
    assert.match(r.out, /^tmpfs \/sandbox tmpfs rw,nosuid,nodev/);
    assert.match(r.out, /\n1000 755\n$/);
  });

  test("the image's own files under /sandbox are there, and copy out like any other", async () => {
    const agent = await createSandbox({ session, name: 'agent', image: seeded });
    const r = await sh(agent, "cat .agent/version && stat -c '%u' .agent/version && touch new");
    assert.equal(r.out, 'v1\n1000\n', r.err);
    const dest = await mkdtemp(join(tmpdir(), 'paddock-disk-'));
    const out = await copyOut(agent, ['.agent/**'], dest);
    await rm(dest, { recursive: true });
    assert.deepEqual(out.files, ['version'], 'a single plain file lands under its own name');
  });

  test('restart of a running sandbox keeps /sandbox; of a stopped one, starts it again from the image', async () => {
    let agent = await restartSandbox(session, 'agent');
    assert.equal((await sh(agent, 'ls new .agent/version')).out, '.agent/version\nnew\n');
    const { docker } = await connectEngine();
    await docker.getContainer(agent.id).stop({ t: 0 });
    agent = await restartSandbox(session, 'agent');
    const r = await sh(agent, 'cat .agent/version; ls new 2>&1');
    assert.match(r.out, /^v1\n.*No such file/s);
    const names = (
      await docker.listContainers({ all: true, filters: { label: [`paddock.session=${session}`] } })
    )
      .flatMap((c) => c.Names)
      .sort();
    assert.deepEqual(names, [`/paddock-${session}-agent`, `/paddock-${session}-small`], 'nothing left over');
    assert.deepEqual(
      (await listSandboxes(session)).map((b) => b.name),
      ['agent', 'small'],
    );
  });
});
