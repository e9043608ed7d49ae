import { describe, expect, it } from "vitest";
import { turnTaker } from "./turns";

describe("turnTaker", () => {
  it("runs pieces one at a time, in order, with I/O-phase work (a timer) let through between them", async () => {
    const take = turnTaker();
    const log: string[] = [];
    const pieces = [1, 2, 3].map((n) =>
      take(() => {
        log.push(`piece ${n}`);
        if (n === 1) setTimeout(() => log.push("timer"), 0);
        const until = Date.now() + 5;
        while (Date.now() < until) {
          /* busy, like a transaction */
        }
        return n;
      }),
    );
    const failing = take(() => {
      throw new Error("refused");
    });
    await expect(Promise.all(pieces)).resolves.toEqual([1, 2, 3]);
    await expect(failing).rejects.toThrow("refused");
    await expect(take(() => "after")).resolves.toBe("after");
    // The timer set in piece 1 ran before piece 3: pieces do not run back to back in one turn.
    expect(log.indexOf("timer")).toBeLessThan(log.indexOf("piece 3"));
  });
});
