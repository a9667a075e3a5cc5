import assert from 'node:assert/strict';
import { test } from 'node:test';
import type Docker from 'dockerode';
import { baseConfig } from './commit.js';
import { splitTag } from './image.js';

test("a committed image keeps its base image's config, not the sandbox's, plus the labels given", () => {
  const base = {
    User: 'node',
    Env: ['PATH=/usr/local/bin:/usr/bin', 'NODE_VERSION=22'],
    Entrypoint: ['docker-entrypoint.sh'],
    Cmd: ['node'],
    WorkingDir: '/app',
    Labels: { maintainer: 'x', 'paddock.image': 'base' },
  } as unknown as Docker.ImageInspectInfo['Config'];
  assert.deepEqual(baseConfig(base, { 'paddock.image': 'setup', 'paddock.setup.key': 'k' }), {
    User: 'node',
    Env: ['PATH=/usr/local/bin:/usr/bin', 'NODE_VERSION=22'],
    Entrypoint: ['docker-entrypoint.sh'],
    Cmd: ['node'],
    WorkingDir: '/app',
    Volumes: null,
    ExposedPorts: null,
    StopSignal: '',
    Labels: { maintainer: 'x', 'paddock.image': 'setup', 'paddock.setup.key': 'k' },
  });
});

test('a base without config gives empty fields and only the labels', () => {
  assert.deepEqual(baseConfig(undefined, { a: 'b' }).Labels, { a: 'b' });
  assert.deepEqual(baseConfig(undefined, {}).Env, []);
});

test('splitTag', () => {
  const rows: [string, [string, string?]][] = [
    ['paddock/setup:abc', ['paddock/setup', 'abc']],
    ['paddock/base', ['paddock/base']],
    ['localhost:5000/x', ['localhost:5000/x']],
    ['localhost:5000/x:1', ['localhost:5000/x', '1']],
  ];
  for (const [ref, parts] of rows) assert.deepEqual(splitTag(ref), parts, ref);
});
