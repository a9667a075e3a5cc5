// A test image with git: paddock/base plus the host's git and git-remote-https and the libraries they link
// (no registry, no package manager: the same way test/agents/image.ts adds host binaries).
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { bootstrapImage } from '../../src/sandbox/image/bootstrap.js';
import { imagePath, parseLdd } from '../../src/sandbox/image/rootfs.js';
import { buildImage, hasImage } from '../agents/image.js';

const run = promisify(execFile);
const GIT = ['/usr/bin/git', '/usr/lib/git-core/git-remote-https', '/usr/lib/git-core/git-remote-http'];

/** Build (or reuse, by fingerprint) `paddock-test/git:<hash>`; returns its tag. */
export async function gitImage(): Promise<string> {
  const base = await bootstrapImage();
  const { stdout: version } = await run('git', ['--version']);
  const tag = `paddock-test/git:${createHash('sha256').update(`${base.id} ${version} v1`).digest('hex').slice(0, 16)}`;
  if (await hasImage(tag)) return tag;
  const ctx = await mkdtemp(join(tmpdir(), 'paddock-git-image-'));
  try {
    const files = new Set<string>(GIT);
    for (const exe of GIT) {
      const out = await run('ldd', [exe]);
      for (const lib of parseLdd(out.stdout)) files.add(lib);
    }
    for (const file of files) {
      const to = join(ctx, 'root', imagePath(file));
      await mkdir(dirname(to), { recursive: true });
      await copyFile((await run('realpath', [file])).stdout.trim(), to);
    }
    await writeFile(join(ctx, 'Dockerfile'), 'FROM paddock/base:latest\nCOPY root/ /\n');
    await buildImage(tag, ['-C', ctx, 'Dockerfile', 'root']);
  } finally {
    await rm(ctx, { recursive: true, force: true });
  }
  return tag;
}
