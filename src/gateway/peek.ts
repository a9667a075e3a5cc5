import { normalizeHost } from '../policy/glob.js';

/**
 * Read the TLS SNI or the HTTP Host from the first bytes a client sent. For events only:
 * never trusted for the decision. Returns null when neither is found.
 */
export function peekHost(data: Buffer): string | null {
  return sniFromClientHello(data) ?? httpHost(data);
}

/** `Host:` of an HTTP/1 request head, without the port (the first, when there are several). */
export function httpHost(data: Buffer): string | null {
  return httpNames(data)?.hosts[0] ?? null;
}

/** A host as a request names it (a Host value, a URL's authority): no port, no brackets, as policy compares names. */
export const bareHost = (h: string): string =>
  normalizeHost(
    h
      .trim()
      .replace(/:\d*$/, '')
      .replace(/^\[(.*)\]$/, '$1'),
  );

/**
 * The hosts an HTTP/1 request head names: every `Host:` header, and the authority of an absolute-form target
 * (`GET http://host/ …`, which servers take over Host). Empty lines before the request line are skipped, as
 * servers skip them. Null when the bytes are not an HTTP/1 request head.
 */
export function httpNames(data: Buffer): { hosts: string[]; target: string | null } | null {
  const head = data
    .subarray(0, 16_384)
    .toString('latin1')
    .replace(/^(\r?\n)+/, '');
  const line = /^[A-Z]+ (\S+) HTTP\/1\.[01]\r?\n/.exec(head);
  if (!line) return null;
  const end = head.search(/\r?\n\r?\n/);
  const fields = end < 0 ? head : head.slice(0, end);
  const hosts = [...fields.matchAll(/\r?\nhost:[ \t]*([^\r\n]*)/gi)].map((m) => bareHost(m[1] ?? ''));
  const absolute = /^[a-z][a-z0-9+.-]*:\/\/(?:[^/?#@]*@)?([^/?#]*)/i.exec(line[1] ?? '');
  return { hosts, target: absolute ? bareHost(absolute[1] ?? '') : null };
}

/** server_name from a TLS ClientHello in one record, or null. */
export function sniFromClientHello(d: Buffer): string | null {
  try {
    if (d.length < 5 || d[0] !== 0x16 || d[5] !== 0x01) return null;
    let p = 5 + 4 + 2 + 32; // record header, handshake header, version, random
    p += 1 + d.readUInt8(p); // session id
    p += 2 + d.readUInt16BE(p); // cipher suites
    p += 1 + d.readUInt8(p); // compression methods
    const end = p + 2 + d.readUInt16BE(p);
    p += 2;
    while (p + 4 <= end && p + 4 <= d.length) {
      const type = d.readUInt16BE(p);
      const len = d.readUInt16BE(p + 2);
      p += 4;
      if (type === 0) {
        // server_name_list: u16 length, then entries of (u8 type, u16 len, name)
        let q = p + 2;
        while (q + 3 <= p + len) {
          const nameType = d.readUInt8(q);
          const nameLen = d.readUInt16BE(q + 1);
          if (nameType === 0) return d.toString('latin1', q + 3, q + 3 + nameLen).toLowerCase();
          q += 3 + nameLen;
        }
        return null;
      }
      p += len;
    }
  } catch {
    // A truncated ClientHello: no name for the event. The connection is already denied; peek never decides.
    return null;
  }
  return null;
}
