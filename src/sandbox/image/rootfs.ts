/** Pure planning of a minimal rootfs made from host binaries. The I/O lives in bootstrap.ts. */

export type RootfsEntry =
  | {
      readonly type: 'dir';
      readonly path: string;
      readonly mode: number;
      readonly uid?: number;
      readonly gid?: number;
    }
  | { readonly type: 'file'; readonly path: string; readonly mode: number; readonly source: string }
  | { readonly type: 'text'; readonly path: string; readonly mode: number; readonly content: string }
  | { readonly type: 'symlink'; readonly path: string; readonly target: string };

export const SANDBOX_UID = 1000;

/** Library paths from `ldd` output, in order, without the vDSO. */
export function parseLdd(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const arrow = /=>\s+(\/\S+)/.exec(line);
    const bare = /^(\/\S+)\s+\(0x/.exec(line);
    const path = arrow?.[1] ?? bare?.[1];
    if (path && !out.includes(path)) out.push(path);
  }
  return out;
}

/** The image keeps a merged-/usr layout: /bin, /lib, /lib64 and /sbin are links into /usr. */
export function imagePath(hostPath: string): string {
  const m = /^\/(bin|sbin|lib|lib64)(\/.*)$/.exec(hostPath);
  return m ? `/usr/${m[1]}${m[2]}` : hostPath;
}

export interface RootfsPlan {
  /** host path of each binary → its path inside the image */
  readonly binaries: ReadonlyMap<string, string>;
  /** host paths of shared libraries (resolved by the caller) */
  readonly libraries: readonly string[];
  /** busybox applet names to link, when busybox is the toolbox */
  readonly applets: readonly string[];
  /** extra host files/folders copied as they are (e.g. CA bundle) */
  readonly extraFiles: readonly { source: string; path: string; mode: number }[];
}

const PASSWD = `root:x:0:0:root:/root:/bin/sh
sandbox:x:${SANDBOX_UID}:${SANDBOX_UID}:sandbox:/sandbox:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
`;
const GROUP = `root:x:0:
sandbox:x:${SANDBOX_UID}:
nogroup:x:65534:
`;

/** Turn a plan into the ordered entries of the image tarball (folders before their contents). */
export function rootfsEntries(plan: RootfsPlan): RootfsEntry[] {
  const entries = new Map<string, RootfsEntry>();
  const dir = (path: string, mode = 0o755, uid?: number, gid?: number) => {
    if (!entries.has(path)) entries.set(path, { type: 'dir', path, mode, uid, gid });
  };
  const parents = (path: string) => {
    const parts = path.split('/').filter(Boolean);
    for (let i = 1; i < parts.length; i++) dir(`/${parts.slice(0, i).join('/')}`);
  };
  for (const d of [
    '/usr',
    '/usr/bin',
    '/usr/sbin',
    '/usr/lib',
    '/usr/lib64',
    '/etc',
    '/dev',
    '/proc',
    '/sys',
    '/run',
  ])
    dir(d);
  dir('/root', 0o700);
  dir('/tmp', 0o1777);
  dir('/sandbox', 0o755, SANDBOX_UID, SANDBOX_UID);
  for (const top of ['bin', 'sbin', 'lib', 'lib64'])
    entries.set(`/${top}`, { type: 'symlink', path: `/${top}`, target: `usr/${top}` });

  const add = (e: RootfsEntry) => {
    parents(e.path);
    entries.set(e.path, e);
  };
  for (const lib of plan.libraries) add({ type: 'file', path: imagePath(lib), mode: 0o755, source: lib });
  for (const [source, path] of plan.binaries) add({ type: 'file', path, mode: 0o755, source });
  for (const f of plan.extraFiles) add({ type: 'file', path: f.path, mode: f.mode, source: f.source });
  const taken = new Set([...plan.binaries.values()].map((p) => p.split('/').pop()));
  for (const applet of plan.applets) {
    if (taken.has(applet) || applet.includes('/') || applet === 'busybox') continue;
    const path = `/usr/bin/${applet}`;
    if (!entries.has(path)) add({ type: 'symlink', path, target: 'busybox' });
  }
  add({ type: 'text', path: '/etc/passwd', mode: 0o644, content: PASSWD });
  add({ type: 'text', path: '/etc/group', mode: 0o644, content: GROUP });
  add({
    type: 'text',
    path: '/etc/nsswitch.conf',
    mode: 0o644,
    content: 'passwd: files\ngroup: files\nhosts: files dns\n',
  });

  return [...entries.values()].sort((a, b) => depth(a.path) - depth(b.path) || a.path.localeCompare(b.path));
}

function depth(path: string): number {
  return path.split('/').length;
}
