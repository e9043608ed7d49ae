// A blank workbook of a template version, written by the same template-sheet writer as the add-in's
// "Infoga mall" (through the ExcelJS workbook port): header row, dropdowns for enum columns, number formats,
// and the template id and version in the workbook's settings (read them back with `readTemplateMark`).
import type { Template } from "../../shared/templates/schema";
import { writeTemplateSheet } from "../../shared/templates/sheet-writer";
import { ExcelJsWorkbook } from "../workbook/exceljs-workbook";

export async function blankTemplateXlsx(template: Template): Promise<Buffer> {
  const workbook = new ExcelJsWorkbook();
  workbook.workbook.creator = "Lägesbild";
  await writeTemplateSheet(workbook, template);
  return Buffer.from(await workbook.toBuffer());
}
