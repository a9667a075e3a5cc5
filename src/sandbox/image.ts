import type Docker from 'dockerode';
import { errorMessage, PaddockError } from '../common/errors.js';
import { connectEngine } from './engine.js';

const statusOf = (error: unknown): number | undefined => (error as { statusCode?: number }).statusCode;

async function inspect(docker: Docker, ref: string): Promise<Docker.ImageInspectInfo | undefined> {
  try {
    return await docker.getImage(ref).inspect();
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw new PaddockError('ENGINE_UNAVAILABLE', `cannot inspect image ${ref}: ${errorMessage(error)}`, {
      cause: error,
    });
  }
}

async function pull(docker: Docker, ref: string, signal?: AbortSignal): Promise<void> {
  const stream = await docker.pull(ref, { abortSignal: signal });
  await new Promise<void>((resolve, reject) => {
    docker.modem.followProgress(stream, (error: Error | null, events: { error?: string }[]) => {
      const failed = error ?? events.find((e) => e.error)?.error;
      if (failed) reject(failed instanceof Error ? failed : new Error(failed));
      else resolve();
    });
  });
}

/** Images named by their id: an id names the same content for good, so each is inspected once per process. */
const byId = new Map<string, Docker.ImageInspectInfo>();
const IMAGE_ID = /^sha256:[0-9a-f]{64}$/;

/** The image as the engine has it: used as is when present, pulled only when missing. */
export async function ensureImage(ref: string, signal?: AbortSignal): Promise<Docker.ImageInspectInfo> {
  const known = byId.get(ref);
  if (known) return known;
  const { docker } = await connectEngine();
  const present = await inspect(docker, ref);
  if (present && IMAGE_ID.test(ref) && present.Id === ref) byId.set(ref, present);
  if (present) return present;
  try {
    await pull(docker, ref, signal);
  } catch (error) {
    throw new PaddockError(
      'IMAGE_UNAVAILABLE',
      `image ${ref} is not present locally and pulling it failed (${errorMessage(error)}). ` +
        'Without a registry, run `paddock image bootstrap` and use paddock/base:latest.',
      { cause: error },
    );
  }
  const pulled = await inspect(docker, ref);
  if (!pulled) throw new PaddockError('IMAGE_UNAVAILABLE', `image ${ref} is still missing after pulling it`);
  return pulled;
}

/** For reports: the repo digest (`name@sha256:…`) when the image came from a registry, else the image id. */
export async function imageDigest(ref: string): Promise<string> {
  const { docker } = await connectEngine();
  const info = await inspect(docker, ref);
  if (!info) throw new PaddockError('IMAGE_UNAVAILABLE', `image ${ref} is not present locally`);
  return info.RepoDigests?.[0] ?? info.Id;
}

/** `repo:tag` → [repo, tag]; no tag (a colon only in a registry's port) → [repo]. Pure. */
export function splitTag(ref: string): [string, string?] {
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  return colon > slash ? [ref.slice(0, colon), ref.slice(colon + 1)] : [ref];
}
