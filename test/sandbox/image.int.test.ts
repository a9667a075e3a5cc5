import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { isPaddockError } from '../../src/common/errors.js';
import { connectEngine, createSandbox, imageDigest, listSandboxes } from '../../src/sandbox/index.js';
import { IMAGE, testSession } from './fixture.js';

let session: string;
let cleanup: () => Promise<void>;
before(async () => ({ session, cleanup } = await testSession()));
after(() => cleanup());

test('a missing image that cannot be pulled fails with IMAGE_UNAVAILABLE and points at paddock image bootstrap', async () => {
  await assert.rejects(
    createSandbox({ session, name: 'nope', image: 'registry.paddock.test/missing/image:1' }),
    (e) => isPaddockError(e, 'IMAGE_UNAVAILABLE') && /paddock image bootstrap/.test((e as Error).message),
  );
  assert.deepEqual(await listSandboxes(session), [], 'nothing was left behind');
});

test('a local image is used as is; imageDigest gives its id when it has no registry digest', async () => {
  const { docker } = await connectEngine();
  const id = (await docker.getImage(IMAGE).inspect()).Id;
  assert.equal(await imageDigest(IMAGE), id);
  const box = await createSandbox({ session, name: 'local', image: IMAGE });
  assert.deepEqual([box.image, box.imageId], [IMAGE, id]);
});

test('a cancelled signal stops creation before anything is made', async () => {
  const controller = new AbortController();
  controller.abort();
  await assert.rejects(
    createSandbox({ session, name: 'cancelled', image: IMAGE, signal: controller.signal }),
    (e) => isPaddockError(e, 'CANCELLED'),
  );
});
