import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isInitOf } from './signal.js';

const id = 'a'.repeat(64);
const other = 'b'.repeat(64);
const v1 = `4:memory:/docker/${id}\n0::/docker/${id}\n`;
const v2 = `0::/system.slice/docker-${id}.scope\n`;
const init = 'Name:\tinit\nNSpid:\t6118\t1\n';

describe('isInitOf: only init of that very container is signalled from the host', () => {
  const rows: [string, string, string, string, boolean][] = [
    ['init in the container (cgroup v1 paths)', v1, init, id, true],
    ['init in the container (systemd scope)', v2, init, id, true],
    ['init of another container', `0::/docker/${other}\n`, init, id, false],
    ['another process of the container (not PID 1 there)', v1, 'NSpid:\t6120\t7\n', id, false],
    ['a host process with the right cgroup but no own pid namespace', v1, 'NSpid:\t6118\n', id, false],
    ['no NSpid line (an old kernel): the engine sends it', v1, 'Name:\tinit\n', id, false],
    ['a short or odd container id', v1, init, 'aaaa', false],
  ];
  for (const [name, cgroup, status, container, expected] of rows)
    test(name, () => assert.equal(isInitOf(cgroup, status, container), expected));
});
