/** One line of /proc/<pid>/mountinfo (proc(5)): what is mounted where, and with which filesystem options. */
export interface Mount {
  /** The path within its filesystem that is mounted (a bind mount's source). */
  readonly root: string;
  /** Where it is mounted. */
  readonly point: string;
  /** Filesystem type (`cgroup`, `cgroup2`, `ext4`, …). */
  readonly type: string;
  /** The super block's options (a v1 cgroup hierarchy's controllers are among them). */
  readonly options: readonly string[];
}

/** The mounts of a mountinfo text; a line without the ` - ` separator is skipped. Pure. */
export function parseMountinfo(text: string): Mount[] {
  const mounts: Mount[] = [];
  for (const line of text.split('\n')) {
    const [left, right] = line.split(' - ');
    if (left === undefined || right === undefined) continue;
    const [, , , root = '', point = ''] = left.split(' ');
    const [type = '', , options = ''] = right.split(' ');
    mounts.push({
      root: unescapeOctal(root),
      point: unescapeOctal(point),
      type,
      options: options.split(','),
    });
  }
  return mounts;
}

/** mountinfo escapes space, tab, newline and backslash as octal. */
function unescapeOctal(text: string): string {
  return text.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(Number.parseInt(octal, 8)));
}
