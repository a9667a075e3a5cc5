// Parse JUnit XML with a real XML 1.0 parser (Python's expat), the way consumers load it.
import { spawnSync } from 'node:child_process';

export interface ParsedCase {
  readonly name: string;
  readonly classname: string;
  readonly time: string;
  readonly properties: Record<string, string>;
  readonly failure?: { message: string; type: string; text: string };
  readonly error?: { message: string; type: string; text: string };
  readonly skipped: boolean;
  readonly out: string;
  readonly err: string;
}

const SCRIPT = `
import sys, json, xml.etree.ElementTree as E
root = E.fromstring(sys.stdin.buffer.read())
cases = []
for c in root.iter('testcase'):
    def el(tag):
        e = c.find(tag)
        return None if e is None else {'message': e.get('message', ''), 'type': e.get('type', ''), 'text': e.text or ''}
    props = {p.get('name'): p.get('value') for p in c.iter('property')}
    cases.append({'name': c.get('name'), 'classname': c.get('classname'), 'time': c.get('time'), 'properties': props,
                  'failure': el('failure'), 'error': el('error'), 'skipped': c.find('skipped') is not None,
                  'out': (c.findtext('system-out') or ''), 'err': (c.findtext('system-err') or '')})
print(json.dumps({'root': root.tag, 'suites': [s.attrib for s in root.iter('testsuite')], 'cases': cases}))
`;

export function parseJunit(xml: string): {
  root: string;
  suites: Record<string, string>[];
  cases: ParsedCase[];
} {
  const result = spawnSync('python3', ['-c', SCRIPT], { input: xml, maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`XML did not parse: ${result.stderr.toString()}`);
  const parsed = JSON.parse(result.stdout.toString());
  for (const c of parsed.cases) {
    if (c.failure === null) delete c.failure;
    if (c.error === null) delete c.error;
  }
  return parsed;
}
