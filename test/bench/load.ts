// Benchmark: /healthz under load, measured from outside the server. The compiled server (dist/server, as
// `lagesbild serve` runs it) starts in a process of its own over a fresh data directory (the demo municipality,
// empty; no scheduler), so protection, the alert table and submission checks run in its worker threads as in
// production. 50 partners, each with its own API key, submit synthetic police records (ROUNDS × ROWS each) from a
// second process, while this process has the huvudman start a delivery round (and a second run request that joins
// it) and ask for the alert table. A third process probes /healthz every PROBE_MS until all of that has ended, so
// the probe times the server, not this process's own event loop. Prints the probe's p50/p95/p99 and the counts, the
// machine's load average (the probe times the machine too), and the server's own event-loop stalls over
// LOAD_STALL_MS (default 30; the server logs them with LAGESBILD_STALL_MS), each split into time on a CPU and time
// waiting for one. LOAD_CPU_PROF=DIR writes a CPU profile of the server process into DIR (open it in Chrome's
// DevTools) and names the functions that ran in each of the longest stalls.
import { fork, spawn, type ChildProcess } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism as availableCores, loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { serverUrl } from "./_server-url";
import { printStalls } from "./_load-stalls";
// @ts-expect-error: a plain ES module shared with the benchmark's child processes
import { caller } from "./_load-http.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(here, "../..");
const PARTNERS = Number(process.env.LOAD_PARTNERS ?? 50);
const ROUNDS = 3;
const ROWS = Number(process.env.LOAD_ROWS ?? 200);
/** Pause between two probes: short, so a run of ~30 s gives some thousand probes and a p99 that means something. */
const PROBE_MS = Number(process.env.LOAD_PROBE_MS ?? 5);
const STALL_MS = Number(process.env.LOAD_STALL_MS ?? 30);
const START_TIMEOUT_MS = 10 * 60_000;

type Call = (method: string, path: string, headers?: Record<string, string>, body?: unknown) => Promise<{ status: number; body: Record<string, unknown> }>;

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * Starts `lagesbild serve` and resolves with its address once it listens. Its output goes to a file (as a server's
 * log would), not a pipe: the server writes its log synchronously, and a pipe this busy process drains late would
 * stall the server on its own log.
 */
function startServer(dataDir: string, profileDir: string | undefined): { child: ChildProcess; url: Promise<string> } {
  const args = [...(profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : []), join(ROOT, "bin", "lagesbild.mjs"), "serve"];
  const logFile = join(dataDir, "server.log");
  const log = openSync(logFile, "a");
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, PORT: "0", HOST: "127.0.0.1", SEED_DEMO: "empty", DELIVERY_SCHEDULER: "0", BUILD_ADDIN: "0", NODE_OPTIONS: "", LAGESBILD_STALL_MS: String(STALL_MS) },
    stdio: ["ignore", log, log],
  });
  closeSync(log);
  const url = serverUrl(child, logFile, START_TIMEOUT_MS);
  return { child, url };
}

function helper(name: string, args: string[]): ChildProcess {
  return fork(join(here, name), args, { execArgv: [], stdio: ["ignore", "inherit", "inherit", "ipc"] });
}

function nextMessage<T>(child: ChildProcess): Promise<T> {
  return new Promise((resolveMsg, reject) => {
    child.once("message", (m) => resolveMsg(m as T));
    child.once("exit", (code) => reject(new Error(`${child.spawnargs.join(" ")} ended (${code})`)));
  });
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "lagesbild-load-"));
  const profileDir = process.env.LOAD_CPU_PROF ? resolve(process.env.LOAD_CPU_PROF) : undefined;
  const server = startServer(dir, profileDir);
  const loadBefore = loadavg();
  let printed = false;
  // The probed time on the monotonic clock (µs), which the server's stall lines use too.
  const window = { from: 0, to: 0 };
  try {
    const base = await server.url;
    const caPath = join(dir, "tls", "localhost-cert.pem");
    const call = caller(base, readFileSync(caPath, "utf8")) as Call;
    const creds = new Map([...readFileSync(join(dir, "demo-inloggningar.txt"), "utf8").matchAll(/användare: (\S+)\s+lösenord: (\S+)/g)].map((m) => [m[1], m[2]]));
    const login = async (username: string) => {
      const r = await call("POST", "/api/auth/login", {}, { username, password: creds.get(username) });
      if (r.status !== 200) throw new Error(`login ${username}: ${r.status}`);
      return { Authorization: `Bearer ${String(r.body.accessToken)}` };
    };
    const admin = await login("admin");
    const huvudman = await login("huvudman");
    const keys: string[] = [];
    for (let i = 0; i < PARTNERS; i++) {
      const r = await call("POST", "/api/keys", admin, { org: "polisen", name: `last${i}` });
      if (r.status !== 201) throw new Error(`key ${i}: ${r.status} ${JSON.stringify(r.body)}`);
      keys.push(String(r.body.key));
    }

    const probe = helper("_load-probe.mjs", [base, caPath, String(PROBE_MS)]);
    await nextMessage(probe); // probing
    const nowUs = () => Number(process.hrtime.bigint() / 1000n);
    window.from = nowUs();
    const partners = helper("_load-partners.mjs", [base, caPath, String(ROUNDS), String(ROWS)]);
    const submitted = nextMessage<{ statuses: Record<string, number>; ms: number }>(partners);
    partners.send({ keys });
    const round = (async () => {
      const t = performance.now();
      const [a, b] = await Promise.all([call("POST", "/api/deliveries/run", huvudman, {}), call("POST", "/api/deliveries/run", huvudman, {})]);
      return { ms: performance.now() - t, statuses: [a.status, b.status], joined: (b.body.job as { joined?: boolean } | undefined)?.joined ?? null, sameRound: a.body.roundId === b.body.roundId };
    })();
    const alerts = (async () => {
      const t = performance.now();
      const r = await call("GET", "/api/alerts", huvudman);
      return { ms: performance.now() - t, status: r.status };
    })();
    const [s, r, a] = await Promise.all([submitted, round, alerts]);
    const probed = nextMessage<{ latencies: number[] }>(probe);
    probe.send("stop");
    window.to = nowUs();
    const { latencies } = await probed;

    const sorted = [...latencies].sort((x, y) => x - y);
    const done = Object.entries(s.statuses).filter(([k]) => /^\d+$/.test(k));
    const stored = (s.statuses["201"] ?? 0) + (s.statuses["200"] ?? 0);
    console.log(`partners ${PARTNERS} × ${ROUNDS} submissions × ${ROWS} rows: ${stored} of ${PARTNERS * ROUNDS} submissions stored (${done.map(([k, n]) => `${n}× ${k}`).join(", ")}) in ${(s.ms / 1000).toFixed(1)} s`);
    const failures = Object.keys(s.statuses).filter((k) => !/^\d+$/.test(k));
    if (failures.length > 0) console.log(`  refused: ${failures.join("; ")}`);
    console.log(`delivery round: ${(r.ms / 1000).toFixed(1)} s, statuses ${r.statuses.join(" and ")}, second request joined: ${r.joined}, same round: ${r.sameRound}`);
    console.log(`alert table (first call): ${(a.ms / 1000).toFixed(1)} s, status ${a.status}`);
    console.log(
      `/healthz: ${sorted.length} probes, p50 ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms (goal: p99 < 100 ms)`,
    );
    const fmt = (l: number[]) => l.map((x) => x.toFixed(2)).join(" ");
    console.log(`load average (1, 5, 15 min) on ${availableCores()} cores: ${fmt(loadBefore)} before, ${fmt(loadavg())} after`);
    const db = new Database(join(dir, "lagesbild.db"), { readonly: true });
    const sizes = db
      .prepare(
        "SELECT org_id AS org, parts, length(CAST(json AS BLOB)) + coalesce((SELECT sum(length(CAST(p.text AS BLOB))) FROM delivery_parts p WHERE p.org_id = d.org_id AND p.number = d.number), 0) AS bytes FROM deliveries d ORDER BY bytes DESC",
      )
      .all() as { org: string; parts: number; bytes: number }[];
    db.close();
    console.log(`deliveries stored: ${sizes.map((d) => `${d.org} ${(d.bytes / 1e6).toFixed(2)} MB in ${d.parts} parts`).join(", ")}`);
    printed = true;
  } finally {
    const exited = new Promise<void>((resolveExit) => (server.child.exitCode !== null ? resolveExit() : server.child.once("exit", () => resolveExit())));
    server.child.kill("SIGTERM");
    await exited;
    if (printed) printStalls(join(dir, "server.log"), window, profileDir);
    if (profileDir) console.log(`CPU profile of the server: ${profileDir}`);
    rmSync(dir, { recursive: true, force: true });
  }
}
