import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { EgressEvent } from '../../src/common/event.js';
import { bootstrapImage } from '../../src/sandbox/image/bootstrap.js';
import type { SandboxInfo } from '../../src/sandbox/types.js';
import { type GatewaySession, openGatewaySession, policyOf, pyDns } from './fixture.js';

const POLICY = (port: number) => `
version: 1
network_policies:
  curl_api:
    name: curl-api
    endpoints:
      - { host: api.allowed.test, port: ${port} }
      - { host: "*.wild.test", port: 443 }
    binaries:
      - path: /usr/bin/curl
  shell_tools:
    name: shell-tools
    endpoints:
      - { host: sh.allowed.test, port: ${port} }
    binaries:
      - path: /usr/bin/busybox
`;

const RELOADED = (port: number) => `${POLICY(port)}
  reload:
    name: reload
    endpoints:
      - { host: reload.test, port: ${port} }
    binaries:
      - path: /usr/bin/curl
`;

describe('gateway (fenced sandbox, loopback upstreams)', () => {
  let gw: GatewaySession;
  let box: SandboxInfo;
  const url = (host: string) => `http://${host}:${gw.upstreamPort}/`;
  const eventsFor = async (pred: (e: EgressEvent) => boolean) =>
    (await gw.client.events({ sandbox: box.name })).filter(pred);

  before(async () => {
    await bootstrapImage();
    gw = await openGatewaySession(['api.allowed.test', 'sh.allowed.test', 'reload.test']);
    box = await gw.sandbox('main', policyOf(POLICY(gw.upstreamPort)));
  });
  after(async () => {
    await gw?.close();
  });

  test('curl reaches an allowed name transparently (no proxy env) and is logged as /usr/bin/curl', async () => {
    const r = await gw.exec(box, `curl -s -m 5 --noproxy '*' ${url('api.allowed.test')}`);
    assert.equal(r.out.trim(), 'hello from upstream');
    const allows = await eventsFor(
      (e) => e.action === 'allow' && e.layer === 'connect' && e.host === 'api.allowed.test',
    );
    assert.equal(allows[0]?.binary, '/usr/bin/curl');
    assert.match(allows[0]?.cmdline ?? '', /curl -s/);
  });

  test('the sandbox has socket hashes of its own: its /proc/net/tcp and udp walk only its sockets', async (t) => {
    if (!existsSync('/proc/sys/net/ipv4/tcp_child_ehash_entries')) {
      t.skip('this kernel has no per-namespace socket hashes (Linux 6.1+)');
      return;
    }
    // Negative: the namespace shares the host's hash (its size, negated); positive: a hash of its own.
    const r = await gw.exec(
      box,
      'cat /proc/sys/net/ipv4/tcp_ehash_entries /proc/sys/net/ipv4/udp_hash_entries',
    );
    const [tcp, udp] = r.out.trim().split('\n').map(Number);
    assert.ok((tcp ?? 0) > 0, `tcp_ehash_entries ${tcp}`);
    assert.ok((udp ?? 0) > 0, `udp_hash_entries ${udp}`);
  });

  test('closed connections leave no TIME_WAIT rows in the sandbox socket table /proc attribution reads', async () => {
    // 20 connections the client closes first (curl): each would stay 60 s in TIME_WAIT (state 06).
    const r = await gw.exec(
      box,
      `for i in $(seq 20); do curl -s -m 5 --noproxy '*' ${url('api.allowed.test')} >/dev/null; done; ` +
        'awk \'NR > 1 && $4 == "06"\' /proc/net/tcp | wc -l; cat /proc/sys/net/ipv4/tcp_max_tw_buckets',
    );
    assert.deepEqual(r.out.trim().split('\n'), ['0', '0'], r.out);
  });

  test('curl reaches an allowed name through the explicit proxy, forward and CONNECT', async () => {
    const fwd = await gw.exec(box, `curl -s -m 5 ${url('api.allowed.test')}`);
    assert.equal(fwd.out.trim(), 'hello from upstream');
    const tunnel = await gw.exec(box, `curl -s -m 5 --proxytunnel ${url('api.allowed.test')}`);
    assert.equal(tunnel.out.trim(), 'hello from upstream');
    const http = await eventsFor((e) => e.action === 'allow' && e.layer === 'http');
    assert.equal(http[0]?.binary, '/usr/bin/curl');
  });

  test('the same host is denied for wget in the same sandbox, and the proxy answers 403 JSON', async () => {
    const direct = await gw.exec(
      box,
      `wget -q -t 1 -T 5 -O- --no-proxy ${url('api.allowed.test')}; echo rc=$?`,
    );
    assert.doesNotMatch(direct.out, /hello from upstream/);
    const denied = await eventsFor(
      (e) => e.action === 'deny' && e.binary === '/usr/bin/wget' && e.host === 'api.allowed.test',
    );
    assert.ok(denied.length > 0, 'deny event for wget');
    const viaProxy = await gw.exec(box, `wget -S -t 1 -T 5 -O- ${url('api.allowed.test')} 2>&1; true`);
    assert.match(viaProxy.out, /403/);
  });

  test('an ancestor rule allows wget run from sh (busybox)', async () => {
    const r = await gw.exec(box, `sh -c 'wget -q -t 1 -T 5 -O- --no-proxy ${url('sh.allowed.test')}; true'`);
    const seen = await eventsFor((e) => e.host === 'sh.allowed.test');
    assert.equal(r.out.trim(), 'hello from upstream', JSON.stringify(seen));
    const allows = await eventsFor((e) => e.action === 'allow' && e.host === 'sh.allowed.test');
    assert.ok(allows[0]?.ancestors.includes('/usr/bin/busybox'));
  });

  test('denied and logged, nothing leaves', async (t) => {
    const cases: [string, string, (e: EgressEvent) => boolean][] = [
      [
        'TEST-NET IP',
        `curl -s -m 3 --noproxy '*' http://192.0.2.10/`,
        (e) => e.ip === '192.0.2.10' && e.layer === 'connect',
      ],
      [
        'unknown name',
        `curl -s -m 3 --noproxy '*' http://unknown.test/`,
        (e) => e.host === 'unknown.test' && e.layer === 'dns',
      ],
      [
        'resolver 203.0.113.53 over UDP',
        pyDns('evil-udp.test', '203.0.113.53', 1, false),
        (e) => e.host === 'evil-udp.test' && e.protocol === 'udp',
      ],
      [
        'resolver 203.0.113.53 over TCP',
        pyDns('evil-tcp.test', '203.0.113.53', 1, true),
        (e) => e.host === 'evil-tcp.test' && e.protocol === 'tcp',
      ],
      [
        'TXT query',
        pyDns('api.allowed.test', gw.bridgeIp, 16, false),
        (e) => e.layer === 'dns' && /TXT/.test(e.reason),
      ],
      [
        // The socket stays open a moment: the destination is read from its row in /proc/<pid>/net/udp.
        'UDP to TEST-NET',
        `python3 -c "import socket,time; s=socket.socket(2,2); s.connect(('198.51.100.9', 9999)); s.send(b'x'); time.sleep(0.5)"`,
        (e) => e.layer === 'udp' && e.ip === '198.51.100.9',
      ],
      [
        // Closed at once: the datagram is still dropped and logged, without a destination.
        'UDP from a socket closed at once',
        `python3 -c "import socket; s=socket.socket(2,2); s.connect(('198.51.100.10', 9998)); s.send(b'y')"`,
        (e) => e.layer === 'udp' && (e.ip === '198.51.100.10' || e.ip === null),
      ],
      [
        'the host bridge IP',
        `curl -s -m 3 --noproxy '*' http://${gw.bridgeIp}:${gw.hostPort}/`,
        (e) => e.ip === gw.bridgeIp && e.port === gw.hostPort,
      ],
      [
        'cloud metadata',
        `curl -s -m 3 --noproxy '*' http://169.254.169.254/`,
        (e) => e.ip === '169.254.169.254',
      ],
      [
        'embedded resolver 127.0.0.11',
        pyDns('evil-embedded.test', '127.0.0.11', 1, false),
        (e) => e.host === 'evil-embedded.test',
      ],
    ];
    for (const [name, command, match] of cases) {
      await t.test(name, async () => {
        const r = await gw.exec(box, command);
        assert.doesNotMatch(r.out, /hello|host service|rcode 0 answers [1-9]/);
        const events = await eventsFor((e) => e.action === 'deny' && match(e));
        assert.ok(events.length > 0, `deny event for ${name}; output: ${r.out}`);
      });
    }
    assert.equal(gw.hostHits, 0);
  });

  test('labels under an allowed wildcard get synthetic answers without any upstream query', async () => {
    const r = await gw.exec(box, pyDns('c2VjcmV0LWRhdGE.wild.test', gw.bridgeIp, 1, false));
    assert.match(r.out, /rcode 0 answers 1/);
    assert.deepEqual(gw.upstreamDnsQueries, []);
  });

  test('hot reload: a denied host becomes allowed; a filesystem change is rejected', async () => {
    const before = await gw.exec(box, `curl -s -m 3 --noproxy '*' ${url('reload.test')}; echo rc=$?`);
    assert.doesNotMatch(before.out, /hello/);
    await gw.client.setPolicy(box.name, policyOf(RELOADED(gw.upstreamPort)));
    const after = await gw.exec(box, `curl -s -m 5 --noproxy '*' ${url('reload.test')}`);
    assert.equal(after.out.trim(), 'hello from upstream');
    const fsChange = policyOf(`${RELOADED(gw.upstreamPort)}\nfilesystem_policy:\n  read_write: [/data]\n`);
    await assert.rejects(gw.client.setPolicy(box.name, fsChange), { code: 'POLICY_INVALID' });
  });

  test('with the gateway killed, the sandbox reaches nothing (fail closed)', async () => {
    process.kill(gw.gateway.pid, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 200));
    const r = await gw.exec(
      box,
      `curl -s -m 3 --noproxy '*' ${url('api.allowed.test')}; curl -s -m 3 --noproxy '*' http://127.0.0.1:${gw.upstreamPort}/; curl -s -m 3 http://${gw.bridgeIp}:${gw.hostPort}/; echo done`,
    );
    assert.doesNotMatch(r.out, /hello|host service/);
    assert.equal(gw.hostHits, 0);
  });
});
