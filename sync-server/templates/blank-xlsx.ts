// A blank workbook of a template version: header row, dropdowns for enum columns, date and time formats,
// and a hidden sheet `_lagesbild` holding the template id and version. To be swapped for the shared
// template-sheet writer (through the workbook port) once it lands; callers use only this function.
import ExcelJS from "exceljs";
import type { Template } from "../../shared/templates/schema";
import { literalText } from "../../shared/grid/literal";

export const META_SHEET = "_lagesbild";
const BLANK_ROWS = 1000;

function columnLetter(index: number): string {
  let n = index + 1;
  let s = "";
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function defaultFormat(type: Template["columns"][number]["type"]): string | undefined {
  if (type === "date") return "yyyy-mm-dd";
  if (type === "time") return "hh:mm";
  if (type === "integer") return "0";
  if (type === "text" || type === "nyko" || type === "period" || type === "address") return "@";
  return undefined;
}

export async function blankTemplateXlsx(template: Template): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Lägesbild";
  const ws = wb.addWorksheet(template.sheetNameHint, { views: [{ state: "frozen", ySplit: 1 }] });
  const meta = wb.addWorksheet(META_SHEET, { state: "veryHidden" });
  const lists: string[][] = [];

  template.columns.forEach((c, i) => {
    const letter = columnLetter(i);
    const head = ws.getCell(`${letter}1`);
    head.value = literalText(c.header);
    head.font = { bold: true };
    ws.getColumn(i + 1).width = Math.max(12, c.header.length + 2);
    const format = c.numberFormat ?? defaultFormat(c.type);
    if (format) for (let r = 2; r <= BLANK_ROWS + 1; r++) ws.getCell(`${letter}${r}`).numFmt = format;
    if (c.type === "enum" && c.values) lists.push([letter, ...c.values.map((v) => v.value)]);
  });

  // Enum lists live on the hidden sheet (a literal list in the rule is limited to 255 characters).
  meta.getCell("A1").value = "templateId";
  meta.getCell("B1").value = template.id;
  meta.getCell("A2").value = "templateVersion";
  meta.getCell("B2").value = template.version;
  lists.forEach(([letter, ...values], k) => {
    const listCol = columnLetter(3 + k);
    values.forEach((v, j) => (meta.getCell(`${listCol}${j + 1}`).value = literalText(v)));
    const range = `${META_SHEET}!$${listCol}$1:$${listCol}$${values.length}`;
    for (let r = 2; r <= BLANK_ROWS + 1; r++) {
      ws.getCell(`${letter}${r}`).dataValidation = {
        type: "list",
        allowBlank: true,
        formulae: [range],
        showErrorMessage: true,
        errorTitle: "Ogiltigt värde",
        error: "Välj ett värde ur listan.",
      };
    }
  });

  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}
