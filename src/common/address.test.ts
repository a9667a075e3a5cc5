import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatHostPort, type HostPort, parseHostPort } from './address.js';
import { isPaddockError } from './errors.js';

describe('one address grammar: ADDR[:PORT], [V6][:PORT]', () => {
  const reads: [string, HostPort, string][] = [
    ['127.0.0.1', { host: '127.0.0.1', port: 53, family: 4 }, '127.0.0.1:53'],
    ['127.0.0.1:5353', { host: '127.0.0.1', port: 5353, family: 4 }, '127.0.0.1:5353'],
    ['::1', { host: '::1', port: 53, family: 6 }, '[::1]:53'],
    ['[::1]', { host: '::1', port: 53, family: 6 }, '[::1]:53'],
    ['[::1]:5353', { host: '::1', port: 5353, family: 6 }, '[::1]:5353'],
    ['[fd00::53]:53', { host: 'fd00::53', port: 53, family: 6 }, '[fd00::53]:53'],
  ];
  for (const [text, address, written] of reads) {
    test(`reads ${text}, writes ${written}, which reads back`, () => {
      assert.deepEqual(parseHostPort(text, 53), address);
      assert.equal(formatHostPort(address), written);
      assert.deepEqual(parseHostPort(written, 53), address);
    });
  }
  const refuses: [string, RegExp][] = [
    ['dns.test', /with an IP address/],
    ['dns.test:53', /with an IP address/],
    ['127.0.0.1:0', /port from 1 to 65535/],
    ['127.0.0.1:99999', /port from 1 to 65535/],
    ['127.0.0.1:x', /port/],
    ['[127.0.0.1]:53', /IPv6 address inside \[ \]/],
    ['[::1]:', /port/],
    ['999.0.0.1', /with an IP address/],
    ['', /with an IP address/],
  ];
  for (const [text, message] of refuses) {
    test(`refuses ${JSON.stringify(text)}`, () =>
      assert.throws(
        () => parseHostPort(text, 53),
        (e) => isPaddockError(e, 'INPUT_INVALID') && message.test(e.message),
      ));
  }
});
