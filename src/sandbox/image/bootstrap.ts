import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { open, readdir, realpath, stat } from 'node:fs/promises';
import { delimiter, dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { pack as tarPack } from 'tar-stream';
import { errorMessage, PaddockError } from '../../common/errors.js';
import { connectEngine } from '../engine.js';
import { splitTag } from '../image.js';
import {
  cachedFingerprint,
  cacheFile,
  type Inputs,
  identities,
  saveFingerprint,
} from './fingerprint-cache.js';
import {
  imagePath,
  parseLdd,
  type RootfsEntry,
  type RootfsPlan,
  rootfsEntries,
  SANDBOX_UID,
} from './rootfs.js';

const run = promisify(execFile);

/** The image every sandbox uses unless told otherwise. */
export const DEFAULT_IMAGE = 'paddock/base:latest';

export interface BootstrapOptions {
  /** @default DEFAULT_IMAGE */
  readonly tag?: string;
  /** Rebuild even when an image with the same inputs exists. @default false */
  readonly force?: boolean;
  /** Include python3 and its standard library when the host has them. @default true */
  readonly python?: boolean;
  /**
   * Where the fingerprint of the host files is remembered between runs, or false to compute it every time.
   * @default cacheFile(tag): `${XDG_CACHE_HOME:-$HOME/.cache}/paddock/`
   */
  readonly cache?: string | false;
  readonly log?: (line: string) => void;
}

export interface BootstrapResult {
  readonly tag: string;
  readonly id: string;
  readonly built: boolean;
  readonly binaries: readonly string[];
}

/** Tools the image gets when busybox is absent. */
const COREUTILS =
  'sh ls cat cp mv rm mkdir rmdir ln chmod touch echo printf env id sleep head tail wc sort uniq tr cut grep sed date true false test basename dirname readlink find xargs tee mktemp kill timeout dd stat'.split(
    ' ',
  );
const PYTHON_SKIP = new Set([
  'test',
  'tests',
  '__pycache__',
  'idlelib',
  'tkinter',
  'turtledemo',
  'ensurepip',
  'lib2to3',
]);

/** Build (or reuse) a minimal base image from the host's own binaries. No registry is involved. */
export async function bootstrapImage(options: BootstrapOptions = {}): Promise<BootstrapResult> {
  const tag = options.tag ?? DEFAULT_IMAGE;
  const log = options.log ?? (() => undefined);
  const { docker } = await connectEngine();
  const tools = await toolsOnHost(options.python ?? true);
  const existing = await docker
    .getImage(tag)
    .inspect()
    .catch(() => undefined);
  const label = existing?.Config?.Labels?.['paddock.image.fingerprint'];
  const cache = options.cache ?? cacheFile(tag);
  const key = cacheKey(tools);
  const binaries = [...tools.binaries.values()];
  if (existing && label && !options.force && cache) {
    if ((await cachedFingerprint(cache, existing.Id, key)) === label) {
      log(`${tag} is up to date (${existing.Id.slice(7, 19)}; host files unchanged since it was checked)`);
      return { tag, id: existing.Id, built: false, binaries };
    }
  }
  const { plan, inputs } = await planFromHost(tools);
  const fingerprint = await fingerprintOf(plan);
  const remember = async (imageId: string) => {
    if (!cache) return;
    // A cache that cannot be written costs the next eval a recomputation, nothing else.
    await saveFingerprint(cache, { imageId, fingerprint, key, inputs }).catch((error: unknown) =>
      log(`cannot remember the base image's fingerprint in ${cache}: ${errorMessage(error)}`),
    );
  };
  if (existing && !options.force && label === fingerprint) {
    log(`${tag} is up to date (${existing.Id.slice(7, 19)})`);
    await remember(existing.Id);
    return { tag, id: existing.Id, built: false, binaries };
  }
  log(`building ${tag} from ${[...plan.binaries.values()].join(', ')}`);
  const entries = rootfsEntries(plan);
  const tar = tarPack();
  const writing = writeEntries(tar, entries);
  const [repo, version = 'latest'] = splitTag(tag);
  const changes = [
    'ENV PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin',
    'ENV HOME=/sandbox',
    `USER ${SANDBOX_UID}:${SANDBOX_UID}`,
    'WORKDIR /sandbox',
    'CMD ["/bin/sh"]',
    `LABEL paddock.image=base paddock.image.fingerprint=${fingerprint}`,
  ];
  try {
    const body = Readable.from(tar as AsyncIterable<Buffer>);
    const stream = (await docker.importImage(body, {
      repo,
      tag: version,
      changes,
    } as object)) as NodeJS.ReadableStream;
    const [output] = await Promise.all([readAll(stream), writing]);
    const failed = /"error(Detail)?":/.exec(output);
    if (failed) throw new Error(output.trim());
  } catch (error) {
    tar.destroy();
    throw new PaddockError('IMAGE_UNAVAILABLE', `docker import of ${tag} failed: ${errorMessage(error)}`, {
      cause: error,
    });
  }
  const image = await docker.getImage(tag).inspect();
  log(`built ${tag} (${image.Id.slice(7, 19)}, ${(image.Size / 1e6).toFixed(0)} MB)`);
  if (image.Config?.Labels?.['paddock.image.fingerprint'] === fingerprint) await remember(image.Id);
  return { tag, id: image.Id, built: true, binaries };
}

async function which(name: string): Promise<string | undefined> {
  const dirs = (process.env.PATH ?? '').split(delimiter).concat(['/usr/bin', '/bin', '/usr/sbin', '/sbin']);
  for (const dir of dirs) {
    const candidate = join(dir, name);
    if (!dir || !existsSync(candidate)) continue;
    const real = await realpath(candidate);
    // pyenv and similar put shell-script shims on PATH; only ELF files can be copied with their libraries.
    if (await isElf(real)) return real;
  }
  return undefined;
}

async function isElf(path: string): Promise<boolean> {
  const handle = await open(path, 'r').catch(() => undefined);
  if (!handle) return false;
  try {
    const { buffer } = await handle.read(Buffer.alloc(4), 0, 4, 0);
    return buffer.toString('latin1') === '\x7fELF';
  } finally {
    await handle.close();
  }
}

async function librariesOf(paths: string[]): Promise<string[]> {
  const libs = new Set<string>();
  for (const p of paths) {
    const out = await run('ldd', [p]).catch((e: { stdout?: string }) => ({ stdout: e.stdout ?? '' }));
    for (const lib of parseLdd(out.stdout)) libs.add(lib);
  }
  return [...libs];
}

/** The host tools the image is made of: cheap (PATH lookups, no process spawned), done on every check. */
interface HostTools {
  /** host path of each binary → its path inside the image */
  readonly binaries: ReadonlyMap<string, string>;
  readonly busybox?: string;
  readonly python?: { readonly binary: string; readonly stdlib: string };
}

/** What the fingerprint depends on besides files: the tools found, and the loader's search path. */
function cacheKey(tools: HostTools): string {
  const { binaries, busybox, python } = tools;
  return JSON.stringify([[...binaries], busybox ?? null, python ?? null, process.env.LD_LIBRARY_PATH ?? '']);
}

async function toolsOnHost(withPython: boolean): Promise<HostTools> {
  const binaries = new Map<string, string>();
  const busybox = await which('busybox');
  if (busybox) {
    binaries.set(busybox, '/usr/bin/busybox');
  } else {
    for (const tool of COREUTILS) {
      const found = await which(tool);
      if (found) binaries.set(found, `/usr/bin/${tool}`);
    }
    if (![...binaries.values()].includes('/usr/bin/sh')) {
      throw new PaddockError(
        'IMAGE_UNAVAILABLE',
        'no POSIX shell found on the host (looked for busybox and sh)',
      );
    }
  }
  for (const tool of ['node', 'curl', 'wget']) {
    const found = await which(tool);
    if (found) binaries.set(found, `/usr/bin/${tool}`);
  }
  if (![...binaries.values()].includes('/usr/bin/node')) {
    throw new PaddockError(
      'IMAGE_UNAVAILABLE',
      'node was not found on the host PATH; the base image needs it',
    );
  }
  const python = withPython ? await pythonOnHost() : undefined;
  if (python) binaries.set(python.binary, '/usr/bin/python3');
  return { binaries, ...(busybox ? { busybox } : {}), ...(python ? { python } : {}) };
}

/**
 * The rootfs plan, and the identity of every file and folder it was made from (taken before each is read;
 * the libraries right after `ldd` names them, with their folders): the fingerprint cache's inputs.
 */
async function planFromHost(tools: HostTools): Promise<{ plan: RootfsPlan; inputs: Inputs }> {
  const binaries = new Map(tools.binaries);
  const inputs: Record<string, string> = await identities([...binaries.keys(), LD_CACHE]);
  const applets = tools.busybox
    ? (await run(tools.busybox, ['--list'])).stdout.split('\n').filter(Boolean)
    : [];
  const extraFiles: { source: string; path: string; mode: number }[] = [];
  const ca = '/etc/ssl/certs/ca-certificates.crt';
  if (existsSync(ca)) {
    const source = await realpath(ca);
    Object.assign(inputs, await identities([ca, source]));
    extraFiles.push({ source, path: ca, mode: 0o644 });
  }
  const libraryInputs = [...binaries.keys()].filter((p) => p !== tools.python?.binary);
  if (tools.python) {
    const files = await pythonFiles(tools.python.stdlib, inputs);
    extraFiles.push(...files);
    const extensions = files.filter((f) => f.source.endsWith('.so')).map((f) => f.source);
    Object.assign(inputs, await identities(extensions));
    libraryInputs.push(tools.python.binary, ...extensions);
  }
  const libraries = await librariesOf(libraryInputs);
  Object.assign(inputs, await identities([...libraries, ...libraries.map((l) => dirname(l))]));
  return { plan: { binaries, libraries, applets, extraFiles }, inputs };
}

/** ldd's answers change when ldconfig runs. */
const LD_CACHE = '/etc/ld.so.cache';

async function pythonOnHost() {
  const binary = await which('python3');
  if (!binary) return undefined;
  const version = /python(3\.\d+)$/.exec(binary)?.[1];
  const stdlib = version ? `/usr/lib/python${version}` : undefined;
  if (!stdlib || !binary.startsWith('/usr/bin/') || !existsSync(join(stdlib, 'os.py'))) return undefined;
  return { binary, stdlib };
}

/** The stdlib's files; each folder's identity goes into `inputs` before it is listed. */
async function pythonFiles(stdlib: string, inputs: Record<string, string>) {
  const files: { source: string; path: string; mode: number }[] = [];
  const walk = async (dir: string): Promise<void> => {
    Object.assign(inputs, await identities([dir]));
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (PYTHON_SKIP.has(entry.name) || entry.name === 'dist-packages' || entry.name === 'site-packages')
        continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) files.push({ source: path, path: imagePath(path), mode: 0o644 });
    }
  };
  await walk(stdlib);
  return files;
}

async function fingerprintOf(plan: RootfsPlan): Promise<string> {
  const hash = createHash('sha256').update('paddock-base-v1');
  for (const path of [...plan.binaries.keys(), ...plan.libraries].sort()) {
    const s = await stat(path);
    hash.update(`${path}:${s.size}:${s.mtimeMs}\n`);
  }
  hash.update(String(plan.extraFiles.length));
  return hash.digest('hex').slice(0, 16);
}

async function writeEntries(tar: ReturnType<typeof tarPack>, entries: RootfsEntry[]): Promise<void> {
  for (const e of entries) {
    const name = e.path.slice(1);
    if (e.type === 'dir') {
      tar.entry({ name, type: 'directory', mode: e.mode, uid: e.uid ?? 0, gid: e.gid ?? 0 });
    } else if (e.type === 'symlink') {
      tar.entry({ name, type: 'symlink', linkname: e.target });
    } else if (e.type === 'text') {
      tar.entry({ name, mode: e.mode }, e.content);
    } else {
      const { size } = await stat(e.source);
      const sink = tar.entry({ name, size, mode: e.mode });
      await pipeline(createReadStream(e.source), sink);
    }
  }
  tar.finalize();
}

function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    stream.on('data', (chunk: Buffer) => {
      text += chunk.toString();
    });
    stream.on('end', () => resolve(text));
    stream.on('error', reject);
  });
}
