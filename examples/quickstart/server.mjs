// The quickstart's "model API": a tiny HTTP server on 127.0.0.1 that the demo starts.
// Sandboxes reach it as api.quickstart.test (gateway.hosts in paddock.yml), only through the gateway.
import { createServer } from 'node:http';

const port = Number(process.env.QUICKSTART_PORT ?? 18787);
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => {
    body += c;
  });
  req.on('end', () => {
    const words = body.trim().split(/\s+/).filter(Boolean).length;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ completion: `a ${words}-word prompt, answered offline` }));
  });
});
server.listen(port, '127.0.0.1', () => console.log(`quickstart api on http://127.0.0.1:${port}`));
