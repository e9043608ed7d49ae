// Reads a sheet of an .xlsx file straight into a grid: the archive's parts are inflated with node:zlib and the
// worksheet's XML is scanned as it streams in (no workbook model, no cell objects). The grid is the one the ExcelJS
// workbook's `readUsedRange` gives for the same sheet; ExcelJS stays for writing.
import { StringDecoder } from "node:string_decoder";
import type { UsedRange } from "../../shared/protocol/workbook";
import { SheetScanner } from "./sheet-scanner";
import { dateStyles, sharedStrings, usesDate1904, worksheetParts, type SheetPart } from "./workbook-parts";
import { ZipArchive } from "./zip";

/** The very hidden sheet where the ExcelJS workbook keeps its settings; never listed. */
export const SETTINGS_SHEET = "_lagesbild_installningar";

export class XlsxReader {
  private constructor(
    private readonly zip: ZipArchive,
    private readonly parts: readonly SheetPart[],
    private readonly workbookXml: string,
  ) {}

  static async open(path: string): Promise<XlsxReader> {
    const zip = await ZipArchive.open(path);
    try {
      const workbook = await zip.read("xl/workbook.xml");
      if (!workbook) throw new Error(`Filen ${path} är ingen Excel-arbetsbok (xl/workbook.xml saknas).`);
      const rels = (await zip.read("xl/_rels/workbook.xml.rels"))?.toString("utf8") ?? "";
      const parts = worksheetParts(workbook.toString("utf8"), rels, (name) => zip.entries.has(name));
      return new XlsxReader(zip, parts, workbook.toString("utf8"));
    } catch (e) {
      await zip.close();
      throw e;
    }
  }

  /** The worksheets in workbook order, as the ExcelJS workbook's `listSheets` gives them. */
  listSheets(): string[] {
    return this.parts.filter((p) => p.name !== SETTINGS_SHEET).map((p) => p.name);
  }

  async readUsedRange(sheet: string): Promise<UsedRange> {
    const key = sheet.toLocaleLowerCase("sv");
    const part = this.parts.find((p) => p.name.toLocaleLowerCase("sv") === key);
    if (!part) throw new Error(`Bladet ”${sheet}” finns inte.`);
    const [strings, styles] = await Promise.all([this.zip.read("xl/sharedStrings.xml"), this.zip.read("xl/styles.xml")]);
    const scanner = new SheetScanner({
      strings: strings ? sharedStrings(strings.toString("utf8")) : [],
      dateStyles: styles ? dateStyles(styles.toString("utf8")) : [],
      date1904: usesDate1904(this.workbookXml),
    });
    const decoder = new StringDecoder("utf8");
    for await (const chunk of this.zip.stream(part.part)) scanner.push(decoder.write(chunk));
    scanner.push(decoder.end());
    return scanner.finish();
  }

  async close(): Promise<void> {
    await this.zip.close();
  }
}

/** Opens `path`, hands the reader to `use` and closes the file whatever happens. */
export async function withXlsx<T>(path: string, use: (reader: XlsxReader) => Promise<T>): Promise<T> {
  const reader = await XlsxReader.open(path);
  try {
    return await use(reader);
  } finally {
    await reader.close();
  }
}
