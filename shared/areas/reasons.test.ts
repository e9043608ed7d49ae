import { describe, expect, it } from "vitest";
import { UNLOCATED_REASONS, unlocatedMessage } from "./reasons";

describe("unlocatedMessage", () => {
  it("explains every reason in Swedish, each differently", () => {
    const messages = UNLOCATED_REASONS.map(unlocatedMessage);
    expect(new Set(messages).size).toBe(UNLOCATED_REASONS.length);
    expect(unlocatedMessage("unknown-number")).toBe("Gatan finns, men inte med det numret. Raden räknas bara i kommunens total.");
  });
});
