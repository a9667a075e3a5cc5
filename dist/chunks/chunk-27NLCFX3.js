import { createRequire as __paddockRequire } from 'node:module'; import { dirname as __paddockDirname } from 'node:path'; import { fileURLToPath as __paddockPath } from 'node:url'; const require = __paddockRequire(import.meta.url); const __filename = __paddockPath(import.meta.url); const __dirname = __paddockDirname(__filename);
import {
  PaddockError
} from "./chunk-SOSAWCCV.js";

// src/common/address.ts
import { isIP } from "node:net";
function parseHostPort(text, defaultPort) {
  const value = text.trim();
  let host = value;
  let port = String(defaultPort);
  const bracketed = /^\[([^\]]*)\](?::(.*))?$/.exec(value);
  if (bracketed) {
    host = bracketed[1] ?? "";
    port = bracketed[2] ?? port;
    if (isIP(host) !== 6) invalid(`expected an IPv6 address inside [ ], got ${JSON.stringify(text)}`);
  } else if (isIP(value) === 0 && value.includes(":")) {
    host = value.slice(0, value.lastIndexOf(":"));
    port = value.slice(value.lastIndexOf(":") + 1);
    if (isIP(host) === 6)
      invalid(`expected [V6]:PORT for an IPv6 address with a port, got ${JSON.stringify(text)}`);
  }
  const family = isIP(host);
  if (family === 0)
    invalid(`expected ADDR[:PORT] with an IP address (IPv6 as [ADDR]:PORT), got ${JSON.stringify(text)}`);
  const n = Number(port);
  if (!/^\d{1,5}$/.test(port) || n < 1 || n > 65535)
    invalid(`expected a port from 1 to 65535, got ${JSON.stringify(port)}`);
  return { host, port: n, family };
}
function formatHostPort(address) {
  return `${address.host.includes(":") ? `[${address.host}]` : address.host}:${address.port}`;
}
function invalid(message) {
  throw new PaddockError("INPUT_INVALID", message);
}

// src/common/http.ts
import { createRequire } from "node:module";
var http = createRequire(import.meta.url)("node:http");
var HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export {
  parseHostPort,
  formatHostPort,
  http,
  HEADER_NAME
};
