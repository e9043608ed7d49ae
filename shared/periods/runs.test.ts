import { describe, expect, it } from "vitest";
import { runsOf } from "./runs";

describe("runsOf", () => {
  it("joins items that continue the run's last item", () => {
    expect(runsOf([1, 2, 3, 5, 7, 8], (a, b) => a + 1 === b)).toEqual([[1, 2, 3], [5], [7, 8]]);
  });
  it("keeps an empty list empty and a single item alone", () => {
    expect(runsOf([], () => true)).toEqual([]);
    expect(runsOf(["a"], () => true)).toEqual([["a"]]);
  });
});
