// A measured child for profiling the core: reads the perf export once, then runs checkGrid a few times
// (run with `node --cpu-prof --import tsx test/bench/_core-profile.ts`).
import { checkGrid } from "../../shared/pipeline/check";
import { BUILTIN_TEMPLATES } from "../../shared/templates/builtin";
import { loadRegistersFromDir } from "../../sync-server/cli/registers-dir";
import { PERF_FILE, readGrid } from "../fixtures/pipeline/check-output";

async function main(): Promise<void> {
  const grid = await readGrid(PERF_FILE);
  const registers = loadRegistersFromDir();
  const runs = Number(process.argv[2] ?? 5);
  for (let i = 0; i < runs; i++) {
    const started = process.cpuUsage();
    const result = checkGrid(grid, { templates: BUILTIN_TEMPLATES, org: "polisen", registers });
    const used = process.cpuUsage(started);
    console.log(`${result.rows} rows: ${Math.round(result.rows / ((used.user + used.system) / 1e6)).toLocaleString("en")} rows per CPU second`);
  }
}

void main();
