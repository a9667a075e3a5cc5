import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { errorMessage, isPaddockError, PaddockError } from '../common/errors.js';
import { HEADER_NAME, http } from '../common/http.js';
import type { BinaryBinding } from '../policy/resolve.js';
import type { Policy } from '../policy/types.js';
import { Budget } from './budget.js';
import { redecideCarried } from './carried.js';
import { type Credential, claimAddress, forget, type GatewayContext } from './context.js';
import { cpuDemotion } from './demotion.js';
import type { GatewayPorts } from './fence.js';
import { installFence } from './fence-install.js';
import { type HolderHandle, holdHolder, readIdentity } from './holder.js';
import { AddressPool, addressesOnBridge, bridgeInterface, joinBridge } from './plumbing.js';
import { policyProblems } from './policy-shape.js';
import { addHostsEntry, rewriteResolvConf, sandboxEtc } from './resolvconf.js';
import { type BoundPolicy, bindingWarnings, bindPolicy } from './sandbox-fs.js';
import { SyntheticPool } from './synthetic.js';

export interface ControlOptions {
  readonly ctx: GatewayContext;
  readonly ports: GatewayPorts;
  /** No fence, no attribution. */
  readonly proxyOnly: boolean;
  /**
   * A DNS-over-UDP socket of the sandbox's own, on the bridge IP (its fence sends its port-53 UDP there).
   * @default none: every sandbox shares `ports.dns`
   */
  readonly openDnsUdp?: (sandbox: string) => Promise<{ readonly port: number; close(): void }>;
}

/** What register receives. */
export interface RegisterRequest {
  readonly sandbox: string;
  readonly run?: string | null;
  /** The sandbox's address on the session network; '' with `plumb`. */
  readonly ip: string;
  /**
   * The sandbox has no engine endpoint (network mode `none`): the gateway gives it an address and joins it to
   * the session bridge before fencing it (plumbing.ts). Not with a proxy-only gateway. @default false
   */
  readonly plumb?: boolean;
  readonly pid: number;
  /** The container's id, named in messages about this registration. */
  readonly container?: string | null;
  readonly resolvConfPath: string;
  readonly policy: Policy;
  /** The eval phase its decisions are stamped with from the first one (`setup`). @default none */
  readonly phase?: string;
  /** Secrets and the placeholders the sandbox holds for them (kept in memory only). @default none */
  readonly credentials?: readonly Credential[];
  /**
   * A restart by a process that does not hold the values (the CLI): take the credentials the sandbox was
   * unregistered with (`unregister(…, { keepCredentials: true })`); they never leave the gateway. @default false
   */
  readonly keepCredentials?: boolean;
}

/** What a registration answers: `ip` is the sandbox's address (the one the gateway gave it, with `plumb`). */
export interface RegisterAnswer {
  readonly ok: true;
  readonly fenced: boolean;
  readonly attribution: 'connect-time' | 'procfs';
  readonly ip: string;
}

/** Credentials as registered: well formed, or INPUT_INVALID naming the variable (never a value). */
function checkCredentials(value: unknown): Credential[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new PaddockError('INPUT_INVALID', 'credentials: expected a list');
  return value.map((c: Partial<Credential>, i) => {
    const name = typeof c?.name === 'string' ? c.name : `#${i}`;
    const ok =
      typeof c?.name === 'string' &&
      typeof c.secret === 'string' &&
      c.secret !== '' &&
      typeof c.placeholder === 'string' &&
      c.placeholder.length >= 16 &&
      c.placeholder !== c.secret &&
      Array.isArray(c.hosts) &&
      c.hosts.length > 0 &&
      c.hosts.every((h) => typeof h === 'string' && h !== '') &&
      (c.headers === undefined ||
        (Array.isArray(c.headers) && c.headers.every((h) => typeof h === 'string' && HEADER_NAME.test(h))));
    if (!ok)
      throw new PaddockError(
        'INPUT_INVALID',
        `credential ${name}: expected a name, a secret, a placeholder of 16 characters or more, hosts, and header names (lower case) if any`,
      );
    return {
      name: c.name as string,
      secret: c.secret as string,
      placeholder: c.placeholder as string,
      hosts: [...(c.hosts as string[])],
      ...(c.query === true ? { query: true } : {}),
      ...(c.headers?.length ? { headers: (c.headers as string[]).map((h) => h.toLowerCase()) } : {}),
    };
  });
}

/** What `GET /sandboxes/NAME/policy` answers: the policy in force and what its binary paths resolved to. */
export interface SandboxPolicy {
  readonly sandbox: string;
  /** As registered or last set. */
  readonly policy: Policy;
  readonly bindings: readonly BinaryBinding[];
  readonly warnings: readonly string[];
}

const MAX_BODY = 4 * 1024 * 1024;

async function body(req: IncomingMessage): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new PaddockError('INPUT_INVALID', 'control request body too large');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString();
  try {
    return text ? JSON.parse(text) : {};
  } catch {
    // Rethrown with a code: the request is refused (400), nothing registered.
    throw new PaddockError('INPUT_INVALID', 'control request body is not JSON');
  }
}

function send(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
}

/** A phase name as requests carry it: absent, or a short lower-case word. */
function checkPhase(phase: unknown, what: string): string | undefined {
  if (phase === undefined) return undefined;
  if (typeof phase !== 'string' || !/^[a-z]{1,16}$/.test(phase))
    throw new PaddockError('INPUT_INVALID', `${what}: phase must be a short lower-case word`);
  return phase;
}

function checkPolicy(policy: unknown): Policy {
  const problems = policyProblems(policy);
  if (problems.length > 0)
    throw new PaddockError('POLICY_INVALID', `policy rejected: ${problems.join('; ')}`);
  return policy as Policy;
}

let identityKeys = 0;

/**
 * Take the sandbox's seccomp listener from its init (host pid `pid`) into identd, before the sandbox is told
 * the fence is in. FENCE_FAILED saying why when it cannot: the policy requires connect-time identity.
 */
async function attachIdentity(ctx: GatewayContext, sandbox: string, pid: number): Promise<string> {
  const why = 'process.identity is connect-time, but connect-time identity is unavailable';
  if (!ctx.identity)
    throw new PaddockError('FENCE_FAILED', `sandbox ${sandbox}: ${why}: the gateway has no identity helper`);
  const key = `k${++identityKeys}`;
  const failed = await ctx.identity.attach(key, pid);
  if (failed !== null) {
    ctx.identity.detach(key);
    throw new PaddockError('FENCE_FAILED', `sandbox ${sandbox}: ${why}: ${failed}`);
  }
  ctx.log(`sandbox ${sandbox}: connect-time identity attached (identd key ${key})`);
  return key;
}

/** The control API (HTTP + JSON on a unix socket): health, register/unregister, set policy, events. */
export function controlServer(options: ControlOptions): Server {
  const { ctx } = options;
  /** Credentials of sandboxes unregistered for a restart, until they register again (memory only). */
  const kept = new Map<string, readonly Credential[]>();
  /** Addresses for the sandboxes the gateway joins to its network itself (`plumb`). */
  const addresses = new AddressPool(ctx.bridgeIp);
  /** Resolve the policy's binary paths in the sandbox (not in proxy-only mode, which checks no binaries). */
  const bind = async (policy: Policy, sandbox: string, pid: number): Promise<BoundPolicy> => {
    if (options.proxyOnly) return { policy, bindings: [], warnings: [] };
    const bound = await bindPolicy(policy, pid);
    for (const w of bound.warnings) ctx.log(`sandbox ${sandbox}: warning: ${w}`);
    return bound;
  };
  const routes = async (req: IncomingMessage, url: URL): Promise<[number, unknown]> => {
    const parts = url.pathname
      .split('/')
      .filter(Boolean)
      .map((part) => {
        try {
          return decodeURIComponent(part);
        } catch {
          throw new PaddockError('INPUT_INVALID', `malformed percent-encoding in ${url.pathname}`);
        }
      });
    if (req.method === 'GET' && url.pathname === '/health') {
      return [
        200,
        {
          ok: true,
          pid: process.pid,
          session: ctx.session,
          bridgeIp: ctx.bridgeIp,
          ports: options.ports,
          enforcement: options.proxyOnly ? 'proxy-only' : ctx.audit ? 'audit' : 'enforce',
          sandboxes: [...ctx.sandboxes.keys()],
        },
      ];
    }
    if (req.method === 'GET' && url.pathname === '/events') {
      const sandbox = url.searchParams.get('sandbox') ?? undefined;
      return [200, await ctx.events.query(sandbox === undefined ? {} : { sandbox })];
    }
    if (req.method === 'POST' && url.pathname === '/sandboxes') {
      const r = (await body(req)) as RegisterRequest;
      if (typeof r.sandbox !== 'string' || typeof r.ip !== 'string' || !Number.isInteger(r.pid)) {
        throw new PaddockError('INPUT_INVALID', 'register needs sandbox, ip and pid');
      }
      const plumb = r.plumb === true;
      if (plumb && options.proxyOnly) {
        throw new PaddockError(
          'INPUT_INVALID',
          'a proxy-only gateway does not join sandboxes to its network',
        );
      }
      const policy = checkPolicy(r.policy);
      const phase = checkPhase(r.phase, 'register');
      const given = checkCredentials(r.credentials);
      const credentials =
        given.length === 0 && r.keepCredentials === true ? [...(kept.get(r.sandbox) ?? [])] : given;
      let netns = '';
      let started: string | null = null;
      let dnsUdp: { readonly port: number; close(): void } | undefined;
      let held: HolderHandle | null = null;
      let identityKey: string | undefined;
      let bound: BoundPolicy;
      let ip = r.ip;
      try {
        if (!options.proxyOnly) {
          // Who this registration is (holder pid, start time, netns), read before the fence goes in.
          const holder = readIdentity(r.pid, true);
          if (!holder) throw new PaddockError('FENCE_FAILED', `sandbox ${r.sandbox}: pid ${r.pid} is gone`);
          ({ netns, started } = holder);
          held = holdHolder(r.pid, holder.started);
          if (!held) throw new PaddockError('FENCE_FAILED', `sandbox ${r.sandbox}: pid ${r.pid} is gone`);
          dnsUdp = await options.openDnsUdp?.(r.sandbox);
          const ports = dnsUdp ? { ...options.ports, dnsUdp: dnsUdp.port } : options.ports;
          if (plumb) {
            const bridge = await bridgeInterface(ctx.bridgeIp);
            const used = [...ctx.sandboxes.values()].map((e) => e.ip);
            ip = addresses.take(new Set([...used, ...(await addressesOnBridge(bridge, ctx.bridgeIp))]));
            await joinBridge(r.pid, ip, bridge);
          }
          await installFence({ pid: r.pid, bridgeIp: ctx.bridgeIp, sandboxIp: ip, ports, plumbed: plumb });
          const etc = await sandboxEtc(r.resolvConfPath, r.pid);
          await rewriteResolvConf(etc, r.pid, ctx.bridgeIp);
          if (plumb) await addHostsEntry(etc, r.pid, ip);
          if (policy.process.identity === 'connect-time')
            identityKey = await attachIdentity(ctx, r.sandbox, r.pid);
        }
        bound = await bind(policy, r.sandbox, r.pid);
      } catch (error) {
        dnsUdp?.close(); // nothing is registered: nothing may stay held for it
        held?.close();
        if (identityKey) ctx.identity?.detach(identityKey);
        if (plumb && ip) addresses.settle(ip);
        throw error;
      }
      forget(ctx, r.sandbox); // a registration it replaces (a restart) frees what it held
      kept.delete(r.sandbox);
      // Over budget, its processes get less CPU (demotion.ts); proxy-only mode has no holder to find it by.
      const demotion = options.proxyOnly ? null : cpuDemotion(r.pid, r.sandbox, ctx.log);
      claimAddress(ctx, r.sandbox, ip);
      ctx.sandboxes.set(r.sandbox, {
        name: r.sandbox,
        run: r.run ?? null,
        ip,
        pid: r.pid,
        netns,
        started,
        container: typeof r.container === 'string' ? r.container : null,
        policy: bound.policy,
        written: policy,
        bindings: bound.bindings,
        pool: new SyntheticPool(),
        budget: new Budget({}, demotion ? (kind) => demotion.over(`over its ${kind} budget`) : undefined),
        ...(demotion ? { cgroup: demotion.cgroup.dir } : {}),
        ...(phase ? { phase } : {}),
        ...(credentials.length > 0 ? { credentials } : {}),
        ...(held ? { holder: held } : {}),
        attribution: identityKey ? 'connect-time' : 'procfs',
        ...(identityKey ? { identityKey } : {}),
        release: () => {
          demotion?.restore();
          dnsUdp?.close();
          held?.close();
          if (identityKey) ctx.identity?.detach(identityKey);
        },
      });
      const names =
        credentials.length > 0 ? `; credentials ${credentials.map((c) => c.name).join(', ')}` : '';
      ctx.log(
        `registered sandbox ${r.sandbox} ip ${ip} pid ${r.pid}${options.proxyOnly ? ' (proxy-only: no fence)' : ' (fenced)'}${names}`,
      );
      if (plumb) addresses.settle(ip); // in ctx.sandboxes now, so taken until it is forgotten
      const answer: RegisterAnswer = {
        ok: true,
        fenced: !options.proxyOnly,
        attribution: identityKey ? 'connect-time' : 'procfs',
        ip,
      };
      return [201, answer];
    }
    if (parts[0] === 'sandboxes' && parts[1] && parts[2] === 'policy' && req.method === 'GET') {
      const entry = ctx.sandboxes.get(parts[1]);
      if (!entry)
        throw new PaddockError('SANDBOX_NOT_FOUND', `no sandbox ${parts[1]} is registered with the gateway`);
      const shown: SandboxPolicy = {
        sandbox: entry.name,
        policy: entry.written ?? entry.policy,
        bindings: entry.bindings ?? [],
        warnings: bindingWarnings(entry.bindings ?? []),
      };
      return [200, shown];
    }
    if (parts[0] === 'sandboxes' && parts[1] && parts.length === 2 && req.method === 'DELETE') {
      const credentials = ctx.sandboxes.get(parts[1])?.credentials;
      const existed = forget(ctx, parts[1]);
      if (url.searchParams.get('keep-credentials') === '1' && credentials?.length)
        kept.set(parts[1], credentials);
      else kept.delete(parts[1]);
      return [200, { ok: true, existed }];
    }
    if (parts[0] === 'sandboxes' && parts[1] && parts[2] === 'policy' && req.method === 'PUT') {
      const entry = ctx.sandboxes.get(parts[1]);
      if (!entry)
        throw new PaddockError('SANDBOX_NOT_FOUND', `no sandbox ${parts[1]} is registered with the gateway`);
      const request = (await body(req)) as { policy?: unknown; phase?: unknown };
      const next = checkPolicy(request.policy);
      const phase = checkPhase(request.phase, 'set-policy');
      const changed = ctx.rules.staticChanges(entry.policy, next);
      if (changed.length > 0) {
        throw new PaddockError(
          'POLICY_INVALID',
          `set-policy hot-reloads network_policies only; ${changed.join(', ')} changed (recreate the sandbox for those)`,
        );
      }
      const bound = await bind(next, entry.name, entry.pid);
      entry.policy = bound.policy;
      entry.written = next;
      entry.bindings = bound.bindings;
      if (phase !== undefined) entry.phase = phase;
      // Spliced connections and joined WebSockets are not read: those the new policy refuses are closed now.
      const cut = redecideCarried(entry);
      ctx.log(
        `policy of sandbox ${entry.name} reloaded (${next.network_policies.length} network policies${phase ? `, phase ${phase}` : ''}${cut > 0 ? `; ${cut} open connections closed` : ''})`,
      );
      return [200, { ok: true }];
    }
    return [404, { error: { code: 'INPUT_INVALID', message: `no route ${req.method} ${url.pathname}` } }];
  };
  return http.createServer((req, res) => {
    // URL.parse, not new URL: a request target Node's parser takes but the URL parser refuses (`http://[`)
    // threw here, outside the route's promise: an uncaught exception that ended the daemon (control.test.ts).
    const url = URL.parse(req.url ?? '/', 'http://gateway');
    (url ? routes(req, url) : Promise.reject(new PaddockError('INPUT_INVALID', 'malformed request target')))
      .then(([status, value]) => send(res, status, value))
      .catch((error: unknown) => {
        const code = isPaddockError(error) ? error.code : 'INTERNAL';
        const status =
          code === 'SANDBOX_NOT_FOUND' ? 404 : code === 'FENCE_FAILED' || code === 'INTERNAL' ? 500 : 400;
        ctx.log(`control: ${req.method} ${req.url}: ${errorMessage(error)}`);
        send(res, status, { error: { code, message: errorMessage(error) } });
      });
  });
}
