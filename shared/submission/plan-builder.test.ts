import { describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import type { LocalRecord } from "../protocol/record";
import { Sha256Text } from "../dedup/sha256";
import { planRecords } from "./plan";
import { createPlanBuilder } from "./plan-builder";
import { toWireRecord } from "../protocol/record";

const shared = Object.freeze({ typ: "Skadegörelse – klotter 🚲", plats: "Skola" });
const record = (i: number): LocalRecord => {
  const r: LocalRecord = {
    templateId: "vakt-rapporter", templateVersion: 1, org: "vaktbolaget", date: i % 7 === 0 ? null : `2026-03-${String(1 + (i % 28)).padStart(2, "0")}`,
    hour: i % 5 === 0 ? null : i % 24, period: i % 7 === 0 ? "2026-03" : null, categories: i % 3 === 0 ? shared : { typ: `Typ ${i % 4}`, "a_b": "ä\"\\\n" },
    nyko: i % 4 === 0 ? null : "111", measures: i % 2 === 0 ? { antal: i, andel: i / 3 } : {}, sourceRow: i + 2,
  };
  if (i % 6 === 1) r.link = ["0123456789abcdef0123456789abcdef"];
  if (i % 6 === 2) r.link = [];
  return r;
};

describe("createPlanBuilder", () => {
  it("gives the key and parts planRecords gives for the same records, record by record", async () => {
    for (const n of [0, 1, 7, 10, 23]) {
      const local = Array.from({ length: n }, (_, i) => record(i));
      const expected = await planRecords({ id: "vakt-rapporter", version: 1 }, local.map(toWireRecord), local.map((r) => r.sourceRow), { partSize: 5 });
      const builder = createPlanBuilder({ partSize: 5 });
      for (const r of local) builder.add(r);
      const plan = builder.finish({ id: "vakt-rapporter", version: 1 });
      expect(plan.idempotencyKey).toBe(expected.idempotencyKey);
      expect(plan.count).toBe(n);
      expect(Array.from(plan.sourceRows)).toEqual(expected.sourceRows);
      expect(plan.parts.map((p) => [p.first, p.request])).toEqual(expected.parts.map((p) => [p.first, p.request]));
    }
  });
  it("writes each record's own area, organisation and period though their text is reused between records", async () => {
    const local = Array.from({ length: 12 }, (_, i) => ({ ...record(i), org: i % 5 === 0 ? "polisen" : "vaktbolaget", nyko: i % 3 === 0 ? null : `11${i % 2}`, period: i % 4 === 0 ? "2026-03" : null }));
    const expected = await planRecords({ id: "vakt-rapporter", version: 1 }, local.map(toWireRecord), local.map((r) => r.sourceRow), { partSize: 5 });
    const builder = createPlanBuilder({ partSize: 5 });
    for (const r of local) builder.add(r);
    const plan = builder.finish({ id: "vakt-rapporter", version: 1 });
    expect(plan.idempotencyKey).toBe(expected.idempotencyKey);
    expect(plan.parts.flatMap((p) => p.request.records)).toEqual(local.map(toWireRecord));
  });
  it("refuses records of another template version in the same plan", () => {
    const builder = createPlanBuilder();
    builder.add(record(1));
    expect(() => builder.add({ ...record(2), templateVersion: 2 })).toThrow();
  });
});

describe("Sha256Text", () => {
  it("hashes text fed in pieces as node:crypto hashes its UTF-8, surrogate pairs split between pieces too", () => {
    const text = `${"åäö – 🚲 x".repeat(40)}\n${"a".repeat(130)}`;
    const expected = createHash("sha256").update(text, "utf8").digest("hex");
    for (const cut of [0, 1, 17, 63, 64, 65, text.indexOf("🚲") + 1, text.length]) {
      const h = new Sha256Text().update(text.slice(0, cut));
      const copy = h.copy();
      expect(h.update(text.slice(cut)).hex()).toBe(expected);
      expect(copy.update(text.slice(cut)).hex()).toBe(expected);
    }
  });
});
