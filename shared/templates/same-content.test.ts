import { describe, expect, it } from "vitest";
import { builtinTemplate } from "./builtin";
import { sameTemplateContent } from "./same-content";

describe("sameTemplateContent", () => {
  const v1 = builtinTemplate("polis-anmalningar")!;
  it("ignores the version number and key order", () => {
    const reordered = Object.fromEntries(Object.entries({ ...v1, version: 2 }).reverse()) as typeof v1;
    expect(sameTemplateContent(v1, reordered)).toBe(true);
  });
  it("sees a changed title, column or allowed value", () => {
    expect(sameTemplateContent(v1, { ...v1, version: 2, title: "Ny titel" })).toBe(false);
    expect(sameTemplateContent(v1, { ...v1, version: 2, columns: v1.columns.slice(0, -1) })).toBe(false);
    const columns = v1.columns.map((c, i) => (i === 0 ? { ...c, header: `${c.header} (ny)` } : c));
    expect(sameTemplateContent(v1, { ...v1, version: 2, columns })).toBe(false);
  });
});
