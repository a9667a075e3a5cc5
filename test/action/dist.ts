// The bundled Action entry points the tests run. $PADDOCK_DIST (e.g. `dist` after `npm run build`) is used
// as is; otherwise main and post are bundled once into a private folder, so parallel builds of the shared
// dist/ by others cannot race these tests. The esbuild options are scripts/bundle.mjs's.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { bundle as esbundle } from '../../scripts/bundle.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
let built: Promise<string> | undefined;

async function bundle(): Promise<string> {
  // Inside the checkout (ignored), so the bundle finds policies/ by walking up, as dist/ does.
  const cache = join(ROOT, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const outdir = mkdtempSync(join(cache, 'paddock-action-dist-'));
  process.once('exit', () => rmSync(outdir, { recursive: true, force: true }));
  await esbundle({
    root: ROOT,
    outdir,
    version: '0.0.0-test',
    entryPoints: { main: 'src/action/main.ts', post: 'src/action/post.ts', gateway: 'src/gateway/daemon.ts' },
  });
  return outdir;
}

/** The folder holding main.js and post.js. */
export function distDir(): Promise<string> {
  const given = process.env.PADDOCK_DIST;
  if (given) {
    const dir = resolve(ROOT, given);
    if (!existsSync(join(dir, 'main.js')))
      throw new Error(`PADDOCK_DIST=${given} has no main.js; run npm run build`);
    return Promise.resolve(dir);
  }
  built ??= bundle();
  return built;
}
