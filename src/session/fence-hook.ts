import type { Credential, GatewayClient } from '../gateway/index.js';
import type { Policy } from '../policy/types.js';
import type { SandboxInfo } from '../sandbox/index.js';

/**
 * The sandbox→gateway seam: the hook createSandbox/restartSandbox run after the holder starts and before any
 * user code. It registers the sandbox with its policy (and the phase its decisions are stamped with); the gateway
 * installs and verifies the fence, or throws.
 */
export function fenceHook(
  client: GatewayClient,
  policy: Policy,
  phase?: string,
  credentials: readonly Credential[] = [],
  /** A restart without the values: the gateway re-uses the credentials it kept. @default false */
  keepCredentials = false,
): (info: SandboxInfo) => Promise<{ readonly ip: string }> {
  return async (info) => {
    const answer = await client.register({
      sandbox: info.name,
      run: info.run,
      ip: info.ip,
      // No engine endpoint (network mode `none`): the gateway gives it an address and joins it to its network.
      ...(info.ip === '' ? { plumb: true } : {}),
      pid: info.pid,
      container: info.id,
      resolvConfPath: info.resolvConfPath,
      policy,
      ...(phase ? { phase } : {}),
      ...(credentials.length > 0 ? { credentials } : {}),
      ...(keepCredentials ? { keepCredentials } : {}),
    });
    return { ip: answer.ip };
  };
}
