import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { CHILD_HASH_ENTRIES, privateSocketHashes } from './socket-hash.js';

function sysctlDir(values: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'paddock-sysctl-'));
  for (const [k, v] of Object.entries(values)) writeFileSync(join(dir, k), `${v}\n`);
  return dir;
}
const read = (dir: string, knob: string) => readFileSync(join(dir, knob), 'utf8').trim();

describe('privateSocketHashes', () => {
  test('a shared hash (0) gets a private size while the gateway runs, and 0 back after', () => {
    const dir = sysctlDir({ tcp_child_ehash_entries: '0', udp_child_hash_entries: '0' });
    const logs: string[] = [];
    const undo = privateSocketHashes((l) => logs.push(l), dir);
    assert.equal(read(dir, 'tcp_child_ehash_entries'), String(CHILD_HASH_ENTRIES));
    assert.equal(read(dir, 'udp_child_hash_entries'), String(CHILD_HASH_ENTRIES));
    undo();
    assert.equal(read(dir, 'tcp_child_ehash_entries'), '0');
    assert.equal(read(dir, 'udp_child_hash_entries'), '0');
    assert.deepEqual(logs, []);
  });

  test('a size someone else set is left alone, before and after', () => {
    const dir = sysctlDir({ tcp_child_ehash_entries: '65536', udp_child_hash_entries: '0' });
    const undo = privateSocketHashes(() => undefined, dir);
    assert.equal(read(dir, 'tcp_child_ehash_entries'), '65536');
    undo();
    assert.equal(read(dir, 'tcp_child_ehash_entries'), '65536');
    assert.equal(read(dir, 'udp_child_hash_entries'), '0');
  });

  test('the undo leaves a value changed since (another gateway or the admin) alone', () => {
    const dir = sysctlDir({ tcp_child_ehash_entries: '0', udp_child_hash_entries: '0' });
    const undo = privateSocketHashes(() => undefined, dir);
    writeFileSync(join(dir, 'tcp_child_ehash_entries'), '1024\n');
    undo();
    assert.equal(read(dir, 'tcp_child_ehash_entries'), '1024');
    assert.equal(read(dir, 'udp_child_hash_entries'), '0');
  });

  test('a kernel without the knobs: one log line, nothing else', () => {
    const dir = sysctlDir({ tcp_child_ehash_entries: '0' });
    const logs: string[] = [];
    privateSocketHashes((l) => logs.push(l), dir)();
    assert.equal(logs.length, 1);
    assert.match(logs[0] ?? '', /no udp_child_hash_entries; sandboxes share the host's hash/);
    assert.equal(read(dir, 'tcp_child_ehash_entries'), '0');
  });

  test("Paddock's value left by a killed gateway is taken over and put back", () => {
    const dir = sysctlDir({
      tcp_child_ehash_entries: String(CHILD_HASH_ENTRIES),
      udp_child_hash_entries: '0',
    });
    const undo = privateSocketHashes(() => undefined, dir);
    undo();
    assert.equal(read(dir, 'tcp_child_ehash_entries'), '0');
    assert.equal(read(dir, 'udp_child_hash_entries'), '0');
  });
});
