import assert from 'node:assert/strict';
import { test } from 'node:test';
import { localAddressOf } from './info.js';

// A sandbox netns's fib_trie, as the kernel prints it: loopback, then eth0 with the gateway's address.
const TRIE = `Main:
  +-- 0.0.0.0/0 3 0 5
     |-- 0.0.0.0
        /0 universe UNICAST
     +-- 127.0.0.0/8 2 0 2
        +-- 127.0.0.0/31 1 0 0
           |-- 127.0.0.0
              /8 host LOCAL
           |-- 127.0.0.1
              /32 host LOCAL
        |-- 127.255.255.255
           /32 link BROADCAST
     +-- 172.16.9.0/24 2 0 2
        +-- 172.16.9.0/26 2 0 2
           |-- 172.16.9.0
              /24 link UNICAST
        |-- 172.16.9.64
           /32 host LOCAL
        |-- 172.16.9.255
           /32 link BROADCAST
`;

test("a sandbox's own address is its one local /32 besides loopback", () => {
  assert.equal(localAddressOf(TRIE), '172.16.9.64');
});

test('no address yet (not joined), or nothing read: empty', () => {
  const loopbackOnly = TRIE.split('     +-- 172.16.9.0/24')[0] ?? '';
  assert.equal(localAddressOf(loopbackOnly), '');
  assert.equal(localAddressOf(''), '');
});
