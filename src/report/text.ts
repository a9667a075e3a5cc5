/** Text hygiene for reports: untrusted agent output must never break XML, HTML or Markdown. */

// Everything outside XML 1.0's Char production (lone surrogates included, thanks to the `u` flag).
const INVALID_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Remove the characters XML 1.0 forbids (NUL, ESC, lone surrogates, U+FFFE…). */
export function stripInvalidXml(text: string): string {
  return text.replace(INVALID_XML, '');
}

/**
 * The last `maxChars` characters of `text`, cut at a line start when one is near,
 * prefixed with a note saying how much was left out.
 */
export function tail(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  let start = text.length - maxChars;
  const newline = text.indexOf('\n', start);
  if (newline !== -1 && newline - start < 200) start = newline + 1;
  return `[… ${start} characters omitted …]\n${text.slice(start)}`;
}

const ENTITY: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escape untrusted text for HTML text and (quoted) attribute values; drops characters XML forbids. */
export function escapeHtml(text: string): string {
  return stripInvalidXml(text).replace(/[&<>"']/g, (c) => ENTITY[c] ?? c);
}

/**
 * After `@` and `#`, a zero-width space: GitHub makes `@user`, `@org/team` (a notification) and `#1`,
 * `owner/repo#1` (an entry in that issue) of a comment's rendered text, table cells included, so an entity
 * alone would not stop them.
 */
const INERT: Record<string, string> = { '@': '@&#8203;', '#': '&#35;&#8203;' };

/**
 * Escape untrusted text for one line of the job summary (HTML inside Markdown):
 * HTML specials become entities, Markdown specials become numeric entities (so a host name can
 * never become a link, emphasis or a table cell break), `@` and `#` can mention or reference nothing, and line
 * breaks and controls become spaces (a blank line would end an HTML block and let Markdown back in).
 */
export function escapeInline(text: string): string {
  return escapeLine(text, INERT);
}

/**
 * `escapeInline` for text inside `<code>`, which GitHub leaves alone (no mention, no reference): nothing is added,
 * so a binary path copied from it (`/usr/lib/node_modules/@anthropic-ai/…`) is the one logged.
 */
export function escapeCode(text: string): string {
  return escapeLine(text, {});
}

function escapeLine(text: string, extra: Readonly<Record<string, string>>): string {
  return (
    stripInvalidXml(text)
      .replace(/[\t\n\r]+/g, ' ')
      // One pass: a second would escape the first one's entities (`'` → `&#39;` → `&&#35;39;`).
      .replace(/[&<>"'[\]()*_`~|#!\\{}:@]/g, (c) => ENTITY[c] ?? extra[c] ?? `&#${c.codePointAt(0)};`)
  );
}

/** A fenced code block that the content cannot close: the fence is longer than any backtick run inside. */
export function codeBlock(text: string, lang = ''): string {
  const body = stripInvalidXml(text).replace(/\r\n?/g, '\n');
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${lang}\n${body.endsWith('\n') ? body : `${body}\n`}${fence}`;
}

/** UTF-8 size of a string, in bytes. */
export function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** Cut `text` to at most `maxBytes` UTF-8 bytes without splitting a character. */
export function truncateBytes(text: string, maxBytes: number): string {
  if (byteLength(text) <= maxBytes) return text;
  const cut = Buffer.from(text, 'utf8').subarray(0, maxBytes).toString('utf8');
  // A split multi-byte character decodes to U+FFFD at the end; drop it.
  return cut.endsWith('\uFFFD') ? cut.slice(0, -1) : cut;
}

/** `1.2 s`, `3 min 4 s`: durations for people. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '?';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${Math.round(s - m * 60)} s`;
}

/** The spec's name for titles: its `name`, else its file when the name says nothing (`.`, empty). */
export function specTitle(spec: { readonly file: string; readonly name: string }): string {
  return spec.name.trim() === '' || spec.name === '.' ? spec.file : spec.name;
}
