import type { CellResult, Results, RunResult } from './results.js';

/**
 * The runs grouped by matrix cell, in run order: each cell's pass rate (passed repetitions over all of them,
 * cancelled ones included) against `required` (`expect.pass-rate`). Pure.
 */
export function cellsOf(runs: readonly RunResult[], required: number): CellResult[] {
  const cells = new Map<string, { matrix: RunResult['matrix']; runs: RunResult[] }>();
  for (const run of runs) {
    const id = run.cell ?? run.id;
    const cell = cells.get(id) ?? { matrix: run.matrix, runs: [] };
    cell.runs.push(run);
    cells.set(id, cell);
  }
  return [...cells].map(([id, { matrix, runs: mine }]) => {
    const passed = mine.filter((r) => r.status === 'passed').length;
    const passRate = passed / mine.length;
    const scores = mine.flatMap((r) => (r.score === undefined ? [] : [r.score]));
    return {
      ...(scores.length > 0
        ? { meanScore: scores.reduce((a, b) => a + b, 0) / scores.length, scored: scores.length }
        : {}),
      id,
      matrix,
      runs: mine.map((r) => r.id),
      passed,
      total: mine.length,
      passRate,
      status: passRate + 1e-9 >= required ? 'passed' : 'failed',
    };
  });
}

/** What fails the build: cells below their pass rate when the eval has cells, else runs that did not pass. */
export function failing(results: Pick<Results, 'cells' | 'totals'>): number {
  return results.cells ? results.cells.filter((c) => c.status === 'failed').length : results.totals.failed;
}

/** `0.67`: a pass rate as reports print it. */
export const formatRate = (rate: number): string => (Math.round(rate * 100) / 100).toFixed(2);
