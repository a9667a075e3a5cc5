// The one esbuild configuration: Action entry points, CLI and gateway daemon as ESM bundles.
// scripts/build.mjs writes dist/ with it; the Action tests bundle into a private folder with it.
import { build } from 'esbuild';

export const ENTRY_POINTS = {
  main: 'src/action/main.ts',
  post: 'src/action/post.ts',
  cli: 'src/cli/index.ts',
  gateway: 'src/gateway/daemon.ts',
};

/** Bundle `entryPoints` (default: all) from `root` into `outdir`. */
export async function bundle({ root, outdir, version, entryPoints = ENTRY_POINTS }) {
  await build({
    absWorkingDir: root,
    entryPoints,
    outdir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    // ssh2's optional native helpers; docker-modem only needs them for ssh:// hosts.
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
    define: { PADDOCK_VERSION: JSON.stringify(version) },
    legalComments: 'none',
    logLevel: 'warning',
  });
}
