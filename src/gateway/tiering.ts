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
 * Set TIERING in this process. At the start of the daemon, before its connection code has run; set here rather
 * than as node flags so that a Node whose V8 dropped one only logs `unrecognized flag` instead of refusing to
 * start the gateway.
 */
export function optimiseSooner(): void {
  for (const flag of TIERING) setFlagsFromString(flag);
}
