// A measured child of the core benchmark, and a target for profiling: reads the perf export once, then runs
// checkGrid `runs` times, each with its own locator (a cold address cache), as one `lagesbild check` does. The first
// run is the first check of this process: the JIT has compiled none of the check's code yet, as for a user.
// Prints one line `BENCH-CORE {"rows":…,"cpu":[seconds per run]}`.
// (Profile with `node --cpu-prof --import tsx test/bench/_core-profile.ts 5`.)
import { checkGrid } from "../../shared/pipeline/check";
import { BUILTIN_TEMPLATES } from "../../shared/templates/builtin";
import { loadRegistersFromDir } from "../../sync-server/cli/registers-dir";
import { PERF_FILE, readGrid } from "../fixtures/pipeline/check-output";

async function main(): Promise<void> {
  const grid = await readGrid(PERF_FILE);
  const registers = loadRegistersFromDir();
  const runs = Number(process.argv[2] ?? 5);
  const cpu: number[] = [];
  let rows = 0;
  for (let i = 0; i < runs; i++) {
    const started = process.cpuUsage();
    rows = checkGrid(grid, { templates: BUILTIN_TEMPLATES, org: "polisen", registers }).rows;
    const used = process.cpuUsage(started);
    cpu.push((used.user + used.system) / 1e6);
  }
  console.log(`BENCH-CORE ${JSON.stringify({ rows, cpu })}`);
}

void main();
