// How an .xlsx file prints, read from the file itself: each visible sheet's print setup, column widths, last row
// (pictures included) and manual page breaks (read from the sheet XML: ExcelJS does not read them back), and the
// pages it prints on by the pure estimate in shared/workbook/print-pages.ts.
import ExcelJS from "exceljs";
import { inflateRawSync } from "node:zlib";
import { columnWidthPt, estimatePrintedPages, pxToPt, rowsCovered, type PrintShape } from "../../shared/workbook/print-pages";

export interface PrintedSheet {
  name: string;
  shape: PrintShape;
  pages: number;
}

/** Every visible sheet of the file with its print shape and estimated pages. */
export async function printedSheets(bytes: Uint8Array): Promise<PrintedSheet[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const out: PrintedSheet[] = [];
  wb.worksheets.forEach((ws, index) => {
    if (ws.state !== "visible" && ws.state !== undefined) return;
    let rows = ws.lastRow?.number ?? 0;
    for (const image of ws.getImages()) {
      const range = image.range as unknown as { tl: { nativeRow: number }; ext?: { height: number } };
      rows = Math.max(rows, range.tl.nativeRow + rowsCovered(range.ext?.height ?? 0));
    }
    const columnWidths = Array.from({ length: ws.columnCount }, (_, c) => ws.getColumn(c + 1).width);
    // A picture reaching past the last column widens the page by what sticks out.
    let extraWidthPt = 0;
    for (const image of ws.getImages()) {
      const range = image.range as unknown as { tl: { nativeCol: number }; ext?: { width: number } };
      const start = columnWidths.slice(0, range.tl.nativeCol).reduce<number>((s, w) => s + columnWidthPt(w), 0);
      const all = columnWidths.reduce<number>((s, w) => s + columnWidthPt(w), 0);
      extraWidthPt = Math.max(extraWidthPt, start + pxToPt(range.ext?.width ?? 0) - all);
    }
    const titles = /^(\d+):(\d+)$/.exec(ws.pageSetup.printTitlesRow ?? "");
    const xml = sheetXml(bytes, (ws as unknown as { id: number }).id ?? index + 1);
    const rowBreaks = [...(/<rowBreaks[\s\S]*?<\/rowBreaks>/.exec(xml)?.[0] ?? "").matchAll(/<brk id="(\d+)"/g)].map((m) => Number(m[1]) + 1);
    const shape: PrintShape = {
      orientation: ws.pageSetup.orientation === "landscape" ? "landscape" : "portrait",
      fitToWidth: ws.pageSetup.fitToPage ? (ws.pageSetup.fitToWidth ?? 1) : 0,
      columnWidths,
      extraWidthPt,
      rows,
      ...(titles ? { printTitleRows: { first: Number(titles[1]), last: Number(titles[2]) } } : {}),
      rowBreaks,
    };
    out.push({ name: ws.name, shape, pages: estimatePrintedPages(shape) });
  });
  return out;
}

/** A worksheet's XML (the first by default) from an .xlsx (a zip with stored or deflated entries). */
export function sheetXml(zip: Uint8Array, id = 1): string {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let o = 0;
  while (o < zip.length - 4 && view.getUint32(o, true) === 0x04034b50) {
    const method = view.getUint16(o + 8, true);
    let size = view.getUint32(o + 18, true);
    const nameLen = view.getUint16(o + 26, true);
    const extraLen = view.getUint16(o + 28, true);
    const name = new TextDecoder().decode(zip.subarray(o + 30, o + 30 + nameLen));
    const start = o + 30 + nameLen + extraLen;
    if (size === 0 && (view.getUint16(o + 6, true) & 8)) {
      // data descriptor: find the next local header
      let next = start;
      while (next < zip.length - 4 && view.getUint32(next, true) !== 0x04034b50 && view.getUint32(next, true) !== 0x02014b50) next++;
      size = next - start - 16;
      if (view.getUint32(start + size, true) !== 0x08074b50) size += 4;
    }
    const data = zip.subarray(start, start + size);
    if (name === `xl/worksheets/sheet${id}.xml`) return new TextDecoder().decode(method === 8 ? inflateRaw(data) : data);
    o = start + size + ((view.getUint16(o + 6, true) & 8) ? 16 : 0);
  }
  throw new Error(`sheet${id}.xml not found`);
}

function inflateRaw(data: Uint8Array): Uint8Array {
  return new Uint8Array(inflateRawSync(data));
}
