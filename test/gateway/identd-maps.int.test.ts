// paddock-identd's two ways of reading a process's executable mappings while its connect waits: the
// PROCMAP_QUERY ioctl (Linux >= 6.11) and the maps file (older kernels). Both must give the gateway the same
// fact, including for the names an attacker picks (a newline in a path, a memfd, a deleted file).
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, test } from 'node:test';
import { promisify } from 'node:util';
import { nativeBinary } from '../../src/sandbox/init.js';

const run = promisify(execFile);
const identd = nativeBinary('paddock-identd');
const facts = async (how: 'maps' | 'maps-file', pid: number) =>
  (await run(identd, [how, String(pid)])).stdout;

// Executable mappings of a file whose name holds a newline, of a memfd, and of a deleted file.
const MAPPER = `
import mmap, os, sys
d = sys.argv[1]
def exec_map(fd):
    os.ftruncate(fd, 4096)
    return mmap.mmap(fd, 4096, prot=mmap.PROT_READ | mmap.PROT_EXEC)
keep = [exec_map(os.open(os.path.join(d, 'a\\nb'), os.O_RDWR | os.O_CREAT)), exec_map(os.memfd_create('m'))]
gone = os.path.join(d, 'gone')
keep.append(exec_map(os.open(gone, os.O_RDWR | os.O_CREAT)))
os.unlink(gone)
print('ready', flush=True)
sys.stdin.read()
`;

const dir = await mkdtemp(join(tmpdir(), 'paddock-maps-'));
after(() => rm(dir, { recursive: true, force: true }));

test('PROCMAP_QUERY and the maps file give the same executable mappings, newline, memfd and deleted file included', async (t) => {
  const kernel = (await run('uname', ['-r'])).stdout.trim();
  const child = spawn('python3', ['-c', MAPPER, dir], { stdio: ['pipe', 'pipe', 'inherit'] });
  t.after(() => child.kill());
  const [line] = await once(createInterface({ input: child.stdout }), 'line');
  assert.equal(line, 'ready');
  const pid = child.pid ?? 0;
  const queried = await facts('maps', pid);
  assert.equal(queried, await facts('maps-file', pid), `kernel ${kernel}`);
  const lines = queried.split('\n');
  assert.ok(lines.includes(`- r-xs - - 0 ${dir}/a\\012b`), queried);
  assert.ok(lines.includes('- r-xs - - 0 /memfd:m (deleted)'), queried);
  assert.ok(lines.includes(`- r-xs - - 0 ${dir}/gone (deleted)`), queried);
  assert.ok(!lines.some((l) => l.includes('[')), 'bracketed names ([vdso]) are left out');
});

test('the same for every process this user can read', async () => {
  let compared = 0;
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const pid = Number(name);
    const [a, b] = await Promise.all([facts('maps', pid), facts('maps-file', pid)]).catch(() => ['', '']);
    // A process that exits between the two reads differs: read once more before calling it a difference.
    if (a !== b) assert.equal(await facts('maps', pid), await facts('maps-file', pid), `pid ${pid}`);
    compared++;
  }
  assert.ok(compared > 5, `${compared} processes compared`);
});
