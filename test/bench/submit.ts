// `lagesbild submit` of the 200,000-row police export against a real server process, beside `lagesbild check` of
// the same file from the same run. Each client runs alone in a child (its own CPU seconds and peak RSS, process
// start included; wall time from outside), as the command runs: the build (`bin/lagesbild.mjs`, as `npx lagesbild`),
// not the TypeScript through tsx (which costs submit, loading more modules, more than check). The server's CPU
// seconds for each command are printed too: client and server share the machine's cores.
// Goals: client peak ≤ 500 MB, wall ≤ 1.2× check's.
// Also printed: `submit --dry-run` (read, check and build every part, send nothing) and a second submit of the
// same file (a replay: the server answers the first part with the stored receipt).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PERF_FILE } from "../fixtures/pipeline/check-output";
import { api, startServerProcess } from "../helpers/process";

const ROOT = join(import.meta.dirname, "../..");
/** `_usage-hook.ts` as plain JavaScript (the built command runs without tsx). */
const HOOK = `data:text/javascript,${encodeURIComponent(readFileSync(join(import.meta.dirname, "_usage-hook.ts"), "utf8"))}`;
const BIN = join(ROOT, "bin", "lagesbild.mjs");

interface Run {
  cpu: number;
  rss: number;
  wall: number;
  /** The server's CPU seconds meanwhile (and for a second after, for the last part's commit). */
  server: number;
  status: number | null;
  stdout: string;
}

/** CPU seconds a process has used so far (Linux /proc). */
function cpuOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function measure(serverPid: number, args: string[]): Promise<Run> {
  const before = cpuOf(serverPid);
  const started = performance.now();
  const child = spawnSync(process.execPath, ["--import", HOOK, BIN, ...args], { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 28 });
  const wall = (performance.now() - started) / 1000;
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const line = /BENCH-USAGE (\{.*\})/.exec(child.stderr ?? "");
  if (!line) throw new Error(`the measured child gave no usage (status ${child.status}): ${(child.stderr ?? "").slice(-2000)}`);
  return { ...(JSON.parse(line[1]) as { cpu: number; rss: number }), wall, server: cpuOf(serverPid) - before, status: child.status, stdout: child.stdout };
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const show = (r: Run) => `${r.wall.toFixed(1)} s wall, ${r.cpu.toFixed(2)} s CPU, peak ${mb(r.rss)}, server ${r.server.toFixed(2)} s CPU (exit ${r.status})`;

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "lb-bench-submit-"));
  const server = await startServerProcess(join(dir, "data"));
  try {
    const login = await api(server, "POST", "/api/auth/login", { username: "admin", password: server.passwords.get("admin") });
    const created = await api(server, "POST", "/api/keys", { org: "polisen", name: "bänk" }, login.body.accessToken as string);
    const connection = ["--server", server.url, "--key", created.body.key as string, "--ca", join(dir, "data", "tls", "localhost-cert.pem")];
    const pid = server.child.pid!;
    const check = [await measure(pid, ["check", PERF_FILE, "--json"]), await measure(pid, ["check", PERF_FILE, "--json"])].reduce((a, b) => (b.wall < a.wall ? b : a));
    const dry = await measure(pid, ["submit", PERF_FILE, ...connection, "--dry-run"]);
    const submit = await measure(pid, ["submit", PERF_FILE, ...connection, "--json"]);
    const replay = await measure(pid, ["submit", PERF_FILE, ...connection, "--json"]);
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
