import assert from 'node:assert/strict';
import { readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { EgressEvent } from '../../src/common/event.js';
import { runEval } from '../../src/eval/index.js';
import { writeReports } from '../../src/report/write.js';
import { bootstrapImage } from '../../src/sandbox/image/bootstrap.js';
import { leftovers, sessionId, specDir } from './e2e.js';

// `gateway.enforcement: proxy-only` is the user's opt-in to weaker enforcement: no fence, no attribution, so no
// per-binary rules. What it still does: the explicit proxy decides by destination and logs; reports say so.
let server: Server;
let port = 0;
const dirs: string[] = [];
before(async () => {
  await bootstrapImage();
  server = createServer((_req, res) => res.end('hello from api.test\n'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
after(async () => {
  server.close();
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

test('proxy-only: the proxy allows by destination (binaries unchecked) and denies the rest; results and summary say proxy-only', async () => {
  const cases = `case "$CASE" in
  proxied) curl -sf -m 5 http://api.test:${port}/ ;;
  denied) curl -s -m 5 -o /dev/null -w '%{http_code}' http://evil.test/ ;;
  direct) curl -s -m 3 --noproxy '*' http://198.51.100.1/ && echo REACHED ;;
esac; exit 0`;
  const { dir, spec } = await specDir({
    'paddock.yml': [
      'version: 1',
      'matrix: { case: [proxied, denied, direct] }',
      'run: sh cases.sh',
      'files: [cases.sh]',
      'timeout: 30s',
      'expect: { egress: allow-denials }',
      `gateway: { enforcement: proxy-only, hosts: { api.test: 127.0.0.1 } }`,
      'policy:',
      '  version: 1',
      '  network_policies:',
      '    api:',
      `      endpoints: [{ host: api.test, port: ${port} }]`,
      // Only wget is listed: under proxy-only no binary is checked, so curl is allowed too (the documented cost).
      '      binaries: [{ path: /usr/bin/wget }]',
    ].join('\n'),
    'cases.sh': cases,
  });
  dirs.push(dir);
  const session = sessionId();
  const resultsDir = join(dir, 'results');
  const results = await runEval({ spec, resultsDir, sessionId: session });
  assert.equal(results.enforcement, 'proxy-only');
  const out = async (id: string) => readFile(join(resultsDir, 'runs', id, 'stdout.log'), 'utf8');
  assert.equal(await out('proxied'), 'hello from api.test\n');
  assert.equal(await out('denied'), '403');
  assert.doesNotMatch(
    await out('direct'),
    /REACHED/,
    'nothing outside the proxy leaves the internal network',
  );
  const events = (await readFile(join(resultsDir, 'egress.jsonl'), 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as EgressEvent);
  const allowed = events.find((e) => e.run === 'proxied' && e.host === 'api.test');
  assert.equal(allowed?.action, 'allow', JSON.stringify(events));
  assert.equal(allowed?.binary, null, 'proxy-only attributes no binary');
  const denied = events.find((e) => e.run === 'denied' && e.host === 'evil.test');
  assert.equal(denied?.action, 'deny', JSON.stringify(events));
  const { summary } = await writeReports(resultsDir, results, events, null);
  assert.match(summary, /Enforcement was \*\*proxy-only\*\*/);
  assert.deepEqual(await leftovers(session), { containers: 0, networks: 0, volumes: 0, gateways: 0 });
});
