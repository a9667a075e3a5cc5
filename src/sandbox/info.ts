import type Docker from 'dockerode';
import { attributionOf } from './init.js';
import { LABEL, networkName } from './names.js';
import { bridgeIpOf } from './subnet.js';
import type { SandboxInfo, SandboxState } from './types.js';

/** SandboxInfo from an inspect answer. Pure. */
export function toInfo(inspect: Docker.ContainerInspectInfo, bridgeIp?: string): SandboxState {
  const labels = inspect.Config.Labels ?? {};
  const session = labels[LABEL.session] ?? '';
  const endpoint = inspect.NetworkSettings?.Networks?.[networkName(session || 'x')];
  const ip = endpoint?.IPAddress ?? '';
  const derived = ip && endpoint?.IPPrefixLen === 24 ? bridgeIpOf(`${ip}/24`) : '';
  return {
    session,
    name: labels[LABEL.sandbox] ?? inspect.Name.replace(/^\//, ''),
    run: labels[LABEL.run] ? (labels[LABEL.run] as string) : null,
    id: inspect.Id,
    ip,
    pid: inspect.State?.Pid ?? 0,
    bridgeIp: bridgeIp ?? (endpoint?.Gateway || derived),
    resolvConfPath: inspect.ResolvConfPath ?? '',
    image: labels[LABEL.image] ?? inspect.Config.Image,
    imageId: inspect.Image,
    user: inspect.Config.User ?? '',
    attribution: attributionOf(
      typeof inspect.Config.Entrypoint === 'string' ? [inspect.Config.Entrypoint] : inspect.Config.Entrypoint,
    ),
    state: inspect.State?.Status ?? 'unknown',
  };
}

/** Only SandboxInfo's fields (no state), for callers that pass info along. */
export function infoOnly(state: SandboxState): SandboxInfo {
  const { state: _state, ...info } = state;
  return info;
}

/**
 * The sandbox's own address from its netns's `/proc/<pid>/net/fib_trie`: the one local /32 that is not loopback.
 * For a sandbox the gateway joined to the network (network mode `none`), which the engine cannot say. '' when
 * there is none (not running, not yet joined).
 */
export function localAddressOf(fibTrie: string): string {
  const lines = fibTrie.split('\n');
  for (let i = 0; i + 1 < lines.length; i++) {
    const ip = /^\s*\|-- (\d+\.\d+\.\d+\.\d+)$/.exec(lines[i] ?? '')?.[1];
    if (ip && !ip.startsWith('127.') && /^\s*\/32 host LOCAL$/.test(lines[i + 1] ?? '')) return ip;
  }
  return '';
}
