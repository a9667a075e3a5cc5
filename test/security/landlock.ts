// Landlock rows: a hostile agent in a sandbox whose filesystem_policy leaves /opt out tries to read /opt/secret
// (present in the image, mode 0644) or run /opt/busybox anyway. Each script prints ESCAPED when the secret's text
// (or the tool's output) came out. Without paddock-init's Landlock every row but the last two escapes.
import { SECRET, SECRET_IMAGE, secretImage } from '../sandbox/fixture.js';
import type { Probe } from './probes.js';
import type { SpecialBox } from './session.js';

/** The 'fs' box: the image with the secret, and only system paths (plus /proc, to attack through it) listed. */
export const landlockBox = async (): Promise<SpecialBox> => ({
  image: (await secretImage()) && SECRET_IMAGE,
  filesystem: {
    include_workdir: true,
    read_only: ['/usr', '/bin', '/lib', '/lib64', '/etc', '/proc', '/.paddock'],
    read_write: ['/tmp', '/dev/null'],
  },
});

/** Run `attempt` (sh), and say ESCAPED when the secret (or `MARK`) is in what it printed. */
const attempt = (script: string): string => `out=$( { ${script}
} 2>&1 ); echo "$out"
case "$out" in *${SECRET}*|*TOOL-RAN*) echo ESCAPED ;; esac; true`;

const py = (code: string): string => `python3 - <<'EOF'
import os
try:
${code
  .split('\n')
  .map((l) => `    ${l}`)
  .join('\n')}
except OSError as e:
    print('denied:', e)
EOF`;

const ROWS: [name: string, script: string][] = [
  ['Landlock: read /opt/secret', 'cat /opt/secret'],
  ['Landlock: list /opt', 'ls -la /opt; ls /opt | grep -q secret && cat /opt/secret'],
  ['Landlock: cd /opt, read it relative', 'cd /opt && cat secret'],
  ['Landlock: symlink from /sandbox to /opt/secret', 'ln -s /opt/secret /sandbox/l && cat /sandbox/l'],
  [
    'Landlock: hard link into /sandbox or /tmp',
    'ln /opt/secret /sandbox/h; ln /opt/secret /tmp/h; cat /sandbox/h /tmp/h',
  ],
  ['Landlock: /proc/self/root/opt/secret', 'cat /proc/self/root/opt/secret'],
  [
    'Landlock: /proc/1/root/opt/secret (init’s root)',
    'cat /proc/1/root/opt/secret /proc/1/cwd/../opt/secret',
  ],
  ['Landlock: open via /proc/1/fd of init', 'ls -l /proc/1/fd/; for f in /proc/1/fd/*; do cat "$f"; done'],
  [
    'Landlock: O_PATH on /opt, then openat',
    py("d = os.open('/opt', os.O_PATH)\nprint(os.read(os.open('secret', os.O_RDONLY, dir_fd=d), 100))"),
  ],
  [
    'Landlock: reopen an O_PATH fd via /proc/self/fd',
    py("f = os.open('/opt/secret', os.O_PATH)\nprint(open('/proc/self/fd/%d' % f).read())"),
  ],
  [
    'Landlock: exec a binary outside the allowed set',
    '/opt/busybox echo TOOL-RAN; /opt/busybox cat /opt/secret',
  ],
  ['Landlock: re-enter through paddock-init exec', '/.paddock/init exec -- cat /opt/secret'],
  [
    'Landlock: paddock-init as a new PID-1-style runner',
    '/.paddock/init -- cat /opt/secret & p=$!; kill -USR1 $p; kill -TERM $p; wait $p; echo "init exited $?"',
  ],
  ['Landlock: a new user namespace to drop it', 'unshare -r cat /opt/secret; unshare -U -m cat /opt/secret'],
];

export const LANDLOCK_PROBES: readonly Probe[] = ROWS.map(([name, script]) => ({
  name,
  box: 'fs',
  script: () => attempt(script),
  expect: () => ({ reachedNothing: [] }),
}));
