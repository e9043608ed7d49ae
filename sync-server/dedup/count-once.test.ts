import { describe, expect, it } from "vitest";
import type { DeidentifiedRecord } from "../../shared/protocol/record";
import { countOnceHook } from "./count-once";

const r = (org: string): DeidentifiedRecord => ({ templateId: "t", templateVersion: 1, org, date: "2026-01-01", hour: null, period: null, categories: {}, nyko: null, measures: {} });

describe("countOnceHook", () => {
  it("drops the later record of a pair only when the indicator counts both", () => {
    const a = r("polisen"), b = r("brandforsvaret"), c = r("brandforsvaret");
    const hook = countOnceHook([{ a, b }]);
    expect(hook([a, b, c])).toEqual([a, c]);
    expect(hook([b, c])).toEqual([b, c]);
    expect(hook([a])).toEqual([a]);
  });
});
