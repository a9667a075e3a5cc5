import { PaddockError } from '../common/errors.js';

/** Labels every paddock resource carries. `prune` matches on these only. */
export const LABEL = {
  session: 'paddock.session',
  sandbox: 'paddock.sandbox',
  run: 'paddock.run',
  /** On volumes: `sandbox` (one sandbox's /sandbox) or `shared` (named, mounted into several). */
  volume: 'paddock.volume',
  /** On containers: the image reference asked for. */
  image: 'paddock.image',
} as const;

/** Docker object names allow `[a-zA-Z0-9][a-zA-Z0-9_.-]*`; anything else becomes `-`. */
export function sanitise(value: string): string {
  const cleaned = value.replace(/[^a-zA-Z0-9_.-]+/g, '-').replace(/^[^a-zA-Z0-9]+/, '');
  return cleaned.slice(0, 100);
}

function checked(what: string, value: string): string {
  const clean = sanitise(value);
  if (clean === '') {
    throw new PaddockError(
      'INPUT_INVALID',
      `${what} ${JSON.stringify(value)} is empty once sanitised; expected letters or digits`,
    );
  }
  return clean;
}

export const networkName = (session: string): string => `paddock-${checked('session', session)}`;

export const containerName = (session: string, name: string): string =>
  `paddock-${checked('session', session)}-${checked('sandbox name', name)}`;

/** The per-sandbox volume mounted at /sandbox. */
export const sandboxVolumeName = (session: string, name: string): string =>
  `${containerName(session, name)}.sandbox`;

/** A named volume shared between sandboxes of one session. */
export const sharedVolumeName = (session: string, volume: string): string =>
  `paddock-${checked('session', session)}.shared.${checked('volume name', volume)}`;

/** Docker list filter for everything of one session, or everything paddock made. */
export function labelFilter(session?: string): { label: string[] } {
  return { label: [session === undefined ? LABEL.session : `${LABEL.session}=${session}`] };
}
