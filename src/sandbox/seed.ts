import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { errorMessage, PaddockError } from '../common/errors.js';
import { SANDBOX_DIR } from './create-options.js';
import { connectEngine } from './engine.js';
import { LABEL } from './names.js';
import { headersOf } from './ownership.js';

/** Image ids whose /sandbox holds nothing, so there is nothing to copy. */
const emptyIn = new Set<string>();

/** Whether the archive of `path` holds more than the directory itself. */
const hasFiles = async (container: Docker.Container, path: string): Promise<boolean> =>
  (await headersOf(container, path, 2)).length > 1;

/**
 * /sandbox is a tmpfs volume: Docker's copy of the image's /sandbox goes into a mount it then drops. Copy the
 * image's files in from a never-started container of the image, when it has any and the sandbox's /sandbox is
 * still empty (a restart that kept the mount keeps its files). Runs before any user code.
 */
export async function seedSandboxDir(
  container: Docker.Container,
  imageId: string,
  session: string,
): Promise<void> {
  if (emptyIn.has(imageId)) return;
  const { docker } = await connectEngine();
  const scratch = await docker.createContainer({
    Image: imageId,
    Entrypoint: ['true'],
    Cmd: [],
    Labels: { [LABEL.session]: session }, // prune finds it if we die before removing it
    NetworkDisabled: true,
    HostConfig: { NetworkMode: 'none' },
  });
  try {
    if (!(await hasFiles(scratch, SANDBOX_DIR))) {
      emptyIn.add(imageId);
      return;
    }
    if (await hasFiles(container, SANDBOX_DIR)) return;
    const tar = (await scratch.getArchive({ path: `${SANDBOX_DIR}/.` })) as unknown as Readable;
    await container.putArchive(tar, { path: SANDBOX_DIR });
  } catch (error) {
    const full = /no space left/i.test(errorMessage(error));
    throw new PaddockError(
      'SANDBOX_FAILED',
      full
        ? `the image's files under ${SANDBOX_DIR} do not fit limits.diskBytes`
        : `cannot copy the image's ${SANDBOX_DIR} in: ${errorMessage(error)}`,
      { cause: error },
    );
  } finally {
    await scratch.remove({ force: true }).catch(() => undefined);
  }
}
