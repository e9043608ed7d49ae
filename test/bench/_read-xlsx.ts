// A measured child of the pipeline benchmark: reads the first sheet of an .xlsx with one reader and does nothing else.
// `exceljs-stream`: ExcelJS's streaming reader, every row's values touched (the baseline); `grid`: our streaming reader.
import ExcelJS from "exceljs";
import { withXlsx } from "../../sync-server/xlsx/read-grid";

async function main(): Promise<void> {
  const [reader, file] = process.argv.slice(2);
  let rows = 0;
  if (reader === "exceljs-stream") {
    const workbook = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: "cache", styles: "cache", worksheets: "emit", hyperlinks: "ignore", entries: "ignore" });
    for await (const sheet of workbook) {
      for await (const row of sheet) if ((row as ExcelJS.Row).values) rows++;
      break;
    }
  } else {
    rows = await withXlsx(file, async (xlsx) => (await xlsx.readUsedRange(xlsx.listSheets()[0])).values.length);
  }
  console.log(`${rows} rows`);
}

void main();
