import type { Readable } from 'node:stream';

/**
 * Call `onLine` with each newline-ended line of `input`, without its newline, read as latin1 (for ASCII line
 * protocols such as paddock-identd's: no UTF-8 decoder, no regular expression per chunk as in node:readline).
 * A line that spans chunks is joined once, when its end comes. A last line with no newline is never delivered.
 */
export function onLines(input: Readable, onLine: (line: string) => void): void {
  let pending: Buffer[] = [];
  input.on('data', (chunk: Buffer) => {
    let start = 0;
    for (let nl = chunk.indexOf(10); nl >= 0; nl = chunk.indexOf(10, start)) {
      const end = chunk.subarray(start, nl);
      const line = pending.length > 0 ? Buffer.concat([...pending, end]) : end;
      pending = [];
      onLine(line.toString('latin1'));
      start = nl + 1;
    }
    if (start < chunk.length) pending.push(chunk.subarray(start));
  });
}
