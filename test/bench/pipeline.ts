// The 200,000-row police export, read and checked. Each measured process runs alone in a child (CPU seconds and
// peak RSS from the child itself, process start included), beside its baseline from the same run:
//   reading: ExcelJS's streaming reader alone (the baseline), our streaming reader alone;
//   `lagesbild check` of the file: goal ≤ 1.0× the baseline's CPU, peak ≤ 400 MB;
//   the core (`checkGrid`, in this process on a grid read once): goal ≥ 1,000,000 rows per CPU second, beside a
//   minimal pass over the same grid (every cell touched once).
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { checkGrid } from "../../shared/pipeline/check";
import { BUILTIN_TEMPLATES } from "../../shared/templates/builtin";
import { loadRegistersFromDir } from "../../sync-server/cli/registers-dir";
import { withXlsx } from "../../sync-server/xlsx/read-grid";

const ROOT = join(import.meta.dirname, "../..");
const PERF_FILE = join(ROOT, "../shared/data/demo/perf/polisen-200000.xlsx");
const HOOK = join(import.meta.dirname, "_usage-hook.ts");

interface Usage {
  cpu: number;
  rss: number;
}

/** Runs `node --import tsx <args>` with the usage hook; the child's own CPU seconds and peak RSS. */
function measureChild(args: string[]): Usage & { status: number | null } {
  const child = spawnSync(process.execPath, ["--import", "tsx", "--import", HOOK, ...args], { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 28 });
  const line = /BENCH-USAGE (\{.*\})/.exec(child.stderr ?? "");
  if (!line) throw new Error(`the measured child gave no usage (status ${child.status}): ${(child.stderr ?? "").slice(-2000)}`);
  return { ...(JSON.parse(line[1]) as Usage), status: child.status };
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const s = (seconds: number) => `${seconds.toFixed(2)} s CPU`;
const met = (ok: boolean) => (ok ? "met" : "NOT met");

function best<T extends Usage>(runs: T[]): T {
  return runs.reduce((a, b) => (b.cpu < a.cpu ? b : a));
}

export async function run(): Promise<void> {
  const repeat = 2; // the best of two: the machine may be busy
  const baseline = best(Array.from({ length: repeat }, () => measureChild(["test/bench/_read-xlsx.ts", "exceljs-stream", PERF_FILE])));
  const reader = best(Array.from({ length: repeat }, () => measureChild(["test/bench/_read-xlsx.ts", "grid", PERF_FILE])));
  const check = best(Array.from({ length: repeat }, () => measureChild(["sync-server/cli/main.ts", "check", PERF_FILE, "--json"])));
  const checkOnly = best(Array.from({ length: repeat }, () => measureChild(["test/bench/_check-only.ts", PERF_FILE, "--json"])));
  const start = best(Array.from({ length: repeat }, () => measureChild(["sync-server/cli/main.ts", "check", "--help"])));
  console.log(`baseline: ExcelJS streaming reader alone: ${s(baseline.cpu)}, peak ${mb(baseline.rss)}`);
  console.log(`our streaming reader alone:              ${s(reader.cpu)}, peak ${mb(reader.rss)} (${(reader.cpu / baseline.cpu).toFixed(2)}× the baseline's CPU)`);
  console.log(`lagesbild check of the file (exit ${check.status}):    ${s(check.cpu)}, peak ${mb(check.rss)} (${(check.cpu / baseline.cpu).toFixed(2)}× the baseline's CPU)`);
  console.log(`  of which the CLI's start (\`lagesbild check --help\`): ${s(start.cpu)}, peak ${mb(start.rss)}`);
  console.log(`check with only the check command loaded:  ${s(checkOnly.cpu)}, peak ${mb(checkOnly.rss)} (${(checkOnly.cpu / baseline.cpu).toFixed(2)}× the baseline's CPU)`);
  console.log(`goal check ≤ 1.0× the baseline's CPU: ${met(check.cpu <= baseline.cpu)}; goal peak ≤ 400 MB: ${met(check.rss <= 400 * 2 ** 20)}`);

  const grid = await withXlsx(PERF_FILE, async (xlsx) => (await xlsx.readUsedRange(xlsx.listSheets()[0])).values);
  const registers = loadRegistersFromDir();
  const cpuOf = (f: () => void) => {
    const started = process.cpuUsage();
    f();
    const used = process.cpuUsage(started);
    return (used.user + used.system) / 1e6;
  };
  let touched = 0;
  const minimal = Math.min(...Array.from({ length: 3 }, () => cpuOf(() => {
    for (const line of grid) for (let c = 0; c < line.length; c++) if (line[c] !== null) touched++;
  })));
  let rows = 0;
  const core: number[] = [];
  for (let i = 0; i < 3; i++) {
    let result: ReturnType<typeof checkGrid> | undefined;
    core.push(cpuOf(() => (result = checkGrid(grid, { templates: BUILTIN_TEMPLATES, org: "polisen", registers }))));
    rows = result!.rows;
    if (i === 0) console.log(`core: ${rows} rows, records ${result!.records.length}, located ${result!.located}, issues ${result!.issues.length}, can submit: ${result!.canSubmit}`);
  }
  const perCpu = rows / Math.min(...core);
  console.log(`baseline: a minimal pass over the grid (${touched / 3} cells): ${Math.round(rows / minimal).toLocaleString("en")} rows per CPU second`);
  console.log(`core (checkGrid): ${core.map((c) => Math.round(rows / c).toLocaleString("en")).join(", ")} rows per CPU second (best ${Math.round(perCpu).toLocaleString("en")}, ${(minimal / Math.min(...core)).toFixed(3)}× the minimal pass's speed); load average ${(await import("node:os")).loadavg()[0].toFixed(1)}`);
  console.log(`goal core ≥ 1,000,000 rows per CPU second: ${met(perCpu >= 1_000_000)}`);
}
