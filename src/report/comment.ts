import { createHash } from 'node:crypto';
import type { EgressEvent } from '../common/event.js';
import type { Results } from '../eval/results.js';
import { type Suggestion, summaryMarkdown } from './summary.js';
import { byteLength } from './text.js';

export interface CommentOptions {
  /** Link to the workflow run, shown at the end. */
  readonly runUrl?: string;
  /** Size cap in UTF-8 bytes; GitHub rejects comment bodies over 65536 characters. @default 60000 */
  readonly maxBytes?: number;
}

/**
 * The hidden marker that identifies a spec's comment, so a re-run updates it in place.
 * Keyed by a hash of the spec path: nothing user-controlled ends up inside the HTML comment.
 */
export function commentMarker(specFile: string): string {
  const key = createHash('sha256').update(specFile).digest('hex').slice(0, 16);
  return `<!-- paddock:comment spec=${key} -->`;
}

/** The PR comment: the marker, then the job summary in a smaller size budget. */
export function prComment(
  results: Results,
  events: readonly EgressEvent[],
  suggestion: Suggestion | null,
  options: CommentOptions = {},
): string {
  const marker = commentMarker(results.spec.file);
  const footer = options.runUrl
    ? `\n[Workflow run](${encodeURI(options.runUrl)}) · results in the \`paddock-results\` artifact\n`
    : '';
  const budget = (options.maxBytes ?? 60_000) - byteLength(marker) - byteLength(footer) - 2;
  const body = summaryMarkdown(results, events, suggestion, {
    maxBytes: budget,
    maxSuggestionBytes: Math.floor(budget / 3),
    maxRunsPerRow: 10,
    ...(options.runUrl ? { reportUrl: `${options.runUrl}#artifacts` } : {}),
  });
  return `${marker}\n${body}${footer}`;
}
