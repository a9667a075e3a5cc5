import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isPaddockError } from '../common/errors.js';
import { AddressPool, addressesOfPorts, hostEndName, interfaceOf, vethCommands } from './plumbing.js';

test('addresses are handed out in turn from .64, skipping those in use and those not yet settled', () => {
  const pool = new AddressPool('172.16.9.1');
  assert.equal(pool.take(new Set()), '172.16.9.64');
  assert.equal(pool.take(new Set(['172.16.9.65'])), '172.16.9.66');
  pool.settle('172.16.9.66'); // registered (or failed): free again once no registration holds it

  assert.equal(pool.take(new Set()), '172.16.9.67', 'a freed address is not reused at once');
});

test('an address under way is not handed out twice; a full network is FENCE_FAILED, not a shared address', () => {
  const pool = new AddressPool('172.16.9.1');
  const given = new Set<string>();
  for (let i = 0; i < 191; i++) given.add(pool.take(new Set())); // none registered yet: all still under way
  assert.equal(given.size, 191);
  assert.throws(() => pool.take(new Set()), /all 191/);
  for (const ip of given) pool.settle(ip);
  const used = given; // now all registered
  assert.throws(
    () => pool.take(used),
    (e: unknown) => isPaddockError(e) && e.code === 'FENCE_FAILED' && /all 191/.test(e.message),
  );
});

test('the veth pair: eth0 in the netns of the pid, the host end on the bridge and up', () => {
  assert.equal(
    vethCommands('pd0123456789ab', 4242, 'br-7f4c45b2dafe'),
    'link add pd0123456789ab type veth peer name eth0 netns 4242\nlink set pd0123456789ab master br-7f4c45b2dafe up\n',
  );
});

test("the bridge is read from ip's one-line answer", () => {
  const answer =
    '68791: br-7f4c45b2dafe    inet 172.18.0.1/16 brd 172.18.255.255 scope global br-7f4c45b2dafe\\       valid_lft forever preferred_lft forever\n';
  assert.equal(interfaceOf(answer), 'br-7f4c45b2dafe');
  assert.equal(interfaceOf(''), undefined);
});

test("a port is named after its sandbox's address, so the bridge's ports say which are in use", () => {
  const name = hostEndName('172.16.9.64');
  assert.match(name, /^pd064[0-9a-f]{8}$/);
  assert.ok(name.length <= 15, 'the kernel takes 15 characters');
  assert.deepEqual(
    addressesOfPorts([name, hostEndName('172.16.9.254'), 'veth1a2b3c4', 'pd64zz'], '172.16.9.1'),
    ['172.16.9.64', '172.16.9.254'],
  );
});
