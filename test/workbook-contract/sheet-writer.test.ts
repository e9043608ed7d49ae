import { describe, it, expect } from "vitest";
import { builtinTemplate } from "../../shared/templates/builtin";
import { readTemplateMark, writeTemplateSheet } from "../../shared/templates/sheet-writer";
import { createMemoryWorkbook } from "../../addin/testing/memory-workbook";
import { ExcelJsWorkbook, dataValidations } from "../../sync-server/workbook/exceljs-workbook";

describe("writeTemplateSheet on the in-memory host", () => {
  it("writes headers, dropdowns for enum columns, formats and the template mark", async () => {
    const template = builtinTemplate("polis-anmalningar")!;
    const wb = createMemoryWorkbook();
    const result = await writeTemplateSheet(wb, template, { dataRows: 500 });
    expect(result).toEqual({ sheet: "Anmälningar", headerRange: `A1:I1` });
    expect((await wb.readUsedRange("Anmälningar")).values).toEqual([template.columns.map((c) => c.header)]);
    const brottskod = template.columns.findIndex((c) => c.key === "brottskod");
    const cell = `${String.fromCharCode(65 + brottskod)}2`;
    expect(wb.dropdownOf("Anmälningar", cell)).toEqual(template.columns[brottskod].values!.map((v) => v.value));
    expect(wb.dropdownOf("Anmälningar", `${String.fromCharCode(65 + brottskod)}502`)).toBeNull();
    expect(wb.dropdownOf("Anmälningar", "A2")).toBeNull();
    expect(wb.numberFormatOf("Anmälningar", "B2")).toBe("yyyy-mm-dd");
    expect(wb.numberFormatOf("Anmälningar", "C501")).toBe("hh:mm");
    expect(wb.numberFormatOf("Anmälningar", `${String.fromCharCode(65 + brottskod)}2`)).toBe("@");
    expect(await readTemplateMark(wb, "Anmälningar")).toEqual({ id: "polis-anmalningar", version: 1 });
    expect(wb.selected()).toEqual({ sheet: "Anmälningar", cell: "A2" });
  });

  it("picks a free sheet name instead of overwriting one", async () => {
    const template = builtinTemplate("vaktbolag-rapporter")!;
    const wb = createMemoryWorkbook({ Rapporter: [["mitt eget"]] });
    const result = await writeTemplateSheet(wb, template, { dataRows: 10 });
    expect(result.sheet).toBe("Rapporter (2)");
    expect((await wb.readUsedRange("Rapporter")).values).toEqual([["mitt eget"]]);
  });

});

describe("writeTemplateSheet on ExcelJS (the server's blank .xlsx)", () => {
  it("writes a blank template file that reads back with headers, dropdowns, formats and mark", async () => {
    const template = builtinTemplate("raddningstjanst-insatser")!;
    const wb = new ExcelJsWorkbook();
    await writeTemplateSheet(wb, template);
    const back = await ExcelJsWorkbook.fromBuffer(await wb.toBuffer());
    expect(await back.listSheets()).toEqual(["Insatser"]);
    expect((await back.readUsedRange("Insatser")).values).toEqual([template.columns.map((c) => c.header)]);
    const ws = back.worksheet("Insatser")!;
    expect(ws.getCell("B2").numFmt).toBe("yyyy-mm-dd");
    expect(ws.getCell("C10001").numFmt).toBe("hh:mm");
    expect(ws.getCell("B1").numFmt).toBe("@"); // the header keeps its own format under the column's
    const typ = dataValidations(ws).model["D2"];
    expect(typ?.formulae?.[0]).toBe(`"${template.columns[3].values!.map((v) => v.value).join(",")}"`);
    expect(await readTemplateMark(back, "Insatser")).toEqual({ id: "raddningstjanst-insatser", version: 1 });
  });
});
