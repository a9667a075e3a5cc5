import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ConnectRecord } from './protocol.js';
import { ConnectTimeStore } from './store.js';

const record = (port: number, inode = 100 + port, key = 'k1'): ConnectRecord => ({
  id: String(port),
  key,
  port,
  inode,
  pid: 10,
  processes: [{ exe: '/usr/bin/curl', tracerPid: 0, environ: '', maps: '', cmdline: 'curl' }],
});

describe('ConnectTimeStore', () => {
  test('a record is found by key and port, once', async () => {
    const store = new ConnectTimeStore();
    store.open('k1');
    store.add(record(40000));
    assert.deepEqual(await store.find('k1', 40000, 0), { record: record(40000) });
    assert.match(((await store.find('k1', 40000, 0)) as { why: string }).why, /^no connect-time record/);
  });

  test('a lookup waits for a record still on its way, and gets it when it comes', async () => {
    const store = new ConnectTimeStore();
    store.open('k1');
    const found = store.find('k1', 40001, 60_000);
    store.add(record(40001));
    assert.deepEqual(await found, { record: record(40001) });
  });

  test('a record that never comes is a denial once the wait is over', async () => {
    const store = new ConnectTimeStore();
    store.open('k1');
    assert.deepEqual(await store.find('k1', 40002, 1), {
      why: 'no connect-time record for this connection (its socket was not connected under the identity filter) within 1 ms',
    });
  });

  test('the same socket recorded again (a new connect after one failed) is judged by its newest record', async () => {
    const store = new ConnectTimeStore();
    store.open('k1');
    const first = record(40003, 77);
    const again = {
      ...record(40003, 77),
      id: 'again',
      processes: [{ exe: '/sandbox/intruder', tracerPid: 0, environ: '', maps: '', cmdline: 'x' }],
    } as ConnectRecord;
    store.add(first);
    store.add(again);
    assert.deepEqual(await store.find('k1', 40003, 0), { record: again });
  });

  test("a superseded record is gone unless claimed: the connection waits for the socket's new record", async () => {
    const store = new ConnectTimeStore();
    store.open('k1');
    store.add(record(40007, 7));
    store.supersede('k1', 40007, 'another id');
    assert.ok(store.claim('k1', 40007), 'only the record named is void');
    store.add(record(40008, 8));
    store.supersede('k1', 40008, '40008');
    const waiting = store.find('k1', 40008, 60_000);
    const again = { ...record(40008, 8), id: 'again' };
    store.add(again);
    assert.deepEqual(await waiting, { record: again });
  });

  test('two sockets recorded on one port: ambiguous, denied', async () => {
    const store = new ConnectTimeStore();
    store.open('k1');
    store.add(record(40003, 1));
    store.add(record(40003, 2));
    assert.deepEqual(await store.find('k1', 40003, 0), {
      why: 'two sockets were recorded on source port 40003',
    });
  });

  test('lost: waiting lookups and later ones are denied saying why; kept records stay usable', async () => {
    const store = new ConnectTimeStore();
    store.open('k1');
    store.add(record(40005));
    const waiting = store.find('k1', 40006, 60_000);
    store.lose('k1', 'the identity helper is gone');
    assert.deepEqual(await waiting, { why: 'the identity helper is gone' });
    assert.deepEqual(await store.find('k1', 40007, 60_000), { why: 'the identity helper is gone' });
    assert.deepEqual(await store.find('k1', 40005, 0), { record: record(40005) });
  });

  test('records of a key never opened, or closed, are dropped: lookups deny', async () => {
    const store = new ConnectTimeStore();
    store.add(record(40008, 1, 'k9'));
    assert.deepEqual(await store.find('k9', 40008, 0), {
      why: 'the sandbox has no connect-time identity attached',
    });
    store.open('k2');
    store.close('k2');
    assert.deepEqual(await store.find('k2', 40008, 0), {
      why: 'the sandbox has no connect-time identity attached',
    });
  });

  test('bounded: past perSandbox records the oldest goes; past maxAge a record expires', async () => {
    let now = 0;
    const store = new ConnectTimeStore({ perSandbox: 2, maxAgeMs: 1000, now: () => now });
    store.open('k1');
    store.add(record(1));
    store.add(record(2));
    store.add(record(3));
    assert.ok('why' in (await store.find('k1', 1, 0)));
    assert.ok('record' in (await store.find('k1', 2, 0)));
    now = 5000;
    assert.deepEqual(await store.find('k1', 3, 0), { why: 'its record expired' });
  });
});
