import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { EXPECT_KEYS, GATEWAY_KEYS, MATRIX_KEYS, SETUP_KEYS, TOP, VERIFY_KEYS } from './parse.js';

const DOC = fileURLToPath(new URL('../../../docs/spec.md', import.meta.url));

/** The first column of the Keys table in docs/spec.md. */
function documentedKeys(): string[] {
  const text = readFileSync(DOC, 'utf8');
  const table = text.slice(text.indexOf('## Keys'), text.indexOf('\n## ', text.indexOf('## Keys') + 1));
  return [...table.matchAll(/^\| `([a-z.-]+)` \|/gm)].map((m) => m[1] as string);
}

test('docs/spec.md lists exactly the keys the parser reads, once each', () => {
  const parsed = [
    ...TOP,
    ...MATRIX_KEYS.map((k) => `matrix.${k}`),
    ...EXPECT_KEYS.map((k) => `expect.${k}`),
    ...GATEWAY_KEYS.map((k) => `gateway.${k}`),
    ...VERIFY_KEYS.map((k) => `verify.${k}`),
    ...SETUP_KEYS.map((k) => `setup.${k}`),
  ];
  const documented = documentedKeys();
  assert.equal(
    new Set(documented).size,
    documented.length,
    `a key is listed twice: ${documented.join(', ')}`,
  );
  assert.deepEqual([...documented].sort(), [...parsed].sort());
});
