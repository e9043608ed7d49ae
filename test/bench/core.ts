// The core pipeline (`checkGrid`) over the 200,000-row police export, on a grid read once, beside its baseline from
// the same run: a minimal pass over the same grid (every cell touched once). Goal: ≥ 1,000,000 rows per CPU second.
// Each check makes its own locator (a cold address cache), as one `lagesbild check` does.
//   The figure that counts is the first check of a process: `lagesbild check` runs the check once, with none of its
// code compiled by the JIT yet. It is measured in fresh child processes (three, each reading the grid and checking
// it once; the best of them, as the machine may be busy). Later checks in one process (after the JIT has warmed
// up) are printed beside it, interleaved with the minimal pass; the goal holds only when the first check meets it.
// The output is compared with the digest pinned before the typed-column core (test/fixtures/pipeline/check-output.json).
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadavg } from "node:os";
import { checkGrid, type CheckResult } from "../../shared/pipeline/check";
import { BUILTIN_TEMPLATES } from "../../shared/templates/builtin";
import { loadRegistersFromDir } from "../../sync-server/cli/registers-dir";
import { checkSummary, PERF_FILE, readGrid, type OutputSummary } from "../fixtures/pipeline/check-output";

const ROOT = join(import.meta.dirname, "../..");
const GOAL = 1_000_000;

const cpuOf = (f: () => void): number => {
  const started = process.cpuUsage();
  f();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1e6;
};
const perSecond = (rows: number, cpu: number) => Math.round(rows / cpu).toLocaleString("en");

/** The CPU seconds of each check in a fresh child process (`_core-profile.ts`): the first one is the cold check. */
function childChecks(runs: number): { rows: number; cpu: number[] } {
  const child = spawnSync(process.execPath, ["--import", "tsx", "test/bench/_core-profile.ts", String(runs)], { cwd: ROOT, encoding: "utf8" });
  const line = /BENCH-CORE (\{.*\})/.exec(child.stdout ?? "");
  if (!line) throw new Error(`the measured child gave no figures (status ${child.status}): ${(child.stderr ?? "").slice(-2000)}`);
  return JSON.parse(line[1]) as { rows: number; cpu: number[] };
}

export async function run(): Promise<void> {
  // First, while this process has run no check: the cold checks, each in a process of its own.
  const cold = Array.from({ length: 3 }, () => childChecks(1));

  const grid = await readGrid(PERF_FILE);
  const registers = loadRegistersFromDir();
  const pinned = (JSON.parse(readFileSync(join(import.meta.dirname, "../fixtures/pipeline/check-output.json"), "utf8")) as { perf: OutputSummary }).perf;
  const same = JSON.stringify(checkSummary(grid, "polisen")) === JSON.stringify(pinned);
  console.log(`output (issues, A1 addresses, records, linkage tokens) identical to before the typed-column core: ${same ? "yes" : "NO"}`);

  let touched = 0;
  const minimal: number[] = [];
  const warm: number[] = [];
  let result: CheckResult | undefined;
  // Interleaved, so both see the same load on a shared machine; the best of five each. These checks come after the
  // digest's check above: the JIT has compiled the check's code.
  for (let i = 0; i < 5; i++) {
    minimal.push(cpuOf(() => {
      for (const line of grid) for (let c = 0; c < line.length; c++) if (line[c] !== null) touched++;
    }));
    warm.push(cpuOf(() => (result = checkGrid(grid, { templates: BUILTIN_TEMPLATES, org: "polisen", registers }))));
  }
  const rows = result!.rows;
  if (cold.some((c) => c.rows !== rows)) throw new Error(`the child checked ${cold.map((c) => c.rows).join(", ")} rows, this process ${rows}`);
  const coldCpu = cold.map((c) => c.cpu[0]);
  const bestCold = Math.min(...coldCpu);
  const bestWarm = Math.min(...warm);
  const bestMinimal = Math.min(...minimal);
  console.log(`core: ${rows} rows, records ${result!.records.length}, located ${result!.located}, issues ${result!.issues.length}, can submit: ${result!.canSubmit}`);
  console.log(`baseline: a minimal pass over the grid (${touched / 5} cells): ${perSecond(rows, bestMinimal)} rows per CPU second`);
  console.log(`core, the first check of a process (as \`lagesbild check\`; three processes): ${coldCpu.map((c) => perSecond(rows, c)).join(", ")} rows per CPU second (best ${perSecond(rows, bestCold)}; ${(bestCold / bestMinimal).toFixed(1)}× the minimal pass's CPU)`);
  console.log(`core, later checks in one process (the JIT warm): ${warm.map((c) => perSecond(rows, c)).join(", ")} rows per CPU second (best ${perSecond(rows, bestWarm)}; ${(bestWarm / bestMinimal).toFixed(1)}× the minimal pass's CPU); load average ${loadavg()[0].toFixed(1)}`);
  const every = [...coldCpu, ...warm].every((c) => rows / c >= GOAL);
  console.log(`goal core ≥ 1,000,000 rows per CPU second in the first check of a process: ${rows / bestCold >= GOAL ? "met" : "NOT met"} (every check above at least 1,000,000: ${every ? "yes" : "no"})`);
}
