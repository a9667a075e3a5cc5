// The one esbuild configuration: Action entry points, CLI and gateway daemon as ESM bundles.
// scripts/build.mjs writes dist/ with it; the Action tests bundle into a private folder with it.
import { readFile } from 'node:fs/promises';
import { build } from 'esbuild';

export const ENTRY_POINTS = {
  main: 'src/action/main.ts',
  post: 'src/action/post.ts',
  cli: 'src/cli/index.ts',
  gateway: 'src/gateway/daemon.ts',
};

/**
 * dockerode loads gRPC and protobufjs (for BuildKit sessions) and ssh2 (for ssh:// engines) when it is loaded, which was about a
 * third of every CLI and Action start. Paddock uses neither: the engine must be local, and it builds no image
 * with BuildKit. In the bundles they are a stub that throws, naming the module, if anything ever calls it.
 */
const UNUSED = /^(@grpc\/grpc-js|@grpc\/proto-loader|protobufjs|ssh2)$/;
const unusedTransports = {
  name: 'unused-transports',
  setup(b) {
    b.onResolve({ filter: UNUSED }, (args) => ({ path: args.path, namespace: 'unused' }));
    b.onLoad({ filter: /.*/, namespace: 'unused' }, (args) => {
      const why = `${args.path} is not bundled with Paddock (BuildKit sessions and ssh:// engines are not supported)`;
      return {
        loader: 'js',
        contents: [
          `function unavailable() { throw new Error(${JSON.stringify(why)}); }`,
          "const skip = (key) => typeof key === 'symbol' || key === '__esModule' || key === 'then';",
          'module.exports = new Proxy({}, { get: (_, key) => (skip(key) ? undefined : unavailable) });',
        ].join('\n'),
      };
    });
  },
};

/**
 * docker-modem formats every request it sends (`util.inspect` of the options, the container definition with its
 * seccomp profile included, to any depth) for a debug line that is off unless DEBUG names it: 36 ms of the CLI's
 * 1.3 s of CPU in an eval of 32 runs. In the bundles the line is formatted only when it is on. The build fails
 * if the line changes upstream, rather than bundling the cost back silently.
 */
const MODEM_DEBUG = "debug('Sending: %s', util.inspect(options, {";
const quietModem = {
  name: 'quiet-modem',
  setup(b) {
    b.onLoad({ filter: /docker-modem[\\/]lib[\\/]modem\.js$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      if (!text.includes(MODEM_DEBUG)) throw new Error(`${args.path}: the debug line to guard is gone`);
      return { loader: 'js', contents: text.replace(MODEM_DEBUG, `debug.enabled && ${MODEM_DEBUG}`) };
    });
  },
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
    plugins: [unusedTransports, quietModem],
  });
}
