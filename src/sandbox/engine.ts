import Docker from 'dockerode';
import { errorMessage, PaddockError } from '../common/errors.js';

/** Oldest engine API we support (Docker 20.10). */
export const MIN_API = '1.41';
/** Newest API this client speaks; newer engines are asked for this one. */
export const MAX_API = '1.45';

function compareApi(a: string, b: string): number {
  const [am = 0, an = 0] = a.split('.').map(Number);
  const [bm = 0, bn = 0] = b.split('.').map(Number);
  return am - bm || an - bn;
}

/** Pick the API version to speak: the engine's, capped at ours; below the floor is an error. */
export function negotiateApi(engineApi: string): string {
  if (compareApi(engineApi, MIN_API) < 0) {
    throw new PaddockError(
      'ENGINE_UNAVAILABLE',
      `Docker engine API ${engineApi} is older than the supported floor ${MIN_API} (Docker 20.10)`,
    );
  }
  return compareApi(engineApi, MAX_API) > 0 ? MAX_API : engineApi;
}

export interface Engine {
  readonly docker: Docker;
  readonly version: string;
  readonly api: string;
}

let cached: Promise<Engine> | undefined;

/** Connect to the engine named by DOCKER_HOST (or the default socket) and negotiate the API version. */
export function connectEngine(): Promise<Engine> {
  cached ??= negotiate().catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}

async function negotiate(): Promise<Engine> {
  const probe = new Docker();
  let info: Docker.DockerVersion;
  try {
    info = await probe.version();
  } catch (error) {
    const where = process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock';
    throw new PaddockError(
      'ENGINE_UNAVAILABLE',
      `no Docker engine answers at ${where} (${errorMessage(error)}). ` +
        'Start dockerd, or run scripts/ensure-docker as root to install and start one.',
      { cause: error },
    );
  }
  const api = negotiateApi(info.ApiVersion);
  const docker = new Docker({ version: `v${api}` } as Docker.DockerOptions);
  return { docker, version: info.Version, api };
}
