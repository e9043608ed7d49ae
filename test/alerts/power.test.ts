import { describe, expect, it } from "vitest";
import { oraclePower, oracleTable, oracleThreshold, poissonUpperTail } from "./power";

describe("the oracle bound on alarm power", () => {
  it("computes Poisson tails exactly", () => {
    // P(X >= 1) = 1 - e^-m; P(X >= 2) = 1 - e^-m (1 + m).
    expect(poissonUpperTail(2.3, 1)).toBeCloseTo(1 - Math.exp(-2.3), 12);
    expect(poissonUpperTail(2.3, 2)).toBeCloseTo(1 - Math.exp(-2.3) * 3.3, 12);
    expect(poissonUpperTail(5, 0)).toBe(1);
  });

  it("chooses the smallest threshold within the false-alarm budget", () => {
    const c = oracleThreshold(2.3, 0.02);
    expect(poissonUpperTail(2.3, c)).toBeLessThanOrEqual(0.02);
    expect(poissonUpperTail(2.3, c - 1)).toBeGreaterThan(0.02);
  });

  it("grows with the escalation and with the density", () => {
    expect(oraclePower(2.3, 3, 0.02)).toBeGreaterThan(oraclePower(2.3, 2, 0.02));
    expect(oraclePower(20, 2, 0.02)).toBeGreaterThan(oraclePower(2.3, 2, 0.02));
    // A doubling of a dense series is found almost always; of a sparse one, rarely.
    expect(oraclePower(40, 2, 0.02)).toBeGreaterThan(0.99);
    expect(oraclePower(2.3, 2, 0.02)).toBeLessThan(0.5);
  });

  it("shows that not every two-week doubling can be flagged at the demo's density", () => {
    const table = oracleTable({ factor: 2, days: 14, budget: 0.02, planted: 8 });
    expect(table).toHaveLength(10);
    const sparse = table.filter((t) => t.medianPerHalfMonth < 4);
    for (const t of sparse) expect(t.allOf).toBeLessThan(0.05);
    for (const t of table) expect(t.overAreas).toBeLessThanOrEqual(1);
  });
});
