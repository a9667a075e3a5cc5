import type Docker from 'dockerode';
import { errorMessage, PaddockError } from '../common/errors.js';
import { connectEngine } from './engine.js';
import { splitTag } from './image.js';
import type { SandboxInfo } from './types.js';

const statusOf = (error: unknown): number | undefined => (error as { statusCode?: number }).statusCode;

/** A local image as the engine has it: its id and labels. */
export interface LocalImage {
  readonly id: string;
  readonly labels: Readonly<Record<string, string>>;
}

/**
 * The parts of an image's config a committed image keeps from its base, so the sandbox's own settings (its
 * holder entrypoint, root user, proxy variables) do not become the image's. Pure.
 */
export function baseConfig(
  base: Docker.ImageInspectInfo['Config'] | undefined,
  labels: Readonly<Record<string, string>>,
): Record<string, unknown> {
  const c = base ?? ({} as Partial<Docker.ImageInspectInfo['Config']>);
  return {
    User: c.User ?? '',
    Env: c.Env ?? [],
    Entrypoint: c.Entrypoint ?? null,
    Cmd: c.Cmd ?? null,
    WorkingDir: c.WorkingDir ?? '',
    Volumes: c.Volumes ?? null,
    ExposedPorts: c.ExposedPorts ?? null,
    StopSignal: (c as { StopSignal?: string }).StopSignal ?? '',
    Labels: { ...(c.Labels ?? {}), ...labels },
  };
}

/**
 * Stop a sandbox and commit its root filesystem as an untagged local image: what its processes wrote outside
 * its mounts (/sandbox, /tmp, /dev/shm and the engine's resolv.conf, hosts and hostname are not part of it).
 * The image's config is its base image's (`baseConfig`) plus `labels`. Returns the new image's id.
 */
export async function commitSandbox(
  info: SandboxInfo,
  labels: Readonly<Record<string, string>>,
): Promise<string> {
  const { docker } = await connectEngine();
  const container = docker.getContainer(info.id);
  try {
    // Stopped first: nothing the command left running writes while the layer is taken.
    await container.stop({ t: 1 }).catch((error: unknown) => {
      if (statusOf(error) !== 304) throw error; // 304: stopped already
    });
    const base = await docker.getImage(info.imageId).inspect();
    const answer = (await container.commit({
      _query: { container: info.id, pause: false },
      _body: baseConfig(base.Config, labels),
    })) as { Id?: string };
    if (!answer.Id) throw new Error('the engine answered without an image id');
    return answer.Id;
  } catch (error) {
    throw new PaddockError('SANDBOX_FAILED', `cannot commit ${info.name}: ${errorMessage(error)}`, {
      cause: error,
    });
  }
}

/** The image under a reference (tag or id), or undefined when the engine has none. */
export async function findImage(ref: string): Promise<LocalImage | undefined> {
  const { docker } = await connectEngine();
  try {
    const image = await docker.getImage(ref).inspect();
    return { id: image.Id, labels: image.Config?.Labels ?? {} };
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw new PaddockError('ENGINE_UNAVAILABLE', `cannot inspect image ${ref}: ${errorMessage(error)}`, {
      cause: error,
    });
  }
}

/** Point `repo:tag` at an image (moving the tag when it named another). */
export async function tagImage(id: string, ref: string): Promise<void> {
  const { docker } = await connectEngine();
  const [repo, tag = 'latest'] = splitTag(ref);
  try {
    await docker.getImage(id).tag({ repo, tag });
  } catch (error) {
    throw new PaddockError('ENGINE_UNAVAILABLE', `cannot tag ${id} as ${ref}: ${errorMessage(error)}`, {
      cause: error,
    });
  }
}

/** Remove an image by id; one still in use or gone already is left alone. Never throws. */
export async function removeImage(id: string): Promise<void> {
  const { docker } = await connectEngine();
  await docker
    .getImage(id)
    .remove()
    .catch(() => undefined);
}
