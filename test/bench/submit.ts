// `lagesbild submit` of the 200,000-row police export against a real server process, beside `lagesbild check` of
// the same file from the same run. Each client runs alone in a child (its own CPU seconds and peak RSS, process
// start included; wall time from outside). Goals: client peak ≤ 500 MB, wall ≤ 1.2× check's.
// Also printed: `submit --dry-run` (read, check and build every part, send nothing) and a second submit of the
// same file (a replay: the server answers the first part with the stored receipt).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PERF_FILE } from "../fixtures/pipeline/check-output";
import { api, startServerProcess } from "../helpers/process";

const ROOT = join(import.meta.dirname, "../..");
const HOOK = join(import.meta.dirname, "_usage-hook.ts");

interface Run {
  cpu: number;
  rss: number;
  wall: number;
  status: number | null;
  stdout: string;
}

function measure(args: string[]): Run {
  const started = performance.now();
  const child = spawnSync(process.execPath, ["--import", "tsx", "--import", HOOK, "sync-server/cli/main.ts", ...args], { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 28 });
  const wall = (performance.now() - started) / 1000;
  const line = /BENCH-USAGE (\{.*\})/.exec(child.stderr ?? "");
  if (!line) throw new Error(`the measured child gave no usage (status ${child.status}): ${(child.stderr ?? "").slice(-2000)}`);
  return { ...(JSON.parse(line[1]) as { cpu: number; rss: number }), wall, status: child.status, stdout: child.stdout };
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const show = (r: Run) => `${r.wall.toFixed(1)} s wall, ${r.cpu.toFixed(2)} s CPU, peak ${mb(r.rss)} (exit ${r.status})`;

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "lb-bench-submit-"));
  const server = await startServerProcess(join(dir, "data"));
  try {
    const login = await api(server, "POST", "/api/auth/login", { username: "admin", password: server.passwords.get("admin") });
    const created = await api(server, "POST", "/api/keys", { org: "polisen", name: "bänk" }, login.body.accessToken as string);
    const connection = ["--server", server.url, "--key", created.body.key as string, "--ca", join(dir, "data", "tls", "localhost-cert.pem")];
    const check = [measure(["check", PERF_FILE, "--json"]), measure(["check", PERF_FILE, "--json"])].reduce((a, b) => (b.wall < a.wall ? b : a));
    const dry = measure(["submit", PERF_FILE, ...connection, "--dry-run"]);
    const submit = measure(["submit", PERF_FILE, ...connection, "--json"]);
    const replay = measure(["submit", PERF_FILE, ...connection, "--json"]);
    const sent = JSON.parse(submit.stdout.trim().split("\n").pop() ?? "{}") as { submitted?: boolean; parts?: number; receipt?: { counts?: { rows: number } } };
    console.log(`baseline: lagesbild check of the file:          ${show(check)}`);
    console.log(`lagesbild submit --dry-run (every part built): ${show(dry)}`);
    console.log(`lagesbild submit to the server:                ${show(submit)}; ${sent.parts} parts, ${sent.receipt?.counts?.rows} rows stored (${(submit.wall / check.wall).toFixed(2)}× check's wall)`);
    console.log(`  the same file again (a replay):              ${show(replay)}`);
    console.log(`goal client peak ≤ 500 MB: ${submit.rss <= 500 * 2 ** 20 ? "met" : "NOT met"}; goal wall ≤ 1.2× check: ${submit.wall <= 1.2 * check.wall ? "met" : "NOT met"}`);
  } finally {
    await server.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}
