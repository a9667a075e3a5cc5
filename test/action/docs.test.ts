// The Action's documented inputs and outputs are action.yml's: every one is a row of the README's tables and of
// docs/action.md's, and no row names one that action.yml lacks.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parse } from 'yaml';

const action = parse(readFileSync('action.yml', 'utf8')) as {
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
};
const declared = [...Object.keys(action.inputs), ...Object.keys(action.outputs)].sort();

/** The names in the first column of a doc's tables that look like inputs or outputs (`| \`name\` |`). */
function rows(path: string, section = ''): string[] {
  let text = readFileSync(path, 'utf8');
  if (section) text = text.slice(text.indexOf(section)).split(/\n## /)[0] as string;
  const names = [...text.matchAll(/^\| `([a-z][a-z0-9-]*)` \|/gm)].map((m) => m[1] as string);
  return [...new Set(names)].sort();
}

for (const doc of ['README.md', 'docs/action.md']) {
  test(`${doc} has a table row for each of action.yml's inputs and outputs`, () => {
    const documented = rows(doc);
    assert.deepEqual(
      declared.filter((name) => !documented.includes(name)),
      [],
      `${doc} lacks rows for these`,
    );
  });
}

test("README's input and output tables name nothing action.yml lacks", () => {
  assert.deepEqual(
    rows('README.md', '## GitHub Action').filter((name) => !declared.includes(name)),
    [],
  );
});
