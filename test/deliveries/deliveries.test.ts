// Deliveries end to end on a temp database: disclosure for actors, the huvudman's unsuppressed view, fail-closed
// rounds, numbered snapshots, and the cube refreshed when a submission is approved.
import { describe, expect, it } from "vitest";
import request from "supertest";
import { deliverySchema, type Delivery } from "../../shared/protocol/delivery";
import { grantAndSubscribe, submitApproved, vandalism } from "../helpers/deliveries";
import { makeServer, type TestServer } from "../helpers/server";

const MARCH = "2026-03-05";

async function latest(s: TestServer, who: string, query = ""): Promise<Delivery> {
  const res = await request(s.app).get(`/api/deliveries/latest${query}`).set(await s.as(who));
  expect(res.status).toBe(200);
  return deliverySchema.parse(res.body);
}

describe("delivery rounds", () => {
  it("suppresses small cells for actors, keeps them for the huvudman, and the audit passes", async () => {
    const s = makeServer();
    await submitApproved(s, vandalism(MARCH, { "111": 9, "112": 1, "113": 6, "121": 7, "122": 5 }));
    await grantAndSubscribe(s, "polisen");
    const run = await request(s.app).post("/api/deliveries/run").set(await s.as("huvudman")).send({});
    expect(run.status).toBe(201);
    expect(run.body.status).toBe("sent");
    expect(run.body.stats.primary).toBeGreaterThan(0);

    const police = await latest(s, "polisen");
    expect(police.unsuppressed).toBe(false);
    expect(police.number).toBe(1);
    expect(police.definitions.map((d) => d.id)).toEqual(["skadegorelse-klotter"]);
    const cell = (nyko: string | null, period: string) => police.cells.find((c) => c.nyko === nyko && c.period === period);
    const small = cell("112", "2026-03-H1")!;
    expect(small).toMatchObject({ suppressed: true, value: null });
    // The district total minus the published neighbours must not give the suppressed cell away.
    const district = cell("11", "2026-03-H1")!;
    const siblings = ["111", "113"].map((n) => cell(n, "2026-03-H1")!);
    expect(district.suppressed || siblings.some((c) => c.suppressed)).toBe(true);
    expect(cell(null, "2026-03-H1")).toMatchObject({ value: 28, suppressed: false });
    for (const c of police.cells) if (c.suppressed) expect(c.value).toBeNull();
    // Only what was granted and subscribed: no quarters or years.
    expect(new Set(police.cells.map((c) => c.periodType))).toEqual(new Set(["halfmonth", "month"]));

    const huvudman = await latest(s, "huvudman");
    expect(huvudman.unsuppressed).toBe(true);
    expect(huvudman.cells.find((c) => c.indicator === "skadegorelse-klotter" && c.nyko === "112" && c.period === "2026-03-H1")).toMatchObject({ value: 1, suppressed: false });
    expect(huvudman.cells.some((c) => c.suppressed)).toBe(false);
    expect(huvudman.notes.join(" ")).toMatch(/Ej för spridning/);
  });

  it("fails closed to municipality totals when the disclosure solver cannot be loaded", async () => {
    const s = makeServer({ solver: () => Promise.reject(new Error("ingen LP-lösare")) });
    await submitApproved(s, vandalism(MARCH, { "111": 9, "112": 1 }));
    await grantAndSubscribe(s, "polisen");
    const run = await request(s.app).post("/api/deliveries/run").set(await s.as("huvudman")).send({});
    expect(run.body.status).toBe("fail-closed");
    expect(run.body.withheld).toEqual(["polisen"]);
    const police = await latest(s, "polisen");
    expect(police.cells.length).toBeGreaterThan(0);
    expect(police.cells.every((c) => c.level === 0)).toBe(true);
    const huvudman = await latest(s, "huvudman");
    expect(huvudman.cells.some((c) => c.level === 3 && c.value === 1)).toBe(true);
  });

  it("numbers snapshots, keeps earlier ones retrievable, and rebuilds the cube after an approval", async () => {
    const s = makeServer();
    await submitApproved(s, vandalism(MARCH, { "111": 5, "121": 5 }));
    await grantAndSubscribe(s, "polisen");
    const huvudman = await s.as("huvudman");
    await request(s.app).post("/api/deliveries/run").set(huvudman).send({}).expect(201);
    const first = await latest(s, "polisen");
    expect(first.cells.find((c) => c.level === 0 && c.period === "2026-03-H1")!.value).toBe(10);

    // A later approved submission of the same half-month supersedes the earlier one: the cube must be rebuilt.
    await submitApproved(s, vandalism("2026-03-10", { "111": 4 }));
    s.clock.advance(60_000);
    await request(s.app).post("/api/deliveries/run").set(huvudman).send({}).expect(201);
    const second = await latest(s, "polisen");
    expect(second.number).toBe(2);
    expect(second.cells.find((c) => c.level === 0 && c.period === "2026-03-H1")!.value).toBe(4);

    const again = await request(s.app).get("/api/deliveries/1").set(await s.as("polisen"));
    expect(again.status).toBe(200);
    expect(again.body.cells.find((c: { level: number; period: string }) => c.level === 0 && c.period === "2026-03-H1").value).toBe(10);
    const list = await request(s.app).get("/api/deliveries").set(await s.as("polisen"));
    expect(list.body.deliveries.map((d: { number: number }) => d.number)).toEqual([1, 2]);
  });
});
