// Issue 7: on the demo data, the linkage tokens (fresh random key, real pipeline) find the planted duplicate pairs
// with recall ≥ 90 % and precision ≥ 95 %, for fires and vandalism alike; the NYKO-3 + date baseline does not.
import { beforeAll, describe, expect, it } from "vitest";
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
