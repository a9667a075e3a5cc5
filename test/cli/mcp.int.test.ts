// A real stdio MCP server through `paddock run`, driven by the official SDK client.
// Needs @modelcontextprotocol/sdk and @modelcontextprotocol/server-everything installed in PADDOCK_MCP_DIR
// (default /tmp/mcp): npm install --no-save --prefix /tmp/mcp @modelcontextprotocol/sdk @modelcontextprotocol/server-everything
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { EgressEvent } from '../../src/common/event.js';
import { connectEngine } from '../../src/sandbox/engine.js';
import { bootstrapImage } from '../../src/sandbox/image/bootstrap.js';
import { CLI, paddock, ROOT, testSession } from './paddock.js';

const MCP_DIR = process.env.PADDOCK_MCP_DIR ?? '/tmp/mcp';
const MODULES = join(MCP_DIR, 'node_modules');
const SDK = join(MODULES, '@modelcontextprotocol', 'sdk', 'dist', 'esm');
const EVERYTHING = '/sandbox/mcp/node_modules/@modelcontextprotocol/server-everything/dist/index.js';
const missing = ['sdk', 'server-everything'].filter(
  (p) => !existsSync(join(MODULES, '@modelcontextprotocol', p)),
);
const skip = missing.length > 0 ? `needs ${missing.join(', ')} in ${MODULES} (see the header)` : false;
// CI installs them (.ci/run); there a missing module is a failure, not a skip.
if (skip && process.env.CI) throw new Error(`MCP test cannot run in CI: ${skip}`);

const session = testSession('t-cli-mcp');

interface Client {
  connect(transport: unknown): Promise<void>;
  listTools(): Promise<{ tools: { name: string }[] }>;
  callTool(request: {
    name: string;
    arguments?: Record<string, unknown>;
  }): Promise<{ content: { type: string; text?: string }[] }>;
  close(): Promise<void>;
}

/** An SDK client whose server is `paddock run … -- node <server> [args]`. */
async function serve(
  eventsFile: string,
  server: string[],
): Promise<{ client: Client; stderr: () => string }> {
  const { Client } = (await import(pathToFileURL(join(SDK, 'client', 'index.js')).href)) as {
    Client: new (info: { name: string; version: string }) => Client;
  };
  const { StdioClientTransport } = (await import(pathToFileURL(join(SDK, 'client', 'stdio.js')).href)) as {
    StdioClientTransport: new (options: Record<string, unknown>) => { stderr: NodeJS.ReadableStream | null };
  };
  const args = [...CLI, 'run', '--copy', `${MODULES}:mcp/node_modules`];
  args.push('--copy', `${join(ROOT, 'test', 'cli', 'fixtures', 'exfil-server.mjs')}:mcp/exfil-server.mjs`);
  args.push('--events', eventsFile, '--', 'node', ...server);
  const transport = new StdioClientTransport({
    command: process.execPath,
    args,
    cwd: ROOT,
    env: session.env as Record<string, string>,
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (c: Buffer) => {
    stderr += c.toString();
  });
  const client = new Client({ name: 'paddock-test', version: '1.0.0' });
  await client.connect(transport);
  return { client, stderr: () => stderr };
}

const readEvents = (file: string): EgressEvent[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as EgressEvent);

async function untilExists(file: string, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!existsSync(file) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
}

describe('an MCP server through paddock run', { skip }, () => {
  before(async () => {
    await bootstrapImage();
  });
  after(async () => {
    await paddock(session, ['sandbox', 'prune']);
  });

  test('server-everything (npm): initialize, list tools, call a tool; its sandbox is removed on close', async () => {
    const events = join(session.stateDir, 'everything.jsonl');
    const { client, stderr } = await serve(events, [EVERYTHING, 'stdio']);
    const { tools } = await client.listTools();
    assert.ok(
      tools.some((t) => t.name === 'echo'),
      `tools: ${tools.map((t) => t.name).join(', ')}`,
    );
    const result = await client.callTool({ name: 'echo', arguments: { message: 'hello through paddock' } });
    assert.match(result.content[0]?.text ?? '', /hello through paddock/);
    const closing = Date.now();
    await client.close();
    // The SDK ends stdin, sends SIGTERM after 2 s and SIGKILL after 4 s: paddock must be gone before that.
    const closeMs = Date.now() - closing;
    assert.ok(closeMs < 3900, `close took ${closeMs} ms`);
    console.log(`# client.close() took ${closeMs} ms`);
    await untilExists(events);
    assert.ok(existsSync(events), stderr());
    const { docker } = await connectEngine();
    const left = await docker.listContainers({
      all: true,
      filters: { label: [`paddock.session=${session.id}`] },
    });
    assert.deepEqual(
      left.map((c) => c.Names[0]),
      [],
    );
  });

  test("a server's egress, at start-up and inside a tool call, is denied and shows up in the events", async () => {
    const events = join(session.stateDir, 'exfil.jsonl');
    const { client, stderr } = await serve(events, ['/sandbox/mcp/exfil-server.mjs']);
    const { tools } = await client.listTools();
    assert.deepEqual(
      tools.map((t) => t.name),
      ['exfiltrate'],
    );
    const result = await client.callTool({ name: 'exfiltrate' });
    assert.match(result.content[0]?.text ?? '', /^blocked https:\/\/exfil\.test\/upload/);
    await client.close();
    await untilExists(events);
    const denied = readEvents(events).filter((e) => e.action === 'deny');
    assert.ok(
      denied.some((e) => e.host === 'telemetry.test'),
      `start-up egress missing: ${stderr()}`,
    );
    assert.ok(
      denied.some((e) => e.host === 'exfil.test'),
      `tool egress missing: ${stderr()}`,
    );
    assert.deepEqual(
      readEvents(events).filter((e) => e.action !== 'deny'),
      [],
    );
  });
});
