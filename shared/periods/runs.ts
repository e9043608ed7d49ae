// Consecutive items joined into runs ("2026-02-H2 – 2026-03-H1", "mars–maj: polisen"): one rule for every list that
// names periods as ranges.

/** Splits items (already in order) into runs: an item joins the current run when it continues the run's last item. */
export function runsOf<T>(items: readonly T[], continues: (last: T, next: T) => boolean): T[][] {
  const runs: T[][] = [];
  for (const item of items) {
    const run = runs[runs.length - 1];
    if (run && continues(run[run.length - 1], item)) run.push(item);
    else runs.push([item]);
  }
  return runs;
}
