import { describe, expect, it } from "vitest";
import type { CheckResult } from "../pipeline/check";
import type { DeidentifiedRecord, LocalRecord } from "../protocol/record";
import { PART_SIZE, planRecords, planSubmission, SHEET_HAS_ERRORS } from "./plan";
import { submissionKey } from "./key";

const record = (i: number): DeidentifiedRecord => ({ templateId: "vakt-rapporter", templateVersion: 1, org: "vaktbolaget", date: `2026-03-${String(1 + (i % 28)).padStart(2, "0")}`, hour: i % 24, period: null, categories: { typ: "Klotter" }, nyko: "111", measures: {} });

describe("planSubmission", () => {
  it("sends the wire records only, keyed by the template version and content, in parts with one upload id", async () => {
    const local: LocalRecord[] = [0, 1, 2].map((i) => ({ ...record(i), sourceRow: i + 2 }));
    const result = { template: { id: "vakt-rapporter", version: 1 }, canSubmit: true, records: local } as unknown as CheckResult;
    const plan = await planSubmission(result, { partSize: 2 });
    expect(plan.records).toEqual([0, 1, 2].map(record));
    expect(JSON.stringify(plan.parts)).not.toContain("sourceRow");
    expect(plan.sourceRows).toEqual([2, 3, 4]);
    expect(plan.idempotencyKey).toBe(await submissionKey({ id: "vakt-rapporter", version: 1 }, plan.records));
    expect(plan.parts.map((p) => [p.first, p.request.records.length, p.request.part])).toEqual([
      [0, 2, { uploadId: plan.idempotencyKey.slice(0, 48), index: 0, count: 2 }],
      [2, 1, { uploadId: plan.idempotencyKey.slice(0, 48), index: 1, count: 2 }],
    ]);
    expect(plan.parts.every((p) => p.request.idempotencyKey === plan.idempotencyKey && p.request.templateId === "vakt-rapporter" && p.request.templateVersion === 1)).toBe(true);
  });

  it("sends a small sheet as one request without a part", async () => {
    const plan = await planRecords({ id: "vakt-rapporter", version: 1 }, [record(0)], [2]);
    expect(plan.parts).toHaveLength(1);
    expect(plan.parts[0].request.part).toBeUndefined();
  });

  it("refuses a sheet with errors", async () => {
    await expect(planSubmission({ template: null, canSubmit: false, records: [] } as unknown as CheckResult)).rejects.toThrow(SHEET_HAS_ERRORS);
  });

  it("keeps a part of the largest realistic records well below Excel's 5 MB request limit", async () => {
    // A fire-service record with every category filled, measures and two linkage tokens: the largest kind in the demo exports.
    const large: DeidentifiedRecord = {
      templateId: "raddningstjanst-insatser", templateVersion: 12, org: "brandforsvaret", date: "2026-03-04", hour: 21, period: null,
      categories: { handelsetyp: "Brand i byggnad – flerbostadshus, lägenhet", anlagd: "Misstänkt anlagd", objekt: "Källarförråd/soprum i flerbostadshus", miljo: "Inomhus – bostadsområde" },
      nyko: "1010203", measures: { skadade: 12, omkomna: 0, evakuerade: 140 },
      link: ["qW3n8Zt0pXbV1cYd4eFg6hIj7kLm9nOp0qRs2tUv3wX", "Ab1Cd2Ef3Gh4Ij5Kl6Mn7Op8Qr9St0Uv1Wx2Yz3aB4c"],
    };
    const plan = await planRecords({ id: large.templateId, version: large.templateVersion }, Array.from({ length: PART_SIZE }, () => large), []);
    const bytes = new TextEncoder().encode(JSON.stringify(plan.parts[0].request)).length;
    expect(bytes).toBeLessThan(2.5 * 1024 * 1024);
  });
});
