import { describe, it, expect } from "vitest";
import { BUILTIN_TEMPLATES } from "./builtin";
import { columnNumberFormat, templateSettingKey } from "./sheet-writer";

describe("writeTemplateSheet", () => {
  it("gives every built-in column a format, keeping codes and periods as text", () => {
    for (const t of BUILTIN_TEMPLATES)
      for (const c of t.columns) {
        const f = columnNumberFormat(c);
        if (["enum", "nyko", "period", "text", "address"].includes(c.type) && !c.numberFormat) expect(f).toBe("@");
        if (c.type === "date") expect(f).toMatch(/yyyy/);
      }
  });

  it("keys the template mark by sheet", () => {
    expect(templateSettingKey("Anmälningar")).toBe("lagesbild.template.Anmälningar");
  });
});
