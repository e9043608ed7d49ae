import { describe, expect, it } from "vitest";
import { isDerivedSuppressed, isPrimaryCount } from "./primary";

describe("primary suppression", () => {
  it("suppresses 1 ≤ n < T and publishes zeros", () => {
    expect([0, 1, 2, 3, 4].map((n) => isPrimaryCount(n, 3))).toEqual([false, true, true, false, false]);
    expect([2, 4, 5].map((n) => isPrimaryCount(n, 5))).toEqual([true, true, false]);
  });

  it("suppresses a rate when its numerator or denominator is suppressed or small", () => {
    const big = { value: 40, suppressed: false };
    expect(isDerivedSuppressed(big, big, 3)).toBe(false);
    expect(isDerivedSuppressed({ value: 2, suppressed: false }, big, 3)).toBe(true);
    expect(isDerivedSuppressed({ value: 9, suppressed: true }, big, 3)).toBe(true);
    expect(isDerivedSuppressed(big, { value: 2, suppressed: false }, 3)).toBe(true);
    expect(isDerivedSuppressed(big, { value: 90, suppressed: true }, 3)).toBe(true);
    expect(isDerivedSuppressed({ value: 0, suppressed: false }, big, 3)).toBe(false);
  });
});
