// The bundled Action entry points the tests run. $PADDOCK_DIST (e.g. `dist` after `npm run build`) is used
// as is; otherwise main and post are bundled once into a private folder, so parallel builds of the shared
// dist/ by others cannot race these tests. The esbuild options mirror scripts/build.mjs.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const ROOT = resolve(import.meta.dirname, '../..');
let built: Promise<string> | undefined;

async function bundle(): Promise<string> {
  // Inside the checkout (ignored), so the bundle finds policies/ by walking up, as dist/ does.
  const cache = join(ROOT, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const outdir = mkdtempSync(join(cache, 'paddock-action-dist-'));
  process.once('exit', () => rmSync(outdir, { recursive: true, force: true }));
  await build({
    entryPoints: {
      main: join(ROOT, 'src/action/main.ts'),
      post: join(ROOT, 'src/action/post.ts'),
      gateway: join(ROOT, 'src/gateway/daemon.ts'),
    },
    outdir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    external: ['cpu-features', '*.node'],
    banner: {
      js: [
        "import { createRequire as __paddockRequire } from 'node:module';",
        "import { dirname as __paddockDirname } from 'node:path';",
        "import { fileURLToPath as __paddockPath } from 'node:url';",
        'const require = __paddockRequire(import.meta.url);',
        'const __filename = __paddockPath(import.meta.url);',
        'const __dirname = __paddockDirname(__filename);',
      ].join(' '),
    },
    define: { PADDOCK_VERSION: '"0.0.0-test"' },
    legalComments: 'none',
    logLevel: 'warning',
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
