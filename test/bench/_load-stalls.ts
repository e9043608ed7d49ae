// The load benchmark's view of the server's event-loop stalls: the "event loop stalled" lines the server logs with
// LAGESBILD_STALL_MS (sync-server/http/loop-watch.ts), the longest first, each with how much of it the main thread
// was on a CPU (its own work) and how long it waited for a core (a busy machine); with a CPU profile of the server
// (LOAD_CPU_PROF), the functions that ran in each stall's window.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export interface Stall {
  stalledMs: number;
  cpuMs: number | null;
  waitMs: number | null;
  endedAtUs: number;
}

interface LoopDelay {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** The stalls and event-loop delay summaries in a server log (JSON lines among plain ones). */
export function readLoopLog(logFile: string): { stalls: Stall[]; delays: LoopDelay[] } {
  const stalls: Stall[] = [];
  const delays: LoopDelay[] = [];
  for (const line of readFileSync(logFile, "utf8").split("\n")) {
    if (!line.startsWith("{")) continue;
    const entry = JSON.parse(line) as { msg?: string } & Partial<Stall> & Partial<LoopDelay>;
    if (entry.msg === "event loop stalled") stalls.push(entry as Stall);
    if (entry.msg === "event loop delay") delays.push(entry as LoopDelay);
  }
  return { stalls, delays };
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Sample times (µs, the monotonic clock the server's `endedAtUs` uses) with each sample's stack, leaf first. */
function loadProfile(file: string): { at: number[]; stacks: ProfileNode[][] } {
  const p = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const stackOf = new Map<number, ProfileNode[]>();
  const stack = (id: number) => {
    let s = stackOf.get(id);
    if (!s) {
      s = [];
      for (let x: number | undefined = id; x !== undefined; x = parent.get(x)) s.push(byId.get(x)!);
      stackOf.set(id, s);
    }
    return s;
  };
  let t = p.startTime;
  const at: number[] = [];
  const stacks: ProfileNode[][] = [];
  p.samples.forEach((id, i) => {
    t += p.timeDeltas[i];
    at.push(t);
    stacks.push(stack(id));
  });
  return { at, stacks };
}

const frameName = (n: ProfileNode) =>
  `${n.callFrame.functionName || "(anonym)"} ${n.callFrame.url.replace(/^.*\/(sync-server|shared|node_modules)\//, "$1/").replace(/^.*\/dist\/server\/[^/]+\//, "dist/")}:${n.callFrame.lineNumber + 1}`;

/** The main thread's profile among the files `--cpu-prof-dir` wrote (thread 0). */
function mainProfile(dir: string): string | null {
  const f = readdirSync(dir).find((n) => /^CPU\.\d+\.\d+\.\d+\.0\.\d+\.cpuprofile$/.test(n));
  return f ? join(dir, f) : null;
}

/**
 * Prints the `top` longest stalls while the probe ran (`probed`, µs on the monotonic clock), the longest on a CPU
 * first, with the functions of each window when a profile of the server is at hand.
 */
export function printStalls(logFile: string, probed: { from: number; to: number }, profileDir: string | undefined, top = 8): void {
  const log = readLoopLog(logFile);
  const delays = log.delays;
  const stalls = log.stalls.filter((s) => s.endedAtUs >= probed.from && s.endedAtUs - s.stalledMs * 1000 <= probed.to);
  const worstDelay = delays.reduce((m, d) => Math.max(m, d.p99Ms), 0);
  const own = stalls.filter((s) => s.cpuMs !== null && s.waitMs !== null && s.cpuMs >= s.waitMs);
  console.log(
    `server event loop while probed: ${stalls.length} stalls over the threshold (${own.length} mostly the server's own work, the rest mostly waiting for a core); worst 5-s p99 of the loop delay ${worstDelay} ms`,
  );
  const profileFile = profileDir ? mainProfile(profileDir) : null;
  const profile = profileFile ? loadProfile(profileFile) : null;
  for (const s of [...stalls].sort((a, b) => (b.cpuMs ?? b.stalledMs) - (a.cpuMs ?? a.stalledMs)).slice(0, top)) {
    console.log(`  ${s.stalledMs} ms stalled: ${s.cpuMs ?? "?"} ms on a CPU, ${s.waitMs ?? "?"} ms waiting for one`);
    if (!profile) continue;
    const from = s.endedAtUs - (s.stalledMs + 10) * 1000;
    const self = new Map<string, number>();
    const project = new Map<string, number>();
    for (let i = 0; i < profile.at.length; i++) {
      if (profile.at[i] < from || profile.at[i] > s.endedAtUs) continue;
      const dt = (profile.at[i + 1] ?? profile.at[i]) - profile.at[i];
      const stack = profile.stacks[i];
      self.set(frameName(stack[0]), (self.get(frameName(stack[0])) ?? 0) + dt);
      for (const name of new Set(stack.map(frameName))) if (/^\S+ (dist|sync-server|shared)\//.test(name)) project.set(name, (project.get(name) ?? 0) + dt);
    }
    const list = (m: Map<string, number>, k: number) =>
      [...m].sort((a, b) => b[1] - a[1]).slice(0, k).map(([n, us]) => `      ${(us / 1000).toFixed(1).padStart(6)} ms ${n}`);
    console.log(["    self:", ...list(self, 4), "    in the server's code (inclusive):", ...list(project, 6)].join("\n"));
  }
}
