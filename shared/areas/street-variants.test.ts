import { describe, expect, it } from "vitest";
import { streetVariants } from "./street-variants";

describe("streetVariants", () => {
  it("expands trailing street-type abbreviations", () => {
    expect(streetVariants("korpv.")).toContain("korpvägen");
    expect(streetVariants("storg.")).toEqual(["storgatan"]);
    expect(streetVariants("storgr.")).toContain("storgränd");
    expect(streetVariants("stora v.")).toEqual(expect.arrayContaining(["stora vägen", "storavägen"]));
  });

  it("expands leading abbreviations and short forms", () => {
    expect(streetVariants("s:t eriksgatan")).toContain("sankt eriksgatan");
    expect(streetVariants("s. storgatan")).toContain("södra storgatan");
    expect(streetVariants("storgata")).toContain("storgatan");
    expect(streetVariants("kungsväg")).toContain("kungsvägen");
  });

  it("does not expand a one-letter abbreviation without its dot", () => {
    expect(streetVariants("korpv")).not.toContain("korpvägen");
    expect(streetVariants("storgatan")).not.toContain("storgatan");
  });
});
