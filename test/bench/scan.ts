// Benchmark: identifier scans per second on the police export's free texts (Händelseförlopp) and identity-number
// column, and on the short closed-list strings that actually leave a workbook. The file is read once, outside the timing.
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import { containsIdentifier, scanForIdentifiers } from "../../shared/deidentify/scan";

const POLICE_FILE = fileURLToPath(new URL("../../../shared/data/demo/actors/polisen.xlsx", import.meta.url));
const MIN_SECONDS = 1;

async function readColumns(file: string, headers: string[]): Promise<Map<string, string[]>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.worksheets[0];
  const index = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, col) => index.set(String(cell.value), col));
  const out = new Map<string, string[]>(headers.map((h) => [h, []]));
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    for (const h of headers) {
      const col = index.get(h);
      const value = col === undefined ? null : row.getCell(col).value;
      out.get(h)?.push(typeof value === "string" ? value : value === null || value === undefined ? "" : String(value));
    }
  });
  return out;
}

/** Runs `scan` over `texts` in whole passes for at least MIN_SECONDS; returns scans per second and hits per pass. */
function measure(texts: string[], scan: (text: string) => number): { perSecond: number; hitsPerPass: number } {
  let hitsPerPass = 0;
  for (const t of texts) hitsPerPass += scan(t); // warm-up pass
  let scans = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    for (const t of texts) scan(t);
    scans += texts.length;
    elapsed = (performance.now() - start) / 1000;
  } while (elapsed < MIN_SECONDS);
  return { perSecond: scans / elapsed, hitsPerPass };
}

function report(label: string, texts: string[]): void {
  const all = measure(texts, (t) => scanForIdentifiers(t).length);
  const any = measure(texts, (t) => (containsIdentifier(t) ? 1 : 0));
  const fmt = (n: number) => Math.round(n).toLocaleString("sv-SE");
  console.log(
    `  ${label.padEnd(34)} ${String(texts.length).padStart(7)} strings  ` +
      `scanForIdentifiers ${fmt(all.perSecond).padStart(12)} /s (${all.hitsPerPass} hits)  ` +
      `containsIdentifier ${fmt(any.perSecond).padStart(12)} /s (${any.hitsPerPass} strings)`,
  );
}

export async function run(): Promise<void> {
  const columns = await readColumns(POLICE_FILE, ["Händelseförlopp", "Personnummer misstänkt", "Brottsbenämning", "Klockslag", "Brottskod"]);
  const get = (h: string) => columns.get(h) ?? [];
  const freeText = get("Händelseförlopp");
  const withDigitOrAt = freeText.filter((t) => /[0-9@]/.test(t));
  const identityColumn = get("Personnummer misstänkt").filter((t) => t !== "");
  const leaving = [...get("Brottsbenämning"), ...get("Klockslag"), ...get("Brottskod")];
  console.log("identifier scanner (polisen.xlsx)");
  report("Händelseförlopp, all rows", freeText);
  report("Händelseförlopp, with digit or @", withDigitOrAt);
  report("Personnummer misstänkt, filled", identityColumn);
  report("category, time and code strings", leaving);
}

const invokedDirectly = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (invokedDirectly) await run();
