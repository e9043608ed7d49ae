// A round over a database file is planned in a worker thread (deliveries/round-worker.ts): the plan is the one the
// event loop would make, and the round stored from it is a normal round.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import request from "supertest";
import { afterAll, describe, expect, it } from "vitest";
import { highsSolver } from "../../shared/disclosure";
import { createCubeSource } from "../../sync-server/deliveries/cube-source";
import { inlineEngine } from "../../sync-server/deliveries/protect-round";
import { deliveryJson, deliveryJsonParts, planRound } from "../../sync-server/deliveries/round";
import { jsonParts } from "../../sync-server/stores/deliveries";
import { workerPlan } from "../../sync-server/deliveries/round-worker";
import { createDeliveryDeps } from "../../sync-server/deliveries/services";
import { runManualRound } from "../../sync-server/deliveries/snapshots";
import { createLogger } from "../../sync-server/logger";
import { grantAndSubscribe, submitApproved, vandalism } from "../helpers/deliveries";
import { makeServer } from "../helpers/server";

const dir = mkdtempSync(join(tmpdir(), "lagesbild-round-worker-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const MARCH = "2026-03-03";

describe("the round's plan in a worker thread", () => {
  it("a delivery's stored JSON is the JSON of the whole delivery, fields in order", () => {
    const head = { org: "polisen", number: 4, createdAt: "2026-04-20T09:00:00.000Z", source: "Lägesbild \"leveransomgång\" 3" };
    const rest = { threshold: 3, unsuppressed: false, definitions: [], cells: [{ a: 1 }], notes: ["x"] };
    expect(deliveryJson(head, JSON.stringify(rest))).toBe(JSON.stringify({ ...head, ...rest }));
    expect(deliveryJson(head, "{}")).toBe(JSON.stringify(head));
    // Stored in parts: the head joins the first part, and the parts join to the same JSON.
    const parts = deliveryJsonParts(head, jsonParts(JSON.stringify(rest), 7));
    expect(parts.length).toBeGreaterThan(5);
    expect(parts.join("")).toBe(JSON.stringify({ ...head, ...rest }));
  });

  it("is made in the worker (a fallback that throws is never called) and equals the plan made inline", async () => {
    const s = makeServer({ database: join(dir, "plan.db"), start: "2026-04-20T09:00:00Z" });
    await submitApproved(s, vandalism(MARCH, { "111": 9, "112": 1, "113": 6, "121": 7, "122": 5 }));
    await grantAndSubscribe(s, "polisen");
    const at = s.clock.now();
    const viaWorker = await workerPlan(s.db, () => Promise.reject(new Error("fallback used")))(at);
    const inline = await planRound({ db: s.db, cubes: createCubeSource(s.db), engine: inlineEngine(highsSolver) }, at);
    expect(viaWorker.status).toBe("sent");
    expect(viaWorker.deliveries.map((d) => d.org).sort()).toEqual(["kommunen", "polisen"]);
    const { cubeMs: _a, stats: sa, ...w } = viaWorker;
    const { cubeMs: _b, stats: sb, ...i } = inline;
    expect(w).toEqual(i);
    expect(sa?.secondary).toBe(sb?.secondary);
  });

  it("a round run by the server's services over a file stores numbered deliveries from the worker's plan", async () => {
    const s = makeServer({ database: join(dir, "run.db"), start: "2026-04-20T09:00:00Z" });
    await submitApproved(s, vandalism(MARCH, { "111": 9, "112": 1, "113": 6, "121": 7, "122": 5 }));
    await grantAndSubscribe(s, "polisen");
    const deps = createDeliveryDeps({ db: s.db, clock: s.clock }, { engine: "worker" });
    expect(deps.plan).toBeDefined();
    const ctx = { db: s.db, config: s.config, clock: s.clock, logger: createLogger("silent") };
    const out = await runManualRound(ctx, deps);
    expect(out.status).toBe("sent");
    expect(out.deliveries.map((d) => d.org).sort()).toEqual(["kommunen", "polisen"]);
    const latest = await request(s.app).get("/api/deliveries/latest").set(await s.as("polisen"));
    expect(latest.status).toBe(200);
    expect(latest.body.source).toMatch(new RegExp(`^Lägesbild leveransomgång ${out.roundId} `));
    expect(latest.body.cells.length).toBeGreaterThan(0);
  });
});
