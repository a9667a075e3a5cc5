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
