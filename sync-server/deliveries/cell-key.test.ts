// The round's cell, inner-cell and block ids: their stored string forms, and a block id read back into its key.
import { describe, expect, it } from "vitest";
import { blockId, cellId, factId, innerId, isUnlocated, orgOfInner, parseBlockId, parseCellId, type InnerKey } from "./cell-key";

describe("cell keys", () => {
  it("name a cell by indicator, area (kommun for the municipality) and period; a denominator with den: before", () => {
    expect(cellId({ indicator: "skadegorelse-klotter", nyko: "112", period: "2026-03-H1" })).toBe("skadegorelse-klotter|112|2026-03-H1");
    expect(cellId({ indicator: "skadegorelse-klotter", nyko: null, period: "2026-03" })).toBe("skadegorelse-klotter|kommun|2026-03");
    expect(cellId({ indicator: "ofullstandiga-betyg-ak9", nyko: "11", period: "2025/26", part: "denominator" })).toBe("den:ofullstandiga-betyg-ak9|11|2025/26");
    expect(factId("skadegorelse-klotter|kommun|2026-03")).toBe("fact:skadegorelse-klotter|kommun|2026-03");
  });

  it("name an inner cell by quantity, leaf, category and period, and know its organisation and whether it is located", () => {
    const key: InnerKey = { quantity: "n", leaf: "unlocated", category: "polisen/polis-anmalningar/brottskod=1201", period: "2026-03-H1" };
    expect(innerId(key)).toBe("n|unlocated|polisen/polis-anmalningar/brottskod=1201|2026-03-H1");
    expect(orgOfInner(key)).toBe("polisen");
    expect(isUnlocated(key)).toBe(true);
    expect(isUnlocated({ ...key, leaf: "112" })).toBe(false);
  });

  it("read a block id back into its key, and nothing else", () => {
    const id = blockId({ indicator: "skadegorelse-klotter", level: 3, periodType: "halfmonth" });
    expect(id).toBe("skadegorelse-klotter|3|halfmonth");
    expect(parseBlockId(id)).toEqual({ indicator: "skadegorelse-klotter", level: 3, periodType: "halfmonth" });
    expect(parseBlockId("skadegorelse-klotter|kommun|2026-03")).toBeNull();
  });

  it("read a cell id back into its key (the facts of a round are stored by cell id)", () => {
    for (const key of [
      { indicator: "skadegorelse-klotter", nyko: "112", period: "2026-03-H1", part: "numerator" as const },
      { indicator: "skadegorelse-klotter", nyko: null, period: "2026", part: "numerator" as const },
      { indicator: "ofullstandiga-betyg-ak9", nyko: "11", period: "2025/26", part: "denominator" as const },
    ])
      expect(parseCellId(cellId(key))).toEqual(key);
    expect(parseCellId("skadegorelse-klotter|3")).toBeNull();
  });
});
