// The core pipeline (`checkGrid`) over the 200,000-row police export, in this process on a grid read once, beside
// its baseline from the same run: a minimal pass over the same grid (every cell touched once). Goal: ≥ 1,000,000
// rows per CPU second. Each run makes its own locator (a cold address cache), as one `lagesbild check` does. The
// output is compared with the digest pinned before the typed-column core (test/fixtures/pipeline/check-output.json).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadavg } from "node:os";
import { checkGrid, type CheckResult } from "../../shared/pipeline/check";
import { BUILTIN_TEMPLATES } from "../../shared/templates/builtin";
import { loadRegistersFromDir } from "../../sync-server/cli/registers-dir";
import { checkSummary, PERF_FILE, readGrid, type OutputSummary } from "../fixtures/pipeline/check-output";

const cpuOf = (f: () => void): number => {
  const started = process.cpuUsage();
  f();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1e6;
};
const perSecond = (rows: number, cpu: number) => Math.round(rows / cpu).toLocaleString("en");

export async function run(): Promise<void> {
  const grid = await readGrid(PERF_FILE);
  const registers = loadRegistersFromDir();
  const pinned = (JSON.parse(readFileSync(join(import.meta.dirname, "../fixtures/pipeline/check-output.json"), "utf8")) as { perf: OutputSummary }).perf;
  const same = JSON.stringify(checkSummary(grid, "polisen")) === JSON.stringify(pinned);
  console.log(`output (issues, A1 addresses, records, linkage tokens) identical to before the typed-column core: ${same ? "yes" : "NO"}`);

  let touched = 0;
  const minimal: number[] = [];
  const core: number[] = [];
  let result: CheckResult | undefined;
  // Interleaved, so both see the same load on a shared machine; the best of five each.
  for (let i = 0; i < 5; i++) {
    minimal.push(cpuOf(() => {
      for (const line of grid) for (let c = 0; c < line.length; c++) if (line[c] !== null) touched++;
    }));
    core.push(cpuOf(() => (result = checkGrid(grid, { templates: BUILTIN_TEMPLATES, org: "polisen", registers }))));
  }
  const rows = result!.rows;
  const bestCore = Math.min(...core);
  const bestMinimal = Math.min(...minimal);
  console.log(`core: ${rows} rows, records ${result!.records.length}, located ${result!.located}, issues ${result!.issues.length}, can submit: ${result!.canSubmit}`);
  console.log(`baseline: a minimal pass over the grid (${touched / 5} cells): ${perSecond(rows, bestMinimal)} rows per CPU second`);
  console.log(`core (checkGrid): ${core.map((c) => perSecond(rows, c)).join(", ")} rows per CPU second (best ${perSecond(rows, bestCore)}; ${(bestCore / bestMinimal).toFixed(1)}× the minimal pass's CPU); load average ${loadavg()[0].toFixed(1)}`);
  console.log(`goal core ≥ 1,000,000 rows per CPU second: ${rows / bestCore >= 1_000_000 ? "met" : "NOT met"}`);
}
