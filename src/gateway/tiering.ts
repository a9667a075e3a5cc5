import { setFlagsFromString } from 'node:v8';

/**
 * V8 flags that optimise the gateway's connection path sooner. Each connection runs that code about once, and
 * V8 optimises a function only after thousands of calls: a CI job's gateway spent its whole life in unoptimised
 * code (the latency benchmark's connect-time paths reached optimised code only after ~3,000 connections, and
 * were then ~0.2 ms faster a connection; BENCHMARKS.md, "fifth pass").
 */
export const TIERING: readonly string[] = [
  '--always-sparkplug',
  '--invocation-count-for-maglev=50', // Node 24's V8 tiers up through Maglev (Node 22 has Maglev off)
  '--invocation-count-for-turbofan=100',
  '--minimum-invocations-after-ic-update=20',
];

/**
 * The Node majors whose V8 has these flags, checked by tiering.test.ts. V8 prints `unrecognized flag` to stderr
 * (the gateway's log) for one it lacks, and Node 20's lacks them: elsewhere the defaults stay.
 */
const TESTED_MAJORS: ReadonlySet<number> = new Set([22, 24]);

/** Whether this Node (`process.versions.node` by default) gets TIERING. */
export function tieringApplies(version: string = process.versions.node): boolean {
  return TESTED_MAJORS.has(Number(version.split('.')[0]));
}

let set = false;

/**
 * Set TIERING in this process, once; the gateway calls it at the first connection a sandbox makes. Not at
 * start: the daemon's start and an eval's sandboxes (registrations, fences, events) would then be optimised too,
 * and that compiling cost an eval of 32 runs without network use ~0.5 s on 2 cores. A function's threshold is
 * read when its feedback is first allocated (its 8th call), so the connection code, which has not run yet,
 * gets the new ones. Set with `v8.setFlagsFromString` rather than as node flags, and only on the Node majors
 * they were checked on, so that another Node starts the gateway as before.
 */
export function optimiseSooner(): void {
  if (set || !tieringApplies()) return;
  set = true;
  for (const flag of TIERING) setFlagsFromString(flag);
}
