import type { Socket } from 'node:net';

/**
 * Pipe bytes both ways with backpressure. A FIN from one side half-closes the other; an error or
 * reset on either side destroys both, as does one already destroyed. Resolves when both sockets are closed.
 * `piped`: b is piped into a already (with `end: true`).
 */
export function splice(a: Socket, b: Socket, piped = false): Promise<void> {
  return new Promise((resolve) => {
    // One side gone already (an upstream reset while the first bytes were read): nothing is carried.
    if (a.destroyed || b.destroyed) {
      a.destroy();
      b.destroy();
    }
    let closed = 0;
    const onClose = () => {
      if (++closed === 2) resolve();
    };
    for (const [from, to] of [
      [a, b],
      [b, a],
    ] as const) {
      if (!(piped && from === b)) from.pipe(to, { end: true });
      from.on('error', () => {
        from.destroy();
        to.destroy();
      });
      // pipe's end() half-closes `to`; once both directions ended, autoDestroy closes each socket.
      if (from.closed) onClose();
      else from.once('close', onClose);
    }
  });
}
