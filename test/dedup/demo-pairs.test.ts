// Double reporting on the demo data: the linkage tokens (fresh random key, real pipeline) find the planted duplicate pairs
// with recall ≥ 90 % and precision ≥ 95 %, for fires and vandalism alike; the NYKO-3 + date baseline does not.
import request from "supertest";
import { beforeAll, describe, expect, it } from "vitest";
import { toWireRecord } from "../../shared/protocol/record";
import { makeServer } from "../helpers/server";
import { baselineRecords, evaluatePairs, findDuplicatePairs, linkedRecords, loadDemoRecords, randomKey, readTruth, type DemoRecord } from "./demo-eval";

const truth = readTruth();
let records: DemoRecord[] = [];

beforeAll(async () => {
  records = await loadDemoRecords(randomKey());
});

describe("duplicate matching on the demo data", () => {
  it("finds the planted pairs (recall ≥ 0.9, precision ≥ 0.95) per kind and overall", () => {
    const e = evaluatePairs(records, findDuplicatePairs(linkedRecords(records)), truth.duplicates);
    for (const s of [e.fires, e.vandalism, e.overall]) {
      expect(s.truePairs).toBeGreaterThan(0);
      expect(s.recall).toBeGreaterThanOrEqual(0.9);
      expect(s.precision).toBeGreaterThanOrEqual(0.95);
    }
  });

  it("sends only 32-hex tokens, at most 8 a record", () => {
    const withLink = records.filter((r) => r.record.link);
    expect(withLink.length).toBeGreaterThan(1000);
    for (const r of withLink) {
      expect(r.record.link!.length).toBeLessThanOrEqual(8);
      for (const t of r.record.link!) expect(t).toMatch(/^[0-9a-f]{32}$/);
    }
  });

  it("is far better than pairing on NYKO-3 and date alone", () => {
    const base = evaluatePairs(records, findDuplicatePairs(baselineRecords(records)), truth.duplicates);
    expect(base.overall.precision).toBeLessThan(0.95);
  });
});

describe("the server path on one month of the demo data", () => {
  it("approving the four partners' submissions stores the pairs the matcher finds, and they match the truth", async () => {
    const s = makeServer();
    s.clock.set("2026-10-05T08:00:00Z");
    const month = records.filter((r) => r.record.date !== null && r.record.date >= "2026-09-01" && r.record.date <= "2026-09-30");
    const refToDemo = new Map<string, DemoRecord>();
    for (const actor of ["polisen", "brandforsvaret", "vaktbolaget", "bostadsbolaget"]) {
      const mine = month.filter((r) => r.actor === actor);
      const body = { templateId: mine[0].record.templateId, templateVersion: 1, idempotencyKey: `demo-${actor}`, records: mine.map((r) => toWireRecord(r.record)) };
      const sub = await request(s.app).post("/api/submissions").set(await s.as(actor)).send(body);
      expect(sub.status, JSON.stringify(sub.body).slice(0, 300)).toBe(201);
      mine.forEach((r, i) => refToDemo.set(`${sub.body.submission.id}#${i}`, r));
      const ok = await request(s.app).post(`/api/review/submissions/${sub.body.submission.id}/approve`).set(await s.as("huvudman")).send({});
      expect(ok.status).toBe(200);
    }
    const res = await request(s.app).get("/api/duplicates?limit=1000").set(await s.as("huvudman"));
    const pairs = (res.body.duplicates as { a: { submission: string; row: number }; b: { submission: string; row: number } }[]).map((d) => ({
      a: refToDemo.get(`${d.a.submission}#${d.a.row}`)!.id,
      b: refToDemo.get(`${d.b.submission}#${d.b.row}`)!.id,
    }));
    const monthIds = new Set(month.map((r) => `${r.actor}:${r.rowId}`));
    const monthTruth = truth.duplicates.filter((d) => monthIds.has(`${d.a.actor}:${d.a.id}`) && monthIds.has(`${d.b.actor}:${d.b.id}`));
    expect(monthTruth.length).toBeGreaterThan(20);
    const e = evaluatePairs(month, pairs, monthTruth);
    expect(e.overall.recall).toBeGreaterThanOrEqual(0.9);
    expect(e.overall.precision).toBeGreaterThanOrEqual(0.95);
    // The server result equals the shared matcher's over the same records.
    expect(pairs.length).toBe(findDuplicatePairs(linkedRecords(month)).length);
  });
});
