// The actor's refresh: each indicator of the latest delivery is written into a worksheet of its own, named after
// the indicator and replaced on the next refresh (never a sheet the user made), as an Excel table with number
// formats, suppressed cells shown as exactly `..` with a note, header lines (source, period, delivery time) and a chart.
import { SUPPRESSED_MARK, type Delivery, type DeliveryCell, type PeriodType } from "../../shared/protocol/delivery";
import { a1, rangeA1 } from "../../shared/grid/a1";
import type { CellValue } from "../../shared/grid/cell";
import type { CellMark, WorkbookPort } from "../../shared/protocol/workbook";
import type { SyncClient } from "../sync-client";
import { replaceOwnSheet } from "./own-sheets";

const PERIOD_TEXT: Record<PeriodType, string> = { halfmonth: "halvmånad", month: "månad", quarter: "kvartal", year: "år", schoolyear: "läsår" };
const ORDER: PeriodType[] = ["halfmonth", "month", "quarter", "year", "schoolyear"];
export const SUPPRESSED_NOTE = "Röjandekontroll: värdet visas inte (..), eftersom det är för litet eller skulle avslöja ett annat litet värde.";
export const ALARM_FILL = "#FDE7E9";

export interface RefreshedSheet {
  indicator: string;
  sheet: string;
  tables: number;
  suppressed: number;
}

type Definition = Delivery["definitions"][number];

function numberFormat(def: Definition | undefined): string {
  return def && def.factor !== "none" ? "0.0" : "0";
}

function areaLabel(c: DeliveryCell): string {
  return c.nyko === null ? "Hela kommunen" : c.nyko;
}

/** One table: a row per area (the municipality first), a column per period. */
export function indicatorTable(cells: readonly DeliveryCell[]) {
  const periods = [...new Set(cells.map((c) => c.period))].sort();
  const areas = [...new Map(cells.map((c) => [`${c.level}:${c.nyko ?? ""}`, c])).values()].sort((a, b) => a.level - b.level || (a.nyko ?? "").localeCompare(b.nyko ?? ""));
  const byKey = new Map(cells.map((c) => [`${c.level}:${c.nyko ?? ""}|${c.period}`, c]));
  const rows: CellValue[][] = [];
  const suppressed: { row: number; col: number }[] = [];
  const alarms: { row: number; col: number }[] = [];
  areas.forEach((area, r) => {
    const line: CellValue[] = [areaLabel(area), area.level];
    periods.forEach((p, i) => {
      const cell = byKey.get(`${area.level}:${area.nyko ?? ""}|${p}`);
      if (!cell) line.push(null);
      else if (cell.suppressed || cell.value === null) {
        line.push(SUPPRESSED_MARK);
        suppressed.push({ row: r, col: 2 + i });
      } else line.push(cell.value);
      if (cell?.alarm) alarms.push({ row: r, col: 2 + i });
    });
    rows.push(line);
  });
  return { periods, rows, suppressed, alarms };
}

/** Writes every indicator of the delivery into its own sheet. */
export async function writeDelivery(port: WorkbookPort, delivery: Delivery): Promise<RefreshedSheet[]> {
  const out: RefreshedSheet[] = [];
  const indicators = [...new Set(delivery.cells.map((c) => c.indicator))];
  for (const indicator of indicators) {
    const def = delivery.definitions.find((d) => d.id === indicator);
    const title = def?.title ?? indicator;
    const sheet = await replaceOwnSheet(port, `indicator:${indicator}`, title);
    const cells = delivery.cells.filter((c) => c.indicator === indicator);
    const types = ORDER.filter((t) => cells.some((c) => c.periodType === t));
    let row = 0;
    let suppressedCount = 0;
    const marks: CellMark[] = [];
    for (const [t, type] of types.entries()) {
      const table = indicatorTable(cells.filter((c) => c.periodType === type));
      const headerLines = [
        `${title}${def ? ` (${def.unit})` : ""}, per ${PERIOD_TEXT[type]}`,
        `Källa: ${delivery.source}. Leverans nr ${delivery.number}, skapad ${delivery.createdAt.slice(0, 16).replace("T", " ")}.`,
        `Period: ${table.periods[0] ?? "–"} – ${table.periods[table.periods.length - 1] ?? "–"}. Värden under ${delivery.threshold} och celler som skulle avslöja dem visas som ${SUPPRESSED_MARK}.`,
      ];
      const headerRow = row + headerLines.length;
      await port.writeTable({
        sheet,
        at: a1(headerRow, 0),
        name: `Lagesbild_${indicator}_${type}`,
        headerLines,
        columns: [{ header: "Område", numberFormat: "@" }, { header: "NYKO-nivå", numberFormat: "0" }, ...table.periods.map((p) => ({ header: p, numberFormat: numberFormat(def) }))],
        rows: table.rows,
      });
      for (const s of table.suppressed) marks.push({ cell: a1(headerRow + 1 + s.row, s.col), note: SUPPRESSED_NOTE });
      for (const a of table.alarms) marks.push({ cell: a1(headerRow + 1 + a.row, a.col), fill: ALARM_FILL, note: "Larm: ovanligt högt värde jämfört med tidigare perioder." });
      suppressedCount += table.suppressed.length;
      if (t === 0 && table.periods.length > 0) {
        // The municipality row over the periods (the first data row).
        await port.addChart({
          sheet,
          title: `${title}: hela kommunen`,
          dataRange: rangeA1(a1(headerRow, 2), 2, table.periods.length),
          at: a1(0, table.periods.length + 4),
          kind: table.periods.length > 1 ? "line" : "column",
        });
      }
      row = headerRow + 1 + Math.max(1, table.rows.length) + 2;
    }
    if (marks.length) await port.markCells(sheet, marks);
    if (delivery.notes.length) await port.writeValues(sheet, a1(row, 0), delivery.notes.map((n) => [n]));
    out.push({ indicator, sheet, tables: types.length, suppressed: suppressedCount });
  }
  return out;
}

export async function refreshDeliveries(port: WorkbookPort, client: SyncClient): Promise<{ delivery: Delivery; sheets: RefreshedSheet[] }> {
  const delivery = await client.latestDelivery();
  const sheets = await writeDelivery(port, delivery);
  return { delivery, sheets };
}
