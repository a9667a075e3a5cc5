import { createRequire } from 'node:module';

/**
 * `node:http`, loaded through require. An ESM `import … from 'node:http'` builds a facade that reads every export,
 * and reading `WebSocket` and its neighbours loads undici: 25–45 ms at every start of the CLI and the gateway,
 * which use none of it. Types still come from `import type … from 'node:http'`.
 */
export const http: typeof import('node:http') = createRequire(import.meta.url)('node:http');

/** An HTTP header name (RFC 9110's token): what a credential's `headers` may list. */
export const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
