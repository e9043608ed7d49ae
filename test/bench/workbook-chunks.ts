// Benchmark: writing and reading a 200,000-row sheet through the Office.js workbook port under the Excel mock
// (office-addin-mock), reporting the number of sync calls, the largest request and response, and the time.
import { OfficeWorkbook } from "../../addin/excel/office-workbook";
import { MockExcel } from "../../addin/testing/excel-mock";

export async function run(): Promise<void> {
  const excel = new MockExcel();
  const wb = new OfficeWorkbook({ excel });
  const rows = Array.from({ length: 200_000 }, (_, i) => [
    `K${i + 1}`, 45658 + (i % 600), "14:05", "0301", "Skadegörelse", `Storgatan ${i % 90} B`, "Anna Andersson", "19800101-1234", "Krossad ruta vid entrén.",
  ]);
  await wb.addSheet("Anmälningar");
  let t = performance.now();
  await wb.writeValues("Anmälningar", "A1", rows);
  const writeMs = performance.now() - t;
  const writes = excel.requests.length;
  t = performance.now();
  await wb.readUsedRange("Anmälningar");
  const readMs = performance.now() - t;
  const reads = excel.requests.slice(writes);
  const mb = (n: number) => (n / 1_048_576).toFixed(2);
  console.log(`workbook-chunks: 200,000 × 9 write ${writes - 1} syncs in ${writeMs.toFixed(0)} ms (largest request ${mb(Math.max(...excel.requests.slice(0, writes).map((r) => r.requestBytes)))} MB)`);
  console.log(`workbook-chunks: read ${reads.length} syncs in ${readMs.toFixed(0)} ms (largest response ${mb(Math.max(...reads.map((r) => r.responseBytes)))} MB)`);
}
