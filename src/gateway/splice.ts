import type { Socket } from 'node:net';

/**
 * Pipe bytes both ways with backpressure. A FIN from one side half-closes the other; an error or
 * reset on either side destroys both. Resolves when both sockets are closed.
 */
export function splice(a: Socket, b: Socket): Promise<void> {
  return new Promise((resolve) => {
    let closed = 0;
    const onClose = () => {
      if (++closed === 2) resolve();
    };
    for (const [from, to] of [
      [a, b],
      [b, a],
    ] as const) {
      from.pipe(to, { end: true });
      from.on('error', () => {
        from.destroy();
        to.destroy();
      });
      // pipe's end() half-closes `to`; once both directions ended, autoDestroy closes each socket.
      from.once('close', onClose);
    }
  });
}
