import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { connectEngine } from '../../src/sandbox/engine.js';

/** A fresh folder holding `paddock.yml` and the given files; returns the spec path. */
export async function specDir(files: Record<string, string>): Promise<{ dir: string; spec: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'paddock-e2e-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return { dir, spec: join(dir, 'paddock.yml') };
}

export const sessionId = (): string => `t-${randomBytes(4).toString('hex')}`;

/** Containers, networks and volumes labelled with the session, and gateway processes naming it. */
export async function leftovers(
  session: string,
): Promise<{ containers: number; networks: number; volumes: number; gateways: number }> {
  const { docker } = await connectEngine();
  const filters = { label: [`paddock.session=${session}`] };
  const [containers, networks, volumes] = await Promise.all([
    docker.listContainers({ all: true, filters }),
    docker.listNetworks({ filters }),
    docker.listVolumes({ filters }),
  ]);
  let gateways = 0;
  try {
    gateways = execFileSync('pgrep', ['-f', '--', `--session ${session} `], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .filter(Boolean).length;
  } catch {
    gateways = 0;
  }
  return {
    containers: containers.length,
    networks: networks.length,
    volumes: volumes.Volumes?.length ?? 0,
    gateways,
  };
}
