import { describe, expect, it } from "vitest";
import { resolveRule } from "./rule";

describe("resolveRule", () => {
  it("fills in every default once, frozen", () => {
    const rule = resolveRule();
    expect(rule).toEqual({ threshold: 3, minWidth: 2, zerosPublished: true, lowerBound: 1, checkImplied: true, protectEverySuppressed: false });
    expect(Object.isFrozen(rule)).toBe(true);
  });

  it("derives the attacker's lower bound from whether zeros are published, and resolves a rule to an equal rule", () => {
    const rule = resolveRule({ threshold: 5, zerosPublished: false, protectEverySuppressed: true });
    expect(rule.lowerBound).toBe(0);
    expect(resolveRule(rule)).toEqual(rule);
  });

  it("refuses a threshold or width that means nothing", () => {
    expect(() => resolveRule({ threshold: 0 })).toThrow(RangeError);
    expect(() => resolveRule({ threshold: 2.5 })).toThrow(RangeError);
    expect(() => resolveRule({ minWidth: -1 })).toThrow(RangeError);
  });
});
