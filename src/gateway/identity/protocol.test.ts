import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decode, parseLine } from './protocol.js';

const CURL =
  '/usr/bin/curl|0|LD_PRELOAD=%2Ftmp%2Fx.so%00|-%20r-xp%20-%20-%200%20/usr/bin/curl%0A|curl%00-s%00';
const SH = '/usr/bin/dash|0|||sh%00-c%00curl';

describe('parseLine: identd lines, anything malformed is `bad` (never a throw)', () => {
  for (const [line, expected] of [
    ['attached k1', { kind: 'attached', key: 'k1' }],
    ['detached k1', { kind: 'detached', key: 'k1' }],
    [
      'error k1 no identity listener at fd 200',
      { kind: 'error', key: 'k1', why: 'no identity listener at fd 200' },
    ],
    [
      'lost k1 its sandbox has no process left',
      { kind: 'lost', key: 'k1', why: 'its sandbox has no process left' },
    ],
    [
      'refused k1 connect by pid 9: No such process',
      { kind: 'refused', key: 'k1', why: 'connect by pid 9: No such process' },
    ],
    [
      'took 7 172.30.0.1 443 172.30.0.2 40000',
      { kind: 'took', id: '7', ip: '172.30.0.1', port: 443, local: { ip: '172.30.0.2', port: 40000 } },
    ],
    [
      'held k1 40000 7 172.30.0.1 3128 ::ffff:172.30.0.2 40000',
      {
        kind: 'held',
        key: 'k1',
        port: 40000,
        id: '7',
        peer: { ip: '172.30.0.1', port: 3128 },
        local: { ip: '172.30.0.2', port: 40000 },
      },
    ],
    [
      'unheld k1 40000 nothing held on that port',
      { kind: 'unheld', key: 'k1', port: 40000, why: 'nothing held on that port' },
    ],
    [
      'held k1 40000 x 172.30.0.1 3128 172.30.0.2 40000',
      { kind: 'bad', why: 'malformed held: held k1 40000 x 172.30.0.1 3128 172.30.0.2 40000' },
    ],
    [
      'held k1 40000 7 172.30.0.1 3128',
      { kind: 'bad', why: 'malformed held: held k1 40000 7 172.30.0.1 3128' },
    ],
    ['unheld k1 0 why', { kind: 'bad', why: 'malformed unheld: unheld k1 0 why' }],
    [
      'took 7 ::ffff:10.0.0.1 80 ::ffff:10.0.0.2 5',
      { kind: 'took', id: '7', ip: '10.0.0.1', port: 80, local: { ip: '10.0.0.2', port: 5 } },
    ],
    [
      'gone 7 getpeername: Transport endpoint is not connected',
      { kind: 'gone', id: '7', why: 'getpeername: Transport endpoint is not connected' },
    ],
    ['took 7 1.2.3.4 0 10.0.0.2 5', { kind: 'bad', why: 'malformed took: took 7 1.2.3.4 0 10.0.0.2 5' }],
    ['took x 1.2.3.4 80 10.0.0.2 5', { kind: 'bad', why: 'malformed took: took x 1.2.3.4 80 10.0.0.2 5' }],
    // Without its own address (identd before it said so): not trusted as this connection's.
    ['took 7 1.2.3.4 80', { kind: 'bad', why: 'malformed took: took 7 1.2.3.4 80' }],
    [
      'took 7 1.2.3.4 80 10.0.0.2 70000',
      { kind: 'bad', why: 'malformed took: took 7 1.2.3.4 80 10.0.0.2 70000' },
    ],
    ['superseded 7 k1 40000', { kind: 'superseded', id: '7', key: 'k1', port: 40000 }],
    ['superseded 7 k1', { kind: 'bad', why: 'malformed superseded: superseded 7 k1' }],
    ['attached', { kind: 'bad', why: 'attached without a key' }],
    ['hello', { kind: 'bad', why: 'unknown line: hello' }],
    ['conn 1 k1 0 5 10 /x|0|||', { kind: 'bad', why: 'conn with port 0' }],
    ['conn 1 k1 40000 5 10', { kind: 'bad', why: 'malformed conn processes: conn 1 k1 40000 5 10' }],
    [
      'conn 1 k1 40000 5 10 /x|0|',
      { kind: 'bad', why: 'malformed conn processes: conn 1 k1 40000 5 10 /x|0|' },
    ],
  ] as const)
    test(line, () => assert.deepEqual(parseLine(line), expected));

  test('conn: a process sent again is parsed once (the same record), another one is not taken for it', () => {
    const procs = (line: string) => {
      const p = parseLine(line);
      assert.equal(p.kind, 'conn');
      return p.kind === 'conn' ? p.record.processes : [];
    };
    const [a] = procs(`conn 1 k1 40000 5 10 ${CURL}`);
    const [b, c] = procs(`conn 2 k1 40001 6 10 ${CURL} ${CURL.replace('|0|', '|7|')}`);
    assert.equal(b, a);
    assert.notEqual(c, a);
    assert.equal(c?.tracerPid, 7);
    assert.equal(a?.tracerPid, 0);
  });

  test('conn: a process too large to keep is parsed each time, the same facts all the same', () => {
    const big = CURL.replace('curl%00-s%00', `curl%00${'a'.repeat(20_000)}%00`);
    const first = parseLine(`conn 1 k1 40000 5 10 ${big}`);
    const again = parseLine(`conn 2 k1 40001 5 10 ${big}`);
    assert.ok(first.kind === 'conn' && again.kind === 'conn');
    assert.notEqual(first.record.processes[0], again.record.processes[0]);
    assert.deepEqual(first.record.processes[0], again.record.processes[0]);
  });

  test('conn: the caller then its ancestors, facts decoded; "!" is a fact too large to send', () => {
    assert.deepEqual(parseLine(`conn 12 k1 40000 5515771 10 ${CURL} ${SH} /usr/bin/x|3|!|!|`), {
      kind: 'conn',
      record: {
        id: '12',
        key: 'k1',
        port: 40000,
        inode: 5515771,
        pid: 10,
        processes: [
          {
            exe: '/usr/bin/curl',
            tracerPid: 0,
            environ: 'LD_PRELOAD=/tmp/x.so\0',
            maps: '- r-xp - - 0 /usr/bin/curl\n',
            cmdline: 'curl\0-s\0',
          },
          { exe: '/usr/bin/dash', tracerPid: 0, environ: '', maps: '', cmdline: 'sh\0-c\0curl' },
          { exe: '/usr/bin/x', tracerPid: 3, environ: null, maps: null, cmdline: '' },
        ],
      },
    });
  });
});

for (const [text, expected] of <const>[
  ['%2Fsandbox%2Fa%20b', '/sandbox/a b'],
  ['caf%C3%A9', 'café'],
  ['100%25', '100%'],
  ['%7C%2C', '|,'],
  ['50%', '50%'],
  ['%2', '%2'],
  ['%G1%2f', '%G1%2f'], // not an escape identd writes (it writes upper-case hex): kept as it is
  ['plain', 'plain'],
])
  test(`decode(${text}) = ${expected}`, () => assert.equal(decode(text), expected));

test('decode agrees with a regular-expression decoder on random escapes', () => {
  const slow = (t: string) =>
    Buffer.from(
      t.replace(/%([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
      'latin1',
    ).toString('utf8');
  const alphabet = ['%', 'A', 'F', '0', '9', 'C', '3', 'a', 'g', '/', ' ', '%2', '%C3%A9', '%E2%82', '%FF'];
  for (let i = 0; i < 2000; i++) {
    const text = Array.from(
      { length: 1 + (i % 12) },
      (_, k) => alphabet[(i * 7 + k * 13 + ((i * k) % 5)) % alphabet.length],
    ).join('');
    assert.equal(decode(text), slow(text), text);
  }
});
