/**
 * The sandbox policy, in NVIDIA OpenShell's YAML format (read unchanged), plus Paddock's `extends`.
 * These are the contract types the gateway, sandbox driver and eval engine build on.
 */

export type L7Protocol = 'tcp' | 'rest' | 'websocket' | 'graphql' | 'sql' | 'mcp' | 'json-rpc';
export type Enforcement = 'enforce' | 'audit';
export type Access = 'read-only' | 'read-write' | 'full';

export interface Endpoint {
  /** Exact name (case-insensitive) or a first-label wildcard: `*.x.com`, `**.x.com`, `*-foo.x.com`. */
  readonly host?: string;
  /** An IP address or CIDR, when the endpoint is not a name. */
  readonly ip?: string;
  /** Allowed ports, from `port` or `ports`. Empty matches no port (as in OpenShell); the parser warns. */
  readonly ports: readonly number[];
  readonly protocol?: L7Protocol;
  readonly tls?: string;
  /**
   * `audit`: a match is allowed and logged as `audit`. When omitted it is `enforce`, except on an
   * endpoint with L7 restrictions, where OpenShell's default `audit` applies.
   * @default 'enforce'
   */
  readonly enforcement: Enforcement;
  /** @default 'full' */
  readonly access: Access;
  readonly rules?: readonly unknown[];
  readonly deny_rules?: readonly unknown[];
  /** IPs / CIDRs that this endpoint may reach even when private, loopback or link-local. */
  readonly allowed_ips: readonly string[];
  /**
   * False when the endpoint carries L7 restrictions Paddock cannot enforce yet (protocols other than REST).
   * Such an endpoint never allows anything (fail closed) and a load-time warning says so.
   */
  readonly enforceable: boolean;
  /** Where it was declared, for messages. */
  readonly line?: number;
  /** OpenShell's `allow_encoded_slash` (only meaningful with L7 inspection). */
  readonly allow_encoded_slash?: boolean;
  /** OpenShell's endpoint `path` scope (`/v1/**`): the endpoint covers only requests under it. */
  readonly path?: string;
  /**
   * The other OpenShell endpoint fields, as written (credential_binding, credential_signing,
   * signing_service, signing_region, *_credential_rewrite, allow_uninspected_credentials,
   * persisted_queries, graphql_persisted_queries, graphql_max_body_bytes, json_rpc, mcp).
   * Carried for `policy show` and round trips; Paddock does not act on them.
   */
  readonly options?: Readonly<Record<string, unknown>>;
  /** Keys of the fail_closed `network_middlewares` that select this endpoint (it then denies). */
  readonly middleware?: readonly string[];
  /** What this endpoint says that Paddock does not enforce, and what it does instead (one line each). */
  readonly notEnforced?: readonly string[];
}

/** One `network_middlewares` entry (OpenShell's supervisor middleware; Paddock runs none). */
export interface Middleware {
  readonly key: string;
  readonly name: string;
  readonly middleware: string;
  /** @default 0 */
  readonly order: number;
  /** @default 'fail_closed' */
  readonly on_error: 'fail_closed' | 'fail_open';
  /** Host patterns the middleware applies to (OpenShell's `endpoints.include` / `exclude`). */
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  readonly config?: Readonly<Record<string, unknown>>;
  readonly line?: number;
}

export interface BinaryRule {
  /** Exact path or glob: `*` within a segment, `**` across segments. */
  readonly path: string;
  readonly line?: number;
}

export interface NetworkPolicy {
  /** The key under `network_policies`. */
  readonly key: string;
  readonly name: string;
  readonly endpoints: readonly Endpoint[];
  readonly binaries: readonly BinaryRule[];
}

export interface FilesystemPolicy {
  /** @default true */
  readonly include_workdir: boolean;
  readonly read_only: readonly string[];
  readonly read_write: readonly string[];
}

export interface ProcessPolicy {
  /** A uid or a user name; uid 0 and `root` are rejected. */
  readonly run_as_user?: string | number;
  readonly run_as_group?: string | number;
  /**
   * Paddock extension: how the gateway learns who made a connection. `connect-time` requires the seccomp
   * notification mechanism (docs/security.md, "Connect-time identity"); a sandbox where it cannot be had fails.
   * Absent: read from /proc after the fact.
   */
  readonly identity?: 'connect-time';
}

export interface Policy {
  readonly version: 1;
  /** The file it came from (or `<inline>`). */
  readonly source: string;
  readonly filesystem_policy: FilesystemPolicy;
  readonly landlock: { readonly compatibility: 'best_effort' | 'hard_requirement' };
  readonly process: ProcessPolicy;
  readonly network_policies: readonly NetworkPolicy[];
  /** OpenShell's `network_middlewares`. Paddock runs no middleware: see `Endpoint.enforceable`. */
  readonly network_middlewares?: readonly Middleware[];
  /** Paddock extension: the base policy this one adds to (a shipped name or a path). */
  readonly extends?: string;
  /** Static sections the file wrote itself (the others are defaults), for `extends` merging. */
  readonly declared?: readonly StaticSection[];
}

export type StaticSection = 'filesystem_policy' | 'landlock' | 'process';

/** Who made a connection. `null` means unknown: it never matches a per-binary rule. */
export interface BinaryIdentity {
  readonly exe: string;
  /** Ancestors' exes, nearest first (parent, grandparent, …). */
  readonly ancestors: readonly string[];
  /**
   * Why code other than the binary's may run in the process or an ancestor (a preload from a writable
   * path, a memfd mapping, a tracer). A tainted identity matches no per-binary rule.
   */
  readonly tainted?: string;
}

export interface Destination {
  /** The name asked for, when known (DNS name, synthetic address mapped back, proxy request). */
  readonly host?: string;
  /** The IP address, when the destination is an address. */
  readonly ip?: string;
  readonly port: number;
}

/** One HTTP request as request rules see it. */
export interface HttpRequest {
  /** Upper case, as sent. */
  readonly method: string;
  /** Canonical: percent-decoded, dot segments resolved, `//` collapsed, no query (see canonicalPath). */
  readonly path: string;
  /** Decoded query values per key, in order. */
  readonly query: Readonly<Record<string, readonly string[]>>;
  /** The raw path had an encoded slash (`%2F`): only endpoints with `allow_encoded_slash` accept it. */
  readonly encodedSlash?: boolean;
}

export interface Decision {
  readonly action: 'allow' | 'deny' | 'audit';
  /** Key of the `network_policies` entry that decided, or null. */
  readonly policy: string | null;
  readonly reason: string;
}
