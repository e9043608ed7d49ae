import { describe, expect, it } from "vitest";
import { MANUAL_SLOT, slotText } from "./round";

describe("slotText", () => {
  it("shows a round's slot in Stockholm time, never as a raw key", () => {
    expect(slotText("2026-03-05T05:00:00.000Z")).toBe("schemalagd 2026-03-05 06:00");
    expect(slotText(`${MANUAL_SLOT}2026-12-06T02:52:55.686Z`)).toBe("körd för hand 2026-12-06 03:52");
    expect(slotText(`${MANUAL_SLOT}2026-07-06T02:52:55.686Z`)).toBe("körd för hand 2026-07-06 04:52");
  });
});
