// A faster flow (issue 15 §6): the huvudman sets a partner to report per ISO week (Monday–Sunday, Stockholm time);
// its weekly submissions have weeks as their periods, an approval supersedes per week, and its approved weeks fill
// the half-months they overlap once every overlapping week is in. A weekly delivery goes to the partners that
// subscribe to weeks, through the same disclosure control, up to the last complete week.
import request from "supertest";
import { beforeAll, describe, expect, it } from "vitest";
import { reportingState } from "../../shared/indicators/reporting";
import { BUILTIN_INDICATORS } from "../../shared/indicators/builtin";
import { cellStatus, type Delivery } from "../../shared/protocol/delivery";
import { setAssignedAt } from "../../sync-server/stores/reporting";
import { grantAndSubscribe, submitApproved, vandalism } from "../helpers/deliveries";
import { makeServer, policeRecord, submitBody, type TestServer } from "../helpers/server";

describe("reporting state with a weekly partner (pure)", () => {
  const vandalismDef = BUILTIN_INDICATORS.find((d) => d.id === "skadegorelse-klotter")!;
  const def = { ...vandalismDef, numerator: { kind: "count" as const, match: [{ templateId: "raddning", where: {} }] } };
  const state = (approved: string[]) =>
    reportingState({
      lastPeriod: "2026-03-H1",
      lastWeek: "2026-W11",
      from: "2026-02-01",
      assignments: [{ templateId: "raddning", org: "raddningstjansten", assignedAt: "2026-02-01" }],
      approved: approved.map((period) => ({ org: "raddningstjansten", templateId: "raddning", period })),
      closures: [],
    });

  it("fills a half-month once every week overlapping it is approved", () => {
    // 2026-03-H1 (1–15 March) overlaps W09 (23 Feb – 1 Mar), W10 and W11.
    expect(state(["2026-W10", "2026-W11"]).isReported("raddningstjansten", "raddning", "2026-03-H1")).toBe(false);
    const s = state(["2026-W09", "2026-W10", "2026-W11"]);
    expect(s.isReported("raddningstjansten", "raddning", "2026-03-H1")).toBe(true);
    // 2026-02-H2 (16–28 Feb) needs W08 too.
    expect(s.isReported("raddningstjansten", "raddning", "2026-02-H2")).toBe(false);
    const missing = s.missing([def]);
    expect(missing(def.id, "halfmonth", "2026-03-H1")).toBe(false);
    expect(missing(def.id, "week", "2026-W10")).toBe(false);
    // A week after the last complete one is missing, reported or not.
    expect(state(["2026-W12"]).missing([def])(def.id, "week", "2026-W12")).toBe(true);
    expect(missing(def.id, "week", "2026-W08")).toBe(true);
  });

  it("a half-month partner reports a week only with every half-month the week overlaps", () => {
    const s = reportingState({
      lastPeriod: "2026-03-H1", lastWeek: "2026-W11", from: "2026-02-01",
      assignments: [{ templateId: "polis", org: "polisen", assignedAt: "2026-02-01" }],
      approved: ["2026-02-H2", "2026-03-H1"].map((period) => ({ org: "polisen", templateId: "polis", period })),
      closures: [],
    });
    const d = { ...def, numerator: { kind: "count" as const, match: [{ templateId: "polis", where: {} }] } };
    expect(s.missing([d])(d.id, "week", "2026-W09")).toBe(false);
    expect(s.missing([d])(d.id, "week", "2026-W08")).toBe(false);
    // W07 (9–15 Feb) lies in 2026-02-H1, which polisen has not reported.
    expect(s.missing([d])(d.id, "week", "2026-W07")).toBe(true);
  });
});

let s: TestServer;

const reportingOf = async (org: string) => {
  const res = await request(s.app).get("/api/reporting").set(await s.as("huvudman"));
  expect(res.status).toBe(200);
  return (res.body.partners as { org: string; reportedThrough: string | null; missing: string[] }[]).find((p) => p.org === org)!;
};
const submissionOf = async (id: string) => (await request(s.app).get(`/api/submissions/${id}`).set(await s.as("huvudman"))).body;

describe("a partner reporting weekly", () => {
  let w10: string;
  beforeAll(async () => {
    // 20 March 2026 09:00: the last complete half-month is 2026-03-H1 and the last complete week 2026-W11
    // (9–15 March; its deadline 20 March 00:00 has passed).
    s = makeServer({ start: "2026-03-20T09:00:00Z" });
    setAssignedAt(s.db, "polis-anmalningar", "polisen", "2026-03-01");
  }, 300_000);

  it("is set by the huvudman only, stored and audited", async () => {
    const refused = await request(s.app).put("/api/reporting/rhythm").set(await s.as("polisen")).send({ org: "polisen", rhythm: "week" });
    expect(refused.status).toBe(403);
    const bad = await request(s.app).put("/api/reporting/rhythm").set(await s.as("huvudman")).send({ org: "polisen", rhythm: "dag" });
    expect(bad.status).toBe(400);
    const res = await request(s.app).put("/api/reporting/rhythm").set(await s.as("huvudman")).send({ org: "polisen", rhythm: "week" });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: "ok", org: "polisen", rhythm: "week", changed: true });
    const list = await request(s.app).get("/api/reporting/rhythms").set(await s.as("huvudman"));
    expect(list.body.rhythms).toEqual([expect.objectContaining({ org: "polisen", rhythm: "week" })]);
    const audit = await request(s.app).get("/api/audit?limit=1000").set(await s.as("huvudman"));
    expect(audit.body.entries.some((e: { action: string; details: { org?: string } }) => e.action === "reporting.rhythm" && e.details.org === "polisen")).toBe(true);
  });

  it("submits weeks: a submission's periods are the ISO weeks of its rows", async () => {
    w10 = await submitApproved(s, vandalism("2026-03-02", { "111": 3, "121": 4 }));
    const sub = await submissionOf(w10);
    expect(sub.periods.map((p: { period: string }) => p.period)).toEqual(["2026-W10"]);
    // W10 alone does not complete 2026-03-H1: W09 (its Sunday 1 March) and W11 are still out.
    const p = await reportingOf("polisen");
    expect(p.reportedThrough).toBeNull();
    expect(p.missing).toContain("2026-03-H1");
  });

  it("fills the half-months its weeks overlap once every overlapping week is approved", async () => {
    await submitApproved(s, [...vandalism("2026-03-01", { "111": 1 }), ...vandalism("2026-02-27", { "121": 2 })]);
    expect((await reportingOf("polisen")).reportedThrough).toBeNull();
    await submitApproved(s, vandalism("2026-03-10", { "111": 5, "121": 5 }));
    const p = await reportingOf("polisen");
    expect(p.reportedThrough).toBe("2026-03-H1");
    expect(p.missing).not.toContain("2026-03-H1");
  });

  it("is followed up per week in the completeness report", async () => {
    const res = await request(s.app).get("/api/completeness?from=2026-03-02&to=2026-03-20").set(await s.as("huvudman"));
    expect(res.status).toBe(200);
    const rows = (res.body.rows as { org: string; templateId: string; periodType: string; period: string; submitted: boolean }[]).filter((r) => r.org === "polisen" && r.templateId === "polis-anmalningar");
    expect(rows.map((r) => [r.periodType, r.period, r.submitted])).toEqual([["week", "2026-W10", true], ["week", "2026-W11", true]]);
  });

  it("an approval supersedes the same week only, never the neighbouring weeks in the same half-month", async () => {
    const sub = await request(s.app).post("/api/submissions").set(await s.as("polisen")).send(submitBody([policeRecord("2026-03-04", { nyko: "111" })]));
    expect(sub.status).toBe(201);
    const pending = await submissionOf(sub.body.submission.id);
    expect(pending.replaces.map((r: { period: string }) => r.period)).toEqual(["2026-W10"]);
    const ok = await request(s.app).post(`/api/review/submissions/${sub.body.submission.id}/approve`).set(await s.as("huvudman")).send({ replaceApproved: true });
    expect(ok.status).toBe(200);
    expect((await submissionOf(w10)).status).toBe("superseded");
    expect((await reportingOf("polisen")).reportedThrough).toBe("2026-03-H1");
  });

  describe("the weekly delivery", () => {
    let partner: Delivery;
    let own: Delivery;
    beforeAll(async () => {
      const huvudman = await s.as("huvudman");
      const base = BUILTIN_INDICATORS.find((d) => d.id === "skadegorelse-klotter")!;
      const { version: _v, ...rest } = base;
      const def = await request(s.app).post("/api/indicators").set(huvudman).send({
        definition: { ...rest, periodTypes: ["week", "halfmonth", "month", "quarter", "year"], grain: { level: 1, periodType: "halfmonth", steps: [{ level: 1, periodType: "week" }] } },
      });
      expect(def.status).toBe(201);
      await grantAndSubscribe(s, "vaktbolaget", { indicator: "skadegorelse-klotter", levels: [0, 1], periodTypes: ["week", "halfmonth"] });
      s.clock.advance(60_000);
      const round = await request(s.app).post("/api/deliveries/run").set(huvudman).send({});
      expect(round.status).toBe(201);
      expect(round.body.status).toBe("sent");
      partner = (await request(s.app).get("/api/deliveries/latest?org=vaktbolaget").set(huvudman)).body;
      own = (await request(s.app).get("/api/deliveries/latest?org=kommunen").set(huvudman)).body;
    }, 300_000);

    const weekCell = (d: Delivery, nyko: string | null, period: string) => d.cells.find((c) => c.indicator === "skadegorelse-klotter" && c.periodType === "week" && c.nyko === nyko && c.period === period);

    it("carries the complete weeks the weekly partner reported, as numbers in the huvudman's view", () => {
      // Effective rows: W09 1 + 2, W10 1 (the resubmission), W11 5 + 5.
      expect(weekCell(own, null, "2026-W09")).toMatchObject({ value: 3, status: "value" });
      expect(weekCell(own, null, "2026-W10")).toMatchObject({ value: 1, status: "value" });
      expect(weekCell(own, null, "2026-W11")).toMatchObject({ value: 10, status: "value" });
      // W12 has not ended with its deadline: no cell. W08 was not owed by polisen (assigned from March) but the
      // other partners feeding vandalism have not reported it either.
      expect(weekCell(own, null, "2026-W12")).toBeUndefined();
    });

    it("gives the subscribing partner weekly cells through disclosure control, never finer than NYKO-1", () => {
      const weeks = partner.cells.filter((c) => c.periodType === "week");
      expect(weeks.length).toBeGreaterThan(0);
      expect(weeks.every((c) => c.level <= 1)).toBe(true);
      // Week 10 holds a single incident: never shown as a number below huvudman.
      const w10cell = weekCell(partner, null, "2026-W10");
      expect(w10cell && cellStatus(w10cell)).not.toBe("value");
      expect(partner.cells.some((c) => c.periodType === "halfmonth")).toBe(true);
    });
  });
});
