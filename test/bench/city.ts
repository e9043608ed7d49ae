// Benchmark: a municipality ten times larger than the demo (a Stockholm-sized city, 380 NYKO-3 areas), at the demo's
// density per area, beside the demo itself as its baseline from the same run. The city is the demo copied `factor`
// times (`_city-data.ts`: codes `9k…`, streets and coordinates of each copy its own). Every measured process runs
// alone in a child (CPU seconds and peak RSS from the child itself, process start included):
//   the cube and the first delivery round (`protectRound`, six readers, insiders, built-in grains) of the city's
//   records (`_city-round.ts`): CPU per phase, CPU per NYKO-3 area, the child's resident memory before the round and
//   its peak; the goal: the round's CPU per NYKO-3 area at the largest factor ≤ 1.25× the first factor's (the round
//   grows at most linearly with the number of areas);
//   `lagesbild check` of the largest partner's export (the police's, the demo's 53,831 rows once per copy) against
//   the city's registers (written in the demo formats).
// `npm run bench -- city` runs factors 1 and 10; CITY_FACTORS=1,2,10 (say) picks others (1 to 11; the first is the
// baseline). It takes about as long as the 10× round, which runs beside the other children: 82–109 s CPU on
// 2026-12-07 (docs/hosting.md, *A municipality ten times larger*).
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeScaledExport, writeScaledRegisters } from "./_city-data";
import { demoApprovedRecords } from "./deliveries";

const ROOT = join(import.meta.dirname, "../..");
const HOOK = join(import.meta.dirname, "_usage-hook.ts");
const PHASE_NAMES: Record<string, string> = { eliminate: "elimination", loop: "audit loop", paths: "LP complements", prune: "pruning", audit: "final audit" };
/** The largest factor's round may cost at most this much CPU per NYKO-3 area, relative to the first factor's. */
const LINEAR_TOLERANCE = 1.25;

interface Usage {
  cpu: number;
  rss: number;
}

interface RoundFigures {
  factor: number;
  areas: number;
  records: number;
  cubeMs: number;
  cells: number;
  roundMs: number;
  mode: string;
  reason: string | null;
  modelCells: number;
  innerCells: number;
  primary: number;
  secondary: number;
  publishedShare: number;
  attempts: number;
  withheld: number;
  subModels: { count: number; largest: number };
  subModelsWithoutTotals: { count: number; largest: number };
  /** CPU milliseconds per phase of the protector (`ProtectPhase`), summed over the attempts. */
  phases: Record<string, number>;
  rssBefore: number;
  rssAfter: number;
  peakBefore: number;
}

/**
 * Runs `node --import tsx <args>` with the usage hook: the child's stdout, exit status, CPU seconds and peak RSS.
 * Asynchronous, so the longest child (the largest city's round) runs beside the others: each child's CPU seconds
 * and peak RSS are its own whatever runs beside it; only wall time is shared.
 */
function measureChild(args: string[]): Promise<Usage & { status: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "--import", HOOK, ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr = (stderr + d).slice(-100_000)));
    child.on("error", reject);
    child.on("close", (status) => {
      const line = /BENCH-USAGE (\{.*\})/.exec(stderr);
      if (!line) reject(new Error(`the measured child gave no usage (status ${status}): ${stderr.slice(-2000)}`));
      else resolve({ ...(JSON.parse(line[1]) as Usage), status, stdout });
    });
  });
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const cpu = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const times = (x: number, base: number) => `${(x / base).toFixed(2)}×`;

async function measureRound(factor: number): Promise<RoundFigures & { usage: Usage }> {
  const child = await measureChild(["test/bench/_city-round.ts", String(factor)]);
  const line = /CITY-ROUND (\{.*\})/.exec(child.stdout);
  if (!line) throw new Error(`the round child of factor ${factor} printed no figures (status ${child.status})`);
  return { ...(JSON.parse(line[1]) as RoundFigures), usage: { cpu: child.cpu, rss: child.rss } };
}

interface CheckFigures {
  factor: number;
  rows: number;
  bytes: number;
  accepted: number;
  located: number;
  status: number | null;
  usage: Usage;
}

/** Writes the city's registers and the largest export into a temporary folder and runs `lagesbild check` on it. */
async function measureCheck(factor: number): Promise<CheckFigures> {
  const dir = mkdtempSync(join(tmpdir(), `lagesbild-city-${factor}-`));
  try {
    const registers = join(dir, "register");
    writeScaledRegisters(registers, factor);
    const file = join(dir, "polisen.xlsx");
    const rows = await writeScaledExport(file, factor);
    const child = await measureChild(["sync-server/cli/main.ts", "check", file, "--registers", registers, "--json"]);
    const report = JSON.parse(child.stdout) as { rows: number; accepted: number; located: number };
    if (report.rows !== rows) throw new Error(`check of factor ${factor}: ${report.rows} rows read, ${rows} written`);
    return { factor, rows, bytes: statSync(file).size, accepted: report.accepted, located: report.located, status: child.status, usage: { cpu: child.cpu, rss: child.rss } };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<void> {
  const factors = (process.env.CITY_FACTORS ?? "1,10").split(",").map(Number).filter((f) => Number.isInteger(f) && f > 0);
  await demoApprovedRecords(); // made once (and cached) before any child runs, so no child's figures hold it

  // The largest city's round is by far the longest child: it starts first and the others run beside it, one at a time.
  const largest = Math.max(...factors);
  const largestRound = measureRound(largest);
  const checks: CheckFigures[] = [];
  for (const factor of factors) checks.push(await measureCheck(factor));
  const c1 = checks[0];
  console.log(`lagesbild check of the largest export (the police's), in a child of its own; baseline: factor ${c1.factor}`);
  for (const c of checks) {
    console.log(
      `  ${c.factor}×: ${c.rows} rows (${mb(c.bytes)} .xlsx), ${c.accepted} accepted, ${c.located} located, exit ${c.status}; ` +
        `${c.usage.cpu.toFixed(2)} s CPU (${times(c.usage.cpu, c1.usage.cpu)} the baseline's; ${((1000 * c.usage.cpu) / c.rows).toFixed(3)} ms per row), ` +
        `peak ${mb(c.usage.rss)} (${times(c.usage.rss, c1.usage.rss)})`,
    );
    // Every copy's addresses must locate in its own areas as the demo's do, or the city is not the demo copied.
    if (c.located * c1.factor !== c1.located * c.factor) console.log(`  the ${c.factor}× city locates ${c.located / c.factor} rows per copy, the baseline ${c1.located / c1.factor}: its registers are NOT the demo's copied`);
  }

  const rounds: (RoundFigures & { usage: Usage })[] = [];
  for (const factor of factors) rounds.push(await (factor === largest ? largestRound : measureRound(factor)));
  const r1 = rounds[0];
  const perArea = (r: RoundFigures) => r.roundMs / r.areas;
  console.log(`cube and first delivery round, in a child of its own; baseline: factor ${r1.factor}`);
  for (const r of rounds) {
    // Every phase the protector reported, in its order; what is left of the round's CPU is outside the protector
    // (the cover model, the insiders, the readers' views).
    const known = Object.keys(PHASE_NAMES);
    const names = [...known, ...Object.keys(r.phases).filter((p) => !known.includes(p))].filter((p) => p in r.phases);
    const phases = names.map((p) => `${PHASE_NAMES[p] ?? p} ${cpu(r.phases[p])} (${times(r.phases[p], r1.phases[p] ?? NaN)})`).join(", ");
    const outside = r.roundMs - Object.values(r.phases).reduce((a, b) => a + b, 0);
    const outside1 = r1.roundMs - Object.values(r1.phases).reduce((a, b) => a + b, 0);
    const roundPeak = r.usage.rss > r.peakBefore ? `; the round's peak ${mb(r.usage.rss)}, ${mb(r.usage.rss - r.rssBefore)} above the resident memory before it` : "";
    console.log(
      [
        `  ${r.factor}×: ${r.areas} NYKO-3 areas, ${r.records} records; cube ${cpu(r.cubeMs)} CPU (${times(r.cubeMs, r1.cubeMs)}), ${r.cells} cells`,
        `    round: ${r.modelCells} cells over ${r.innerCells} inner cells; ${r.primary} primary, ${r.secondary} secondary, ` +
          `${(100 * r.publishedShare).toFixed(1)} % published; ${r.mode === "protected" ? "audit passes" : `${r.mode}: ${r.reason ?? ""}`}` +
          (r.withheld > 0 ? `; ${r.withheld} blocks withheld after ${r.attempts} attempts` : ""),
        `    sub-models (atoms linked by a published cell): ${r.subModels.count}, the largest ${r.subModels.largest} atoms ` +
          `(${times(r.subModels.largest, r1.subModels.largest)}); without the municipality totals ${r.subModelsWithoutTotals.count}, the largest ${r.subModelsWithoutTotals.largest} atoms`,
        `    round CPU ${cpu(r.roundMs)} (${times(r.roundMs, r1.roundMs)}): ${phases}, outside the protector ${cpu(outside)} (${times(outside, outside1)})`,
        `    ${perArea(r).toFixed(0)} ms per NYKO-3 area (${times(perArea(r), perArea(r1))} the baseline's)`,
        `    memory: ${mb(r.rssBefore)} resident before the round (records and cube), ${mb(r.rssAfter)} after; ` +
          `peak of the child ${mb(r.usage.rss)} (${times(r.usage.rss, r1.usage.rss)})${roundPeak}; the child's whole CPU ${r.usage.cpu.toFixed(1)} s`,
      ].join("\n"),
    );
  }
  const last = rounds[rounds.length - 1];
  if (rounds.length > 1) {
    const ratio = perArea(last) / perArea(r1);
    console.log(
      `goal: the round grows at most linearly with the number of areas (CPU per NYKO-3 area at ${last.factor}× ≤ ${LINEAR_TOLERANCE}× ` +
        `the ${r1.factor}× baseline's): ${ratio.toFixed(2)}× → ${ratio <= LINEAR_TOLERANCE && last.mode === "protected" ? "met" : "NOT met"}`,
    );
  }
}
