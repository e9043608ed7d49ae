// Which half-months double reports were matched in (GET /api/duplicates/coverage): partners whose rows of a
// half-month both still had their linkage keys when the later was approved were compared; a partner whose history
// arrived after the other's keys were deleted (received + 45 days), or that was approved only after its own keys
// were deleted, was not. The pure rule first, then the server storing per submission and half-month what it linked.
import request from "supertest";
import { describe, expect, it } from "vitest";
import { compareEntries, duplicateCoverage, type CoverageEntry } from "../../shared/dedup/coverage";
import { duplicateCoverageSchema, type CoverageGroup } from "../../shared/protocol/duplicates-api";
import type { DeidentifiedRecord } from "../../shared/protocol/record";
import { makeServer, policeRecord, type TestServer } from "../helpers/server";

const DAY = 86_400_000;
const tok = (n: number) => n.toString(16).padStart(32, "0");

const entry = (over: Partial<CoverageEntry>): CoverageEntry => ({
  submission: "s", org: "polisen", halfMonth: "2025-01-H1", linkClass: "brand", linkedRows: 3, expiredRows: 0,
  keptUntil: "2026-04-20T09:00:00.000Z", matchedAt: "2026-03-06T09:00:00.000Z", ...over,
});

describe("the coverage rule", () => {
  it("compares two submissions exactly when the earlier one's keys were kept until the later was matched", () => {
    const police = entry({ submission: "p", org: "polisen", keptUntil: "2026-04-20T09:00:00.000Z", matchedAt: "2026-03-06T09:00:00.000Z" });
    const inTime = entry({ submission: "r", org: "brandforsvaret", matchedAt: "2026-04-20T09:00:00.000Z", keptUntil: "2026-06-04T09:00:00.000Z" });
    const late = { ...inTime, matchedAt: "2026-04-20T09:00:00.001Z" };
    expect(compareEntries(police, inTime)).toEqual({ compared: true, reason: null, late: null });
    expect(compareEntries(inTime, police)).toEqual({ compared: true, reason: null, late: null });
    expect(compareEntries(police, late)).toEqual({ compared: false, reason: "window-passed", late: "brandforsvaret" });
    expect(compareEntries(late, police)).toEqual({ compared: false, reason: "window-passed", late: "brandforsvaret" });
    const expired = entry({ submission: "x", org: "brandforsvaret", linkedRows: 0, expiredRows: 2, matchedAt: null });
    expect(compareEntries(police, expired)).toEqual({ compared: false, reason: "expired-before-approval", late: "brandforsvaret" });
  });

  it("groups per half-month and class: matched, partial, unmatched, single; counts pairs; skips rows without keys", () => {
    const a = entry({ submission: "a", org: "polisen" });
    const b = entry({ submission: "b", org: "brandforsvaret", matchedAt: "2026-03-13T09:00:00.000Z" });
    const c = entry({ submission: "c", org: "vaktbolaget", matchedAt: "2026-05-01T09:00:00.000Z" });
    const cov = duplicateCoverage(
      [
        a, b,
        { ...a, halfMonth: "2025-01-H2" }, { ...b, halfMonth: "2025-01-H2" }, { ...c, halfMonth: "2025-01-H2" },
        { ...a, halfMonth: "2025-02-H1" }, { ...c, halfMonth: "2025-02-H1" },
        { ...a, halfMonth: "2025-02-H2" },
        { ...b, halfMonth: "2025-03-H1", linkedRows: 0 }, { ...a, halfMonth: "2025-03-H1" },
      ],
      [{ halfMonth: "2025-01-H1", linkClass: "brand", orgA: "brandforsvaret", orgB: "polisen", pairs: 4 }],
      45,
    );
    const status = Object.fromEntries(cov.groups.map((g) => [g.halfMonth, g.status]));
    expect(status).toEqual({ "2025-01-H1": "matched", "2025-01-H2": "partial", "2025-02-H1": "unmatched", "2025-02-H2": "single", "2025-03-H1": "single" });
    expect(cov.groups.map((g) => g.halfMonth)).toEqual(["2025-03-H1", "2025-02-H2", "2025-02-H1", "2025-01-H2", "2025-01-H1"]);
    expect(cov.groups.at(-1)!.pairs).toEqual([{ a: "brandforsvaret", b: "polisen", compared: true, reason: null, late: null, duplicates: 4 }]);
    expect(cov.summary).toEqual({ matched: 1, partial: 1, unmatched: 1, single: 2 });
  });
});

function policeFire(date: string, link: string[]): DeidentifiedRecord {
  return policeRecord(date, { categories: { brottskod: "1203", brottsbenamning: "Skadegörelse genom brand" }, link });
}

function rescueFire(date: string, link: string[]): DeidentifiedRecord {
  return {
    templateId: "raddningstjanst-insatser", templateVersion: 1, org: "brandforsvaret", date, hour: 14, period: null,
    categories: { handelsetyp: "Brand utomhus", anlagd: "Ja", miljo: "Offentlig utomhusmiljö" }, nyko: "111", measures: {}, link,
  };
}

async function submit(s: TestServer, org: string, records: DeidentifiedRecord[]): Promise<string> {
  const body = { templateId: records[0].templateId, templateVersion: 1, idempotencyKey: `k-${Math.random().toString(36).slice(2)}`, records };
  const res = await request(s.app).post("/api/submissions").set(await s.as(org)).send(body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.submission.id as string;
}

async function approve(s: TestServer, id: string): Promise<void> {
  const res = await request(s.app).post(`/api/review/submissions/${id}/approve`).set(await s.as("huvudman")).send({ replaceApproved: true });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

describe("coverage on the server", () => {
  it("shows history loaded a week apart as matched, and history arriving after the other's keys were deleted as not", async () => {
    const s = makeServer({ start: "2026-03-06T09:00:00Z" });
    // Day 0: the police load their history of fires: January, February and March 2025, and April (theirs alone).
    await approve(s, await submit(s, "polisen", [
      policeFire("2025-01-10", [tok(1)]), policeFire("2025-01-11", [tok(2)]), policeFire("2025-02-10", [tok(3)]), policeFire("2025-03-10", [tok(4)]), policeFire("2025-04-10", [tok(5)]),
    ]));
    // Day 7: the rescue service loads January: matched with the police (one shared key, one pair).
    s.clock.advance(7 * DAY);
    await approve(s, await submit(s, "brandforsvaret", [rescueFire("2025-01-10", [tok(1)]), rescueFire("2025-01-12", [tok(9)])]));
    // Day 50: February arrives, after the police's keys were deleted (day 45): never compared, although a key is shared.
    s.clock.advance(43 * DAY);
    await approve(s, await submit(s, "brandforsvaret", [rescueFire("2025-02-10", [tok(3)])]));
    // March: sent on day 50 but approved only on day 100, after its own keys were deleted unused.
    const march = await submit(s, "brandforsvaret", [rescueFire("2025-03-10", [tok(4)]), rescueFire("2025-03-11", [tok(8)])]);
    s.clock.advance(50 * DAY);
    await approve(s, march);

    const res = await request(s.app).get("/api/duplicates/coverage").set(await s.as("huvudman"));
    expect(res.status).toBe(200);
    const cov = duplicateCoverageSchema.parse(res.body);
    const group = (hm: string) => cov.groups.find((g) => g.halfMonth === hm && g.linkClass === "brand") as CoverageGroup;
    expect(group("2025-01-H1")).toMatchObject({
      status: "matched",
      orgs: [{ org: "brandforsvaret", linkedRows: 2, expiredRows: 0 }, { org: "polisen", linkedRows: 2, expiredRows: 0 }],
      pairs: [{ a: "brandforsvaret", b: "polisen", compared: true, reason: null, duplicates: 1 }],
    });
    expect(group("2025-02-H1")).toMatchObject({ status: "unmatched", pairs: [{ compared: false, reason: "window-passed", late: "brandforsvaret", duplicates: 0 }] });
    expect(group("2025-03-H1")).toMatchObject({
      status: "unmatched",
      orgs: [{ org: "brandforsvaret", linkedRows: 0, expiredRows: 2 }, { org: "polisen", linkedRows: 1 }],
      pairs: [{ compared: false, reason: "expired-before-approval", late: "brandforsvaret", duplicates: 0 }],
    });
    expect(group("2025-04-H1")).toMatchObject({ status: "single", pairs: [] });
    // The server really matched only where coverage says it compared: one pair in all.
    expect((await request(s.app).get("/api/duplicates").set(await s.as("huvudman"))).body.total).toBe(1);
    // Counts and times only: never a key.
    expect(JSON.stringify(res.body)).not.toMatch(/[0-9a-f]{32}/);
    expect((await request(s.app).get("/api/duplicates/coverage").set(await s.as("polisen"))).status).toBe(403);
  });

  it("follows supersession: a new approved submission of the half-month replaces the old one's coverage", async () => {
    const s = makeServer({ start: "2026-03-06T09:00:00Z" });
    await approve(s, await submit(s, "polisen", [policeFire("2025-01-10", [tok(1)])]));
    s.clock.advance(60 * DAY);
    await approve(s, await submit(s, "brandforsvaret", [rescueFire("2025-01-10", [tok(1)])]));
    const get = async () => duplicateCoverageSchema.parse((await request(s.app).get("/api/duplicates/coverage").set(await s.as("huvudman"))).body);
    expect((await get()).groups[0]).toMatchObject({ halfMonth: "2025-01-H1", status: "unmatched" });
    // The police send January again: its keys are fresh, so the two are compared and the pair is found.
    s.clock.advance(DAY);
    await approve(s, await submit(s, "polisen", [policeFire("2025-01-10", [tok(1)]), policeFire("2025-01-13", [tok(6)])]));
    const after = (await get()).groups[0];
    expect(after).toMatchObject({ halfMonth: "2025-01-H1", status: "matched", pairs: [{ compared: true, duplicates: 1 }] });
    expect(after.orgs.find((o) => o.org === "polisen")!.linkedRows).toBe(2);
  });
});
