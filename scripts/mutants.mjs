// The battery must notice what it claims: flip each fail-closed branch of the decision path in turn, run the
// escape battery against the flipped copy, and require it to go red. Nothing in the working tree changes: each
// mutant runs in a scratch copy of the sources (node_modules linked).
//
//   npm run test:mutants                 every mutant (about a minute each; root and a Docker engine needed)
//   npm run test:mutants -- unknown dns  only the mutants whose name contains one of the words
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');

/** Each mutant replaces one exact text (present once) with a version that no longer fails closed. */
const MUTANTS = [
  {
    name: 'unknown binary matches every per-binary rule',
    file: 'src/policy/decide.ts',
    from: 'if (binary === null || binary.tainted) return false;',
    to: 'if (binary === null) return true;\n  if (binary.tainted) return false;',
  },
  {
    name: 'tainted binary matches like a clean one',
    file: 'src/policy/decide.ts',
    from: 'if (binary === null || binary.tainted) return false;',
    to: 'if (binary === null) return false;',
  },
  {
    name: 'holders of different binaries: the first one decides',
    file: 'src/gateway/attribution.ts',
    from: 'if (exes.length > 1) return unknown(',
    to: 'if (exes.length > 99) return unknown(',
  },
  {
    name: 'private address guard off',
    file: 'src/policy/address.ts',
    from: 'export function isPrivateAddress(ip: string): boolean {',
    to: 'export function isPrivateAddress(ip: string): boolean {\n  if (ip) return false;',
  },
  {
    name: 'no matching policy allows',
    file: 'src/policy/decide.ts',
    from: "return { action: 'deny', policy: null, reason: `no matching policy${ipNote}` };",
    to: "return { action: 'allow', policy: null, reason: 'mutant: no matching policy allows' };",
  },
  {
    name: 'dns answers every name',
    file: 'src/policy/decide.ts',
    from: 'if (isIP(name) !== 0) return { allowed: false, policy: null };',
    to: "if (name) return { allowed: true, policy: 'mutant' };",
  },
  {
    name: 'no seccomp profile (Docker default)',
    file: 'src/sandbox/create-options.ts',
    from: "export const SECURITY_OPT = ['no-new-privileges:true', `seccomp=${JSON.stringify(SECCOMP_PROFILE)}`];",
    to: "export const SECURITY_OPT = ['no-new-privileges:true'];",
  },
  {
    name: 'no Landlock rules for paddock-init',
    file: 'src/sandbox/init.ts',
    from: 'export function initEntrypoint(rules: LandlockRules, modes: InitModes = {}): string[] {\n  return [',
    to: 'export function initEntrypoint(rules: LandlockRules, modes: InitModes = {}): string[] {\n  rules = { ...rules, readOnly: [], readWrite: [] };\n  return [',
  },
  {
    name: 'a process whose main thread exited is not read through its threads (hidden holder)',
    file: 'src/gateway/attribution.ts',
    from: 'else if (ns === null) out.push(...(await this.#liveThreads(pid, netns, work)));',
    to: '',
  },
  {
    name: 'tcp6 read only when tcp has no row (source-port reuse across tcp and tcp6)',
    file: 'src/gateway/locate.ts',
    from: 'if (rows6.length > 0) row = findClientRow(',
    to: 'if (rows6.length > 0 && !row) row = findClientRow(',
  },
];

/** A scratch copy of what the battery runs (sources, tests, policies), with node_modules linked. */
function scratch() {
  const dir = mkdtempSync(join(tmpdir(), 'paddock-mutant-'));
  // dist/native: paddock-init, which sandboxes mount from the package they run from.
  for (const part of ['src', 'test', 'scripts', 'policies', 'dist/native', 'package.json', 'tsconfig.json']) {
    cpSync(join(ROOT, part), join(dir, part), { recursive: true });
  }
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

function mutate(dir, m) {
  const path = join(dir, m.file);
  const text = readFileSync(path, 'utf8');
  const at = text.indexOf(m.from);
  if (at < 0 || text.indexOf(m.from, at + 1) >= 0) {
    throw new Error(`mutant '${m.name}': expected the text once in ${m.file}: ${m.from}`);
  }
  writeFileSync(path, text.replace(m.from, m.to));
}

/** Run the battery in `dir`; returns the exit status and the rows it marked ESCAPE. */
function battery(dir) {
  const r = spawnSync(process.execPath, ['scripts/test.mjs', 'test/security/battery'], {
    cwd: dir,
    encoding: 'utf8',
    env: process.env,
    maxBuffer: 64 * 1024 * 1024,
  });
  const out = `${r.stdout}${r.stderr}`;
  const escapes = out
    .split('\n')
    .filter((l) => /\s ESCAPE\s/.test(l))
    .map((l) =>
      l
        .trim()
        .replace(/\s{2,}ESCAPE\s+/, ': ')
        .slice(0, 160),
    );
  return { status: r.status, escapes, out };
}

const words = process.argv.slice(2);
const chosen = MUTANTS.filter((m) => words.length === 0 || words.some((w) => m.name.includes(w)));
if (chosen.length === 0) {
  console.error(`no mutant matches ${words.join(' ')}; mutants: ${MUTANTS.map((m) => m.name).join('; ')}`);
  process.exit(2);
}

let survived = 0;
for (const m of chosen) {
  const dir = scratch();
  try {
    mutate(dir, m);
    const started = Date.now();
    const r = battery(dir);
    const secs = Math.round((Date.now() - started) / 1000);
    if (r.status === 0) {
      survived++;
      console.log(`SURVIVED  ${m.name} (${secs}s): the battery stayed green`);
    } else {
      const why =
        r.escapes.length > 0 ? r.escapes.join('\n            ') : r.out.split('\n').slice(-30).join('\n');
      console.log(`killed    ${m.name} (${secs}s)\n            ${why}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
console.log(`\n${chosen.length - survived} of ${chosen.length} mutants killed`);
process.exit(survived === 0 ? 0 : 1);
