// Bundles the Action entry points, the CLI and the gateway daemon into dist/ (committed).
import { readdir, readFile, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { bundle } from './bundle.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));

// dist/native (paddock-init) has its own build, scripts/build-native: kept.
const dist = new URL('../dist/', import.meta.url);
const old = await readdir(dist).catch(() => []);
await Promise.all(
  old.filter((n) => n !== 'native').map((n) => rm(new URL(n, dist), { recursive: true, force: true })),
);
await bundle({ root, outdir: 'dist', version: pkg.version });
