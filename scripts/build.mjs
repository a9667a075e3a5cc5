// Bundles the Action entry points, the CLI and the gateway daemon into dist/ (committed).

import { readFile, rm } from 'node:fs/promises';
import { build } from 'esbuild';

const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));

await rm(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: {
    main: 'src/action/main.ts',
    post: 'src/action/post.ts',
    cli: 'src/cli/index.ts',
    gateway: 'src/gateway/daemon.ts',
  },
  outdir: 'dist',
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
  define: { PADDOCK_VERSION: JSON.stringify(pkg.version) },
  legalComments: 'none',
  logLevel: 'warning',
});
