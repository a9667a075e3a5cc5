// Use case 4: planner, executor and critic lanes with their own policies, sharing volumes with
// different modes; the executor restarts while the others keep running; its policy hot-reloads.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { EXIT } from '../../src/common/errors.js';
import { bootstrapImage } from '../../src/sandbox/image/bootstrap.js';
import { ok, paddock, testSession } from './paddock.js';

const session = testSession('t-cli-lanes');
let server: Server;
let port = 0;
const planner = join(session.stateDir, 'planner.yaml');
const plannerAsRoot = join(session.stateDir, 'planner-root.yaml');

function writePolicies(): void {
  const network = `network_policies:
  plan_api:
    name: plan-api
    endpoints:
      - { host: plan-api.test, port: ${port} }
    binaries:
      - { path: /usr/bin/curl }
`;
  writeFileSync(planner, `version: 1\n${network}`);
  writeFileSync(plannerAsRoot, `version: 1\nprocess:\n  run_as_user: "2000"\n${network}`);
}

const sh = (name: string, script: string) =>
  paddock(session, ['sandbox', 'exec', name, '--', 'sh', '-c', script]);
const fetchPlan = (name: string) => sh(name, `curl -sf -m 5 http://plan-api.test:${port}/plan`);
const ids = async (): Promise<Record<string, string>> => {
  const list = JSON.parse((await ok(session, ['sandbox', 'list', '-o', 'json'])).out) as {
    name: string;
    id: string;
    state: string;
  }[];
  return Object.fromEntries(list.map((s) => [s.name, `${s.id}/${s.state}`]));
};

describe('multi-agent lanes', () => {
  before(async () => {
    await bootstrapImage();
    server = createServer((_req, res) => res.end('{"steps":["build","test"]}\n'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    writePolicies();
    await ok(session, ['gateway', 'start', '--add-host', 'plan-api.test=127.0.0.1']);
    await Promise.all([
      ok(session, [
        'sandbox',
        'create',
        '--name',
        'planner',
        '--policy',
        planner,
        '-v',
        'plans:/plans',
        '-v',
        'results:/results:ro',
      ]),
      ok(session, [
        'sandbox',
        'create',
        '--name',
        'executor',
        '-v',
        'plans:/plans:ro',
        '-v',
        'results:/results',
      ]),
      ok(session, [
        'sandbox',
        'create',
        '--name',
        'critic',
        '--policy',
        'strict',
        '-v',
        'plans:/plans:ro',
        '-v',
        'results:/results:ro',
      ]),
    ]);
  });
  after(async () => {
    await paddock(session, ['sandbox', 'prune']);
    server.close();
  });

  test('each lane has its own policy: only the planner reaches the plan API', async () => {
    const plan = await fetchPlan('planner');
    assert.equal(plan.code, 0, plan.stderr);
    assert.match(plan.out, /"steps"/);
    for (const lane of ['executor', 'critic']) {
      const r = await fetchPlan(lane);
      assert.notEqual(r.code, 0, `${lane} reached the plan API`);
    }
    const denied = await ok(session, ['sandbox', 'logs', 'executor', '--denied']);
    assert.match(denied.out, new RegExp(`DENIED /usr/bin/curl\\(\\d+\\) -> plan-api\\.test:${port}`));
  });

  test('volumes are shared with each lane’s mode: plans flow planner → executor → critic', async () => {
    await ok(session, [
      'sandbox',
      'exec',
      'planner',
      '--',
      'sh',
      '-c',
      `curl -sf -m 5 http://plan-api.test:${port}/plan > /plans/plan.json`,
    ]);
    await ok(session, [
      'sandbox',
      'exec',
      'executor',
      '--',
      'sh',
      '-c',
      'grep -c build /plans/plan.json > /results/done.txt',
    ]);
    const read = await ok(session, [
      'sandbox',
      'exec',
      'critic',
      '--',
      'cat',
      '/results/done.txt',
      '/plans/plan.json',
    ]);
    assert.match(read.out, /^1\n\{"steps"/);
    for (const [lane, path] of [
      ['executor', '/plans/x'],
      ['critic', '/plans/x'],
      ['critic', '/results/x'],
      ['planner', '/results/x'],
    ] as const) {
      const r = await sh(lane, `echo no > ${path}`);
      assert.notEqual(r.code, 0, `${lane} wrote ${path}`);
      assert.match(r.stderr, /Read-only file system/);
    }
  });

  test('restarting the executor leaves planner and critic running; it comes back fenced and picks up the plan', async () => {
    await ok(session, [
      'sandbox',
      'exec',
      'executor',
      '--',
      'sh',
      '-c',
      'sleep 300 >/dev/null 2>&1 & echo $! > /tmp/pid',
    ]);
    const before = await ids();
    await ok(session, ['sandbox', 'restart', 'executor']);
    const now = await ids();
    assert.equal(now.planner, before.planner);
    assert.equal(now.critic, before.critic);
    assert.notEqual(now.executor, before.executor);
    assert.match(now.executor ?? '', /\/running$/);
    const fresh = await sh('executor', 'test -e /tmp/pid && echo stale || echo fresh; cat /plans/plan.json');
    assert.match(fresh.out, /^fresh\n\{"steps"/);
    assert.notEqual((await fetchPlan('executor')).code, 0, 'the restarted executor is not fenced');
    assert.equal((await fetchPlan('planner')).code, 0, 'the planner lost its egress');
  });

  test('policy set hot-reloads network_policies (kept across restart); static changes are refused', async () => {
    await ok(session, ['policy', 'set', 'executor', planner]);
    assert.equal((await fetchPlan('executor')).code, 0, 'the new policy did not apply');
    const refused = await paddock(session, ['policy', 'set', 'executor', plannerAsRoot]);
    assert.equal(refused.code, EXIT.invalidInput, refused.stderr);
    assert.match(refused.stderr, /process cannot change on a running sandbox/);
    await ok(session, ['sandbox', 'restart', 'executor']);
    assert.equal((await fetchPlan('executor')).code, 0, 'the policy was lost on restart');
    const unknown = await paddock(session, ['policy', 'set', 'nope', planner]);
    assert.equal(unknown.code, EXIT.invalidInput);
  });
});
