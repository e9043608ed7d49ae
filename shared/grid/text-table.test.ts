import { describe, expect, it } from "vitest";
import { TextTable, textHash } from "./text-table";

describe("TextTable", () => {
  it("finds every text added, through growth, and no other", () => {
    const table = new TextTable<number>();
    const texts = Array.from({ length: 5000 }, (_, i) => `Gatan ${i}${i % 3 === 0 ? "A" : ""}`);
    for (const [i, t] of texts.entries()) {
      expect(table.find(t)).toBe(-1);
      const slot = table.add(t, i);
      expect(table.find(t)).toBe(slot);
      expect(table.entry(slot)).toBe(i);
    }
    expect(table.size).toBe(texts.length);
    for (const [i, t] of texts.entries()) {
      expect(table.value(table.find(t))).toBe(i);
      expect(table.entry(table.find(t))).toBe(i);
    }
    // Equal text made anew (another string object) is found; text never added is not.
    expect(table.value(table.find(["Gatan", "43"].join(" ")))).toBe(43);
    expect(table.find("Gatan 5000")).toBe(-1);
    expect(table.find("")).toBe(-1);
  });

  it("tells apart texts of the same hash (only unsampled characters of long text differ)", () => {
    const a = `Storgatan 1234567 B${"x".repeat(40)}, 153 35 Demostad`;
    const b = `Storgatan 1234567 B${"x".repeat(5)}y${"x".repeat(34)}, 153 35 Demostad`;
    expect(textHash(a)).toBe(textHash(b));
    const table = new TextTable<string>();
    table.add(a, "a");
    expect(table.find(b)).toBe(-1);
    table.add(b, "b");
    expect(table.value(table.find(a))).toBe("a");
    expect(table.value(table.find(b))).toBe("b");
  });

  it("is empty after clear", () => {
    const table = new TextTable<number>();
    table.add("x", 1);
    table.clear();
    expect(table.size).toBe(0);
    expect(table.find("x")).toBe(-1);
    expect(table.entry(table.add("y", 2))).toBe(0);
  });
});
