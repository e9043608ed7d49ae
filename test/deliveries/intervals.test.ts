// Intervals in a delivery round (issue 15 §1): every published value carries its 95 % interval and "osäker" mark,
// computed from the value alone (a count) so they reveal nothing suppression hides; suppressed and missing cells carry
// none; the latest period carries a change mark; the huvudman's threshold for "osäker" is a setting with an API.
import { describe, expect, it } from "vitest";
import request from "supertest";
import { cellStatus, deliverySchema, type Delivery } from "../../shared/protocol/delivery";
import { changeTest, poissonInterval } from "../../shared/stats/intervals";
import { grantAndSubscribe, submitApproved, vandalism } from "../helpers/deliveries";
import { makeServer, type TestServer } from "../helpers/server";

async function latest(s: TestServer, who: string): Promise<Delivery> {
  const res = await request(s.app).get("/api/deliveries/latest").set(await s.as(who));
  expect(res.status).toBe(200);
  return deliverySchema.parse(res.body);
}

const round6 = (x: number) => (x === 0 ? 0 : Number(x.toPrecision(6)));

describe("intervals in a delivery round", () => {
  it("puts an interval on published cells only, from the published value, and the audit still passes", async () => {
    const s = makeServer();
    await submitApproved(s, vandalism("2026-02-20", { "111": 30, "112": 4, "113": 6, "121": 7, "122": 5 }));
    await submitApproved(s, vandalism("2026-03-05", { "111": 9, "112": 1, "113": 6, "121": 7, "122": 25 }));
    await grantAndSubscribe(s, "polisen");
    const run = await request(s.app).post("/api/deliveries/run").set(await s.as("huvudman")).send({});
    expect(run.status).toBe(201);
    expect(run.body.status).toBe("sent");

    const police = await latest(s, "polisen");
    expect(police.uncertainty).toEqual({ level: 0.95, minBase: 10, shareMethod: "Clopper–Pearson" });
    expect(police.notes.join(" ")).toMatch(/osäker = 95 % konfidensintervall/);
    const published = police.cells.filter((c) => cellStatus(c) === "value");
    const hidden = police.cells.filter((c) => cellStatus(c) !== "value");
    expect(published.length).toBeGreaterThan(10);
    expect(hidden.some((c) => c.suppressed)).toBe(true);
    for (const c of hidden) {
      expect(c.low).toBeUndefined();
      expect(c.high).toBeUndefined();
      expect(c.uncertain).toBeUndefined();
      expect(c.change).toBeUndefined();
    }
    for (const c of published) {
      // A count's interval is a function of its published value and nothing else.
      const ci = poissonInterval(c.value!);
      expect(c.low).toBe(round6(ci.low));
      expect(c.high).toBe(round6(ci.high));
      expect(c.uncertain).toBe(ci.high - ci.low > c.value! || c.value! < 10);
    }
    // The latest period carries its change against the previous half-month, judged by the exact test.
    const at = (nyko: string | null, period: string) => police.cells.find((c) => c.nyko === nyko && c.period === period && c.periodType === "halfmonth");
    const area111 = at("111", "2026-03-H1")!;
    expect(at("111", "2026-02-H2")!.value).toBe(30);
    expect(area111.value).toBe(9);
    expect(changeTest({ kind: "count", before: 30, after: 9 }).significant).toBe(true);
    expect(area111.change?.previous).toBe("down");
    // 52 → 48 in the whole municipality: no clear change.
    expect(at(null, "2026-03-H1")).toMatchObject({ value: 48, change: { previous: "unclear" } });
    // Every change mark of the latest half-month is the exact test on the two published values.
    const mark = (before: number, after: number) => {
      const r = changeTest({ kind: "count", before, after });
      return r.significant ? (r.direction === "up" ? "up" : "down") : "unclear";
    };
    const latestCells = published.filter((c) => c.periodType === "halfmonth" && c.period === "2026-03-H1");
    expect(latestCells.length).toBeGreaterThan(3);
    for (const c of latestCells) {
      const prev = at(c.nyko, "2026-02-H2");
      expect(c.change?.previous).toBe(prev && cellStatus(prev) === "value" ? mark(prev.value!, c.value!) : undefined);
      const year = at(c.nyko, "2025-03-H1");
      expect(c.change?.lastYear).toBe(year && cellStatus(year) === "value" ? mark(year.value!, c.value!) : undefined);
    }
    // The earlier period is not the latest: no change mark on it.
    expect(at("111", "2026-02-H2")!.change).toBeUndefined();

    // The huvudman's own view has intervals on every value, small ones included.
    const own = await latest(s, "huvudman");
    const one = own.cells.find((c) => c.indicator === "skadegorelse-klotter" && c.nyko === "112" && c.period === "2026-03-H1" && c.periodType === "halfmonth")!;
    expect(one).toMatchObject({ value: 1, low: round6(poissonInterval(1).low), high: round6(poissonInterval(1).high), uncertain: true });
  });

  it("lets the huvudman set the base under which a value is osäker, from the next round on", async () => {
    const s = makeServer();
    await submitApproved(s, vandalism("2026-03-05", { "111": 30, "112": 60, "121": 25, "122": 25 }));
    await grantAndSubscribe(s, "polisen");
    const huvudman = await s.as("huvudman");
    expect((await request(s.app).get("/api/deliveries/uncertainty").set(huvudman)).body).toEqual({ minBase: 10 });
    // Only the huvudman changes it; bad input is refused and nothing is stored.
    expect((await request(s.app).put("/api/deliveries/uncertainty").set(await s.as("polisen")).send({ minBase: 50 })).status).toBe(403);
    const bad = await request(s.app).put("/api/deliveries/uncertainty").set(huvudman).send({ minBase: -1 });
    expect(bad.status).toBe(400);
    expect(bad.body.status).toBe("error");
    expect((await request(s.app).get("/api/deliveries/uncertainty").set(huvudman)).body).toEqual({ minBase: 10 });

    await request(s.app).post("/api/deliveries/run").set(huvudman).send({}).expect(201);
    const before = await latest(s, "polisen");
    const cell = (d: Delivery) => d.cells.find((c) => c.nyko === "111" && c.period === "2026-03-H1" && c.periodType === "halfmonth")!;
    expect(cell(before)).toMatchObject({ value: 30, uncertain: false });

    const put = await request(s.app).put("/api/deliveries/uncertainty").set(huvudman).send({ minBase: 50 });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ minBase: 50 });
    s.clock.advance(60_000);
    await request(s.app).post("/api/deliveries/run").set(huvudman).send({}).expect(201);
    const after = await latest(s, "polisen");
    expect(after.uncertainty?.minBase).toBe(50);
    expect(cell(after)).toMatchObject({ value: 30, uncertain: true });
    expect(after.cells.find((c) => c.nyko === "112" && c.period === "2026-03-H1" && c.periodType === "halfmonth")).toMatchObject({ value: 60, uncertain: false });
  });
});
