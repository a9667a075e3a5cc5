import { PaddockError } from './errors.js';

// The one duration grammar of the CLI, the spec and the Action: one or more <number><unit> parts, largest
// unit first or not (`90s`, `10m`, `1h30m`, `1.5m`, `500ms`). A bare number is refused everywhere: `90`
// could mean seconds or milliseconds, and a guess would quietly be wrong by a factor of 1000.

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const WHOLE = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h))+$/;
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;
const MAX_MS = 2 ** 31 - 1;

/** `90s` → 90000, `1h30m` → 5400000; anything else (including a bare number or 0) → an INPUT_INVALID error. */
export function parseDuration(text: string): number {
  const trimmed = text.trim();
  if (!WHOLE.test(trimmed)) {
    const hint = /^\d+(\.\d+)?$/.test(trimmed) ? ` (add a unit: ${trimmed}s or ${trimmed}m)` : '';
    throw new PaddockError(
      'INPUT_INVALID',
      `expected a duration such as 90s, 10m or 1h30m, got ${JSON.stringify(text)}${hint}`,
    );
  }
  let total = 0;
  for (const [, amount, unit] of trimmed.matchAll(PART))
    total += Number(amount) * (UNITS[unit as string] ?? 0);
  const ms = Math.round(total);
  if (ms <= 0)
    throw new PaddockError('INPUT_INVALID', `expected a duration above 0, got ${JSON.stringify(text)}`);
  // A Node timer holds 2^31-1 ms; a longer one fires after 1 ms (the command would time out at once).
  if (ms > MAX_MS)
    throw new PaddockError(
      'INPUT_INVALID',
      `expected a duration of at most 596h, got ${JSON.stringify(text)}`,
    );
  return ms;
}

/** 600000 → `10m`; 5400000 → `1h30m`; 1500 → `1.5s`; 250 → `250ms` (what parseDuration reads back). */
export function formatDuration(ms: number): string {
  if (ms >= 3_600_000 && ms % 60_000 === 0) {
    const minutes = (ms % 3_600_000) / 60_000;
    return `${Math.floor(ms / 3_600_000)}h${minutes ? `${minutes}m` : ''}`;
  }
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms >= 1000) return `${Number((ms / 1000).toFixed(1))}s`;
  return `${ms}ms`;
}
