import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Packet } from 'dns-packet';
import { answerQuery, type DnsLookup } from './dns-answer.js';
import { SyntheticPool } from './synthetic.js';

const pool = new SyntheticPool();
const lookup: DnsLookup = {
  nameAllowed: (h) => ({ allowed: h === 'api.allowed.test' || h.endsWith('.wild.test'), policy: 'p' }),
  addressFor: (h) => pool.addressFor(h),
};
const q = (name: string, type: string): Packet =>
  ({ type: 'query', id: 7, flags: 256, questions: [{ name, type }] }) as Packet;

describe('answerQuery', () => {
  for (const [name, type, rcode, answers, logged] of [
    ['api.allowed.test', 'A', 0, 1, false],
    ['API.Allowed.Test.', 'A', 0, 1, false],
    ['c2VjcmV0.wild.test', 'A', 0, 1, false],
    ['api.allowed.test', 'AAAA', 0, 0, false],
    ['evil.test', 'A', 3, 0, true],
    ['evil.test', 'AAAA', 3, 0, true],
    ['api.allowed.test', 'TXT', 5, 0, true],
    ['api.allowed.test', 'ANY', 5, 0, true],
    ['1.0.0.127.in-addr.arpa', 'PTR', 5, 0, true],
  ] as const) {
    test(`${type} ${name} → rcode ${rcode}, ${answers} answer(s)${logged ? ', logged' : ''}`, () => {
      const v = answerQuery(q(name, type), lookup);
      assert.equal((v.response.flags ?? 0) & 15, rcode);
      assert.equal(v.response.answers?.length ?? 0, answers);
      assert.equal(v.event !== null, logged);
      assert.equal(v.response.id, 7);
    });
  }
  test('allowed names get stable synthetic addresses in 198.18.0.0/15', () => {
    const a = answerQuery(q('api.allowed.test', 'A'), lookup).response.answers?.[0] as { data: string };
    const b = answerQuery(q('api.allowed.test', 'A'), lookup).response.answers?.[0] as { data: string };
    assert.match(a.data, /^198\.1[89]\./);
    assert.equal(a.data, b.data);
  });
  test('a packet with two questions is a format error', () => {
    const p = {
      type: 'query',
      id: 1,
      questions: [
        { name: 'a.test', type: 'A' },
        { name: 'b.test', type: 'A' },
      ],
    } as Packet;
    assert.equal((answerQuery(p, lookup).response.flags ?? 0) & 15, 1);
  });
});
