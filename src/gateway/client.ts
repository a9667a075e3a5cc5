import { type ErrorCode, errorMessage, PaddockError } from '../common/errors.js';
import type { EgressEvent } from '../common/event.js';
import { http } from '../common/http.js';
import type { Policy } from '../policy/types.js';
import type { RegisterAnswer, RegisterRequest, SandboxPolicy } from './control.js';
import type { GatewayPorts } from './fence.js';

export interface GatewayHealth {
  readonly ok: boolean;
  readonly pid: number;
  readonly session: string;
  readonly bridgeIp: string;
  readonly ports: GatewayPorts;
  readonly enforcement: 'enforce' | 'audit' | 'proxy-only';
  readonly sandboxes: readonly string[];
}

/** Talks to a running gateway over its control socket. Errors carry the gateway's PaddockError code. */
export class GatewayClient {
  readonly socketPath: string;

  constructor(socketPath: string) {
    this.socketPath = socketPath;
  }

  health(): Promise<GatewayHealth> {
    return this.#call('GET', '/health');
  }

  /**
   * Installs the fence; resolves only once it is verified in place. Failure: FENCE_FAILED. The answer says the
   * sandbox's address (the gateway's choice with `plumb`).
   */
  register(request: RegisterRequest): Promise<RegisterAnswer> {
    return this.#call('POST', '/sandboxes', request);
  }

  /** `keepCredentials`: the gateway keeps the sandbox's credentials for its next registration (a restart). */
  async unregister(sandbox: string, options: { readonly keepCredentials?: boolean } = {}): Promise<void> {
    const keep = options.keepCredentials ? '?keep-credentials=1' : '';
    await this.#call('DELETE', `/sandboxes/${encodeURIComponent(sandbox)}${keep}`);
  }

  /** Hot-reloads network_policies; other changes and invalid policies are rejected (POLICY_INVALID). */
  /** Hot-reload the sandbox's network policy; `phase` stamps its later decisions (an eval's `verify`). */
  async setPolicy(sandbox: string, policy: Policy, phase?: string): Promise<void> {
    await this.#call('PUT', `/sandboxes/${encodeURIComponent(sandbox)}/policy`, {
      policy,
      ...(phase === undefined ? {} : { phase }),
    });
  }

  /** The sandbox's policy and what its binary paths resolved to inside the sandbox. */
  policy(sandbox: string): Promise<SandboxPolicy> {
    return this.#call('GET', `/sandboxes/${encodeURIComponent(sandbox)}/policy`);
  }

  events(filter: { sandbox?: string } = {}): Promise<EgressEvent[]> {
    const q = filter.sandbox === undefined ? '' : `?sandbox=${encodeURIComponent(filter.sandbox)}`;
    return this.#call('GET', `/events${q}`);
  }

  #call<T>(method: string, path: string, payload?: unknown): Promise<T> {
    return new Promise((resolve, reject) => {
      const data = payload === undefined ? undefined : JSON.stringify(payload);
      const req = http.request(
        {
          socketPath: this.socketPath,
          method,
          path,
          headers: data
            ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) }
            : {},
          timeout: 30_000,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            let value: unknown;
            try {
              value = JSON.parse(Buffer.concat(chunks).toString());
            } catch {
              // Rethrown as GATEWAY_FAILED: a caller never takes a non-JSON answer for success.
              return reject(
                new PaddockError('GATEWAY_FAILED', `gateway answered ${method} ${path} with non-JSON`),
              );
            }
            if ((res.statusCode ?? 500) < 300) return resolve(value as T);
            const e = (value as { error?: { code?: ErrorCode; message?: string } }).error;
            reject(
              new PaddockError(e?.code ?? 'GATEWAY_FAILED', e?.message ?? `gateway: HTTP ${res.statusCode}`),
            );
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error('timed out')));
      req.on('error', (error) =>
        reject(
          new PaddockError(
            'GATEWAY_UNAVAILABLE',
            `no gateway answers at ${this.socketPath}: ${errorMessage(error)}`,
            {
              cause: error,
            },
          ),
        ),
      );
      req.end(data);
    });
  }
}
