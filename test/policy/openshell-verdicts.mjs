#!/usr/bin/env node
// Runs `paddock policy validate` on every policy YAML of a fetched NVIDIA/OpenShell (at v0.0.111) and
// NVIDIA/OpenShell-Community, and compares each verdict with OpenShell's (fixtures/openshell/verdicts.json).
//
//   node test/policy/openshell-verdicts.mjs --openshell <git dir> --community <git dir>
//   (or OPENSHELL_GIT / OPENSHELL_COMMUNITY_GIT). Without either copy it says so and exits 0 (skipped).
// A policy file found in a tree without an expected verdict is a failure: the list must be updated.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const verdicts = JSON.parse(readFileSync(join(here, 'fixtures/openshell/verdicts.json'), 'utf8'));
const arg = (name) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
};
const copies = {
  openshell: arg('openshell') ?? process.env.OPENSHELL_GIT,
  community: arg('community') ?? process.env.OPENSHELL_COMMUNITY_GIT,
};
const git = (dir, ...args) =>
  execFileSync('git', ['--git-dir', dir, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
const POLICY = /^(version|network_policies|filesystem_policy|network_middlewares):/m;

let failures = 0;
let checked = 0;
const tmp = mkdtempSync(join(tmpdir(), 'paddock-openshell-'));
try {
  for (const [repo, { ref, files }] of Object.entries(verdicts)) {
    const dir = copies[repo];
    if (!dir) {
      console.log(`skip ${repo}: no fetched copy (--${repo} <git dir>)`);
      continue;
    }
    const rev = repo === 'openshell' ? ref : 'HEAD';
    const found = git(dir, 'ls-tree', '-r', '--name-only', rev)
      .split('\n')
      .filter((p) => /\.ya?ml$/.test(p) && !p.startsWith('.github/') && !p.startsWith('deploy/'))
      .filter((p) => {
        const text = git(dir, 'show', `${rev}:${p}`);
        return POLICY.test(text) && (/^network_policies:|^filesystem_policy:/m.test(text) || /polic/.test(p));
      });
    for (const path of found) {
      const expected = files[path];
      checked++;
      if (!expected) {
        failures++;
        console.log(`FAIL ${repo}:${path}: no expected verdict in verdicts.json`);
        continue;
      }
      const file = join(tmp, `${repo}-${path.replaceAll('/', '_')}`);
      writeFileSync(file, git(dir, 'show', `${rev}:${path}`));
      const r = spawnSync(
        process.execPath,
        ['--import', 'tsx', join(here, 'fixtures/cli.ts'), 'policy', 'validate', file],
        {
          encoding: 'utf8',
        },
      );
      const verdict = r.status === 0 ? 'valid' : r.status === 3 ? 'invalid' : `error (exit ${r.status})`;
      const reasonOk = verdict !== 'invalid' || new RegExp(expected.match ?? '.').test(r.stderr);
      const ok = verdict === expected.verdict && reasonOk;
      if (!ok) failures++;
      console.log(
        `${ok ? 'ok  ' : 'FAIL'} ${repo}:${path}: paddock ${verdict}, openshell ${expected.verdict}`,
      );
      if (!ok) console.log(r.stderr.trim().replaceAll(/^/gm, '     '));
    }
    for (const path of Object.keys(files))
      if (!found.includes(path)) console.log(`note ${repo}:${path}: listed but not in the tree at ${rev}`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
console.log(`${checked} policy files checked, ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);
