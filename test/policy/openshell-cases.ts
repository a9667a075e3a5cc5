/**
 * OpenShell v0.0.111's own policy validation and decision tests, translated into rows (our own
 * words and data). Each row names the OpenShell test it comes from as `file::test`; a row with
 * `divergence` pins where Paddock decides differently on purpose, and says why (docs/policy.md).
 */

/** What one row checks. */
export type Check =
  /** The policy loads (optionally with a warning matching `warn`). */
  | { readonly valid: true; readonly warn?: RegExp }
  /** The policy is rejected; one problem matches `error`. */
  | { readonly error: RegExp }
  /** A connection is decided: binary path (and ancestors), host and/or IP, port. */
  | {
      readonly decide: {
        readonly exe: string | null;
        readonly ancestors?: readonly string[];
        readonly host?: string;
        readonly ip?: string;
        readonly port: number;
      };
      readonly action: 'allow' | 'deny' | 'audit';
      readonly reason?: RegExp;
    }
  /** An address is internal (OpenShell `is_internal_ip`) / always blocked (`is_always_blocked_ip`). */
  | { readonly ip: string; readonly internal: boolean; readonly alwaysBlocked: boolean }
  /** A CIDR overlaps always-blocked space (`is_always_blocked_net`). */
  | { readonly cidr: string; readonly overlapsBlocked: boolean }
  /** A host pattern matches a name (Rego `glob.match` with `.`). */
  | { readonly hostPattern: string; readonly name: string; readonly match: boolean }
  /** A binary rule matches an executable path. */
  | { readonly binaryPattern: string; readonly path: string; readonly match: boolean };

export type Case = Check & {
  /** `file::test` in NVIDIA/OpenShell at v0.0.111. */
  readonly from: string;
  /** The policy YAML (for valid/error/decide rows). */
  readonly policy?: string;
  /** Where Paddock differs on purpose, and why. The row asserts Paddock's behaviour. */
  readonly divergence?: string;
};

const LIB = 'crates/openshell-policy/src/lib.rs';
const L7V = 'crates/openshell-policy/src/l7_validate.rs';
const AMB = 'crates/openshell-policy/src/ambiguity.rs';
const L7 = 'crates/openshell-supervisor-network/src/l7/mod.rs';
const OPA = 'crates/openshell-supervisor-network/src/opa.rs';
const NET = 'crates/openshell-core/src/net.rs';
const DEST = 'crates/openshell-supervisor-network/src/proxy/destination.rs';
const PROXY = 'crates/openshell-supervisor-network/src/proxy.rs';

/** A policy with one entry `p`, the given flow-style endpoints, and /usr/bin/curl. */
export function one(...endpoints: string[]): string {
  return `version: 1\nnetwork_policies:\n  p:\n    endpoints:\n${endpoints.map((e) => `      - ${e}\n`).join('')}    binaries: [{ path: /usr/bin/curl }]\n`;
}

/** A policy from `key: [endpoints]` pairs, each entry with /usr/bin/curl. */
function entries(map: Record<string, string[]>): string {
  return `version: 1\nnetwork_policies:\n${Object.entries(map)
    .map(
      ([k, eps]) =>
        `  ${k}:\n    endpoints:\n${eps.map((e) => `      - ${e}\n`).join('')}    binaries: [{ path: /usr/bin/curl }]\n`,
    )
    .join('')}`;
}

const proc = (user: string, group?: string) =>
  `version: 1\nprocess:\n  run_as_user: ${user}\n${group !== undefined ? `  run_as_group: ${group}\n` : ''}`;
const fs = (ro: string[], rw: string[]) =>
  `version: 1\nfilesystem_policy:\n  include_workdir: true\n  read_only: ${JSON.stringify(ro)}\n  read_write: ${JSON.stringify(rw)}\n`;
const mw = (body: string, endpoint = '{ host: api.example.com, port: 443, tls: skip }') =>
  `version: 1\nnetwork_middlewares:\n${body}network_policies:\n  api:\n    endpoints: [${endpoint}]\n    binaries: [{ path: /usr/bin/curl }]\n`;
const guard = (extra = '', include = '[api.example.com]') =>
  `  redactor:\n    middleware: openshell/regex\n    endpoints: { include: ${include} }\n${extra}`;

/** OpenShell's testdata/sandbox-policy.yaml, as far as decisions go (our transcription). */
export const SANDBOX_POLICY = `version: 1
process: { run_as_user: sandbox, run_as_group: sandbox }
network_policies:
  claude_code:
    endpoints:
      - { host: api.anthropic.com, port: 443 }
      - { host: statsig.anthropic.com, port: 443 }
    binaries: [{ path: /usr/local/bin/claude }, { path: /usr/bin/node }]
  github_ssh_over_https:
    endpoints:
      - host: github.com
        port: 443
        protocol: rest
        enforcement: enforce
        rules:
          - allow: { method: GET, path: "/**/info/refs*" }
          - allow: { method: POST, path: "/**/git-upload-pack" }
    binaries: [{ path: /usr/bin/git }]
  copilot:
    endpoints:
      - { host: github.com, port: 443 }
      - { host: api.github.com, port: 443 }
    binaries:
      - { path: "/usr/lib/node_modules/@github/copilot/node_modules/@github/**/copilot" }
      - { path: /usr/local/bin/copilot }
      - { path: "/home/*/.local/bin/copilot" }
      - { path: /usr/bin/node }
  gitlab:
    endpoints: [{ host: gitlab.com, port: 443 }]
    binaries: [{ path: /usr/bin/glab }]
`;

const ALLOWED_IPS = `version: 1
network_policies:
  internal_api:
    endpoints: [{ host: my-service.corp.net, port: 8080, allowed_ips: ["10.0.5.0/24"] }]
    binaries: [{ path: /usr/bin/curl }]
  private_network:
    endpoints: [{ port: 9443, allowed_ips: ["172.16.0.0/12", "192.168.1.1"] }]
    binaries: [{ path: /usr/bin/curl }]
  public_api:
    endpoints: [{ host: api.github.com, port: 443 }]
    binaries: [{ path: /usr/bin/curl }]
  wildcard_api:
    endpoints: [{ host: "*.corp.net", port: 443 }]
    binaries: [{ path: /usr/bin/curl }]
`;

const GLOB_BIN = (path: string) =>
  `version: 1\nnetwork_policies:\n  glob_test:\n    endpoints: [{ host: example.com, port: 443 }]\n    binaries: [{ path: "${path}" }]\n`;
const WILD = `version: 1\nnetwork_policies:\n  wildcard_test:\n    endpoints: [{ host: "*.example.com", ports: [443, 8443] }]\n    binaries: [{ path: /usr/bin/test }]\n`;
const MULTI = `version: 1\nnetwork_policies:\n  multi:\n    endpoints: [{ host: api.example.com, ports: [443, 8443] }, { port: 5432, allowed_ips: [10.0.0.0/8], ports: [] }]\n    binaries: [{ path: /usr/bin/curl }]\n`;

const CURL = '/usr/bin/curl';
const NODE = '/usr/bin/node';

export const CASES: readonly Case[] = [
  // ---- process identity (lib.rs) ----
  {
    from: `${LIB}::validate_rejects_root_run_as_user`,
    policy: proc('root'),
    error: /run_as_user must be 'sandbox' or a numeric UID\/GID/,
  },
  { from: `${LIB}::validate_rejects_uid_zero`, policy: proc('"0"'), error: /got '0'/ },
  {
    from: `${LIB}::validate_rejects_non_sandbox_user`,
    policy: proc('nobody', 'nogroup'),
    error: /run_as_group must be 'sandbox'/,
  },
  { from: `${LIB}::validate_accepts_sandbox_identity`, policy: proc('sandbox', 'sandbox'), valid: true },
  { from: `${LIB}::validate_accepts_omitted_process_fields`, policy: proc('""', '"1234"'), valid: true },
  { from: `${LIB}::validate_accepts_empty_process`, policy: 'version: 1\n', valid: true },
  { from: `${LIB}::validate_accepts_numeric_uid_in_range`, policy: proc('"1000"', '"1000"'), valid: true },
  { from: `${LIB}::validate_accepts_boundary_uids`, policy: proc('"1"', '"4294967294"'), valid: true },
  { from: `${LIB}::validate_accepts_non_root_system_uid`, policy: proc('"2"'), valid: true },
  {
    from: `${LIB}::validate_rejects_uid_out_of_range_high`,
    policy: proc('"4294967295"'),
    error: /range \[1, 4294967294\], got '4294967295'/,
  },
  {
    from: `${LIB}::validate_rejects_root_string`,
    policy: proc('sandbox', 'root'),
    error: /run_as_group must be 'sandbox'/,
  },
  { from: `${LIB}::validate_rejects_nobody_string`, policy: proc('nobody'), error: /got 'nobody'/ },
  {
    from: `${LIB}::validate_accepts_mixed_sandbox_name_and_uid`,
    policy: proc('sandbox', '"1000"'),
    valid: true,
  },
  { from: `${LIB}::valid_identity_rejects_non_numeric_names`, policy: proc('admin'), error: /got 'admin'/ },
  { from: `${LIB}::valid_identity_accepts_non_root_numeric_uid`, policy: proc('1000', '1000'), valid: true },

  // ---- filesystem (lib.rs) ----
  {
    from: `${LIB}::validate_rejects_path_traversal`,
    policy: fs(['/usr/../etc/shadow'], ['/tmp']),
    error: /`\.\.`/,
  },
  {
    from: `${LIB}::validate_rejects_relative_paths`,
    policy: fs(['usr/lib'], ['/tmp']),
    error: /absolute path/,
  },
  {
    from: `${LIB}::validate_rejects_overly_broad_read_write_path`,
    policy: fs(['/usr'], ['/']),
    error: /cannot be read-write/,
  },
  {
    from: `${LIB}::validate_rejects_too_many_paths`,
    policy: fs(
      Array.from({ length: 300 }, (_, i) => `/path/${i}`),
      ['/tmp'],
    ),
    error: /at most 256 paths/,
  },
  {
    from: `${LIB}::validate_rejects_path_too_long`,
    policy: fs([`/${'a'.repeat(5000)}`], ['/tmp']),
    error: /4096 characters/,
  },
  {
    from: `${LIB}::restrictive_default_has_filesystem_policy`,
    policy: fs(['/usr', '/lib', '/proc', '/dev/urandom', '/app', '/etc', '/var/log'], ['/tmp', '/dev/null']),
    valid: true,
  },

  // ---- schema (lib.rs) ----
  { from: `${LIB}::parse_minimal_policy_yaml`, policy: 'version: 1\nnetwork_policies: {}\n', valid: true },
  {
    from: `${LIB}::parse_rejects_unknown_fields`,
    policy: 'version: 1\nbogus_field: true\n',
    error: /unknown field `bogus_field`/,
  },
  {
    from: `${LIB}::parse_rejects_unknown_fields_in_deny_rule`,
    policy: one(
      '{ host: api.example.com, port: 443, protocol: rest, access: full, deny_rules: [{ method: POST, bogus: x }] }',
    ),
    error: /unknown field `bogus`/,
  },
  {
    from: `${LIB}::parse_rejects_middleware_attachments_on_network_policies_and_endpoints`,
    policy: one('{ host: api.example.com, port: 443, middlewares: [x] }'),
    error: /unknown field `middlewares`/,
  },
  {
    from: `${LIB}::rejects_port_above_65535`,
    policy: one('{ host: api.example.com, port: 70000 }'),
    error: /port number from 1 to 65535, got 70000/,
  },
  {
    from: `${LIB}::parse_rejects_unsupported_json_rpc_config_fields`,
    policy: one(
      '{ host: rpc.example.com, port: 443, protocol: json-rpc, json_rpc: { strict: true }, rules: [{ allow: { method: "*" } }] }',
    ),
    error: /unknown field `strict`/,
  },
  {
    from: `${LIB}::parse_ports_array`,
    policy: one('{ host: api.example.com, ports: [443, 8443] }'),
    valid: true,
  },
  {
    from: `${LIB}::parse_single_port_normalized_to_ports`,
    policy: one('{ host: api.example.com, port: 443 }'),
    valid: true,
  },
  { from: `${LIB}::parse_wildcard_host`, policy: one('{ host: "*.example.com", port: 443 }'), valid: true },
  { from: `${LIB}::parse_policy_with_network_rules`, policy: SANDBOX_POLICY, valid: true },
  {
    from: `${LIB}::parse_l7_query_matchers_and_round_trip`,
    policy: one(
      '{ host: api.github.com, port: 443, protocol: rest, enforcement: enforce, rules: [{ allow: { method: GET, path: "/repos/**", query: { per_page: "1*", state: { any: [open, closed] } } } }] }',
    ),
    valid: true,
  },
  {
    from: `${LIB}::parse_deny_rules_from_yaml`,
    policy: one(
      '{ host: api.github.com, port: 443, protocol: rest, access: read-write, deny_rules: [{ method: POST, path: "/repos/*/pulls/*/reviews" }] }',
    ),
    valid: true,
  },
  {
    from: `${LIB}::parse_deny_rules_with_query_any`,
    policy: one(
      '{ host: api.github.com, port: 443, protocol: rest, access: full, deny_rules: [{ method: GET, path: "/search/**", query: { q: { any: ["*secret*", "*token*"] } } }] }',
    ),
    valid: true,
  },
  {
    from: `${LIB}::round_trip_preserves_endpoint_path`,
    policy: one('{ host: api.example.com, port: 443, path: "/v1/**", protocol: rest, access: full }'),
    valid: true,
  },
  {
    from: `${LIB}::round_trip_preserves_endpoint_credential_binding`,
    policy: one(
      '{ host: api.example.com, port: 443, protocol: rest, access: full, credential_binding: { provider: github } }',
    ),
    valid: true,
    warn: /does not inject, rewrite or sign credentials/,
  },
  {
    from: `${LIB}::round_trip_preserves_graphql_policy_fields`,
    policy: one(
      '{ host: api.github.com, port: 443, protocol: graphql, persisted_queries: allow_registered, graphql_max_body_bytes: 131072, graphql_persisted_queries: { abc: { operation_type: query, operation_name: Viewer } }, rules: [{ allow: { operation_type: query, fields: [viewer] } }] }',
    ),
    valid: true,
  },
  {
    from: `${LIB}::round_trip_preserves_json_rpc_max_body_bytes`,
    policy: one(
      '{ host: rpc.example.com, port: 443, protocol: json-rpc, json_rpc: { max_body_bytes: 1024 }, rules: [{ allow: { method: eth_call } }] }',
    ),
    valid: true,
  },
  {
    from: `${LIB}::parse_mcp_rules_to_runtime_fields`,
    policy: one(
      '{ host: mcp.example.com, port: 443, protocol: mcp, mcp: { max_body_bytes: 2048, strict_tool_names: false, allow_all_known_mcp_methods: true }, rules: [{ allow: { tool: search } }] }',
    ),
    valid: true,
  },
  {
    from: `${LIB}::round_trip_preserves_websocket_credential_rewrite`,
    policy: one(
      '{ host: ws.example.com, port: 443, protocol: websocket, access: full, websocket_credential_rewrite: true }',
    ),
    valid: true,
  },
  {
    from: `${LIB}::round_trip_preserves_request_body_credential_rewrite`,
    policy: one(
      '{ host: api.example.com, port: 443, protocol: rest, access: full, request_body_credential_rewrite: true }',
    ),
    valid: true,
  },
  {
    from: `${LIB}::round_trip_preserves_allow_uninspected_credentials`,
    policy: one('{ host: api.example.com, port: 443, allow_uninspected_credentials: true }'),
    valid: true,
  },
  {
    from: `${LIB}::round_trip_preserves_allowed_ips`,
    policy: one('{ host: db.internal, port: 5432, allowed_ips: [10.0.5.0/24, 10.0.6.7] }'),
    valid: true,
  },
  {
    from: `${LIB}::round_trip_preserves_network_middlewares`,
    policy: mw(guard('    order: 5\n    on_error: fail_open\n'), '{ host: api.example.com, port: 443 }'),
    valid: true,
    warn: /not run by Paddock/,
  },

  // ---- endpoints (lib.rs validate_sandbox_policy) ----
  {
    from: `${LIB}::validate_rejects_yaml_tcp_endpoint_without_host_or_port`,
    policy: one('{ host: "", protocol: tcp }'),
    error:
      /protocol tcp requires a DNS hostname; hostless allowed_ips endpoints are supported only by the forward proxy/,
  },
  {
    from: `${LIB}::validate_rejects_yaml_tcp_endpoint_without_host_or_port`,
    policy: one('{ host: "", protocol: tcp }'),
    error: /must declare at least one port/,
  },
  {
    from: `${LIB}::validate_accepts_hostless_allowed_ips_for_non_tcp_proxy_endpoint`,
    policy: one('{ port: 9443, allowed_ips: [10.0.5.0/24] }'),
    valid: true,
  },
  {
    from: `${LIB}::validate_rejects_hostless_allowed_ips_for_explicit_tcp`,
    policy: one('{ port: 6379, protocol: tcp, allowed_ips: [10.0.5.0/24] }'),
    error: /network policy 'p': protocol tcp requires a DNS hostname/,
  },
  {
    from: `${LIB}::validate_rejects_ip_literal_hosts_for_explicit_tcp`,
    policy: one('{ host: 192.0.2.10, port: 6379, protocol: tcp }'),
    error: /direct IP connections bypass policy DNS and are blocked/,
  },
  {
    from: `${LIB}::validate_rejects_ip_literal_hosts_for_explicit_tcp`,
    policy: one('{ host: "2001:db8::10", port: 6379, protocol: tcp }'),
    error: /must use a DNS hostname, not an IP literal/,
  },
  {
    from: `${LIB}::validate_rejects_malformed_dns_selectors_for_explicit_tcp`,
    policy: one('{ host: " db.example.com", port: 6379, protocol: tcp }'),
    error: /leading or trailing whitespace/,
  },
  {
    from: `${LIB}::validate_rejects_malformed_dns_selectors_for_explicit_tcp`,
    policy: one('{ host: db.example.com., port: 6379, protocol: tcp }'),
    error: /omit the trailing DNS root dot/,
  },
  {
    from: `${LIB}::validate_rejects_malformed_dns_selectors_for_explicit_tcp`,
    policy: one('{ host: db..example.com, port: 6379, protocol: tcp }'),
    error: /empty DNS labels/,
  },
  {
    from: `${LIB}::validate_rejects_malformed_dns_selectors_for_explicit_tcp`,
    policy: one('{ host: "bad name.example.com", port: 6379, protocol: tcp }'),
    error: /whitespace/,
  },
  {
    from: `${LIB}::validate_rejects_malformed_dns_selectors_for_explicit_tcp`,
    policy: one(`{ host: ${'a'.repeat(64)}.example.com, port: 6379, protocol: tcp }`),
    error: /cannot represent a valid DNS name/,
  },
  {
    from: `${LIB}::validate_rejects_raw_endpoint_zero_and_out_of_range_ports`,
    policy: one('{ host: database.example.com, ports: [0, 443], protocol: tcp }'),
    error: /has invalid port 0; expected 1..=65535/,
  },
  {
    from: `${LIB}::validate_rejects_raw_endpoint_without_effective_port`,
    policy: one('{ host: database.example.com }'),
    error: /network policy 'p': endpoint 'database.example.com' must declare at least one port/,
  },
  {
    from: `${LIB}::validate_rejects_raw_endpoint_without_effective_port`,
    policy: one('{ host: database.example.com, port: 0 }'),
    error: /must declare at least one port/,
  },
  {
    from: `${LIB}::validate_rejects_tld_wildcard`,
    policy: one('{ host: "*.com", port: 443 }'),
    error: /TLD wildcard '\*\.com' is not allowed/,
  },
  {
    from: `${LIB}::validate_rejects_double_star_tld_wildcard`,
    policy: one('{ host: "**.org", port: 443 }'),
    error: /TLD wildcard/,
  },
  {
    from: `${LIB}::validate_rejects_all_host_star_wildcards`,
    policy: one('{ host: "*", port: 443 }'),
    error: /matches all hosts/,
  },
  {
    from: `${LIB}::validate_rejects_all_host_star_wildcards`,
    policy: one('{ host: "**", port: 443 }'),
    error: /matches all hosts/,
  },
  {
    from: `${LIB}::validate_accepts_subdomain_wildcard`,
    policy: one('{ host: "*.example.com", port: 443 }'),
    valid: true,
  },
  {
    from: `${LIB}::validate_accepts_middle_label_star_wildcard`,
    policy: one('{ host: "*.s3.*.amazonaws.com", port: 443 }'),
    valid: true,
  },
  {
    from: `${LIB}::validate_rejects_partial_middle_label_wildcard`,
    policy: one('{ host: "*.s3.us-*.amazonaws.com", port: 443 }'),
    error: /middle DNS label wildcard must be the entire label/,
  },
  {
    from: `${LIB}::validate_accepts_explicit_domain`,
    policy: one('{ host: api.example.com, port: 443 }'),
    valid: true,
  },
  {
    from: `${LIB}::validate_rejects_credential_signing_without_signing_service`,
    policy: one(
      '{ host: bedrock.us-east-1.amazonaws.com, port: 443, protocol: rest, access: full, credential_signing: sigv4 }',
    ),
    error: /credential_signing set but signing_service is empty/,
  },
  {
    from: `${LIB}::validate_accepts_credential_signing_with_signing_service`,
    policy: one(
      '{ host: bedrock.us-east-1.amazonaws.com, port: 443, protocol: rest, access: full, credential_signing: sigv4, signing_service: bedrock }',
    ),
    valid: true,
  },
  {
    from: `${LIB}::validate_accepts_sigv4_body_with_signing_service`,
    policy: one(
      '{ host: s3.amazonaws.com, port: 443, protocol: rest, access: full, credential_signing: "sigv4:body", signing_service: s3 }',
    ),
    valid: true,
  },
  {
    from: `${LIB}::validate_accepts_sigv4_no_body_with_signing_service`,
    policy: one(
      '{ host: s3.amazonaws.com, port: 443, protocol: rest, access: full, credential_signing: "sigv4:no_body", signing_service: s3 }',
    ),
    valid: true,
  },
  {
    from: `${LIB}::validate_rejects_sigv4_no_body_without_signing_service`,
    policy: one(
      '{ host: s3.amazonaws.com, port: 443, protocol: rest, access: full, credential_signing: "sigv4:no_body" }',
    ),
    error: /signing_service is empty/,
  },
  {
    from: `${LIB}::validate_rejects_unknown_credential_signing`,
    policy: one(
      '{ host: s3.amazonaws.com, port: 443, protocol: rest, access: full, credential_signing: sigv5, signing_service: s3 }',
    ),
    error: /unrecognized credential_signing value 'sigv5'/,
  },
  {
    from: `${LIB}::validate_rejects_credential_signing_with_body_rewrite`,
    policy: one(
      '{ host: s3.amazonaws.com, port: 443, protocol: rest, access: full, credential_signing: sigv4, signing_service: s3, request_body_credential_rewrite: true }',
    ),
    error: /mutually exclusive/,
  },

  // ---- middlewares (lib.rs) ----
  {
    from: `${LIB}::validate_rejects_invalid_middleware_control_fields`,
    policy: mw(
      '  redactor:\n    middleware: ""\n    on_error: maybe\n    endpoints: { include: [api.example.com] }\n',
      '{ host: api.example.com, port: 443 }',
    ),
    error: /middleware must not be empty/,
  },
  {
    from: `${LIB}::validate_rejects_invalid_middleware_control_fields`,
    policy: mw(
      '  redactor:\n    middleware: openshell/regex\n    on_error: maybe\n    endpoints: { include: [api.example.com] }\n',
      '{ host: api.example.com, port: 443 }',
    ),
    error: /invalid on_error 'maybe'/,
  },
  {
    from: `${LIB}::validate_rejects_invalid_middleware_control_fields`,
    policy: mw('  redactor:\n    middleware: openshell/regex\n', '{ host: api.example.com, port: 443 }'),
    error: /endpoint selector is required/,
  },
  {
    from: `${LIB}::validate_rejects_duplicate_middleware_orders`,
    policy: mw(
      `${guard('    order: 1\n')}  second:\n    middleware: openshell/regex\n    order: 1\n    endpoints: { include: [api.example.com] }\n`,
      '{ host: api.example.com, port: 443 }',
    ),
    error: /use duplicate order 1/,
  },
  {
    from: `${LIB}::validate_rejects_middleware_config_over_capacity`,
    policy: mw(
      Array.from(
        { length: 11 },
        (_, i) =>
          `  m${i}:\n    middleware: openshell/regex\n    order: ${i}\n    endpoints: { include: [api.example.com] }\n`,
      ).join(''),
      '{ host: api.example.com, port: 443 }',
    ),
    error: /too many middleware configs \(11 > 10\)/,
  },
  {
    from: `${LIB}::validate_accepts_maximum_middleware_configs`,
    policy: mw(
      Array.from(
        { length: 10 },
        (_, i) =>
          `  m${i}:\n    middleware: openshell/regex\n    order: ${i}\n    on_error: fail_open\n    endpoints: { include: [api.example.com] }\n`,
      ).join(''),
      '{ host: api.example.com, port: 443 }',
    ),
    valid: true,
  },
  {
    from: `${LIB}::validate_rejects_middleware_selector_patterns_over_capacity`,
    policy: mw(
      guard('', JSON.stringify(Array.from({ length: 33 }, (_, i) => `h${i}.example.com`))),
      '{ host: api.example.com, port: 443 }',
    ),
    error: /too many selector patterns \(33 > 32\)/,
  },
  {
    from: `${LIB}::validate_accepts_maximum_middleware_selector_patterns`,
    policy: mw(
      guard('', JSON.stringify(Array.from({ length: 32 }, (_, i) => `h${i}.example.com`))),
      '{ host: api.example.com, port: 443 }',
    ),
    valid: true,
  },
  {
    from: `${LIB}::validate_rejects_malformed_middleware_selector_patterns`,
    policy: mw(guard('', '["api.*x.example.com"]'), '{ host: api.example.com, port: 443 }'),
    error: /endpoint selector pattern 'api\.\*x\.example\.com' is invalid/,
  },
  {
    from: `${LIB}::validate_rejects_middleware_selector_matching_tls_skip_endpoint`,
    policy: mw(guard()),
    error: /middleware config 'redactor' selects network policy 'api' tls: skip endpoint 'api.example.com'/,
  },
  {
    from: `${LIB}::validate_accepts_fail_open_middleware_selector_matching_tls_skip_endpoint`,
    policy: mw(guard('    on_error: fail_open\n')),
    valid: true,
  },
  {
    from: `${LIB}::validate_rejects_explicit_fail_closed_middleware_on_tls_skip_endpoint`,
    policy: mw(guard('    on_error: fail_closed\n')),
    error: /selects network policy 'api' tls: skip endpoint/,
  },
  {
    from: `${LIB}::validate_rejects_concrete_selector_overlapping_tls_skip_wildcard`,
    policy: mw(guard(), '{ host: "*.example.com", port: 443, tls: skip }'),
    error: /tls: skip endpoint '\*\.example\.com'/,
  },
  {
    from: `${LIB}::middleware_host_selector_matching_is_case_insensitive`,
    policy: mw(guard('', '[API.Example.COM]')),
    error: /selects network policy 'api' tls: skip endpoint/,
  },

  // ---- L7 semantics (l7_validate.rs) ----
  {
    from: `${L7V}::valid_endpoint_produces_no_errors`,
    policy: one('{ host: api.example.com, port: 443, protocol: rest, access: read-only }'),
    valid: true,
  },
  {
    from: `${L7V}::rejects_unknown_protocol`,
    policy: one('{ host: api.example.com, port: 443, protocol: soap, access: full }'),
    error: /unknown protocol 'soap'/,
  },
  {
    from: `${L7V}::rejects_rules_and_access_together`,
    policy: one(
      '{ host: api.example.com, port: 443, protocol: rest, access: full, rules: [{ allow: { method: GET } }] }',
    ),
    error: /rules and access are mutually exclusive/,
  },
  {
    from: `${L7V}::rejects_jsonrpc_with_access_presets`,
    policy: one('{ host: rpc.example.com, port: 443, protocol: json-rpc, access: full }'),
    error: /protocol json-rpc does not support access presets/,
  },
  {
    from: `${L7V}::rejects_mcp_with_access_presets`,
    policy: one('{ host: mcp.example.com, port: 443, protocol: mcp, access: full }'),
    error: /mcp.allow_all_known_mcp_methods: true for an allow-all MCP policy/,
  },
  {
    from: `${L7V}::rejects_jsonrpc_without_rules`,
    policy: one('{ host: rpc.example.com, port: 443, protocol: json-rpc }'),
    error: /protocol json-rpc requires explicit rules with allow.method/,
  },
  {
    from: `${L7V}::rejects_protocol_without_rules_or_access`,
    policy: one('{ host: api.example.com, port: 443, protocol: rest }'),
    error: /protocol requires rules or access to define allowed traffic/,
  },
  {
    from: `${L7V}::rejects_mcp_without_rules_when_allow_all_false`,
    policy: one('{ host: mcp.example.com, port: 443, protocol: mcp }'),
    error: /protocol mcp requires rules when mcp.allow_all_known_mcp_methods is false/,
  },
  {
    from: `${L7V}::accepts_mcp_with_allow_all_true`,
    policy: one(
      '{ host: mcp.example.com, port: 443, protocol: mcp, mcp: { allow_all_known_mcp_methods: true } }',
    ),
    valid: true,
  },
  {
    from: `${L7V}::rejects_rules_that_deny_all`,
    policy: one('{ host: api.example.com, port: 443, protocol: rest, rules: [{ allow: {} }] }'),
    error: /rules would deny all traffic/,
  },
  {
    from: `${L7V}::mcp_allow_all_with_empty_allow_not_rejected`,
    policy: one(
      '{ host: mcp.example.com, port: 443, protocol: mcp, mcp: { allow_all_known_mcp_methods: true }, rules: [{ allow: {} }] }',
    ),
    valid: true,
  },
  {
    from: `${L7V}::rejects_deny_rules_without_protocol`,
    policy: one('{ host: api.example.com, port: 443, access: full, deny_rules: [{ method: POST }] }'),
    error: /deny_rules require protocol/,
  },
  {
    from: `${L7V}::rejects_deny_rules_without_allow_base`,
    policy: one('{ host: api.example.com, port: 443, protocol: rest, deny_rules: [{ method: POST }] }'),
    error: /deny_rules require rules or access to define the base allow set/,
  },
  { from: `${L7V}::no_protocol_no_errors`, policy: one('{ host: api.example.com, port: 443 }'), valid: true },
  {
    from: `${L7V}::explicit_tcp_is_valid_without_l7_fields`,
    policy: one('{ host: redis.example.com, port: 6379, protocol: tcp }'),
    valid: true,
  },
  {
    from: `${L7V}::explicit_tcp_rejects_l7_fields`,
    policy: one('{ host: redis.example.com, port: 6379, protocol: tcp, access: full }'),
    error: /protocol tcp does not support access, rules, or deny_rules/,
  },
  {
    from: `${L7V}::explicit_tcp_rejects_additional_l7_fields`,
    policy: one('{ host: redis.example.com, port: 6379, protocol: tcp, path: "/v1", enforcement: enforce }'),
    error: /protocol tcp does not support L7-only fields: enforcement, path/,
  },
  {
    from: `${L7V}::l7_protocol_parse_known_variants`,
    policy: one('{ host: db.example.com, port: 5432, protocol: SQL, enforcement: audit, access: full }'),
    valid: true,
  },

  // ---- L7 runtime validation (l7/mod.rs validate_l7_policies) ----
  {
    from: `${L7}::validate_explicit_tcp_rejects_additional_l7_field_families`,
    policy: one(
      '{ host: redis.example.com, port: 6379, protocol: tcp, credential_binding: { provider: x }, mcp: { strict_tool_names: true } }',
    ),
    error: /L7-only fields: mcp, credential_binding/,
  },
  {
    from: `${L7}::validate_websocket_credential_rewrite_warns_unless_rest_or_websocket`,
    policy: one(
      '{ host: api.example.com, port: 443, protocol: graphql, websocket_credential_rewrite: true, access: full }',
    ),
    valid: true,
    warn: /websocket_credential_rewrite is ignored unless protocol is rest or websocket/,
  },
  {
    from: `${L7}::validate_request_body_credential_rewrite_warns_unless_rest`,
    policy: one(
      '{ host: ws.example.com, port: 443, protocol: websocket, request_body_credential_rewrite: true, access: full }',
    ),
    valid: true,
    warn: /request_body_credential_rewrite is ignored unless protocol is rest/,
  },
  {
    from: `${L7}::validate_websocket_accepts_graphql_operation_rules`,
    policy: one(
      '{ host: ws.example.com, port: 443, protocol: websocket, rules: [{ allow: { operation_type: subscription, fields: [onEvent] } }] }',
    ),
    valid: true,
  },
  {
    from: `${L7}::validate_websocket_graphql_rule_requires_operation_type`,
    policy: one(
      '{ host: ws.example.com, port: 443, protocol: websocket, rules: [{ allow: { fields: [onEvent] } }] }',
    ),
    error: /operation_type: required for GraphQL L7 rules|rules would deny all traffic/,
  },
  {
    from: `${L7}::validate_websocket_graphql_rule_rejects_mixed_transport_fields`,
    policy: one(
      '{ host: ws.example.com, port: 443, protocol: websocket, rules: [{ allow: { method: GET, operation_type: query } }] }',
    ),
    error: /must not combine method\/path\/query with operation_type/,
  },
  {
    from: `${L7}::validate_rules_and_access_mutual_exclusion`,
    policy: one(
      '{ host: api.example.com, port: 443, protocol: rest, access: read-only, rules: [{ allow: { method: GET, path: "/**" } }] }',
    ),
    error: /rules and access are mutually exclusive/,
  },
  {
    from: `${L7}::validate_jsonrpc_requires_method_rules`,
    policy: one(
      '{ host: rpc.example.com, port: 443, protocol: json-rpc, rules: [{ allow: { path: "/rpc" } }] }',
    ),
    error: /method: required for json-rpc L7 rules/,
  },
  {
    from: `${L7}::validate_mcp_tool_selectors_require_method_by_default`,
    policy: one('{ host: mcp.example.com, port: 443, protocol: mcp, rules: [{ allow: { tool: search } }] }'),
    error: /required when mcp.allow_all_known_mcp_methods is false/,
  },
  {
    from: `${L7}::validate_mcp_tool_selectors_use_endpoint_method_profile_and_reject_arguments`,
    policy: one(
      '{ host: mcp.example.com, port: 443, protocol: mcp, mcp: { allow_all_known_mcp_methods: true }, rules: [{ allow: { tool: search, params: { query: "x*" } } }] }',
    ),
    error: /params.query: MCP tool argument matching is not supported yet/,
  },
  {
    from: `${L7}::validate_mcp_method_globs_are_tools_family_only`,
    policy: one(
      '{ host: mcp.example.com, port: 443, protocol: mcp, rules: [{ allow: { method: "resources/*" } }] }',
    ),
    error: /MCP method globs are only valid for the tools\/ method family/,
  },
  {
    from: `${L7}::validate_mcp_wildcard_tool_requires_strict_tool_names`,
    policy: one(
      '{ host: mcp.example.com, port: 443, protocol: mcp, mcp: { strict_tool_names: false }, rules: [{ allow: { method: tools/call, tool: "search_*" } }] }',
    ),
    error: /wildcard tool-name matchers require mcp.strict_tool_names/,
  },
  {
    from: `${L7}::validate_mcp_protocol_requires_endpoint_target`,
    policy: one(
      '{ port: 443, protocol: mcp, allowed_ips: [10.0.0.0/8], mcp: { allow_all_known_mcp_methods: true } }',
    ),
    error: /protocol mcp requires host/,
  },
  {
    from: `${L7}::validate_mcp_broad_tools_call_deny_rejects_tool_allow_rules`,
    policy: one(
      '{ host: mcp.example.com, port: 443, protocol: mcp, rules: [{ allow: { method: tools/call, tool: search } }], deny_rules: [{ method: tools/call }] }',
    ),
    error: /method matcher denies every tool call/,
  },
  {
    from: `${L7}::validate_mcp_broad_tools_call_allow_rejects_tool_allow_rules`,
    policy: one(
      '{ host: mcp.example.com, port: 443, protocol: mcp, rules: [{ allow: { method: tools/call, tool: search } }, { allow: { method: "tools/*" } }] }',
    ),
    error: /method matcher allows every tool call/,
  },
  {
    from: `${L7}::validate_mcp_empty_allow_with_allow_all_conflicts_with_tool_rules`,
    policy: one(
      '{ host: mcp.example.com, port: 443, protocol: mcp, mcp: { allow_all_known_mcp_methods: true }, rules: [{ allow: { tool: search } }, { allow: {} }] }',
    ),
    error: /allows every tool call and conflicts with MCP tool allow rules/,
  },
  {
    from: `${L7}::validate_jsonrpc_rejects_params_matchers`,
    policy: one(
      '{ host: rpc.example.com, port: 443, protocol: json-rpc, rules: [{ allow: { method: eth_call, params: { to: "0x*" } } }] }',
    ),
    error: /JSON-RPC rules do not support params matchers yet/,
  },
  {
    from: `${L7}::validate_mcp_strict_tool_names_is_mcp_only`,
    policy: one(
      '{ host: rpc.example.com, port: 443, protocol: json-rpc, mcp: { strict_tool_names: true }, rules: [{ allow: { method: eth_call } }] }',
    ),
    error: /mcp.strict_tool_names is only valid for protocol mcp/,
  },
  {
    from: `${L7}::validate_mcp_options_require_bool`,
    policy: one(
      '{ host: mcp.example.com, port: 443, protocol: mcp, mcp: { strict_tool_names: "yes" }, rules: [{ allow: { method: tools/list } }] }',
    ),
    error: /expected true or false/,
  },
  {
    from: `${L7}::validate_mcp_requires_rules_by_default`,
    policy: one('{ host: mcp.example.com, port: 443, protocol: mcp }'),
    error: /protocol mcp requires rules/,
  },
  {
    from: `${L7}::validate_jsonrpc_deny_rules_require_method`,
    policy: one(
      '{ host: rpc.example.com, port: 443, protocol: json-rpc, rules: [{ allow: { method: "*" } }], deny_rules: [{ path: "/x" }] }',
    ),
    error: /method: required for json-rpc L7 rules/,
  },
  {
    from: `${L7}::validate_jsonrpc_method_rejects_globs_except_allow_all`,
    policy: one(
      '{ host: rpc.example.com, port: 443, protocol: json-rpc, rules: [{ allow: { method: "eth_*" } }] }',
    ),
    error: /generic JSON-RPC method rules do not support glob or wildcard matchers/,
  },
  {
    from: `${L7}::validate_jsonrpc_method_rejects_globs_except_allow_all`,
    policy: one(
      '{ host: rpc.example.com, port: 443, protocol: json-rpc, rules: [{ allow: { method: "*" } }] }',
    ),
    valid: true,
  },
  {
    from: `${L7}::validate_protocol_requires_rules_or_access`,
    policy: one('{ host: api.example.com, port: 443, protocol: graphql }'),
    error: /protocol requires rules or access/,
  },
  {
    from: `${L7}::validate_sql_enforce_blocked`,
    policy: one('{ host: db.example.com, port: 5432, protocol: sql, enforcement: enforce, access: full }'),
    error: /SQL enforcement requires full SQL parsing/,
  },
  {
    from: `${L7}::validate_tls_terminate_deprecated_warning`,
    policy: one('{ host: api.example.com, port: 443, protocol: rest, tls: terminate, access: full }'),
    valid: true,
    warn: /'tls: terminate' is deprecated/,
  },
  {
    from: `${L7}::validate_tls_skip_with_l7_on_443_warns`,
    policy: one('{ host: api.example.com, port: 443, protocol: rest, tls: skip, access: full }'),
    valid: true,
    warn: /L7 inspection cannot work on encrypted traffic/,
  },
  {
    from: `${L7}::validate_port_443_rest_no_tls_no_warning`,
    policy: one('{ host: api.example.com, port: 443, protocol: rest, enforcement: enforce, access: full }'),
    valid: true,
  },
  {
    from: `${L7}::expand_unsupported_access_preset_warns_and_leaves_rules_unexpanded`,
    policy: one('{ host: api.example.com, port: 443, protocol: rest, access: admin }'),
    valid: true,
    warn: /unsupported L7 access preset 'admin' ignored/,
  },
  {
    from: `${L7}::validate_graphql_rule_requires_operation_type`,
    policy: one(
      '{ host: api.example.com, port: 443, protocol: graphql, rules: [{ allow: { operation_name: Viewer } }] }',
    ),
    error: /operation_type: required for GraphQL L7 rules/,
  },
  {
    from: `${L7}::validate_graphql_persisted_query_mode`,
    policy: one(
      '{ host: api.example.com, port: 443, protocol: graphql, persisted_queries: sometimes, access: read-only }',
    ),
    error: /persisted_queries must be 'deny' or 'allow_registered', got 'sometimes'/,
  },
  {
    from: `${L7}::l4_only_endpoint_untouched`,
    policy: one('{ host: api.example.com, port: 443 }'),
    valid: true,
  },
  {
    from: `${L7}::validate_wildcard_host_star_only_error`,
    policy: one('{ host: "*", port: 443, protocol: rest, access: full }'),
    error: /matches all hosts/,
  },
  {
    from: `${L7}::validate_wildcard_host_double_star_only_error`,
    policy: one('{ host: "**", port: 443 }'),
    error: /matches all hosts/,
  },
  {
    from: `${L7}::validate_wildcard_host_middle_label_star_valid_no_error`,
    policy: one('{ host: "api.*.example.com", port: 443 }'),
    valid: true,
  },
  {
    from: `${L7}::validate_wildcard_host_middle_label_partial_star_error`,
    policy: one('{ host: "api.us-*.example.com", port: 443 }'),
    error: /middle DNS label wildcard must be the entire label '\*'/,
  },
  {
    from: `${L7}::validate_wildcard_host_middle_label_double_star_error`,
    policy: one('{ host: "api.**.example.com", port: 443 }'),
    error: /recursive host wildcard '\*\*' is only allowed as the entire first DNS label/,
  },
  {
    from: `${L7}::validate_wildcard_host_single_label_error`,
    policy: one('{ host: "*com", port: 443 }'),
    error: /TLD wildcard/,
  },
  {
    from: `${L7}::validate_wildcard_host_recursive_intra_label_error`,
    policy: one('{ host: "api-**.example.com", port: 443 }'),
    error: /only allowed as the entire first DNS label/,
  },
  {
    from: `${L7}::validate_wildcard_host_tld_rejected`,
    policy: one('{ host: "*.io", port: 443 }'),
    error: /TLD wildcard/,
  },
  {
    from: `${L7}::validate_wildcard_host_double_star_tld_rejected`,
    policy: one('{ host: "**.io", port: 443 }'),
    error: /TLD wildcard/,
  },
  {
    from: `${L7}::validate_wildcard_host_valid_no_error`,
    policy: one('{ host: "*.example.com", port: 443 }'),
    valid: true,
  },
  {
    from: `${L7}::validate_wildcard_host_double_star_valid_no_error`,
    policy: one('{ host: "**.example.com", port: 443 }'),
    valid: true,
  },
  {
    from: `${L7}::validate_wildcard_host_intra_label_valid_no_error`,
    policy: one('{ host: "api-*.example.com", port: 443 }'),
    valid: true,
  },
  {
    from: `${L7}::validate_port_and_ports_mutually_exclusive`,
    policy: one('{ host: api.example.com, port: 443, ports: [443, 8443] }'),
    error: /port and ports are mutually exclusive/,
  },
  {
    from: `${L7}::validate_ports_array_rest_443_no_warning`,
    policy: one(
      '{ host: api.example.com, ports: [443, 8443], protocol: rest, enforcement: enforce, access: full }',
    ),
    valid: true,
  },
  {
    from: `${L7}::validate_query_any_requires_non_empty_array`,
    policy: one(
      '{ host: api.example.com, port: 443, protocol: rest, rules: [{ allow: { method: GET, path: "/x", query: { tag: { any: [] } } } }] }',
    ),
    error: /any: list must not be empty/,
  },
  {
    from: `${L7}::validate_query_object_rejects_unknown_keys`,
    policy: one(
      '{ host: api.example.com, port: 443, protocol: rest, rules: [{ allow: { method: GET, path: "/x", query: { tag: { regex: "a.*" } } } }] }',
    ),
    error: /unknown matcher keys/,
  },
  {
    from: `${L7}::validate_query_glob_warns_on_unclosed_bracket`,
    policy: one(
      '{ host: api.example.com, port: 443, protocol: rest, rules: [{ allow: { method: GET, path: "/x", query: { tag: "[abc" } } }] }',
    ),
    valid: true,
    warn: /has unclosed '\['/,
  },
  {
    from: `${L7}::validate_query_glob_warns_on_unclosed_brace`,
    policy: one(
      '{ host: api.example.com, port: 443, protocol: rest, rules: [{ allow: { method: GET, path: "/x", query: { tag: "{a,b" } } }] }',
    ),
    valid: true,
    warn: /has unclosed '\{'/,
  },
  {
    from: `${L7}::validate_query_any_warns_on_malformed_glob_item`,
    policy: one(
      '{ host: api.example.com, port: 443, protocol: rest, rules: [{ allow: { method: GET, path: "/x", query: { tag: { any: [ok, "bad]"] } } } }] }',
    ),
    valid: true,
    warn: /has unmatched '\]'/,
  },
  {
    from: `${L7}::validate_query_string_and_any_matchers_are_accepted`,
    policy: one(
      '{ host: api.example.com, port: 443, protocol: rest, rules: [{ allow: { method: GET, path: "/x", query: { a: "x*", b: { any: [y, z] } } } }] }',
    ),
    valid: true,
  },
  {
    from: `${L7}::validate_jsonrpc_nested_params_matchers_are_rejected`,
    policy: one(
      '{ host: rpc.example.com, port: 443, protocol: json-rpc, rules: [{ allow: { method: x, params: { a: { b: c } } } }] }',
    ),
    error: /JSON-RPC rules do not support params matchers yet/,
  },
  {
    from: `${L7}::validate_deny_rules_require_protocol`,
    policy: one('{ host: api.example.com, port: 443, deny_rules: [{ method: POST }] }'),
    error: /deny_rules require protocol/,
  },
  {
    from: `${L7}::validate_deny_rules_require_allow_base`,
    policy: one('{ host: api.example.com, port: 443, protocol: rest, deny_rules: [{ method: POST }] }'),
    error: /deny_rules require rules or access/,
  },
  {
    from: `${L7}::validate_rules_empty_list_rejected`,
    policy: one('{ host: api.example.com, port: 443, protocol: rest, rules: [] }'),
    error: /rules list cannot be empty/,
  },
  {
    from: `${L7}::validate_rules_deny_all_with_empty_allow_object`,
    policy: one('{ host: api.example.com, port: 443, protocol: rest, rules: [{ allow: {} }] }'),
    error: /rules would deny all traffic \(no allow clause found\)/,
  },
  {
    from: `${L7}::validate_mcp_params_selector_not_classified_as_deny_all`,
    policy: one(
      '{ host: mcp.example.com, port: 443, protocol: mcp, mcp: { allow_all_known_mcp_methods: true }, rules: [{ allow: { params: { name: search } } }] }',
    ),
    valid: true,
  },
  {
    from: `${L7}::validate_mcp_tool_selector_not_classified_as_deny_all`,
    policy: one(
      '{ host: mcp.example.com, port: 443, protocol: mcp, mcp: { allow_all_known_mcp_methods: true }, rules: [{ allow: { tool: search } }] }',
    ),
    valid: true,
  },
  {
    from: `${L7}::validate_deny_rules_empty_list_rejected`,
    policy: one('{ host: api.example.com, port: 443, protocol: rest, access: full, deny_rules: [] }'),
    error: /deny_rules list cannot be empty/,
  },
  {
    from: `${L7}::validate_deny_rules_valid_config_accepted`,
    policy: one(
      '{ host: api.example.com, port: 443, protocol: rest, access: read-write, deny_rules: [{ method: DELETE, path: "/repos/**" }] }',
    ),
    valid: true,
  },
  {
    from: `${L7}::validate_deny_rules_query_empty_any_rejected`,
    policy: one(
      '{ host: api.example.com, port: 443, protocol: rest, access: full, deny_rules: [{ method: GET, query: { q: { any: [] } } }] }',
    ),
    error: /any: list must not be empty/,
  },
  {
    from: `${L7}::validate_deny_rules_query_non_string_rejected`,
    policy: one(
      '{ host: api.example.com, port: 443, protocol: rest, access: full, deny_rules: [{ method: GET, query: { q: { any: [1] } } }] }',
    ),
    error: /all values must be strings/,
  },
  {
    from: `${L7}::validate_deny_rules_query_valid_matchers_accepted`,
    policy: one(
      '{ host: api.example.com, port: 443, protocol: rest, access: full, deny_rules: [{ method: GET, query: { q: "*secret*", r: { any: [a, b] } } }] }',
    ),
    valid: true,
  },

  // ---- ambiguity (ambiguity.rs) ----
  {
    from: `${AMB}::exact_and_wildcard_hosts_overlap`,
    policy: entries({
      a: ['{ host: api.example.com, port: 443, tls: skip }'],
      b: ['{ host: "*.example.com", port: 443 }'],
    }),
    error: /overlap on port\(s\) 443 with conflicting metadata: tls/,
  },
  {
    from: `${AMB}::intersecting_wildcards_are_detected`,
    policy: entries({
      a: ['{ host: "api.*.com", port: 443, allowed_ips: [10.0.0.0/8] }'],
      b: ['{ host: "*.example.com", port: 443 }'],
    }),
    error: /conflicting metadata: allowed_ips/,
  },
  {
    from: `${AMB}::disjoint_ports_do_not_overlap`,
    policy: entries({
      a: ['{ host: api.example.com, port: 443, tls: skip }'],
      b: ['{ host: api.example.com, port: 8443 }'],
    }),
    valid: true,
  },
  {
    from: `${AMB}::compatible_request_rules_may_overlap`,
    policy: entries({
      a: ['{ host: api.example.com, port: 443, protocol: rest, access: read-only }'],
      b: [
        '{ host: api.example.com, port: 443, protocol: rest, rules: [{ allow: { method: POST, path: "/x" } }] }',
      ],
    }),
    valid: true,
  },
  {
    from: `${AMB}::plain_l4_endpoint_does_not_compete_with_l7_endpoint_metadata`,
    policy: entries({
      a: ['{ host: api.example.com, port: 443 }'],
      b: ['{ host: api.example.com, port: 443, protocol: rest, enforcement: enforce, access: full }'],
    }),
    valid: true,
  },
  {
    from: `${AMB}::disjoint_path_specific_protocols_may_overlap`,
    policy: entries({
      a: ['{ host: api.example.com, port: 443, path: "/graphql", protocol: graphql, access: full }'],
      b: ['{ host: api.example.com, port: 443, path: "/rest/**", protocol: rest, access: full }'],
    }),
    valid: true,
  },
  {
    from: `${AMB}::question_mark_path_overlap_is_detected`,
    policy: entries({
      a: ['{ host: api.example.com, port: 443, path: "/v?", protocol: graphql, access: full }'],
      b: ['{ host: api.example.com, port: 443, path: "/v1", protocol: rest, access: full }'],
    }),
    error: /conflicting metadata: protocol/,
  },
  {
    from: `${AMB}::overlapping_character_class_paths_are_detected`,
    policy: entries({
      a: ['{ host: api.example.com, port: 443, path: "/v[12]", protocol: graphql, access: full }'],
      b: ['{ host: api.example.com, port: 443, path: "/v[23]", protocol: rest, access: full }'],
    }),
    error: /conflicting metadata: protocol/,
  },
  {
    from: `${AMB}::disjoint_character_class_paths_may_overlap_by_host_and_port`,
    policy: entries({
      a: ['{ host: api.example.com, port: 443, path: "/v[12]", protocol: graphql, access: full }'],
      b: ['{ host: api.example.com, port: 443, path: "/v[34]", protocol: rest, access: full }'],
    }),
    valid: true,
  },
  {
    from: `${AMB}::negated_character_class_paths_follow_runtime_glob_semantics`,
    policy: entries({
      a: ['{ host: api.example.com, port: 443, path: "/v[!1]", protocol: graphql, access: full }'],
      b: ['{ host: api.example.com, port: 443, path: "/v1", protocol: rest, access: full }'],
    }),
    valid: true,
  },
  {
    from: `${AMB}::more_specific_path_may_override_request_pipeline_metadata`,
    policy: entries({
      a: ['{ host: api.example.com, port: 443, path: "/v1/graphql", protocol: graphql, access: full }'],
      b: ['{ host: api.example.com, port: 443, path: "/v1/**", protocol: rest, access: full }'],
    }),
    valid: true,
  },
  {
    from: `${AMB}::exact_wildcard_tls_conflict_is_rejected`,
    policy: entries({
      a: ['{ host: "*.example.com", port: 443, tls: skip }'],
      b: ['{ host: api.example.com, port: 443, protocol: rest, access: full }'],
    }),
    error: /tls="skip" vs "auto"/,
  },
  {
    from: `${AMB}::allowed_ip_conflict_is_rejected_regardless_of_order`,
    policy: entries({
      a: ['{ host: db.example.com, port: 5432, allowed_ips: [10.0.0.0/8] }'],
      b: ['{ host: db.example.com, port: 5432, allowed_ips: [10.1.0.0/16] }'],
    }),
    error: /allowed_ips=/,
  },
  {
    from: `${AMB}::credential_and_parser_conflicts_are_rejected_on_same_path`,
    policy: entries({
      a: [
        '{ host: api.example.com, port: 443, protocol: rest, access: full, request_body_credential_rewrite: true }',
      ],
      b: ['{ host: api.example.com, port: 443, protocol: rest, access: full }'],
    }),
    error: /request_body_credential_rewrite=true vs false/,
  },
  {
    from: `${AMB}::credential_binding_conflicts_are_rejected_on_same_endpoint`,
    policy: entries({
      a: [
        '{ host: api.example.com, port: 443, protocol: rest, access: full, credential_binding: { provider: one } }',
      ],
      b: [
        '{ host: api.example.com, port: 443, protocol: rest, access: full, credential_binding: { provider: two } }',
      ],
    }),
    error: /credential_binding.provider="one" vs "two"/,
  },
  {
    from: `${AMB}::json_rpc_body_limit_is_compared_only_within_the_same_protocol`,
    policy: entries({
      a: [
        '{ host: rpc.example.com, port: 443, protocol: json-rpc, json_rpc: { max_body_bytes: 1024 }, rules: [{ allow: { method: "*" } }] }',
      ],
      b: ['{ host: rpc.example.com, port: 443, protocol: json-rpc, rules: [{ allow: { method: "*" } }] }'],
    }),
    error: /json_rpc_max_body_bytes=1024 vs 65536/,
  },
  {
    from: `${AMB}::websocket_graphql_classification_conflict_is_rejected`,
    policy: entries({
      a: [
        '{ host: ws.example.com, port: 443, protocol: websocket, rules: [{ allow: { operation_type: subscription } }] }',
      ],
      b: ['{ host: ws.example.com, port: 443, protocol: websocket, access: full }'],
    }),
    error: /websocket_graphql_policy=true vs false/,
  },
  {
    from: `${AMB}::matching_websocket_graphql_classification_is_compatible`,
    policy: entries({
      a: [
        '{ host: ws.example.com, port: 443, protocol: websocket, rules: [{ allow: { operation_type: subscription } }] }',
      ],
      b: [
        '{ host: ws.example.com, port: 443, protocol: websocket, rules: [{ allow: { operation_type: query } }] }',
      ],
    }),
    valid: true,
  },
  {
    from: `${AMB}::different_binary_lists_do_not_hide_endpoint_ambiguity`,
    policy:
      'version: 1\nnetwork_policies:\n  a:\n    endpoints: [{ host: api.example.com, port: 443, tls: skip }]\n    binaries: [{ path: /usr/bin/curl }]\n  b:\n    endpoints: [{ host: api.example.com, port: 443 }]\n    binaries: [{ path: /usr/bin/wget }]\n',
    error: /conflicting metadata: tls/,
  },
  {
    from: `${AMB}::explicit_tcp_and_omitted_protocol_are_ambiguous_for_native_tcp_eligibility`,
    policy: entries({
      a: ['{ host: redis.example.com, port: 6379, protocol: tcp }'],
      b: ['{ host: redis.example.com, port: 6379 }'],
    }),
    error: /transparent_tcp_eligible=true vs false/,
  },
  {
    from: `${OPA}::proto_load_rejects_ambiguous_endpoint_metadata_with_rationale`,
    policy: entries({
      a: ['{ host: api.example.com, port: 443, protocol: rest, enforcement: enforce, access: full }'],
      b: ['{ host: api.example.com, port: 443, protocol: rest, enforcement: audit, access: full }'],
    }),
    error: /enforcement="enforce" vs "audit"/,
  },

  // ---- decisions (opa.rs), on OpenShell's testdata policy ----
  {
    from: `${OPA}::allowed_binary_and_endpoint`,
    policy: SANDBOX_POLICY,
    decide: { exe: NODE, host: 'api.anthropic.com', port: 443 },
    action: 'allow',
  },
  {
    from: `${OPA}::wrong_binary_denied`,
    policy: SANDBOX_POLICY,
    decide: { exe: '/usr/bin/python3', host: 'api.anthropic.com', port: 443 },
    action: 'deny',
    reason: /not allowed/,
  },
  {
    from: `${OPA}::wrong_endpoint_denied`,
    policy: SANDBOX_POLICY,
    decide: { exe: NODE, host: 'evil.example.com', port: 443 },
    action: 'deny',
    reason: /no matching policy/,
  },
  {
    from: `${OPA}::unknown_binary_default_deny`,
    policy: SANDBOX_POLICY,
    decide: { exe: '/tmp/malicious', host: 'api.anthropic.com', port: 443 },
    action: 'deny',
  },
  {
    from: `${OPA}::github_policy_allows_git`,
    policy: SANDBOX_POLICY,
    decide: { exe: '/usr/bin/git', host: 'github.com', port: 443 },
    // REST rules are enforced per request now: the connection is allowed, as in OpenShell.
    action: 'allow',
  },
  {
    from: `${OPA}::case_insensitive_host_matching`,
    policy: SANDBOX_POLICY,
    decide: { exe: NODE, host: 'API.ANTHROPIC.COM', port: 443 },
    action: 'allow',
  },
  {
    from: `${OPA}::wrong_port_denied`,
    policy: SANDBOX_POLICY,
    decide: { exe: NODE, host: 'api.anthropic.com', port: 80 },
    action: 'deny',
  },
  {
    from: `${OPA}::ancestor_binary_allowed`,
    policy: SANDBOX_POLICY,
    decide: { exe: '/usr/bin/python3', ancestors: [NODE], host: 'statsig.anthropic.com', port: 443 },
    action: 'allow',
  },
  {
    from: `${OPA}::ancestor_binary_allowed`,
    policy: SANDBOX_POLICY,
    decide: { exe: '/usr/bin/python3', ancestors: ['/usr/bin/git'], host: 'github.com', port: 443 },
    action: 'allow',
  },
  {
    from: `${OPA}::no_ancestor_match_denied`,
    policy: SANDBOX_POLICY,
    decide: { exe: '/usr/bin/python3', ancestors: ['/usr/bin/bash'], host: 'gitlab.com', port: 443 },
    action: 'deny',
    reason: /not allowed/,
  },
  {
    from: `${OPA}::deep_ancestor_chain_matches`,
    policy: SANDBOX_POLICY,
    decide: {
      exe: '/usr/bin/python3',
      ancestors: ['/usr/bin/sh', '/usr/bin/glab'],
      host: 'gitlab.com',
      port: 443,
    },
    action: 'allow',
  },
  {
    from: `${OPA}::empty_ancestors_falls_back_to_direct`,
    policy: SANDBOX_POLICY,
    decide: { exe: '/usr/local/bin/claude', host: 'api.anthropic.com', port: 443 },
    action: 'allow',
  },
  {
    from: `${OPA}::from_proto_denies_unmatched_request`,
    policy: SANDBOX_POLICY,
    decide: { exe: CURL, host: 'evil.example.com', port: 443 },
    action: 'deny',
  },
  {
    from: `${OPA}::endpoint_in_policy_binary_not_allowed_returns_deny`,
    policy: SANDBOX_POLICY,
    decide: { exe: CURL, host: 'gitlab.com', port: 443 },
    action: 'deny',
    reason: /not allowed by policy 'gitlab'/,
  },
  {
    from: `${OPA}::unknown_binary_default_deny`,
    policy: SANDBOX_POLICY,
    decide: { exe: null, host: 'api.anthropic.com', port: 443 },
    action: 'deny',
    reason: /binary unknown/,
  },
  {
    from: `${OPA}::glob_pattern_matches_binary`,
    policy: GLOB_BIN('/usr/bin/*'),
    decide: { exe: NODE, host: 'example.com', port: 443 },
    action: 'allow',
  },
  {
    from: `${OPA}::glob_pattern_matches_ancestor`,
    policy: GLOB_BIN('/usr/local/bin/*'),
    decide: { exe: NODE, ancestors: ['/usr/local/bin/claude'], host: 'example.com', port: 443 },
    action: 'allow',
  },
  {
    from: `${OPA}::glob_pattern_no_cross_segment`,
    policy: GLOB_BIN('/usr/bin/*'),
    decide: { exe: '/usr/bin/subdir/node', host: 'example.com', port: 443 },
    action: 'deny',
  },
  {
    from: `${OPA}::cmdline_path_does_not_grant_access`,
    policy: GLOB_BIN('/usr/local/bin/my-tool'),
    decide: { exe: NODE, ancestors: ['/usr/bin/bash'], host: 'example.com', port: 443 },
    action: 'deny',
  },
  {
    from: `${OPA}::resolve_binary_skips_glob_paths`,
    policy: GLOB_BIN('/usr/bin/python3.1?'),
    decide: { exe: '/usr/bin/python3.12', host: 'example.com', port: 443 },
    action: 'deny',
  },
  {
    from: `${OPA}::wildcard_host_matches_subdomain`,
    policy: WILD,
    decide: { exe: '/usr/bin/test', host: 'api.example.com', port: 443 },
    action: 'allow',
  },
  {
    from: `${OPA}::wildcard_host_rejects_deep_subdomain`,
    policy: WILD,
    decide: { exe: '/usr/bin/test', host: 'a.b.example.com', port: 443 },
    action: 'deny',
  },
  {
    from: `${OPA}::wildcard_host_rejects_exact_domain`,
    policy: WILD,
    decide: { exe: '/usr/bin/test', host: 'example.com', port: 443 },
    action: 'deny',
  },
  {
    from: `${OPA}::wildcard_host_case_insensitive`,
    policy: WILD,
    decide: { exe: '/usr/bin/test', host: 'API.EXAMPLE.COM', port: 443 },
    action: 'allow',
  },
  {
    from: `${OPA}::wildcard_host_multi_port`,
    policy: WILD,
    decide: { exe: '/usr/bin/test', host: 'api.example.com', port: 8443 },
    action: 'allow',
  },
  {
    from: `${OPA}::wildcard_host_plus_port`,
    policy: WILD,
    decide: { exe: '/usr/bin/test', host: 'api.example.com', port: 80 },
    action: 'deny',
  },
  {
    from: `${OPA}::wildcard_host_nul_byte_causes_opa_error`,
    policy: WILD,
    decide: { exe: '/usr/bin/test', host: 'sub\u0000.example.com', port: 443 },
    action: 'deny',
    reason: /invalid destination/,
  },
  {
    from: `${OPA}::wildcard_host_nul_byte_extra_label_causes_opa_error`,
    policy: WILD,
    decide: { exe: '/usr/bin/test', host: 'evil.com\u0000.example.com', port: 443 },
    action: 'deny',
  },
  {
    from: `${OPA}::wildcard_host_percent_encoded_dot_no_match`,
    policy: WILD,
    decide: { exe: '/usr/bin/test', host: 'evil%2eexample.com', port: 443 },
    action: 'deny',
  },
  {
    from: `${OPA}::wildcard_host_intra_label_matches`,
    policy: one('{ host: "api-*.example.com", port: 443 }'),
    decide: { exe: CURL, host: 'api-eu.example.com', port: 443 },
    action: 'allow',
  },
  {
    from: `${OPA}::wildcard_host_intra_label_does_not_cross_dot`,
    policy: one('{ host: "api-*.example.com", port: 443 }'),
    decide: { exe: CURL, host: 'api-eu.x.example.com', port: 443 },
    action: 'deny',
  },
  {
    from: `${OPA}::wildcard_host_middle_label_matches_one_region_label`,
    policy: one('{ host: "*.s3.*.amazonaws.com", port: 443 }'),
    decide: { exe: CURL, host: 'bucket.s3.us-west-2.amazonaws.com', port: 443 },
    action: 'allow',
  },
  {
    from: `${OPA}::wildcard_host_middle_label_does_not_match_missing_bucket_label`,
    policy: one('{ host: "*.s3.*.amazonaws.com", port: 443 }'),
    decide: { exe: CURL, host: 's3.us-west-2.amazonaws.com', port: 443 },
    action: 'deny',
  },
  {
    from: `${OPA}::wildcard_host_middle_label_does_not_skip_dualstack_label`,
    policy: one('{ host: "*.s3.*.amazonaws.com", port: 443 }'),
    decide: { exe: CURL, host: 'bucket.s3.dualstack.us-west-2.amazonaws.com', port: 443 },
    action: 'deny',
  },
  {
    from: `${OPA}::wildcard_host_l7_rules_apply`,
    policy: one(
      '{ host: "*.example.com", port: 443, protocol: rest, enforcement: enforce, access: read-only }',
    ),
    decide: { exe: CURL, host: 'api.example.com', port: 443 },
    action: 'allow',
  },
  {
    from: `${OPA}::multi_port_endpoint_matches_first_port`,
    policy: MULTI,
    decide: { exe: CURL, host: 'api.example.com', port: 443 },
    action: 'allow',
  },
  {
    from: `${OPA}::multi_port_endpoint_matches_second_port`,
    policy: MULTI,
    decide: { exe: CURL, host: 'api.example.com', port: 8443 },
    action: 'allow',
  },
  {
    from: `${OPA}::multi_port_endpoint_rejects_unlisted_port`,
    policy: MULTI,
    decide: { exe: CURL, host: 'api.example.com', port: 9000 },
    action: 'deny',
  },
  {
    from: `${OPA}::hostless_endpoint_multi_port`,
    policy: MULTI,
    decide: { exe: CURL, host: 'db.anything.test', ip: '10.1.2.3', port: 5432 },
    action: 'allow',
  },
  {
    from: `${OPA}::l7_readonly_preset_allows_get`,
    policy: one('{ host: api.example.com, port: 443, protocol: rest, access: read-only }'),
    decide: { exe: CURL, host: 'api.example.com', port: 443 },
    action: 'audit',
    divergence:
      'OpenShell default enforcement for L7 is audit: violations are logged and let through; Paddock allows the connection and logs it as audit',
  },
  {
    from: `${OPA}::l7_full_preset_allows_everything`,
    policy: one('{ host: api.example.com, port: 443, protocol: rest, enforcement: enforce, access: full }'),
    decide: { exe: CURL, host: 'api.example.com', port: 443 },
    action: 'allow',
  },
  {
    from: `${OPA}::l7_wrong_binary_denied_even_with_matching_rules`,
    policy: one('{ host: api.example.com, port: 443, protocol: rest, enforcement: enforce, access: full }'),
    decide: { exe: '/usr/bin/wget', host: 'api.example.com', port: 443 },
    action: 'deny',
    reason: /not allowed/,
  },
  {
    from: `${OPA}::explicit_tcp_authorizes_as_l4_without_endpoint_config`,
    policy: one('{ host: redis.example.com, port: 6379, protocol: tcp }'),
    decide: { exe: CURL, host: 'redis.example.com', port: 6379 },
    action: 'allow',
  },
  {
    from: `${OPA}::reload_replaces_policy`,
    policy: 'version: 1\nnetwork_policies: {}\n',
    decide: { exe: NODE, host: 'api.anthropic.com', port: 443 },
    action: 'deny',
    reason: /network connections not allowed by policy/,
  },
  {
    from: `${OPA}::l7_overlapping_policies_allow_request_does_not_crash`,
    policy: entries({
      a: ['{ host: api.example.com, port: 443 }'],
      b: ['{ host: api.example.com, port: 443 }'],
    }),
    decide: { exe: CURL, host: 'api.example.com', port: 443 },
    action: 'allow',
  },

  // ---- allowed_ips and addresses (opa.rs, destination.rs, proxy.rs) ----
  {
    from: `${OPA}::allowed_ips_mode2_host_plus_ips_allows`,
    policy: ALLOWED_IPS,
    decide: { exe: CURL, host: 'my-service.corp.net', ip: '10.0.5.20', port: 8080 },
    action: 'allow',
  },
  {
    from: `${PROXY}::resolve_and_check_allowed_ips`,
    policy: ALLOWED_IPS,
    decide: { exe: CURL, host: 'my-service.corp.net', ip: '10.0.6.1', port: 8080 },
    action: 'deny',
    reason: /not in allowed_ips/,
  },
  {
    from: `${OPA}::allowed_ips_mode3_hostless_allows_any_domain`,
    policy: ALLOWED_IPS,
    decide: { exe: CURL, host: 'anything.internal', ip: '172.20.0.5', port: 9443 },
    action: 'allow',
  },
  {
    from: `${OPA}::allowed_ips_mode3_hostless_allows_any_domain`,
    policy: ALLOWED_IPS,
    decide: { exe: CURL, host: 'anything.internal', ip: '192.168.1.1', port: 9443 },
    action: 'allow',
  },
  {
    from: `${OPA}::allowed_ips_mode3_wrong_port_denied`,
    policy: ALLOWED_IPS,
    decide: { exe: CURL, host: 'anything.internal', ip: '172.20.0.5', port: 9444 },
    action: 'deny',
  },
  {
    from: `${OPA}::exact_declared_endpoint_host_true_for_l4_host_only`,
    policy: ALLOWED_IPS,
    decide: { exe: CURL, host: 'api.github.com', ip: '10.3.3.3', port: 443 },
    action: 'allow',
  },
  {
    from: `${OPA}::exact_declared_endpoint_host_false_for_wildcard_host`,
    policy: ALLOWED_IPS,
    decide: { exe: CURL, host: 'x.corp.net', ip: '10.3.3.3', port: 443 },
    action: 'deny',
    reason: /internal or special-use/,
  },
  {
    from: `${OPA}::exact_declared_endpoint_host_false_for_wildcard_host`,
    policy: ALLOWED_IPS,
    decide: { exe: CURL, host: 'x.corp.net', ip: '203.0.114.10', port: 443 },
    action: 'allow',
  },
  {
    from: `${DEST}::address_filter_exact_host_allows_private_but_not_always_blocked`,
    policy: ALLOWED_IPS,
    decide: { exe: CURL, host: 'api.github.com', ip: '127.0.0.1', port: 443 },
    action: 'deny',
    reason: /loopback/,
  },
  {
    from: `${DEST}::address_filter_exact_host_allows_private_but_not_always_blocked`,
    policy: ALLOWED_IPS,
    decide: { exe: CURL, host: 'api.github.com', ip: '169.254.169.254', port: 443 },
    action: 'deny',
  },
  {
    from: `${DEST}::default_mode_classifies_loopback_as_internal_address`,
    policy: ALLOWED_IPS,
    decide: { exe: CURL, host: 'x.corp.net', ip: '127.0.0.1', port: 443 },
    action: 'deny',
  },
  {
    from: `${DEST}::address_filter_rejects_control_plane_port`,
    policy: one('{ host: api.example.com, port: 6443 }'),
    decide: { exe: CURL, host: 'api.example.com', port: 6443 },
    action: 'deny',
    reason: /6443 is a blocked control-plane port/,
  },
  {
    from: `${PROXY}::resolve_and_check_allowed_ips`,
    policy: one('{ host: etcd.example.com, ports: [2379, 2380, 10250, 10255], allowed_ips: [10.0.0.0/8] }'),
    decide: { exe: CURL, host: 'etcd.example.com', ip: '10.0.0.5', port: 2379 },
    action: 'deny',
    reason: /control-plane port/,
  },
  {
    from: `${PROXY}::resolve_and_check_allowed_ips`,
    policy: one('{ host: etcd.example.com, ports: [2379, 2380, 10250, 10255], allowed_ips: [10.0.0.0/8] }'),
    decide: { exe: CURL, host: 'etcd.example.com', ip: '10.0.0.5', port: 10250 },
    action: 'deny',
    reason: /control-plane port/,
  },
  {
    from: `${DEST}::address_filter_enforces_allowed_ips`,
    policy: one('{ host: pinned.example.com, port: 443, allowed_ips: [198.51.100.0/24] }'),
    decide: { exe: CURL, host: 'pinned.example.com', ip: '203.0.114.1', port: 443 },
    action: 'deny',
    reason: /not in allowed_ips/,
  },
  {
    from: `${DEST}::validation_mode_precedence_is_explicit_and_stable`,
    policy: one('{ host: 10.0.0.7, port: 8080 }'),
    decide: { exe: CURL, ip: '10.0.0.7', port: 8080 },
    action: 'allow',
  },
  {
    from: `${DEST}::validation_mode_precedence_is_explicit_and_stable`,
    policy: one('{ host: 10.0.0.7, port: 8080 }'),
    decide: { exe: CURL, ip: '10.0.0.8', port: 8080 },
    action: 'deny',
  },
  {
    from: `${PROXY}::implicit_allowed_ips_for_ip_host`,
    policy: one('{ host: 127.0.0.1, port: 8080 }'),
    decide: { exe: CURL, ip: '127.0.0.1', port: 8080 },
    action: 'allow',
    divergence:
      'OpenShell never reaches loopback even when the host names it; Paddock allows a loopback host that is named on purpose (local test servers), with a load warning',
  },
  {
    from: `${PROXY}::parse_allowed_ips`,
    policy: one('{ host: db.example.com, port: 5432, allowed_ips: [0.0.0.0/0] }'),
    error: /allowed_ips entry 0\.0\.0\.0\/0 falls within always-blocked range/,
  },
  {
    from: `${PROXY}::parse_allowed_ips`,
    policy: one('{ host: db.example.com, port: 5432, allowed_ips: [10.0.0.0/8, 127.0.0.1] }'),
    error: /always-blocked range.*in a list of its own/,
  },
  {
    from: `${PROXY}::parse_allowed_ips`,
    policy: one('{ host: db.example.com, port: 5432, allowed_ips: [not-an-ip] }'),
    error: /invalid CIDR\/IP in allowed_ips: not-an-ip/,
  },
  {
    from: `${PROXY}::parse_allowed_ips`,
    policy: one('{ host: db.example.com, port: 5432, allowed_ips: [10.0.0.0/8] }'),
    valid: true,
    warn: /very broad CIDR/,
  },
  {
    from: `${PROXY}::parse_allowed_ips`,
    policy: one('{ host: db.example.com, port: 5432, allowed_ips: [127.0.0.1] }'),
    valid: true,
    warn: /OpenShell refuses it; Paddock allows it/,
    divergence:
      'OpenShell rejects any loopback/link-local allowed_ips entry; Paddock accepts a list of only such entries (a local server named on purpose) and warns',
  },

  // ---- address classes (net.rs) ----
  { from: `${NET}::test_internal_ip_rfc1918`, ip: '10.0.0.1', internal: true, alwaysBlocked: false },
  { from: `${NET}::test_internal_ip_rfc1918`, ip: '172.16.0.1', internal: true, alwaysBlocked: false },
  { from: `${NET}::test_internal_ip_rfc1918`, ip: '192.168.0.1', internal: true, alwaysBlocked: false },
  { from: `${NET}::test_internal_ip_loopback`, ip: '127.0.0.1', internal: true, alwaysBlocked: true },
  { from: `${NET}::test_internal_ip_link_local`, ip: '169.254.169.254', internal: true, alwaysBlocked: true },
  { from: `${NET}::test_internal_ip_unspecified`, ip: '0.0.0.0', internal: true, alwaysBlocked: true },
  { from: `${NET}::test_internal_ip_v6_ula`, ip: 'fd00::1', internal: true, alwaysBlocked: false },
  { from: `${NET}::test_internal_ip_allows_public`, ip: '8.8.8.8', internal: false, alwaysBlocked: false },
  {
    from: `${NET}::test_internal_ip_allows_public`,
    ip: '2606:4700::1111',
    internal: false,
    alwaysBlocked: false,
  },
  {
    from: `${NET}::test_internal_ip_ipv4_mapped_v6`,
    ip: '::ffff:10.0.0.1',
    internal: true,
    alwaysBlocked: false,
  },
  { from: `${NET}::test_internal_ip_cgnat`, ip: '100.64.0.1', internal: true, alwaysBlocked: false },
  { from: `${NET}::test_internal_ip_cgnat`, ip: '100.127.255.255', internal: true, alwaysBlocked: false },
  {
    from: `${NET}::test_internal_ip_special_use_ranges`,
    ip: '192.0.0.1',
    internal: true,
    alwaysBlocked: false,
  },
  {
    from: `${NET}::test_internal_ip_special_use_ranges`,
    ip: '192.0.2.1',
    internal: true,
    alwaysBlocked: false,
  },
  {
    from: `${NET}::test_internal_ip_special_use_ranges`,
    ip: '198.18.0.1',
    internal: true,
    alwaysBlocked: false,
  },
  {
    from: `${NET}::test_internal_ip_special_use_ranges`,
    ip: '198.51.100.1',
    internal: true,
    alwaysBlocked: false,
  },
  {
    from: `${NET}::test_internal_ip_special_use_ranges`,
    ip: '203.0.113.1',
    internal: true,
    alwaysBlocked: false,
  },
  {
    from: `${NET}::test_internal_ip_special_use_ranges`,
    ip: '255.255.255.255',
    internal: true,
    alwaysBlocked: false,
  },
  {
    from: `${NET}::test_internal_ip_ipv6_mapped_cgnat`,
    ip: '::ffff:100.64.0.1',
    internal: true,
    alwaysBlocked: false,
  },
  { from: `${NET}::test_always_blocked_ip_loopback_v6`, ip: '::1', internal: true, alwaysBlocked: true },
  {
    from: `${NET}::test_always_blocked_ip_link_local_v6`,
    ip: 'fe80::1',
    internal: true,
    alwaysBlocked: true,
  },
  { from: `${NET}::test_always_blocked_ip_unspecified_v6`, ip: '::', internal: true, alwaysBlocked: true },
  {
    from: `${NET}::test_always_blocked_ip_ipv4_mapped_v6_loopback`,
    ip: '::ffff:127.0.0.1',
    internal: true,
    alwaysBlocked: true,
  },
  {
    from: `${NET}::test_always_blocked_ip_ipv4_mapped_v6_link_local`,
    ip: '::ffff:169.254.169.254',
    internal: true,
    alwaysBlocked: true,
  },
  {
    from: `${NET}::test_always_blocked_ip_allows_rfc1918`,
    ip: '10.1.2.3',
    internal: true,
    alwaysBlocked: false,
  },
  { from: `${NET}::test_link_local_ip_not_public`, ip: '1.1.1.1', internal: false, alwaysBlocked: false },
  {
    from: `${NET}::test_internal_ip_special_use_ranges`,
    ip: '224.0.0.1',
    internal: true,
    alwaysBlocked: false,
    divergence:
      'OpenShell does not count multicast as internal; Paddock does, since no TCP connection goes there',
  },
  { from: `${NET}::test_always_blocked_net_loopback_v4`, cidr: '127.0.0.0/8', overlapsBlocked: true },
  { from: `${NET}::test_always_blocked_net_link_local_v4`, cidr: '169.254.0.0/16', overlapsBlocked: true },
  { from: `${NET}::test_always_blocked_net_unspecified_v4`, cidr: '0.0.0.0/32', overlapsBlocked: true },
  { from: `${NET}::test_always_blocked_net_loopback_v6`, cidr: '::1/128', overlapsBlocked: true },
  { from: `${NET}::test_always_blocked_net_link_local_v6`, cidr: 'fe80::/10', overlapsBlocked: true },
  {
    from: `${NET}::test_always_blocked_net_ipv4_mapped_v6_loopback`,
    cidr: '::ffff:127.0.0.1/128',
    overlapsBlocked: true,
  },
  { from: `${NET}::test_always_blocked_net_allows_rfc1918`, cidr: '10.0.0.0/8', overlapsBlocked: false },
  { from: `${NET}::test_always_blocked_net_allows_public`, cidr: '8.8.8.0/24', overlapsBlocked: false },
  {
    from: `${NET}::test_always_blocked_net_single_ip_metadata`,
    cidr: '169.254.169.254/32',
    overlapsBlocked: true,
  },
  {
    from: `${NET}::test_always_blocked_net_broad_cidr_containing_blocked`,
    cidr: '0.0.0.0/0',
    overlapsBlocked: true,
  },
  {
    from: `${NET}::test_always_blocked_net_v6_broad_containing_loopback`,
    cidr: '::/0',
    overlapsBlocked: true,
  },
  {
    from: `${NET}::test_always_blocked_net_v6_ipv4_mapped_broad_spans_link_local`,
    cidr: '::ffff:168.0.0.0/103',
    overlapsBlocked: true,
  },
  {
    from: `${NET}::test_always_blocked_net_v6_ipv4_mapped_broad_spans_loopback`,
    cidr: '::ffff:96.0.0.0/99',
    overlapsBlocked: true,
  },
  {
    from: `${NET}::test_always_blocked_net_v6_ipv4_mapped_allows_public`,
    cidr: '::ffff:8.8.8.0/120',
    overlapsBlocked: false,
  },

  // ---- host and binary matching (opa.rs) ----
  {
    from: `${OPA}::host_pattern_matches_rego_endpoint_host_semantics`,
    hostPattern: '**.example.com',
    name: 'a.b.example.com',
    match: true,
  },
  {
    from: `${OPA}::host_pattern_matches_rego_endpoint_host_semantics`,
    hostPattern: '**.example.com',
    name: 'example.com',
    match: false,
  },
  {
    from: `${OPA}::host_pattern_matches_rego_endpoint_host_semantics`,
    hostPattern: '*.example.com',
    name: 'a.b.example.com',
    match: false,
  },
  {
    from: `${OPA}::middleware_chain_uses_dns_label_glob_semantics`,
    hostPattern: 'api.*.example.com',
    name: 'api.eu.example.com',
    match: true,
  },
  {
    from: `${OPA}::middleware_chain_uses_dns_label_glob_semantics`,
    hostPattern: 'api.*.example.com',
    name: 'api.eu.west.example.com',
    match: false,
  },
  {
    from: `${OPA}::glob_pattern_no_cross_segment`,
    binaryPattern: '/usr/bin/*',
    path: '/usr/bin/sub/node',
    match: false,
  },
  {
    from: `${OPA}::glob_pattern_matches_binary`,
    binaryPattern: '/usr/lib/node_modules/@github/copilot/node_modules/@github/**/copilot',
    path: '/usr/lib/node_modules/@github/copilot/node_modules/@github/copilot-linux-x64/copilot',
    match: true,
  },
  {
    from: `${OPA}::resolve_binary_skips_glob_paths`,
    binaryPattern: '/home/*/.local/bin/copilot',
    path: '/home/sandbox/.local/bin/copilot',
    match: true,
  },
  {
    from: `${OPA}::symlink_expanded_binary_does_not_weaken_security`,
    binaryPattern: '/usr/bin/python3',
    path: '/usr/bin/python3.11',
    match: false,
  },
];
