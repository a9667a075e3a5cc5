import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findClientRow, parseHexIp, parseSocketTable, portRows, type SocketRow } from './procnet.js';

/** The client row as locate finds it: parsing only the lines that mention the port. */
const findClientRowIn = (text: string, ip: string, port: number) =>
  findClientRow(portRows(text, port, 'LE'), ip, port);

const TABLE = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0B00007F:93F7 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 26435 1 0000 100 0 0 10 0
   1: 020015AC:E62C 070200C0:01BB 01 00000000:00000000 00:00000000 00000000  1000        0 28807 2 0000 20 0 0 10 -1
   2: 020015AC:E7A8 FEA9FEA9:0050 01 00000000:00000000 00:00000000 00000000  1000        0 28809 2 0000 20 0 0 10 -1
   garbage line
`;

describe('parseHexIp', () => {
  for (const [hex, order, want] of [
    ['0100007F', 'LE', '127.0.0.1'],
    ['020015AC', 'LE', '172.21.0.2'],
    ['7F000001', 'BE', '127.0.0.1'],
    ['XYZ', 'LE', null],
  ] as const) {
    test(`${hex} (${order}) → ${want}`, () => assert.equal(parseHexIp(hex, order), want));
  }
});

describe('parseSocketTable', () => {
  test('reads addresses, state, uid and inode; skips header and garbage', () => {
    const rows = parseSocketTable(TABLE, 'LE');
    assert.equal(rows.length, 3);
    assert.deepEqual(rows[1], {
      localIp: '172.21.0.2',
      localPort: 58924,
      remoteIp: '192.0.2.7',
      remotePort: 443,
      state: 1,
      uid: 1000,
      inode: 28807,
    });
    assert.equal(rows[2]?.remoteIp, '169.254.169.254');
  });
});

describe('findClientRow', () => {
  const rows = parseSocketTable(TABLE, 'LE');
  for (const [ip, port, inode] of [
    ['172.21.0.2', 58924, 28807],
    ['172.21.0.2', 59304, 28809],
    ['172.21.0.3', 58924, null],
    ['172.21.0.2', 1, null],
    ['127.0.0.11', 37879, null],
  ] as const) {
    test(`${ip}:${port} → inode ${inode}`, () =>
      assert.equal(findClientRow(rows, ip, port)?.inode ?? null, inode));
  }
  test('two sockets on one port are ambiguous', () => {
    const row = rows[1];
    assert.ok(row);
    assert.equal(findClientRow([row, { ...row, inode: 1 }], row.localIp, row.localPort), null);
  });
  test('a TIME_WAIT row of an earlier connection from the same port is not the client', () => {
    const row = rows[1];
    assert.ok(row);
    const gone = { ...row, remoteIp: '198.51.100.9', state: 6, inode: 0 };
    assert.equal(findClientRow([gone, row], row.localIp, row.localPort)?.inode, row.inode);
    assert.equal(findClientRow([gone], row.localIp, row.localPort), null);
  });
  test('an unconnected UDP socket bound to any address matches', () => {
    const row = {
      localIp: '0.0.0.0',
      localPort: 5000,
      remoteIp: '0.0.0.0',
      remotePort: 0,
      state: 7,
      uid: 0,
      inode: 9,
    };
    assert.equal(findClientRow([row], '172.21.0.2', 5000)?.inode, 9);
  });
});

describe('IPv4 sockets seen through tcp6 and loopback', () => {
  const V6 = `  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0000000000000000FFFF00000200150A:A1B2 0000000000000000FFFF00004D0200C0:0050 02 00000000:00000000 00:00000000 00000000  1000        0 4242 1
   1: 00000000000000000000000001000000:A1B3 00000000000000000000000001000000:0050 02 00000000:00000000 00:00000000 00000000  1000        0 4243 1`;
  test('an IPv4-mapped row of tcp6 parses as IPv4; a real IPv6 row is skipped', () => {
    const rows = parseSocketTable(V6, 'LE');
    assert.deepEqual(
      rows.map((r) => [r.localIp, r.localPort, r.remoteIp, r.remotePort, r.inode]),
      [['10.21.0.2', 0xa1b2, '192.0.2.77', 80, 4242]],
    );
    assert.equal(findClientRowIn(V6, '10.21.0.2', 0xa1b2)?.remoteIp, '192.0.2.77');
  });
  test('an unconnected AF_INET6 UDP socket (local and remote ::) is found by its port', () => {
    const udp6 = `  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
  512: 00000000000000000000000000000000:C350 00000000000000000000000000000000:0000 07 00000000:00000000 00:00000000 00000000  1000        0 5151 2 0000000000000000 0`;
    const row = findClientRowIn(udp6, '10.21.0.2', 0xc350);
    assert.deepEqual([row?.localIp, row?.remoteIp, row?.inode], ['0.0.0.0', '0.0.0.0', 5151]);
  });
  test('a socket bound to loopback matches only when it talks to the embedded resolver 127.0.0.11', () => {
    const row = {
      localIp: '127.0.0.1',
      localPort: 6000,
      remoteIp: '127.0.0.11',
      remotePort: 53,
      state: 2,
      uid: 1000,
      inode: 11,
    };
    assert.equal(findClientRow([row], '172.21.0.2', 6000)?.inode, 11);
    assert.equal(findClientRow([{ ...row, remoteIp: '127.0.0.1' }], '172.21.0.2', 6000), null);
  });
});

describe('portRows (only the lines that mention the port are parsed), then findClientRow', () => {
  const rows = parseSocketTable(TABLE, 'LE');
  const first = rows[0] as SocketRow;
  for (const r of [...rows, { ...first, localIp: '172.21.0.9' }, { ...first, localPort: 1 }]) {
    test(`${r.localIp}:${r.localPort} as findClientRow over every row`, () => {
      assert.deepEqual(
        findClientRowIn(TABLE, r.localIp, r.localPort),
        findClientRow(rows, r.localIp, r.localPort),
      );
    });
  }
  test("a port that is only some row's remote port finds nothing", () => {
    const remote = rows[1]?.remotePort ?? 0;
    assert.equal(findClientRowIn(TABLE, '172.21.0.2', remote), null);
  });
});
