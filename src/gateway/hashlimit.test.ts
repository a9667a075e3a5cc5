import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseFenceRecord } from './hashlimit.js';

test('a hashlimit table as the kernel prints it: source port, destination, seconds left', () => {
  // Copied from /proc/net/ipt_hashlimit of a netns with the fence's rules (kernel 6.18).
  const text = [
    '9 0.0.0.0:40001->192.0.2.5:9999 4947802324992 137438953000000 137438953000000',
    '8 0.0.0.0:40001->198.51.100.7:53 137438953000000 137438953000000 1374389530',
    '4 0.0.0.0:0->192.0.2.9:0 5497558138880 137438953000000 137438953000000',
    '',
    'garbage',
  ].join('\n');
  assert.deepEqual(parseFenceRecord(text), [
    { expiresIn: 9, srcPort: 40001, ip: '192.0.2.5', port: 9999 },
    { expiresIn: 8, srcPort: 40001, ip: '198.51.100.7', port: 53 },
    { expiresIn: 4, srcPort: 0, ip: '192.0.2.9', port: 0 },
  ]);
});
