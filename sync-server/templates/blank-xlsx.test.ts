import { describe, expect, it } from "vitest";
import { BUILTIN_TEMPLATES } from "../../shared/templates/builtin";
import { readTemplateMark } from "../../shared/templates/sheet-writer";
import { ExcelJsWorkbook, dataValidations } from "../workbook/exceljs-workbook";
import { blankTemplateXlsx } from "./blank-xlsx";

describe("blankTemplateXlsx", () => {
  it("writes the header row, formats, dropdowns and the template mark", async () => {
    const t = BUILTIN_TEMPLATES.find((x) => x.id === "raddningstjanst-insatser")!;
    const wb = await ExcelJsWorkbook.fromBuffer(await blankTemplateXlsx(t));
    expect(await wb.listSheets()).toEqual([t.sheetNameHint]);
    const ws = wb.worksheet(t.sheetNameHint)!;
    expect(t.columns.map((_, i) => ws.getRow(1).getCell(i + 1).value)).toEqual(t.columns.map((c) => c.header));
    const dateCol = t.columns.findIndex((c) => c.type === "date") + 1;
    const timeCol = t.columns.findIndex((c) => c.type === "time") + 1;
    expect(ws.getRow(2).getCell(dateCol).numFmt).toBe("yyyy-mm-dd");
    expect(ws.getRow(2).getCell(timeCol).numFmt).toBe("hh:mm");
    const enumCol = t.columns.findIndex((c) => c.key === "handelsetyp");
    const dv = dataValidations(ws).model[`${String.fromCharCode(65 + enumCol)}5`];
    expect(dv?.type).toBe("list");
    expect(String(dv?.formulae?.[0]).slice(1, -1).split(",")).toEqual(t.columns[enumCol].values!.map((v) => v.value));
    expect(await readTemplateMark(wb, t.sheetNameHint)).toEqual({ id: t.id, version: t.version });
  });
});
