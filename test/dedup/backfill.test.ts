// History loaded at once is matched too: every partner's whole history (more than a year of events), loaded a week
// apart, through the server; recall and precision against the planted pairs. A partner that loads its history
// after the others' tokens expired is not matched with them.
import { beforeAll, describe, expect, it } from "vitest";
import { backfillThroughServer } from "./backfill";
import { loadDemoRecords, randomKey, readTruth, type DemoRecord } from "./demo-eval";

const truth = readTruth();
let records: DemoRecord[] = [];

beforeAll(async () => {
  records = await loadDemoRecords(randomKey());
});

describe("a backfill of every partner's history, loaded a week apart", () => {
  it("matches the planted pairs of more than a year of events (recall ≥ 0.9, precision ≥ 0.95)", async () => {
    const r = await backfillThroughServer(records, truth.duplicates, 7);
    expect(Date.parse(r.lastDate) - Date.parse(r.firstDate)).toBeGreaterThan(365 * 86_400_000);
    for (const s of [r.evaluation.fires, r.evaluation.vandalism, r.evaluation.overall]) {
      expect(s.truePairs).toBeGreaterThan(0);
      expect(s.recall).toBeGreaterThanOrEqual(0.9);
      expect(s.precision).toBeGreaterThanOrEqual(0.95);
    }
    // The huvudman is shown every half-month of the backfill as matched (no partner came after another's keys were
    // deleted), and the pairs per half-month add up to the pairs the server lists.
    const { summary, groups } = r.coverage;
    expect(summary.unmatched).toBe(0);
    expect(summary.partial).toBe(0);
    expect(summary.matched).toBeGreaterThanOrEqual(24);
    expect(groups.flatMap((g) => g.pairs).reduce((n, p) => n + p.duplicates, 0)).toBe(r.pairs);
  }, 600_000);
});
