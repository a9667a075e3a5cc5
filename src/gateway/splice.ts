import type { Socket } from 'node:net';
import { readFirst } from './hello.js';

/**
 * Pipe bytes both ways with backpressure. A FIN from one side half-closes the other; an error or
 * reset on either side destroys both. Resolves when both sockets are closed.
 *
 * With `gate`, b → a flows at once (a server may speak first) while a's first bytes (a whole TLS record)
 * are held until `gate` accepts them; a refusal destroys both sockets.
 */
export function splice(a: Socket, b: Socket, gate?: (first: Buffer) => Promise<boolean>): Promise<void> {
  return new Promise((resolve) => {
    let closed = 0;
    const onClose = () => {
      if (++closed === 2) resolve();
    };
    for (const [from, to] of [
      [a, b],
      [b, a],
    ] as const) {
      from.on('error', () => {
        from.destroy();
        to.destroy();
      });
      // pipe's end() half-closes `to`; once both directions ended, autoDestroy closes each socket.
      from.once('close', onClose);
    }
    b.pipe(a, { end: true });
    if (!gate) {
      a.pipe(b, { end: true });
      return;
    }
    void readFirst(a, 0).then(async (first) => {
      const open = first === null || (await gate(first).catch(() => false));
      if (open) a.pipe(b, { end: true });
      else {
        a.destroy();
        b.destroy();
      }
    });
  });
}
