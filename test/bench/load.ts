// Benchmark: /healthz under load. The server runs on 127.0.0.1 over a database file (so protection and the alert
// table run in worker threads, as in production): 50 partners, each with its own API key, submit synthetic police
// records through the real HTTP API (ROUNDS × ROWS each), while the huvudman starts a delivery round (and a second
// run request that joins it) and asks for the alert table. A probe asks /healthz every PROBE_MS until all of that
// has ended; it prints the probe's p50/p95/p99 and the counts. Every loop is bounded.
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApp } from "../../sync-server/app";
import { fixedClock } from "../../sync-server/clock";
import { testConfig } from "../../sync-server/config";
import { openDatabase } from "../../sync-server/db/database";
import { migrate } from "../../sync-server/db/migrate";
import { createDeliveryDeps } from "../../sync-server/deliveries/services";
import { seedDemo } from "../../sync-server/seed/demo";
import { DEMO_DIR } from "../../sync-server/seed/demo-dir";

const PARTNERS = Number(process.env.LOAD_PARTNERS ?? 50);
const ROUNDS = 3;
const ROWS = 200;
const PROBE_MS = 20;
const PASSWORD = "bench-lösenord-123";

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function records(partner: number, round: number) {
  return Array.from({ length: ROWS }, (_, i) => ({
    templateId: "polis-anmalningar", templateVersion: 1, org: "polisen",
    date: `2026-02-${String(1 + ((partner + round + i) % 28)).padStart(2, "0")}`, hour: (i * 7) % 24, period: null,
    categories: { brottskod: "1201", brottsbenamning: "Skadegörelse" }, nyko: "111", measures: {},
  }));
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "lagesbild-load-"));
  const db = openDatabase(join(dir, "lagesbild.db"));
  let server: Server | null = null;
  try {
    migrate(db);
    const clock = fixedClock("2026-03-20T09:00:00Z");
    seedDemo(db, DEMO_DIR, clock, { passwords: () => PASSWORD });
    const deliveries = createDeliveryDeps({ db, clock }, { engine: "worker" });
    const app = createApp({ db, config: testConfig({ disclosureEngine: "worker" }), clock, deliveries });
    server = createServer(app);
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const call = async (method: string, path: string, headers: Record<string, string> = {}, body?: unknown) => {
      const res = await fetch(base + path, { method, headers: { "content-type": "application/json", ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await res.text();
      return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
    };
    const login = async (username: string) => {
      const r = await call("POST", "/api/auth/login", {}, { username, password: PASSWORD });
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

    const latencies: number[] = [];
    let probing = true;
    const probe = (async () => {
      for (let n = 0; probing && n < 100_000; n++) {
        const started = performance.now();
        const r = await fetch(`${base}/healthz`);
        await r.text();
        latencies.push(performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, PROBE_MS));
      }
    })();

    const statuses = new Map<number, number>();
    const count = (s: number) => statuses.set(s, (statuses.get(s) ?? 0) + 1);
    const started = performance.now();
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
    const partners = keys.map(async (key, p) => {
      for (let k = 0; k < ROUNDS; k++) {
        const r = await call("POST", "/api/submissions", { "X-Api-Key": key }, { templateId: "polis-anmalningar", templateVersion: 1, idempotencyKey: `last-${p}-${k}`, records: records(p, k) });
        count(r.status);
      }
    });
    await Promise.all(partners);
    const submitMs = performance.now() - started;
    const [r, a] = await Promise.all([round, alerts]);
    probing = false;
    await probe;

    const sorted = [...latencies].sort((x, y) => x - y);
    console.log(`partners ${PARTNERS} × ${ROUNDS} submissions × ${ROWS} rows: ${[...statuses].map(([s, n]) => `${n}× ${s}`).join(", ")} in ${(submitMs / 1000).toFixed(1)} s`);
    console.log(`delivery round: ${(r.ms / 1000).toFixed(1)} s, statuses ${r.statuses.join(" and ")}, second request joined: ${r.joined}, same round: ${r.sameRound}`);
    console.log(`alert table (first call): ${(a.ms / 1000).toFixed(1)} s, status ${a.status}`);
    console.log(
      `/healthz: ${sorted.length} probes, p50 ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms (goal: p99 < 100 ms)`,
    );
  } finally {
    if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
