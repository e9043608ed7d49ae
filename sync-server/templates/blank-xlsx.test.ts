import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { BUILTIN_TEMPLATES } from "../../shared/templates/builtin";
import { blankTemplateXlsx, META_SHEET } from "./blank-xlsx";

describe("blankTemplateXlsx", () => {
  it("writes the header row, formats, dropdowns and the hidden id sheet", async () => {
    const t = BUILTIN_TEMPLATES.find((x) => x.id === "raddningstjanst-insatser")!;
    const buf = await blankTemplateXlsx(t);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.getWorksheet(t.sheetNameHint)!;
    expect(t.columns.map((_, i) => ws.getRow(1).getCell(i + 1).value)).toEqual(t.columns.map((c) => c.header));
    const dateCol = t.columns.findIndex((c) => c.type === "date") + 1;
    const timeCol = t.columns.findIndex((c) => c.type === "time") + 1;
    expect(ws.getRow(2).getCell(dateCol).numFmt).toBe("yyyy-mm-dd");
    expect(ws.getRow(2).getCell(timeCol).numFmt).toBe("hh:mm");
    const enumCol = t.columns.findIndex((c) => c.key === "handelsetyp") + 1;
    const dv = ws.getRow(5).getCell(enumCol).dataValidation;
    expect(dv?.type).toBe("list");
    const meta = wb.getWorksheet(META_SHEET)!;
    expect(meta.state).toBe("veryHidden");
    expect(meta.getCell("B1").value).toBe(t.id);
    expect(meta.getCell("B2").value).toBe(t.version);
    const ref = String(dv?.formulae?.[0]);
    const col = /\$([A-Z]+)\$1/.exec(ref)![1];
    const listed = t.columns[enumCol - 1].values!.map((_, j) => meta.getCell(`${col}${j + 1}`).value);
    expect(listed).toEqual(t.columns[enumCol - 1].values!.map((v) => v.value));
  });
});
