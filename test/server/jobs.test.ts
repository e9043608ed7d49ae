// Heavy work off the request path: a delivery round runs as one job, a second run request joins it, /healthz
// answers while it runs, and a round over its time budget ends with a clear error and stores nothing. The slow
// step is injected (a protection engine held at a gate), never measured.
import request from "supertest";
import { describe, expect, it } from "vitest";
import { ROUND_JOB } from "../../sync-server/deliveries/run";
import { listRoundSummaries } from "../../sync-server/stores/deliveries";
import { gatedEngine } from "../helpers/deliveries";
import { makeServer } from "../helpers/server";

function server(roundBudgetMs = 600_000) {
  const s = makeServer();
  s.deps.roundBudgetMs = roundBudgetMs;
  return { db: s.db, app: s.app, deliveries: s.deps, huvudman: () => s.as("huvudman") };
}


async function until(cond: () => boolean): Promise<void> {
  while (!cond()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe("delivery rounds as jobs", () => {
  it("answers /healthz while a round runs, and a second run request joins the running round", async () => {
    const s = server();
    const auth = await s.huvudman();
    const gate = gatedEngine(s.deliveries.engine);
    s.deliveries.engine = gate.engine;
    const first = request(s.app).post("/api/deliveries/run").set(auth).send({}).then((r) => r);
    await gate.reached;
    const second = request(s.app).post("/api/deliveries/run").set(auth).send({}).then((r) => r);
    await until(() => s.deliveries.jobs.current(ROUND_JOB)?.joiners === 1);

    const health = await request(s.app).get("/healthz").expect(200);
    expect(health.body).toEqual({ status: "ok" });
    // Answered before the round finished: the round is still held at its protection step, nothing is stored yet.
    expect(s.deliveries.jobs.current(ROUND_JOB)).toMatchObject({ state: "running", progress: "skyddar tabellerna" });
    expect(listRoundSummaries(s.db)).toEqual([]);

    gate.open();
    const [a, b] = await Promise.all([first, second]);
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(a.body.job).toMatchObject({ joined: false });
    expect(b.body.job).toMatchObject({ id: a.body.job.id, joined: true });
    expect(b.body.roundId).toBe(a.body.roundId);
    expect(listRoundSummaries(s.db)).toHaveLength(1);
  });

  it("stops a round over its time budget with a clear error and leaves the database as it was", async () => {
    const s = server(20);
    const auth = await s.huvudman();
    const audit = () => (s.db.prepare("SELECT count(*) AS n FROM audit_log").get() as { n: number }).n;
    const deliveries = () => (s.db.prepare("SELECT count(*) AS n FROM deliveries").get() as { n: number }).n;
    const inner = s.deliveries.engine;
    // Protection that only ends when the job is stopped (a solver that would run on and on).
    s.deliveries.engine = (_job, signal) =>
      new Promise((_resolve, reject) => signal?.addEventListener("abort", () => reject(new Error("stopped")), { once: true }));
    const auditBefore = audit();
    const res = await request(s.app).post("/api/deliveries/run").set(auth).send({}).expect(503);
    expect(res.body.reason).toBe("job-timeout");
    expect(res.body.details.message).toMatch(/^Leveransomgången avbröts efter 1 s \(tidsgränsen\) och har inte sparat något/);
    await s.deliveries.jobs.idle();
    expect(s.deliveries.jobs.current(ROUND_JOB)).toMatchObject({ state: "failed" });
    expect(listRoundSummaries(s.db)).toEqual([]);
    expect(deliveries()).toBe(0);
    expect(audit()).toBe(auditBefore);
    expect(s.db.pragma("integrity_check", { simple: true })).toBe("ok");

    // The next round, within its budget, is made as usual.
    s.deliveries.engine = inner;
    s.deliveries.roundBudgetMs = 600_000;
    const ok = await request(s.app).post("/api/deliveries/run").set(auth).send({}).expect(201);
    expect(ok.body.job.joined).toBe(false);
    expect(listRoundSummaries(s.db)).toHaveLength(1);
  });
});
