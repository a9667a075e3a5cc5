// The agents image: paddock/base plus the five agent CLIs as `npm install -g` lays them out (bin symlinks in
// /usr/local/bin into /usr/local/lib/node_modules), and the host libraries their native binaries need.
// Built offline: the packages come from a host-side `npm install -g --prefix` (.ci/run caches it).
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { connectEngine } from '../../src/sandbox/engine.js';
import { bootstrapImage } from '../../src/sandbox/image/bootstrap.js';
import { imagePath, parseLdd } from '../../src/sandbox/image/rootfs.js';

const run = promisify(execFile);

/** The pinned packages (one `name@version` per line), as .ci/run installs them. */
export const PACKAGES_FILE = join(import.meta.dirname, 'packages.txt');
/** Where .ci/run installs them: `npm install -g --prefix $PADDOCK_AGENTS_DIR/prefix`. */
export const AGENTS_DIR = process.env.PADDOCK_AGENTS_DIR ?? '/opt/paddock/agents';

export interface AgentsImage {
  readonly tag: string;
  /** name → version, as installed. */
  readonly versions: Readonly<Record<string, string>>;
}

export async function pinnedPackages(): Promise<string[]> {
  return (await readFile(PACKAGES_FILE, 'utf8')).split('\n').filter((l) => l.trim() !== '');
}

/** Why the image cannot be built (packages not installed), or null. */
export async function missingPackages(): Promise<string | null> {
  const versions = await installedVersions().catch(() => null);
  const want = await pinnedPackages();
  const missing = want.filter(
    (p) => versions?.[p.slice(0, p.lastIndexOf('@'))] !== p.slice(p.lastIndexOf('@') + 1),
  );
  if (missing.length === 0) return null;
  return `agent packages not installed in ${AGENTS_DIR}/prefix (${missing.join(', ')}): run \`npm install -g --prefix ${AGENTS_DIR}/prefix $(cat test/agents/packages.txt)\` (.ci/run does)`;
}

async function installedVersions(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const p of await pinnedPackages()) {
    const name = p.slice(0, p.lastIndexOf('@'));
    const pkg = JSON.parse(
      await readFile(join(AGENTS_DIR, 'prefix/lib/node_modules', name, 'package.json'), 'utf8'),
    );
    out[name] = pkg.version as string;
  }
  return out;
}

/** ELF executables the packages ship (the ones a native run starts), under node_modules. */
const COPILOT_EXE = '@github/copilot/node_modules/@github/copilot-linux-x64/copilot';
const NATIVE = ['@anthropic-ai/claude-code/bin/claude.exe', 'opencode-ai/bin/opencode.exe', COPILOT_EXE];

/**
 * The native code whose libraries the image needs: the executables above and every glibc x64 addon
 * (`*.node`). Copilot unpacks its own addon into ~/.cache at first run; it links libutil.so.1, as node-pty's does.
 */
async function nativeCode(modules: string): Promise<string[]> {
  const addons = (await readdir(modules, { recursive: true })).filter(
    (p) => p.endsWith('.node') && /linux-x64(?!.*musl)/.test(p) && !p.includes('musl'),
  );
  return [...NATIVE, ...addons].map((p) => join(modules, p));
}

/** Build (or reuse, by fingerprint) the agents image FROM paddock/base:latest. */
export async function agentsImage(log: (line: string) => void = () => undefined): Promise<AgentsImage> {
  const base = await bootstrapImage();
  const versions = await installedVersions();
  const fingerprint = createHash('sha256')
    .update(JSON.stringify({ base: base.id, versions, v: 3 }))
    .digest('hex')
    .slice(0, 16);
  const tag = `paddock-test/agents:${fingerprint}`;
  if (await hasImage(tag)) return { tag, versions };
  const ctx = await mkdtemp(join(tmpdir(), 'paddock-agents-'));
  try {
    const modules = join(AGENTS_DIR, 'prefix/lib/node_modules');
    const libs = new Set<string>();
    for (const exe of await nativeCode(modules)) {
      const out = await run('ldd', [exe]).catch((e: { stdout?: string }) => ({
        stdout: e.stdout ?? '',
      }));
      for (const lib of parseLdd(out.stdout)) libs.add(lib);
    }
    for (const lib of libs) {
      const to = join(ctx, 'libs', imagePath(lib));
      await mkdir(dirname(to), { recursive: true });
      await copyFile((await run('realpath', [lib])).stdout.trim(), to);
    }
    await unpackCopilot(join(modules, COPILOT_EXE), join(ctx, 'copilot'));
    await writeFile(
      join(ctx, 'Dockerfile'),
      [
        'FROM paddock/base:latest',
        'COPY libs/ /',
        'COPY --chown=0:0 prefix/ /usr/local/',
        // Copilot's package, unpacked where the sandbox cannot write (see unpackCopilot).
        `COPY --chown=0:0 copilot/ ${COPILOT_CACHE}/`,
        `ENV COPILOT_CACHE_HOME=${COPILOT_CACHE} COPILOT_AUTO_UPDATE=false`,
        `LABEL paddock.image=agents paddock.agents=${JSON.stringify(JSON.stringify(versions))}`,
        '',
      ].join('\n'),
    );
    log(
      `building ${tag} (${Object.entries(versions)
        .map(([k, v]) => `${k}@${v}`)
        .join(', ')})`,
    );
    await buildImage(tag, ['-C', ctx, 'Dockerfile', 'libs', 'copilot', '-C', AGENTS_DIR, 'prefix']);
  } finally {
    await rm(ctx, { recursive: true, force: true });
  }
  return { tag, versions };
}

/** Where the agents image holds Copilot's unpacked package (read-only, root-owned). */
export const COPILOT_CACHE = '/usr/local/share/copilot';

/**
 * Copilot's native binary unpacks its package (JS and native addons) into a cache on first run, by default
 * ~/.cache/copilot under /sandbox; loading addons from a writable path taints it (docs/policy.md). Unpack it
 * here instead, with no network (`unshare -n`): `--version` unpacks and exits.
 */
async function unpackCopilot(exe: string, into: string): Promise<void> {
  const home = await mkdtemp(join(tmpdir(), 'paddock-copilot-home-'));
  try {
    await run('unshare', ['-n', exe, '--version'], {
      env: { PATH: process.env.PATH, HOME: home, COPILOT_CACHE_HOME: into, COPILOT_AUTO_UPDATE: 'false' },
      timeout: 120_000,
    });
  } finally {
    await rm(home, { recursive: true, force: true });
  }
  if (!existsSync(join(into, 'pkg'))) throw new Error(`${exe} --version unpacked nothing into ${into}`);
}

/** Is `tag` built already (test images are reused by fingerprint)? */
export async function hasImage(tag: string): Promise<boolean> {
  const { docker } = await connectEngine();
  return (
    (await docker
      .getImage(tag)
      .inspect()
      .catch(() => null)) !== null
  );
}

/** `docker build` of the context that `tar -c TAR_ARGS…` writes (a Dockerfile at its top). */
export async function buildImage(tag: string, tarArgs: readonly string[]): Promise<void> {
  const { docker } = await connectEngine();
  const tar = spawn('tar', ['-c', ...tarArgs], { stdio: ['ignore', 'pipe', 'inherit'] });
  const stream = await docker.buildImage(tar.stdout, { t: tag, rm: true, forcerm: true });
  const result = await new Promise<unknown[]>((resolve, reject) =>
    docker.modem.followProgress(stream, (err, res) => (err ? reject(err) : resolve(res ?? []))),
  );
  const failed = result.find((r) => (r as { error?: string }).error);
  if (failed) throw new Error(`docker build of ${tag}: ${(failed as { error: string }).error}`);
}

export const agentsInstalled = (): boolean => existsSync(join(AGENTS_DIR, 'prefix/lib/node_modules'));
