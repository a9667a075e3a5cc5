// The five agent CLIs, installed as `npm install -g` lays them out, run a one-shot prompt in sandboxes of one
// session under the shipped default policy (the test writes no policy), with fake keys. Every host the policy
// allows is mapped (host-override map) to a loopback stand-in with a test CA, and the upstream resolver is a
// dead loopback port, so nothing reaches a real host. The assertions are on the gateway's decisions.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { EgressEvent } from '../../src/common/event.js';
import { loadPolicy } from '../../src/policy/index.js';
import { ok, paddock, type TestSession, testSession } from '../cli/paddock.js';
import { agentsImage, missingPackages } from './image.js';
import { makeTestCa, removeCa, type StandIn, startStandIn, type TestCa } from './standin.js';

const MODULES = '/usr/local/lib/node_modules';

interface Agent {
  readonly name: string;
  readonly command: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  /** The model API host it must reach. */
  readonly host: string;
  /** The executable the gateway must attribute that connection to. */
  readonly exe: string;
  /** Hosts it tries that the default policy denies (telemetry, update checks), seen in the deny log. */
  readonly denied: readonly string[];
  /** What the agent did in the verified run. */
  readonly did: string;
  /** Code injection from a writable path (see `INJECT_FILES`): the same agent must lose its entry's rights. */
  readonly inject: Readonly<Record<string, string>>;
}

/** Written into the injection sandboxes first: a harmless preload script, and a real library as a hook. */
const INJECT_FILES =
  "printf 'globalThis.injected = 1\\n' > /sandbox/pre.js && " +
  'cp "$(find /usr/lib /lib -name libz.so.1 2>/dev/null | head -n 1)" /sandbox/hook.so';
const NODE_REQUIRE = { NODE_OPTIONS: '--require /sandbox/pre.js' };
const LD_HOOK = { LD_PRELOAD: '/sandbox/hook.so' };
const BUN_PRELOAD = { BUN_OPTIONS: '--preload /sandbox/pre.js' };

const AGENTS: readonly Agent[] = [
  {
    name: 'claude',
    command: ['claude', '-p', 'say hi'],
    env: { ANTHROPIC_API_KEY: 'sk-ant-paddock-fake' },
    host: 'api.anthropic.com',
    exe: `${MODULES}/@anthropic-ai/claude-code/bin/claude.exe`,
    denied: [],
    did: 'native claude.exe: settings, bootstrap and telemetry on api.anthropic.com, then POST /v1/messages; prints "API Error: 400 …" and exits 1',
    inject: BUN_PRELOAD,
  },
  {
    // The native installer's layout: the binary under ~/.local/share/claude/versions, ~/.local/bin/claude a link.
    name: 'claude-native',
    command: [
      'sh',
      '-c',
      `mkdir -p .local/share/claude/versions .local/bin && cp ${MODULES}/@anthropic-ai/claude-code/bin/claude.exe .local/share/claude/versions/2.1.332 && ln -s ../share/claude/versions/2.1.332 .local/bin/claude && exec .local/bin/claude -p 'say hi'`,
    ],
    env: { ANTHROPIC_API_KEY: 'sk-ant-paddock-fake' },
    host: 'api.anthropic.com',
    exe: '/sandbox/.local/share/claude/versions/2.1.332',
    denied: [],
    did: 'the same claude binary, run from the native installer layout in HOME; same calls, same refusal',
    inject: LD_HOOK,
  },
  {
    name: 'codex',
    command: ['codex', 'exec', '--skip-git-repo-check', 'say hi'],
    env: { OPENAI_API_KEY: 'sk-paddock-fake' },
    host: 'api.openai.com',
    exe: `${MODULES}/@openai/codex/node_modules/@openai/codex-linux-x64/vendor/x86_64-unknown-linux-musl/bin/codex`,
    denied: ['api.github.com'],
    did: 'node starts the musl codex binary: Responses WebSocket then HTTP to api.openai.com, chatgpt.com at start; the stand-in refusal ends it',
    inject: NODE_REQUIRE,
  },
  {
    name: 'gemini',
    command: ['gemini', '-p', 'say hi'],
    env: { GEMINI_API_KEY: 'paddock-fake', GEMINI_CLI_TRUST_WORKSPACE: 'true' },
    host: 'generativelanguage.googleapis.com',
    exe: '/usr/bin/node',
    denied: ['play.googleapis.com'],
    did: 'node (gemini.js, relaunched as a child node) calls generateContent, retries on the refusal; its Clearcut telemetry is denied',
    inject: NODE_REQUIRE,
  },
  {
    name: 'copilot',
    command: ['copilot', '-p', 'say hi'],
    env: { COPILOT_GITHUB_TOKEN: 'github_pat_paddock_fake' },
    host: 'api.individual.githubcopilot.com',
    exe: `${MODULES}/@github/copilot/node_modules/@github/copilot-linux-x64/copilot`,
    denied: [],
    did: 'node starts the native copilot: GET api.github.com/copilot_internal/user, then the endpoint it names; the refusal there ends it',
    inject: NODE_REQUIRE,
  },
  {
    name: 'opencode',
    command: ['opencode', 'run', '-m', 'anthropic/claude-sonnet-4-5', 'say hi'],
    env: { ANTHROPIC_API_KEY: 'sk-ant-paddock-fake' },
    host: 'api.anthropic.com',
    exe: `${MODULES}/opencode-ai/bin/opencode.exe`,
    denied: ['registry.npmjs.org'],
    did: 'native opencode.exe calls the provider API itself and prints the refusal; plugin installs, update and model-list checks are denied',
    inject: LD_HOOK,
  },
];

const missing = await missingPackages();
if (missing) process.stderr.write(`agents tests skipped: ${missing}\n`);

describe('agent CLIs under the default policy', { skip: missing ?? false }, () => {
  let s: TestSession;
  let ca: TestCa;
  let standIn: StandIn;
  let mapped: string[];
  const events = new Map<string, EgressEvent[]>();
  const outputs = new Map<string, string>();

  before(async () => {
    const { tag } = await agentsImage();
    const policy = (await loadPolicy('default')).policy;
    mapped = [
      ...new Set([
        ...policy.network_policies.flatMap((n) =>
          n.endpoints.flatMap((e) => (e.host && !e.host.includes('*') ? [e.host] : [])),
        ),
        'api.individual.githubcopilot.com',
      ]),
    ];
    ca = await makeTestCa(mapped);
    const ip = `127.${50 + Math.floor(Math.random() * 150)}.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;
    standIn = await startStandIn(ca, ip);
    s = testSession('t-agents');
    await ok(s, [
      'gateway',
      'start',
      '--upstream-dns',
      '127.0.0.1:9',
      ...mapped.flatMap((h) => ['--add-host', `${h}=${ip}`]),
    ]);
    await Promise.all(
      AGENTS.flatMap((a) =>
        [a.name, injected(a)].map((name) =>
          ok(s, ['sandbox', 'create', '-n', name, '--image', tag, '--copy', `${ca.caPath}:ca.pem`]),
        ),
      ),
    );
    const tls = ['-e', 'NODE_EXTRA_CA_CERTS=/sandbox/ca.pem', '-e', 'SSL_CERT_FILE=/sandbox/ca.pem'];
    await Promise.all(
      AGENTS.map(async (a) => {
        const env = Object.entries(a.env).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
        const r = await paddock(
          s,
          ['sandbox', 'exec', a.name, ...tls, ...env, '--timeout', '90s', '--', ...a.command],
          {
            timeoutMs: 150_000,
          },
        );
        outputs.set(a.name, `exit ${r.code}: ${r.out.slice(-400)} ${r.stderr.slice(-400)}`);
        // The same host from the same sandbox, by curl (which honours the proxy variables, as the agents do).
        await paddock(s, [
          'sandbox',
          'exec',
          a.name,
          ...tls,
          '--',
          'curl',
          '-s',
          '-m',
          '10',
          `https://${a.host}/`,
        ]);
        events.set(a.name, await eventsOf(a.name));
        // The same agent with code injected from a writable path, in a sandbox of its own.
        const box = injected(a);
        await ok(s, ['sandbox', 'exec', box, '--', 'sh', '-c', INJECT_FILES]);
        const inj = Object.entries(a.inject).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
        const ri = await paddock(
          s,
          ['sandbox', 'exec', box, ...tls, ...env, ...inj, '--timeout', '60s', '--', ...a.command],
          { timeoutMs: 120_000 },
        );
        outputs.set(box, `exit ${ri.code}: ${ri.out.slice(-400)} ${ri.stderr.slice(-400)}`);
        events.set(box, await eventsOf(box));
      }),
    );
  });

  const injected = (a: Agent): string => `${a.name}-inj`;
  const eventsOf = async (box: string): Promise<EgressEvent[]> => {
    const logs = await ok(s, ['sandbox', 'logs', box, '-o', 'json']);
    return logs.out
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as EgressEvent);
  };

  after(async () => {
    if (s) {
      await paddock(s, ['sandbox', 'delete', ...AGENTS.flatMap((a) => [a.name, injected(a)])]);
      await paddock(s, ['gateway', 'stop']);
    }
    await standIn?.close();
    if (ca) await removeCa(ca);
  });

  for (const agent of AGENTS) {
    test(`${agent.name}: its ${agent.host} connection is allowed and attributed to ${agent.exe.split('/').pop()}; curl there is denied`, async () => {
      const mine = events.get(agent.name) ?? [];
      const shown = () =>
        `${agent.did}\n${outputs.get(agent.name)}\n${mine.map((e) => `${e.action} ${e.binary} ${e.host}:${e.port} ${e.reason}`).join('\n')}`;
      const allowed = mine.filter(
        (e) => e.action === 'allow' && e.host === agent.host && e.binary === agent.exe,
      );
      assert.ok(allowed.length > 0, `no allowed ${agent.host} connection by ${agent.exe}:\n${shown()}`);
      const curl = mine.filter((e) => e.binary === '/usr/bin/curl');
      assert.ok(curl.length > 0, `curl made no attempt:\n${shown()}`);
      assert.deepEqual([...new Set(curl.map((e) => `${e.action} ${e.host}`))], [`deny ${agent.host}`]);
      for (const host of agent.denied) {
        assert.ok(
          mine.some((e) => e.action === 'deny' && e.host === host),
          `${host} not in the deny log:\n${shown()}`,
        );
      }
      // Nothing went to a real host: every allowed connection was to a name mapped to the stand-in.
      const unmapped = mine.filter((e) => e.action !== 'deny' && !(e.host && mapped.includes(e.host)));
      assert.deepEqual(unmapped, []);
    });
  }

  for (const agent of AGENTS) {
    const how = Object.entries(agent.inject)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ');
    test(`${agent.name} with ${how}: tainted, so every host it reached uninjected is denied to it`, () => {
      const box = injected(agent);
      const mine = events.get(box) ?? [];
      // The hosts the same agent was allowed to reach without the injection (its model host among them).
      const reached = new Set(
        (events.get(agent.name) ?? [])
          .filter((e) => e.action === 'allow' && e.layer !== 'dns')
          .map((e) => e.host),
      );
      const shown = () =>
        `${outputs.get(box)}\n${mine.map((e) => `${e.action} ${e.binary} ${e.identity} ${e.host}:${e.port} ${e.reason}`).join('\n')}`;
      assert.ok(reached.has(agent.host), `uninjected, it reached ${[...reached].join(', ')}`);
      const tries = mine.filter((e) => e.layer !== 'dns' && reached.has(e.host));
      assert.ok(tries.length > 0, `the injected agent tried none of ${[...reached].join(', ')}:\n${shown()}`);
      assert.deepEqual(
        tries.filter((e) => e.action !== 'deny'),
        [],
        `an injected connection passed:\n${shown()}`,
      );
      assert.ok(
        tries.some((e) => e.binary === agent.exe && e.identity === 'tainted' && /tainted/.test(e.reason)),
        `no denial of ${agent.exe} as tainted:\n${shown()}`,
      );
    });
  }

  test('the stand-in saw TLS from the agents (with the test CA) for the model hosts', () => {
    for (const host of new Set(AGENTS.map((a) => a.host))) assert.ok(standIn.sni.includes(host), host);
  });
});
