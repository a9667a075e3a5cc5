// Many transparent connections from inside a sandbox (node), for the "no legitimate connection denied"
// test and its benchmark. The script prints one JSON line: how many got an answer, and the errors seen.

// argv: host, port, count, concurrency. Each connection sends an HTTP/1.0 GET and waits for the first answer
// bytes (an HTTP server or an echo server), then closes.
export const STORM = `
const net = require('net'), dns = require('dns');
const [host, port, count, width] = process.argv.slice(1);
function once(ip) {
  return new Promise((resolve) => {
    const s = net.connect({ host: ip, port: Number(port), noDelay: true });
    let got = 0;
    s.on('connect', () => s.write('GET / HTTP/1.0\\r\\nHost: ' + host + '\\r\\n\\r\\n'));
    s.on('data', (d) => { got += d.length; s.destroy(); });
    s.on('error', (e) => resolve(e.code || e.message));
    s.on('close', () => resolve(got > 0 ? null : 'no answer'));
  });
}
(async () => {
  const ip = (await dns.promises.lookup(host, 4)).address;
  let next = 0, ok = 0;
  const errors = {};
  const t0 = Date.now();
  const lane = async () => {
    while (next < Number(count)) {
      next++;
      const e = await once(ip);
      if (e === null) ok++; else errors[e] = (errors[e] || 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: Number(width) }, lane));
  console.log(JSON.stringify({ ok, errors, ms: Date.now() - t0 }));
})().catch((e) => { console.error(e.message); process.exit(1); });
`;

export interface StormResult {
  readonly ok: number;
  readonly errors: Record<string, number>;
  readonly ms: number;
}

export function parseStorm(out: string): StormResult {
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as StormResult;
}
