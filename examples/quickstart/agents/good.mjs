// Reads $PROMPT, asks the quickstart API (allowed by policy.yaml for node only), writes out/answer.json.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { homedir } from 'node:os';

const prompt = readFileSync(process.env.PROMPT, 'utf8');
// Same port in every run: no collision, each sandbox has its own network namespace.
const server = createServer((_, res) => res.end('ok')).listen(8080, '127.0.0.1');
// Same scratch file and cache file in every run: no collision, each sandbox has its own /sandbox.
mkdirSync(`${homedir()}/.cache`, { recursive: true });
writeFileSync(`${homedir()}/.cache/agent-state`, process.env.PADDOCK_RUN);
writeFileSync('scratch.txt', process.env.PADDOCK_RUN);

const res = await fetch(`${process.env.QUICKSTART_API}/complete`, { method: 'POST', body: prompt });
const { completion } = await res.json();
mkdirSync('out', { recursive: true });
writeFileSync(
  'out/answer.json',
  `${JSON.stringify({ run: process.env.PADDOCK_RUN, prompt: process.env.PROMPT, completion, cache: readFileSync(`${homedir()}/.cache/agent-state`, 'utf8') }, null, 2)}\n`,
);
server.close();
console.log(`answered ${process.env.PROMPT}: ${completion}`);
