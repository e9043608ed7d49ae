// The 200,000-row police export, read and checked. Each measured process runs alone in a child (CPU seconds and
// peak RSS from the child itself, process start included), beside its baseline from the same run:
//   reading: ExcelJS's streaming reader alone (the baseline), our streaming reader alone;
//   `lagesbild check` of the file: goal ≤ 1.0× the baseline's CPU, peak ≤ 400 MB.
// The core alone (`checkGrid` on a grid read once) is `npm run bench -- core`.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { PERF_FILE } from "../fixtures/pipeline/check-output";

const ROOT = join(import.meta.dirname, "../..");
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
}
