import { describe, it, expect } from "vitest";
import ExcelJS from "exceljs";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ExcelJsWorkbook, dataValidations } from "../../sync-server/workbook/exceljs-workbook";
import { normaliseCell } from "../../shared/grid/cell";
import { LIST_SHEET, rangeContains } from "../../shared/workbook/layout";
import { darkPixels, decodePng } from "../helpers/png";
import { FORMULA_LOOKALIKES, runWorkbookContract, type WorkbookInspector } from "./contract";
import { sheetXml } from "../helpers/xlsx-print";

/** Inspects a copy of the workbook read back from its .xlsx bytes, so everything checked also survives saving. */
function inspector(live: ExcelJsWorkbook): WorkbookInspector {
  const reopened = async () => ExcelJsWorkbook.fromBuffer(await live.toBuffer());
  const ws = async (sheet: string) => {
    const w = (await reopened()).worksheet(sheet);
    if (!w) throw new Error(`no sheet ${sheet}`);
    return w;
  };
  return {
    isFormula: async (s, c) => (await ws(s)).getCell(c).type === ExcelJS.ValueType.Formula,
    fill: async (s, c) => {
      const fill = (await ws(s)).getCell(c).fill as ExcelJS.FillPattern | undefined;
      const argb = fill?.type === "pattern" ? fill.fgColor?.argb : undefined;
      return argb ? `#${argb.slice(2).toUpperCase()}` : null;
    },
    note: async (s, c) => {
      const note = (await ws(s)).getCell(c).note as unknown;
      if (note === undefined || note === null) return null;
      if (typeof note === "string") return note;
      const texts = (note as { texts?: { text: string }[] }).texts;
      return texts ? texts.map((t) => t.text).join("") : null;
    },
    numberFormat: async (s, c) => (await ws(s)).getCell(c).numFmt ?? null,
    dropdown: async (s, c) => {
      const book = await reopened();
      const model = dataValidations(book.worksheet(s)!).model;
      const hit = Object.entries(model).find(([range, dv]) => dv && rangeContains(range, c));
      const formula = hit?.[1]?.formulae?.[0] as string | undefined;
      if (!formula) return null;
      if (formula.startsWith('"')) return formula.slice(1, -1).split(",");
      const m = /\$([A-Z]+)\$1:\$[A-Z]+\$(\d+)$/.exec(formula);
      const list = book.worksheet(LIST_SHEET)!;
      return Array.from({ length: Number(m![2]) }, (_, i) => String(normaliseCell(list.getCell(`${m![1]}${i + 1}`).value)));
    },
    conditionalFormats: async (s) =>
      (await ws(s) as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] }).conditionalFormattings.map((cf) => {
        const rule = cf.rules[0] as ExcelJS.ExpressionRuleType;
        const text = /,"(.*)"\)$/.exec(rule.formulae![0])![1].replace(/""/g, '"');
        const argb = (rule.style!.fill as ExcelJS.FillPattern).bgColor!.argb!;
        return { range: cf.ref, textEquals: text, fill: `#${argb.slice(2)}` };
      }),
    chartCount: async (s) => (await ws(s)).getImages().length,
    pictureCount: async (s) => (await ws(s)).getImages().length,
    tables: async (s) =>
      (await ws(s)).getTables().map((t) => {
        const m = (t as unknown as { table?: { name: string; tableRef?: string; ref: string } }).table ?? (t as unknown as { name: string; tableRef?: string; ref: string });
        return { name: m.name, range: m.tableRef ?? m.ref };
      }),
    isHidden: async (s) => (await ws(s)).state !== "visible",
    pageSetup: async (s) => {
      const w = await ws(s);
      const titles = /^(\d+):(\d+)$/.exec(w.pageSetup.printTitlesRow ?? "");
      const view = w.views?.[0] as { state?: string; xSplit?: number; ySplit?: number } | undefined;
      // ExcelJS does not read page breaks back: they are taken from the sheet's XML, where each is the row above it.
      const xml = sheetXml(await live.toBuffer(), live.worksheet(s)!.id);
      return {
        orientation: w.pageSetup.orientation === "landscape" ? "landscape" : "portrait",
        fitToWidth: w.pageSetup.fitToPage ? (w.pageSetup.fitToWidth ?? 1) : 0,
        ...(titles ? { printTitleRows: { first: Number(titles[1]), last: Number(titles[2]) } } : {}),
        freeze: view?.state === "frozen" ? { rows: view.ySplit ?? 0, columns: view.xSplit ?? 0 } : { rows: 0, columns: 0 },
        rowBreaks: [...xml.matchAll(/<brk id="(\d+)"/g)].map((m) => Number(m[1]) + 1).sort((a, b) => a - b),
      };
    },
    columnWidth: async (s, c) => (await ws(s)).getColumn(c + 1).width ?? null,
    selection: async () => {
      const book = (await reopened()).workbook;
      const tab = book.views?.[0]?.activeTab ?? 0;
      const sheet = book.worksheets[tab];
      return sheet ? { sheet: sheet.name, cell: sheet.views?.[0]?.activeCell ?? "A1" } : null;
    },
  };
}

runWorkbookContract("ExcelJS", async () => {
  const live = new ExcelJsWorkbook();
  await live.addSheet("Blad1");
  return { workbook: live, inspect: inspector(live) };
});

describe("ExcelJS workbook files", () => {
  it("saves and opens .xlsx files, keeping literal text and settings", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lagesbild-xlsx-"));
    const path = join(dir, "t.xlsx");
    const wb = new ExcelJsWorkbook();
    await wb.addSheet("Data");
    await wb.writeValues("Data", "A1", FORMULA_LOOKALIKES.map((t) => [t]));
    await wb.setSetting("lagesbild.template.Data", '{"id":"x","version":1}');
    await wb.save(path);
    const back = await ExcelJsWorkbook.fromFile(path);
    expect(await back.listSheets()).toEqual(["Data"]);
    expect((await back.readUsedRange("Data")).values.map((r) => r[0])).toEqual(FORMULA_LOOKALIKES);
    expect(await back.getSetting("lagesbild.template.Data")).toBe('{"id":"x","version":1}');
  });

  it("stores a formula look-alike as a shared string in the sheet XML, never as <f>", async () => {
    const wb = new ExcelJsWorkbook();
    await wb.addSheet("Data");
    await wb.writeValues("Data", "A1", [['=HYPERLINK("http://x","y")']]);
    const xml = sheetXml(await wb.toBuffer());
    expect(xml).not.toContain("<f>");
    expect(xml).toMatch(/<c r="A1"[^>]*t="s"/);
  });

  it("inserts a chart as a picture rendered from the chart SVG: title and axis titles drawn", async () => {
    const wb = new ExcelJsWorkbook();
    await wb.addSheet("D");
    await wb.writeValues("D", "A1", [["Period (månad)", "Hela kommunen"], ["2026-01", 3], ["2026-02", ".."], ["2026-03", 5]]);
    await wb.addChart({ sheet: "D", title: "Anlagda bränder per månad", dataRange: "A1:B4", at: "D2", kind: "line", valueTitle: "antal" });
    const [placed] = wb.worksheet("D")!.getImages();
    const image = wb.workbook.getImage(Number(placed.imageId));
    const img = decodePng(new Uint8Array(image.buffer as unknown as Uint8Array));
    // Rendered at twice the displayed 560 × 320, for print.
    expect([img.width, img.height]).toEqual([1120, 640]);
    const s = img.width / 560;
    const box = (x: number, y: number, width: number, height: number) => ({ x: x * s, y: y * s, width: width * s, height: height * s });
    expect(darkPixels(img, box(100, 8, 360, 22))).toBeGreaterThan(300); // the title, centred at the top
    expect(darkPixels(img, box(2, 120, 22, 100))).toBeGreaterThan(30); // the value axis title, turned
    expect(darkPixels(img, box(150, 279, 260, 18))).toBeGreaterThan(100); // the category axis title under the labels
    expect(darkPixels(img, box(0, 0, 90, 28))).toBe(0); // nothing left of the title
  });

  it("inserts a picture given as SVG, rendered at twice its displayed size", async () => {
    const wb = new ExcelJsWorkbook();
    await wb.addSheet("Bild");
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"><text x="10" y="50" font-size="30">Karta</text></svg>`;
    await wb.insertPicture({ sheet: "Bild", at: "B2", svg, widthPx: 100, heightPx: 50 });
    const [placed] = wb.worksheet("Bild")!.getImages();
    const img = decodePng(new Uint8Array(wb.workbook.getImage(Number(placed.imageId)).buffer as unknown as Uint8Array));
    expect([img.width, img.height]).toEqual([200, 100]);
    expect(darkPixels(img, { x: 10, y: 20, width: 100, height: 40 })).toBeGreaterThan(100);
    expect(placed.range.tl).toMatchObject({ nativeCol: 1, nativeRow: 1 });
  });
});
