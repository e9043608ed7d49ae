// CLI start-up: `lagesbild --help` (the compiled build, its freshness check included) against `node -e 0`, measured
// side by side in alternation so a busy machine weighs on both alike. Goal: within 0.5 s and at most 4 × node -e 0.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const ROOT = join(import.meta.dirname, "..", "..");
const BIN = join(ROOT, "bin", "lagesbild.mjs");
const ROUNDS = 15;

function timeOnce(args: string[]): number {
  const started = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: "ignore" });
  if (r.status !== 0) throw new Error(`${args.join(" ")} exited ${r.status}`);
  return performance.now() - started;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function run(): Promise<void> {
  const builder = (await import(pathToFileURL(join(ROOT, "bin", "build.mjs")).href)) as { ensureBuilt(): Promise<string>; freshEntry(): string | null };
  await builder.ensureBuilt();
  const checks: number[] = [];
  for (let i = 0; i < 20; i++) {
    const started = performance.now();
    if (!builder.freshEntry()) throw new Error("the build went stale during the benchmark");
    checks.push(performance.now() - started);
  }
  timeOnce(["-e", "0"]);
  timeOnce([BIN, "--help"]);
  const node: number[] = [];
  const help: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    node.push(timeOnce(["-e", "0"]));
    help.push(timeOnce([BIN, "--help"]));
  }
  const forced = performance.now();
  spawnSync(process.execPath, [join(ROOT, "bin", "build.mjs"), "--force"], { cwd: ROOT, stdio: "ignore" });
  const rebuildMs = performance.now() - forced;
  const ratio = median(help) / median(node);
  console.log(`node -e 0:          median ${median(node).toFixed(0)} ms (${ROUNDS} runs)`);
  console.log(`lagesbild --help:   median ${median(help).toFixed(0)} ms (${ROUNDS} runs, alternating)`);
  console.log(`CLI start-up ratio: ${ratio.toFixed(2)} × node -e 0 (goal ≤ 4; ${median(help) <= 500 ? "within" : "over"} 0.5 s)`);
  console.log(`freshness check (in the process): median ${median(checks).toFixed(1)} ms; full rebuild (npm run build): ${(rebuildMs / 1000).toFixed(1)} s`);
}
