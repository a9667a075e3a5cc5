import { parsePolicy } from './src/policy/parse.js';
import { parseSpec } from './src/eval/spec/parse.js';
import { formatProblem } from './src/common/errors.js';
const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
for (let i = 1; i < 10; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill('*' + String.fromCharCode(96 + i)).join(',')}]`);
const cases: Record<string, string> = {
  bombPolicy: `version: 1\n${bomb.join('\n')}\nnetwork_policies:\n  x: { name: x, endpoints: [{host: a.test, port: 443}], binaries: *j }\n`,
  bombPolicy2: `version: 1\nnetwork_policies:\n  x: &x { name: x, endpoints: [{host: a.test, port: 443}], binaries: [{path: /usr/bin/curl}] }\n  y: *x\n`,
  deepPolicy: `version: 1\nnetwork_policies: ${'['.repeat(20000)}${']'.repeat(20000)}\n`,
  deepBlock: 'version: 1\nnetwork_policies:\n' + Array.from({length: 5000}, (_, i) => ' '.repeat(i + 1) + 'k:').join('\n') + ' 1\n',
  mergeKey: `version: 1\nnetwork_policies:\n  x:\n    <<: {name: y}\n    name: x\n    endpoints: [{host: a.test, port: 443}]\n    binaries: [{path: /usr/bin/curl}]\n`,
  proto: `version: 1\nnetwork_policies:\n  __proto__: { name: x, endpoints: [{host: a.test, port: 443}], binaries: [{path: /usr/bin/curl}] }\n  constructor: { name: c, endpoints: [{host: a.test, port: 443}], binaries: [{path: /usr/bin/curl}] }\n`,
  tags: `version: 1\nnetwork_policies: !!js/function "function(){}"\n`,
  bigPort: `version: 1\nnetwork_policies:\n  x: { name: x, endpoints: [{host: a.test, port: 1e400}], binaries: [{path: /usr/bin/curl}] }\n`,
  hexPort: `version: 1\nnetwork_policies:\n  x: { name: x, endpoints: [{host: a.test, port: 0x1bb}], binaries: [{path: /usr/bin/curl}] }\n`,
  floatPort: `version: 1\nnetwork_policies:\n  x: { name: x, endpoints: [{host: a.test, port: 443.5}], binaries: [{path: /usr/bin/curl}] }\n`,
  nanPort: `version: 1\nnetwork_policies:\n  x: { name: x, endpoints: [{host: a.test, port: .nan}], binaries: [{path: /usr/bin/curl}] }\n`,
  complexKey: `version: 1\nnetwork_policies:\n  ? [a, b]\n  : { name: x }\n`,
};
for (const [name, text] of Object.entries(cases)) {
  const t = Date.now();
  try { const r = parsePolicy(text, 'p.yaml'); console.log(name, 'OK', Date.now() - t, 'ms', JSON.stringify(r.policy.network_policies).slice(0, 300)); }
  catch (e: any) { console.log(name, e.constructor.name, Date.now() - t, 'ms', (e.problems ?? []).map(formatProblem).join(' | ').slice(0, 300) || String(e.message).slice(0, 200)); }
}
const specs: Record<string, string> = {
  specBomb: `version: 1\nrun: x\n${bomb.join('\n')}\nmatrix:\n  m: *j\n`,
  specDeep: `version: 1\nrun: x\nmatrix: ${'['.repeat(20000)}${']'.repeat(20000)}\n`,
  specEnv: `version: 1\nrun: x\nenv: { __proto__: {polluted: 1}, A: 1 }\n`,
  specMatrixProto: `version: 1\nrun: x\nmatrix: { __proto__: [a, b], constructor: [c] }\n`,
  specTimeout: `version: 1\nrun: x\ntimeout: 99999999999999999999h\n`,
  specConc: `version: 1\nrun: x\nconcurrency: 1e308\n`,
  specRepeat: `version: 1\nrun: x\nrepeat: 1e9\n`,
};
for (const [name, text] of Object.entries(specs)) {
  const t = Date.now();
  try { const r: any = parseSpec(text, '/tmp/s/paddock.yml'); console.log(name, 'OK', Date.now() - t, 'ms', JSON.stringify({m: r.matrix, env: r.env, t: r.timeoutMs, c: r.concurrency, rep: r.repeat}).slice(0, 300), ({} as any).polluted); }
  catch (e: any) { console.log(name, e.constructor.name, Date.now() - t, 'ms', (e.problems ?? []).map(formatProblem).join(' | ').slice(0, 300) || String(e.message).slice(0, 200)); }
}
