import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { flags, integer, ipBytes, oid, sequence, time, tlv, unsigned } from './der.js';

const hex = (b: Buffer) => b.toString('hex');

describe('der', () => {
  test('lengths: short form below 128, long form from there', () => {
    assert.equal(hex(tlv(0x04, Buffer.alloc(3))), '0403000000');
    assert.equal(hex(tlv(0x04, Buffer.alloc(200))).slice(0, 6), '0481c8');
    assert.equal(hex(tlv(0x04, Buffer.alloc(300))).slice(0, 8), '0482012c');
    assert.equal(hex(sequence()), '3000');
  });

  test('INTEGER: shortest form, a leading 0 only before a set top bit', () => {
    assert.equal(hex(integer(0)), '020100');
    assert.equal(hex(integer(2)), '020102');
    assert.equal(hex(integer(128)), '02020080');
    assert.equal(hex(integer(256)), '02020100');
    assert.equal(hex(unsigned(Buffer.from('00007f', 'hex'))), '02017f');
    assert.equal(hex(unsigned(Buffer.from('0080', 'hex'))), '02020080');
  });

  test('OBJECT IDENTIFIER, with arcs of several bytes', () => {
    assert.equal(hex(oid('1.2.840.10045.4.3.2')), '06082a8648ce3d040302');
    assert.equal(hex(oid('2.5.29.19')), '0603551d13');
    assert.equal(hex(oid('1.3.6.1.5.5.7.3.1')), '06082b06010505070301');
  });

  test('KeyUsage bits: trailing zero bits dropped and counted as unused', () => {
    assert.equal(hex(flags(0)), '03020780'); // digitalSignature
    assert.equal(hex(flags(5, 6)), '03020106'); // keyCertSign, cRLSign
    assert.equal(hex(flags(8)), '0303070080'); // decipherOnly: a second byte
  });

  test('UTCTime through 2049, GeneralizedTime from 2050', () => {
    assert.equal(time(new Date('2026-12-06T10:27:24.999Z')).toString('latin1').slice(2), '261206102724Z');
    assert.equal(time(new Date('2026-12-06T10:27:24Z'))[0], 0x17);
    const late = time(new Date('2050-01-01T00:00:00Z'));
    assert.equal(late[0], 0x18);
    assert.equal(late.toString('latin1').slice(2), '20500101000000Z');
  });

  test('IP addresses: 4 bytes for IPv4, 16 for every IPv6 spelling', () => {
    assert.equal(hex(ipBytes('192.0.2.7')), 'c0000207');
    assert.equal(hex(ipBytes('2001:db8::7')), '20010db8000000000000000000000007');
    assert.equal(hex(ipBytes('::1')), '00000000000000000000000000000001');
    assert.equal(hex(ipBytes('::')), '00000000000000000000000000000000');
    assert.equal(hex(ipBytes('fe80::1:2')), 'fe800000000000000000000000010002');
    assert.equal(hex(ipBytes('::ffff:192.0.2.1')), '00000000000000000000ffffc0000201');
    assert.equal(hex(ipBytes('1:2:3:4:5:6:7:8')), '00010002000300040005000600070008');
    assert.throws(() => ipBytes('example.test'), /not an IP address/);
  });
});
