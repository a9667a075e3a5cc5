// Bundles the Action entry points, the CLI and the gateway daemon into dist/ (committed).
import { readFile, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { bundle } from './bundle.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));

await rm(new URL('../dist', import.meta.url), { recursive: true, force: true });
await bundle({ root, outdir: 'dist', version: pkg.version });
