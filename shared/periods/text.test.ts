import { describe, expect, it } from "vitest";
import { PERIOD_TYPE_TEXT, periodTypeName, periodTypeOfText } from "./text";

describe("period type names", () => {
  it("reads every Swedish name back, in any case and with spaces around", () => {
    for (const [type, name] of Object.entries(PERIOD_TYPE_TEXT)) {
      expect(periodTypeOfText(name)).toBe(type);
      expect(periodTypeOfText(`  ${name.toUpperCase()} `)).toBe(type);
    }
    expect(periodTypeOfText("vecka")).toBe("week");
    expect(periodTypeOfText("dygn")).toBeUndefined();
  });

  it("names a type from the wire, and leaves an unknown one as it is", () => {
    expect(periodTypeName("quarter")).toBe("kvartal");
    expect(periodTypeName("isoweek")).toBe("isoweek");
  });
});
