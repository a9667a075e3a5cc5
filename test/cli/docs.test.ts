// docs/cli.md's synopsis is the CLI's: each command has a line, with each of its options, and names no option the
// command lacks.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { Command } from 'commander';
import { buildProgram } from '../../src/cli/program.js';

/** The synopsis: the first code block of docs/cli.md, each command's line joined with its continuation lines. */
function synopsis(): string[] {
  const block = readFileSync('docs/cli.md', 'utf8').split('```')[1] ?? '';
  const lines: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('paddock ')) lines.push(line);
    else if (line.trim() && lines.length > 0) lines[lines.length - 1] += ` ${line.trim()}`;
  }
  return lines;
}

/** Every command that runs something (no subcommands), with its words after `paddock`. */
function leaves(command: Command, path: string[] = []): [string[], Command][] {
  return command.commands.flatMap((sub) => {
    const at = [...path, sub.name()];
    return sub.commands.length > 0 ? leaves(sub, at) : [[at, sub] as [string[], Command]];
  });
}

const lines = synopsis();

for (const [words, command] of leaves(buildProgram())) {
  const name = `paddock ${words.join(' ')}`;
  test(`docs/cli.md's synopsis has \`${name}\` with its options`, () => {
    const line = lines.find((l) => l === name || l.startsWith(`${name} `));
    assert.ok(line, `no synopsis line for ${name}`);
    const flags = new Set(line.match(/--?[a-z][a-z0-9-]*/g) ?? []);
    const options = command.options.filter((o) => o.long !== '--help');
    const missing = options
      .filter((o) => !flags.has(o.long ?? '') && !flags.has(o.short ?? ''))
      .map((o) => o.flags);
    assert.deepEqual(missing, [], `${name}: options not in its synopsis line`);
    const known = new Set(options.flatMap((o) => [o.long, o.short]));
    assert.deepEqual(
      [...flags].filter((f) => !known.has(f)),
      [],
      `${name}: synopsis names options the command lacks`,
    );
  });
}
