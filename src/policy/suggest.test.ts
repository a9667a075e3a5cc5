import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { parseEvents } from '../common/event.js';
import { decide } from './decide.js';
import { loadPolicy } from './load.js';
import { parsePolicy } from './parse.js';
import { suggestPolicy } from './suggest.js';
import type { Policy } from './types.js';

const { events } = parseEvents(
  readFileSync(new URL('../../test/policy/fixtures/events.jsonl', import.meta.url), 'utf8'),
);

const EXPECTED = [
  { binary: '/usr/bin/curl', host: 'api.example.test', port: 443 },
  { binary: '/usr/bin/curl', host: 'api.example.test', port: 8443 },
  { binary: '/usr/bin/curl', host: 'evil.test', port: 443 },
  { binary: '/usr/bin/node', host: 'registry.npmjs.org', port: 443 },
  { binary: '/usr/bin/psql', host: '10.0.0.5', port: 5432 },
  { binary: '/usr/bin/python3.11', host: 'pypi.org', port: 443 },
];

/** Every (binary, host, port) combination from the events, plus strangers: the universe to check. */
function universe(): { binary: string; host: string; port: number }[] {
  const binaries = [
    ...new Set([...events.map((e) => e.binary).filter((b): b is string => b !== null), '/usr/bin/wget']),
  ];
  const hosts = [
    ...new Set([
      ...events.flatMap((e) => [e.host?.toLowerCase(), e.ip]).filter((h): h is string => !!h),
      'other.test',
      'x.evil.test',
    ]),
  ];
  const ports = [...new Set([...events.map((e) => e.port).filter((p): p is number => p !== null), 80])];
  return binaries.flatMap((binary) => hosts.flatMap((host) => ports.map((port) => ({ binary, host, port }))));
}

function allows(policy: Policy, t: { binary: string; host: string; port: number }): boolean {
  const dest = /^[\d.]+$/.test(t.host) ? { ip: t.host, port: t.port } : { host: t.host, port: t.port };
  return decide(policy, { exe: t.binary, ancestors: [] }, dest).action === 'allow';
}

describe('suggestPolicy', () => {
  test('suggests exactly the denied and audited triples, sorted, one entry per binary', () => {
    const s = suggestPolicy(events);
    assert.deepEqual(s.triples, EXPECTED);
    assert.deepEqual(
      s.policy.network_policies.map((e) => [e.key, e.binaries.map((b) => b.path)]),
      [
        ['allow_curl', ['/usr/bin/curl']],
        ['allow_node', ['/usr/bin/node']],
        ['allow_psql', ['/usr/bin/psql']],
        ['allow_python3_11', ['/usr/bin/python3.11']],
      ],
    );
  });

  test('fed back to decide, the suggestion allows exactly the suggested triples and nothing else', () => {
    const s = suggestPolicy(events);
    const again = parsePolicy(s.yaml, 'suggested.yaml').policy;
    const key = (t: { binary: string; host: string; port: number }) => `${t.binary} ${t.host} ${t.port}`;
    const wanted = new Set(s.triples.map(key));
    let checked = 0;
    for (const t of universe()) {
      assert.equal(allows(again, t), wanted.has(key(t)), key(t));
      assert.equal(allows(s.policy, t), wanted.has(key(t)), key(t));
      checked++;
    }
    assert.ok(checked > 100, `checked ${checked} combinations`);
    assert.equal(decide(again, null, { host: 'evil.test', port: 443 }).action, 'deny');
  });

  test('events without a binary, DNS-only and UDP events are listed in comments, never allowed', () => {
    const { yaml, policy } = suggestPolicy(events);
    assert.match(yaml, /^# Not allowed: the binary was unknown.*\n#\s+mystery\.test:443 \(1 denied\)$/m);
    assert.match(yaml, /#\s+unknown -> leak\.test: udp/);
    assert.match(yaml, /#\s+\/usr\/sbin\/ntpd -> 192\.0\.2\.1:123: udp/);
    assert.doesNotMatch(yaml, /path: "?\*/);
    assert.equal(
      decide(policy, { exe: '/usr/bin/curl', ancestors: [] }, { host: 'mystery.test', port: 443 }).action,
      'deny',
    );
  });

  test('names an agent chose (a raw DNS label, a binary path) stay inert text in the comments', () => {
    // suggested-policy.yaml and `policy suggest`'s output reach terminals (`cat`) and CI logs, where a raw escape
    // drives the terminal and `##[cmd]` anywhere in a line is a GitHub workflow command.
    const base = events.find((e) => e.action === 'deny' && e.binary !== null && e.port !== null)!;
    const hostile = [
      {
        ...base,
        layer: 'dns' as const,
        protocol: 'udp' as const,
        port: null,
        host: 'x\u001b]52;c;eA==\u0007##[stop-commands]t.evil.test',
      },
      { ...base, binary: '/sandbox/a\u001b[2Jb', host: 'ok.test', port: 443 },
      { ...base, binary: null, host: 'y\u001b[31m.test', port: 443 },
      { ...base, binary: '/sandbox/##[stop-commands]x', host: 'ok.test', port: 443 },
    ];
    const { yaml, policy } = suggestPolicy(hostile);
    assert.doesNotMatch(yaml, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/, JSON.stringify(yaml));
    assert.equal(yaml.includes('##['), false, yaml);
    assert.match(yaml, /x\\x1b\]52;c;eA==\\x07##\\x5bstop-commands\]t\.evil\.test/);
    // A value keeps its meaning: YAML reads `\x5b` in a double-quoted scalar as `[`.
    const binaries = policy.network_policies.flatMap((p) => p.binaries.map((b) => b.path));
    assert.ok(binaries.includes('/sandbox/##[stop-commands]x'), JSON.stringify(binaries));
  });

  test('counts appear as comments and the output is deterministic', () => {
    const a = suggestPolicy(events).yaml;
    const b = suggestPolicy([...events].reverse()).yaml;
    assert.equal(a, b);
    assert.match(a, /# \/usr\/bin\/curl: 4 events/);
    assert.match(a, /# evil\.test 443: 2 denied/);
    assert.match(a, /# api\.example\.test 443: 1 audited, 8443: 1 denied/);
    assert.match(a, /from 9 denied and 1 audited events/);
  });

  test('with a base, only adds what the base does not already allow, and extends it', async () => {
    const base = (await loadPolicy('default')).policy;
    const s = suggestPolicy(events, base, { extends: 'default' });
    assert.ok(
      !s.triples.some((t) => t.host === 'registry.npmjs.org'),
      'node -> npm is allowed by default already',
    );
    assert.ok(
      !s.triples.some((t) => t.host === 'pypi.org'),
      'python3.11 -> pypi is allowed by default already',
    );
    assert.equal(s.triples.length, EXPECTED.length - 2);
    assert.match(s.yaml, /^extends: default$/m);
    assert.match(s.yaml, /2 events were already allowed there/);
    assert.equal(
      decide(s.policy, { exe: '/usr/bin/curl', ancestors: [] }, { host: 'evil.test', port: 443 }).action,
      'allow',
    );
    assert.equal(
      decide(s.policy, { exe: '/usr/bin/node', ancestors: [] }, { host: 'registry.npmjs.org', port: 443 })
        .action,
      'allow',
    );
    assert.ok(s.policy.network_policies.some((e) => e.key === 'claude_code'));
  });

  test('no events: an empty, valid policy', () => {
    const s = suggestPolicy([]);
    assert.deepEqual(s.triples, []);
    assert.deepEqual(parsePolicy(s.yaml, 'x.yaml').policy.network_policies, []);
  });
});
