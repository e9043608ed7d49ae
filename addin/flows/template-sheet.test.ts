import { describe, expect, it } from "vitest";
import { builtinTemplate } from "../../shared/templates/builtin";
import { createMemoryWorkbook } from "../testing/memory-workbook";
import { ROLE_TEXT, TYPE_TEXT, formatValues, markTemplateIssues, nextVersion, parseValues, readTemplateAdminSheet, writeTemplateAdminSheet } from "./template-sheet";

describe("template admin sheet", () => {
  it("round-trips every built-in template unchanged", async () => {
    for (const id of ["polis-anmalningar", "raddningstjanst-insatser", "skola-betyg-ak9", "socialtjanst-orosanmalningar"]) {
      const template = builtinTemplate(id)!;
      const wb = createMemoryWorkbook();
      const sheet = await writeTemplateAdminSheet(wb, template);
      const back = await readTemplateAdminSheet(wb, sheet);
      expect(back).toEqual({ ok: true, value: template });
    }
  });

  it("reads an edited alias and enum synonym into version N+1", async () => {
    const template = builtinTemplate("raddningstjanst-insatser")!;
    const wb = createMemoryWorkbook();
    const sheet = await writeTemplateAdminSheet(wb, template);
    // Row 10 is the table header, row 11 the first column (Händelsenummer); Händelsetyp is the 4th → row 14.
    expect(wb.cell(sheet, "A14")).toBe("handelsetyp");
    // Codes of the schema appear in Swedish: type, role, row kind and time resolution.
    expect([wb.cell(sheet, "D14"), wb.cell(sheet, "F14"), wb.cell(sheet, "B5"), wb.cell(sheet, "B7")]).toEqual(["Lista", "Kategori", "Händelser", "Timme"]);
    expect(wb.dropdownOf(sheet, "D14")).toEqual(Object.values(TYPE_TEXT));
    expect(wb.dropdownOf(sheet, "F14")).toEqual(Object.values(ROLE_TEXT));
    const values = String(wb.cell(sheet, "G14"));
    await wb.writeValues(sheet, "G14", [[values.replace("Bilbrand)", "Bilbrand, Brand i bil)")]]);
    await wb.writeValues(sheet, "C14", [["Typ; Händelse"]]);
    const back = await readTemplateAdminSheet(wb, sheet);
    if (!back.ok) throw new Error(JSON.stringify(back.issues));
    const col = back.value.columns.find((c) => c.key === "handelsetyp")!;
    expect(col.aliases).toEqual(["Typ", "Händelse"]);
    expect(col.values!.find((v) => v.value === "Brand i fordon")!.synonyms).toEqual(["Fordonsbrand", "Bilbrand", "Brand i bil"]);
    expect(col.values!.find((v) => v.value === "Brand i fordon")!.linkClass).toBe("brand");
    expect(nextVersion(back.value, 3).version).toBe(4);
  });

  it("puts each error at its cell", async () => {
    const template = builtinTemplate("polis-anmalningar")!;
    const wb = createMemoryWorkbook();
    const sheet = await writeTemplateAdminSheet(wb, template);
    expect(wb.cell(sheet, "A12")).toBe("datum");
    await wb.writeValues(sheet, "D12", [["datum-typ"]]); // Datum's type
    await wb.writeValues(sheet, "E13", [["kanske"]]); // Klockslag's required
    await wb.writeValues(sheet, "F19", [["kept"]]); // Händelseförlopp: free text may never be kept
    const back = await readTemplateAdminSheet(wb, sheet);
    expect(back.ok).toBe(false);
    if (back.ok) return;
    const cells = back.issues.map((i) => i.cell);
    expect(cells).toEqual(expect.arrayContaining(["D12", "E13"]));
    expect(back.issues.some((i) => i.cell.endsWith("19") && /closed types/.test(i.message))).toBe(true);
    await markTemplateIssues(wb, sheet, back.issues);
    expect(wb.fillOf(sheet, "D12")).toBe("#FDE7E9");
    expect(wb.noteOf(sheet, "E13")).toMatch(/Ja eller Nej/);
    expect(wb.noteOf(sheet, "D12")).toBe("Typ ska vara en av: Text, Heltal, Decimaltal, Datum, Klockslag, Lista, NYKO-område, Adress, Koordinat, Period.");
  });

  it("formats and parses allowed values", () => {
    const values = [{ value: "Ja", synonyms: ["J", "Yes"] }, { value: "Brand utomhus", synonyms: [], linkClass: "brand" }];
    expect(formatValues(values)).toBe("Ja (J, Yes); Brand utomhus [brand]");
    expect(parseValues(formatValues(values))).toEqual(values);
  });
});
