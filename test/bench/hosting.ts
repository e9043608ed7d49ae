// Benchmark: how many municipalities fit on one host (docs/hosting.md, "Sizes"). The compiled server
// (`node bin/lagesbild.mjs serve`, one process per municipality as in production) is first started once with the
// full demo seed (registers, every partner's approved submissions of the demo year, one delivery round); that data
// directory is then copied N times (HOSTING_N, default 3). Each copy gets its own token-signing key and TLS
// certificate (the files are removed and made anew at start); the audit key is copied along, because the sealed
// audit trail can only be opened with the key that sealed it (in production each municipality has its own).
// The N processes start side by side on ports of their own; for each it measures the resident memory (RSS, from
// /proc) idle, then runs a delivery round in one municipality at a time and measures that process's CPU seconds
// for the round and its RSS after it (and its peak). From those figures it prints municipalities per GB and per core
// under a stated assumption about the work of a month. Linux only (/proc).
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, cpSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { cpus, totalmem, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { serverUrl } from "./_server-url";
// @ts-expect-error: a plain ES module shared with the benchmark's child processes
import { caller } from "./_load-http.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(here, "../..");
const N = Number(process.env.HOSTING_N ?? 3);
const IDLE_MS = 5_000;
/** How long after the last round the processes are left alone before their RSS is read again (past the 60 s after which an idle worker thread ends). */
const SETTLE_MS = Number(process.env.HOSTING_SETTLE_MS ?? 75_000);
const START_TIMEOUT_MS = 15 * 60_000;
/** The assumed work of one municipality in a month: this many delivery rounds, and a month of the demo's submissions. */
const ROUNDS_PER_MONTH = 2;
const TICKS = 100; // clock ticks per second of /proc/PID/stat (USER_HZ; 100 on Linux)

type Call = (method: string, path: string, headers?: Record<string, string>, body?: unknown) => Promise<{ status: number; body: Record<string, unknown> }>;

interface Server {
  child: ChildProcess;
  dir: string;
  url: string;
  /** CPU seconds the process had used when it began to listen. */
  startCpu: number;
}

function status(pid: number, field: "VmRSS" | "VmHWM"): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  if (!m) throw new Error(`no ${field} for ${pid}`);
  return Number(m[1]) / 1024;
}

/** User plus system CPU seconds of the process (all its threads, the worker threads included). */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / TICKS;
}

/** Starts `lagesbild serve` on `dir` and resolves once it listens (its log goes to a file, as in load.ts). */
async function startServer(dir: string, seed: "full" | "off"): Promise<Server> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const logFile = join(dir, "server.log");
  const log = openSync(logFile, "a");
  const child = spawn(process.execPath, [join(ROOT, "bin", "lagesbild.mjs"), "serve"], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dir, PORT: "0", HOST: "127.0.0.1", SEED_DEMO: seed, DELIVERY_SCHEDULER: "0", BUILD_ADDIN: "0", LOG_LEVEL: "warn", NODE_OPTIONS: "" },
    stdio: ["ignore", log, log],
  });
  closeSync(log);
  const url = await serverUrl(child, logFile, START_TIMEOUT_MS);
  return { child, dir, url, startCpu: cpuSeconds(child.pid!) };
}

async function stop(s: Server): Promise<void> {
  if (s.child.exitCode !== null) return;
  const exited = new Promise<void>((r) => s.child.once("exit", () => r()));
  s.child.kill("SIGTERM");
  await exited;
}

const mb = (x: number) => `${x.toFixed(0)} MB`;

export async function run(): Promise<void> {
  const base = mkdtempSync(join(tmpdir(), "lagesbild-hosting-"));
  const servers: Server[] = [];
  try {
    // Once with the full demo seed; its CPU at listen includes the seed (submissions of the demo year and one round).
    const seedDir = join(base, "seed");
    let t = performance.now();
    const seeded = await startServer(seedDir, "full");
    const seedWall = (performance.now() - t) / 1000;
    const seedCpu = seeded.startCpu;
    await stop(seeded);
    const dbBytes = readFileSync(join(seedDir, "lagesbild.db")).length;
    console.log(`full demo seed: ${seedWall.toFixed(1)} s wall, ${seedCpu.toFixed(1)} s CPU; database ${(dbBytes / 1024 / 1024).toFixed(1)} MB`);

    for (let i = 0; i < N; i++) {
      const dir = join(base, `kommun${i + 1}`);
      cpSync(seedDir, dir, { recursive: true });
      for (const f of ["jwt-secret", "tls", "server.log", "manifest.xml"]) rmSync(join(dir, f), { recursive: true, force: true });
    }
    t = performance.now();
    for (let i = 0; i < N; i++) servers.push(await startServer(join(base, `kommun${i + 1}`), "off"));
    console.log(`${N} processes started one after another in ${((performance.now() - t) / 1000).toFixed(1)} s; CPU at listen (no seeding): ${servers.map((s) => s.startCpu.toFixed(1)).join(", ")} s`);
    await new Promise((r) => setTimeout(r, IDLE_MS));
    const idle = servers.map((s) => status(s.child.pid!, "VmRSS"));
    console.log(`RSS idle (after ${IDLE_MS / 1000} s): ${idle.map(mb).join(", ")}`);

    const creds = new Map([...readFileSync(join(seedDir, "demo-inloggningar.txt"), "utf8").matchAll(/användare: (\S+)\s+lösenord: (\S+)/g)].map((m) => [m[1], m[2]]));
    const roundCpu: number[] = [];
    const roundWall: number[] = [];
    const after: number[] = [];
    const peak: number[] = [];
    for (const s of servers) {
      const call = caller(s.url, readFileSync(join(s.dir, "tls", "localhost-cert.pem"), "utf8")) as Call;
      const login = await call("POST", "/api/auth/login", {}, { username: "huvudman", password: creds.get("huvudman") });
      if (login.status !== 200) throw new Error(`login: ${login.status}`);
      const auth = { Authorization: `Bearer ${String(login.body.accessToken)}` };
      const pid = s.child.pid!;
      const cpu0 = cpuSeconds(pid);
      const w0 = performance.now();
      const r = await call("POST", "/api/deliveries/run", auth, {});
      if (r.status !== 201) throw new Error(`round: ${r.status} ${JSON.stringify(r.body)}`);
      roundWall.push((performance.now() - w0) / 1000);
      roundCpu.push(cpuSeconds(pid) - cpu0);
      after.push(status(pid, "VmRSS"));
      peak.push(status(pid, "VmHWM"));
    }
    console.log(`delivery round, one municipality at a time: ${roundWall.map((x) => x.toFixed(1)).join(", ")} s wall; ${roundCpu.map((x) => x.toFixed(1)).join(", ")} s CPU`);
    console.log(`RSS after the round: ${after.map(mb).join(", ")}; peak RSS: ${peak.map(mb).join(", ")}`);

    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const settled = servers.map((s) => status(s.child.pid!, "VmRSS"));
    console.log(`RSS ${SETTLE_MS / 1000} s after the last round: ${settled.map(mb).join(", ")}`);

    const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const perMunicipalityMb = Math.max(...settled);
    const peakMb = Math.max(...peak);
    const round = avg(roundCpu);
    // The seed's CPU less a round and less a start without seeding: the demo year's submissions (12 months).
    const submissionsPerMonth = Math.max(0, seedCpu - round - avg(servers.map((s) => s.startCpu))) / 12;
    const monthCpu = ROUNDS_PER_MONTH * round + submissionsPerMonth;
    const monthSeconds = 30 * 24 * 3600;
    console.log(
      [
        `machine: ${cpus().length} × ${cpus()[0]?.model ?? "?"}, ${(totalmem() / 1024 ** 3).toFixed(1)} GB, Node ${process.version}`,
        `memory: ${mb(perMunicipalityMb)} per municipality at rest after a round (idle before any round ${mb(Math.max(...idle))}, peak ${mb(peakMb)}) → ` +
          `${(1024 / perMunicipalityMb).toFixed(1)} municipalities per GB at rest, ${(1024 / peakMb).toFixed(1)} per GB if every one were at its peak at once ` +
          `(${Math.floor((16 * 1024) / perMunicipalityMb)} on a 16 GB host)`,
        `CPU, assuming ${ROUNDS_PER_MONTH} delivery rounds a month (${round.toFixed(1)} s each) + a month of the demo's submissions (${submissionsPerMonth.toFixed(1)} s): ` +
          `${monthCpu.toFixed(1)} CPU s a month → ${Math.floor(monthSeconds / monthCpu)} municipalities per core on average; ` +
          `${Math.floor(3600 / round)} rounds per core if they all fall in the same hour`,
      ].join("\n"),
    );
  } finally {
    for (const s of servers) await stop(s);
    rmSync(base, { recursive: true, force: true });
  }
}
