import type { Socket } from 'node:net';

/** How long an inspected connection may take to send its first bytes. @default 30 s */
export const FIRST_BYTES_MS = 30_000;

/** The largest TLS record a ClientHello can take (16 KiB plus its 5-byte header). */
const MAX_RECORD = 16_384 + 5;

/**
 * The client's first bytes: a whole TLS record when they start one (a ClientHello can span TCP segments),
 * else the first chunk. Null when the client sent nothing within `timeoutMs` or closed. The bytes are put
 * back (unshift), so whoever reads the socket next sees them again.
 */
export function readFirst(socket: Socket, timeoutMs: number): Promise<Buffer | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // 0: wait as long as the client keeps the connection open.
    const timer = timeoutMs > 0 ? setTimeout(() => done(), timeoutMs) : undefined;
    const done = () => {
      clearTimeout(timer);
      socket.removeListener('data', onData);
      socket.removeListener('end', done);
      socket.removeListener('close', done);
      socket.pause();
      const first = chunks.length > 0 ? Buffer.concat(chunks) : null;
      if (first) socket.unshift(first);
      resolve(first);
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      const head = chunks.length === 1 ? chunk : Buffer.concat(chunks);
      if (head[0] !== 0x16) return done();
      if (head.length < 5) return;
      const want = Math.min(5 + head.readUInt16BE(3), MAX_RECORD);
      if (size >= want) done();
    };
    socket.on('data', onData);
    socket.once('end', done);
    socket.once('close', done);
    socket.resume();
  });
}

/** A TLS handshake record (what a ClientHello starts with). */
export const isTls = (first: Buffer): boolean => first.length >= 3 && first[0] === 0x16 && first[1] === 0x03;
