import { describe, expect, it } from "vitest";
import { createProgress, progressLine } from "./progress";

function stream(isTTY: boolean) {
  const chunks: string[] = [];
  return { chunks, isTTY, columns: 100, write: (c: string) => void chunks.push(c) };
}

describe("progress", () => {
  it("draws a bar on a terminal", () => {
    expect(progressLine("Skickar", 5, 10, 10)).toBe("Skickar [#####-----] 50 % (5/10)");
    const s = stream(true);
    const p = createProgress(s, "Skickar", 4);
    p.update(1);
    p.update(4);
    p.finish();
    expect(s.chunks.join("")).toContain("25 % (1/4)");
    expect(s.chunks.join("")).toContain("100 % (4/4)");
    expect(s.chunks.at(-1)).toBe("\n");
  });

  it("writes nothing when the output is not a TTY", () => {
    const s = stream(false);
    const p = createProgress(s, "Skickar", 4);
    p.update(2);
    p.finish();
    expect(s.chunks).toEqual([]);
  });
});
