import type { Readable } from 'node:stream';

/**
 * Call `onLine` with each newline-ended line of `input`, without its newline, read as latin1 (for ASCII line
 * protocols such as paddock-identd's: no UTF-8 decoder, no regular expression per chunk as in node:readline).
 * A last line with no newline is never delivered.
 */
export function onLines(input: Readable, onLine: (line: string) => void): void {
  let rest: Buffer | null = null;
  input.on('data', (chunk: Buffer) => {
    const data = rest ? Buffer.concat([rest, chunk]) : chunk;
    let start = 0;
    for (let nl = data.indexOf(10); nl >= 0; nl = data.indexOf(10, start)) {
      onLine(data.toString('latin1', start, nl));
      start = nl + 1;
    }
    rest = start < data.length ? data.subarray(start) : null;
  });
}
