// The huvudman's set-up checklist (GET /api/setup) and a delivery round's progress and figures
// (GET /api/deliveries/run/status): each point's state follows what is really stored, and the status shows the
// running round's step while it is held at a gate, then the stored round's figures.
import request from "supertest";
import { describe, expect, it } from "vitest";
import { runStatusSchema, setupSchema } from "../../shared/protocol/setup-api";
import { listRoundSummaries } from "../../sync-server/stores/deliveries";
import { gatedEngine, grantAndSubscribe, submitApproved, vandalism, VANDALISM_ACCESS } from "../helpers/deliveries";
import { makeServer } from "../helpers/server";

describe("set-up checklist", () => {
  it("says what is missing on a new demo municipality and follows grants, subscriptions and rounds", async () => {
    const s = makeServer(); // 2026-03-20 09:00 UTC: registers and templates seeded, nothing granted
    const hv = await s.as("huvudman");
    const get = async () => setupSchema.parse((await request(s.app).get("/api/setup").set(hv).expect(200)).body);
    const partners = (s.db.prepare("SELECT count(*) AS n FROM organisations WHERE is_huvudman = 0").get() as { n: number }).n;

    let setup = await get();
    expect(setup.registers).toMatchObject({ state: "done", missing: [] });
    expect(setup.templates).toMatchObject({ state: "done", done: partners, of: partners });
    expect(setup.grants).toMatchObject({ state: "missing", done: 0, of: partners, place: { tab: "admin", section: "Behörigheter", sheet: "Behörigheter" } });
    expect(setup.subscriptions.state).toBe("missing");
    // The default schedule: the 5th and the 20th at 06:00 Stockholm time; the next after 20 March 10:00 is 5 April.
    expect(setup.schedule).toMatchObject({ state: "done", days: [5, 20], hour: 6, minute: 0, nextRun: "2026-04-05T04:00:00.000Z", nextRunStockholm: "2026-04-05 06:00" });
    expect(setup.rounds).toMatchObject({ state: "missing", lastRound: null });

    await submitApproved(s, vandalism("2026-03-05", { "111": 5, "121": 4 }));
    await request(s.app).put("/api/grants/polisen").set(hv).send({ grants: [VANDALISM_ACCESS] }).expect(200);
    setup = await get();
    expect(setup.grants).toMatchObject({ state: "partial", done: 1 });
    expect(setup.grants.missing).not.toContain("polisen");
    expect(setup.subscriptions).toMatchObject({ state: "missing", done: 0, of: 1, missing: ["polisen"] });

    await grantAndSubscribe(s, "polisen");
    setup = await get();
    expect(setup.subscriptions).toMatchObject({ state: "done", done: 1, of: 1, missing: [] });

    await request(s.app).post("/api/deliveries/run").set(hv).send({}).expect(201);
    setup = await get();
    expect(setup.rounds.state).toBe("done");
    expect(setup.rounds.lastRound).toMatchObject({ manual: true, status: "sent", deliveries: 2 });

    // A register kind missing at today's date is named.
    s.db.prepare("DELETE FROM registers WHERE kind = 'boundary'").run();
    setup = await get();
    expect(setup.registers).toMatchObject({ state: "partial", missing: ["boundary"] });

    // Only the huvudman reads it.
    for (const who of ["polisen", "admin"]) expect((await request(s.app).get("/api/setup").set(await s.as(who))).status).toBe(403);
  });
});


describe("delivery round progress", () => {
  it("shows the running step, then the stored round's figures", async () => {
    const s = makeServer();
    const hv = await s.as("huvudman");
    const status = async () => runStatusSchema.parse((await request(s.app).get("/api/deliveries/run/status").set(hv).expect(200)).body);
    expect(await status()).toEqual({ job: null, lastRound: null });

    await submitApproved(s, vandalism("2026-03-05", { "111": 9, "112": 1, "113": 6, "121": 7, "122": 5 }));
    await grantAndSubscribe(s, "polisen");
    const gate = gatedEngine(s.deps.engine);
    s.deps.engine = gate.engine;
    const run = request(s.app).post("/api/deliveries/run").set(hv).send({}).then((r) => r);
    await gate.reached;
    const during = await status();
    expect(during.job).toMatchObject({ state: "running", progress: "skyddar tabellerna", endedAt: null, error: null });
    expect(during.lastRound).toBeNull();

    gate.open();
    const done = await run;
    expect(done.status).toBe(201);
    const after = await status();
    expect(after.job).toMatchObject({ id: done.body.job.id, state: "done", error: null });
    const stored = listRoundSummaries(s.db)[0];
    const stats = (stored.summary as { stats: { modelCells: number; primary: number; secondary: number; publishedShare: number }; durationMs: number }).stats;
    expect(after.lastRound).toMatchObject({
      roundId: done.body.roundId, manual: true, status: "sent", lastPeriod: done.body.lastPeriod,
      cells: stats.modelCells, primary: stats.primary, secondary: stats.secondary, deliveries: done.body.deliveries.length,
    });
    const figures = after.lastRound!;
    expect(figures.primary).toBeGreaterThan(0); // the 1 in NYKO 112
    expect(figures.published + figures.suppressed).toBe(figures.cells);
    expect(figures.suppressed).toBeGreaterThanOrEqual(figures.primary + figures.secondary);
    expect(figures.published).toBe(Math.round(stats.publishedShare * stats.modelCells));
    expect(figures.durationMs).toBeGreaterThanOrEqual(0);

    expect((await request(s.app).get("/api/deliveries/run/status").set(await s.as("polisen"))).status).toBe(403);
  });

  it("is in the OpenAPI document with an operationId and security", async () => {
    const s = makeServer();
    const doc = (await request(s.app).get("/api/openapi.json").expect(200)).body as { paths: Record<string, Record<string, { operationId: string; security: unknown[] }>> };
    expect(doc.paths["/api/deliveries/run/status"].get).toMatchObject({ operationId: "getDeliveryRunStatus", security: [{ bearer: [] }, { apiKey: [] }] });
    expect(doc.paths["/api/setup"].get).toMatchObject({ operationId: "getSetupChecklist", security: [{ bearer: [] }, { apiKey: [] }] });
  });
});
