// The yearly analysis ("Årsrapport") written into a workbook through the workbook port: one writer for
// `lagesbild arsrapport` (ExcelJS, a real .xlsx) and the huvudman's pane button (Office.js) alike. Sheets:
//   Årsrapport ÅÅÅÅ      the months of the year against the same months of the year before, per indicator for the
//                         municipality and each NYKO-2 area, with 95 % intervals and whether the change is clear;
//   Kartor ÅÅÅÅ          an area map per indicator (the server's SVG of the year's published values);
//   Trender ÅÅÅÅ         the municipality per month over both years, a line chart per indicator;
//   Larm ÅÅÅÅ            the alarms of the year (the huvudman's weekly alert table, without its counts) and the
//                         published cells of the year that carry an alarm mark;
//   Inrapportering ÅÅÅÅ  how far each partner had reported, and its half-months missing in the year;
//   Insatser ÅÅÅÅ        the interventions with their evaluation.
// Every number comes from published, disclosure-controlled cells (YearReportInputs never holds an unsuppressed
// value); `..` and `saknas` stay what they are, and a sum with one such part is that mark, unless another part is not
// published at all: then it is empty (year-values.ts).
import { a1 } from "../grid/a1";
import type { CellValue } from "../grid/cell";
import { stockholmTime } from "../periods/stockholm";
import { reportingHeadline } from "../indicators/reporting";
import type { AlertRow } from "../protocol/duplicates-api";
import { cellStatus, MISSING_LEGEND, MISSING_MARK, SUPPRESSED_MARK } from "../protocol/delivery";
import type { WorkbookPort } from "../protocol/workbook";
import { INTERVENTION_KINDS, type Intervention } from "../protocol/interventions";
import type { InterventionEvaluation } from "../interventions/evaluate";
import type { YearReportInputs } from "../protocol/year-report";
import { svgSize } from "../workbook/area-maps";
import { unitText } from "../workbook/delivery-sheets";
import { replaceOwnSheet } from "../workbook/own-sheets";
import { rowsCovered } from "../workbook/print-pages";
import { CHART_PX, MAP_PX } from "../workbook/wide-blocks";
import { monthValue, PublishedCells, trendMonths, windowText, yearValue, type YearValue, type YearWindow } from "./year-values";

/** The statistics the summary uses (shared/stats when present); a function that cannot answer returns null. */
export interface YearStats {
  /** The 95 % interval of a count (exact Poisson). */
  countInterval(count: number): { low: number; high: number } | null;
  /** Whether two counts over equally long periods differ clearly (two-sided, 5 %); null when it cannot be judged. */
  clearChange(before: number, after: number): boolean | null;
  /** How the change is judged, for the header line (e.g. "exakt villkorligt binomialtest, 5 %"). */
  method: string;
}

/** No statistics: intervals only where a published cell carries one, and no judgement of change. */
export const NO_STATS: YearStats = { countInterval: () => null, clearChange: () => null, method: "" };

/** One intervention active in the year, with its evaluation against the published cells. */
export interface YearReportIntervention {
  intervention: Intervention;
  evaluation: InterventionEvaluation;
}

export interface YearReportData {
  inputs: YearReportInputs;
  /** The huvudman's alert table (GET /api/alerts, the last 52 weeks); null when it could not be had. */
  alerts: { rows: AlertRow[]; lastWeek?: string } | null;
  /** The interventions active in the year with their evaluation; null when the server has no register of them. */
  interventions: YearReportIntervention[] | null;
}

export interface WrittenYearReport {
  sheets: string[];
  /** Rows of the summary (indicator × area). */
  summaryRows: number;
  maps: number;
  charts: number;
  alarms: number;
  partners: number;
  interventions: number;
}

export const YEAR_REPORT_BASIS =
  "Alla tal är publicerade, röjandekontrollerade värden ur leveranserna till parterna (aldrig huvudmannens vy utan röjandekontroll).";
export const NO_INTERVENTIONS = "Inga insatser registrerade.";
export const CLEAR_UP = "säker ökning";
export const CLEAR_DOWN = "säker minskning";
export const NO_CLEAR_CHANGE = "ingen säker förändring";
export const NOT_JUDGED = "ej bedömd";
export const NOT_COMPARABLE = "kan inte jämföras";

const MUNICIPALITY = "Hela kommunen";

/** How a value is written: a number, `..`, `saknas`, or empty when nothing is published. */
function shown(v: YearValue): CellValue {
  if (v.status === "value") return v.value;
  if (v.status === "suppressed") return SUPPRESSED_MARK;
  if (v.status === "missing") return MISSING_MARK;
  return null;
}

/** The 95 % interval of a value: the published one, else (counts) the exact Poisson interval of the sum. */
function interval(v: YearValue, summable: boolean, stats: YearStats): { low: number; high: number } | null {
  if (v.status !== "value") return null;
  if (v.low !== undefined && v.high !== undefined) return { low: v.low, high: v.high };
  return summable && Number.isInteger(v.value) ? stats.countInterval(v.value) : null;
}

/** The summary's judgement of a change. */
export function judgeChange(before: YearValue, after: YearValue, summable: boolean, stats: YearStats): string {
  if (before.status !== "value" || after.status !== "value") return NOT_COMPARABLE;
  if (!summable || !Number.isInteger(before.value) || !Number.isInteger(after.value)) return NOT_JUDGED;
  const clear = stats.clearChange(before.value, after.value);
  if (clear === null) return NOT_JUDGED;
  if (!clear || before.value === after.value) return NO_CLEAR_CHANGE;
  return after.value > before.value ? CLEAR_UP : CLEAR_DOWN;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

function headLines(inputs: YearReportInputs, title: string): string[] {
  const last = inputs.rounds[inputs.rounds.length - 1];
  return [
    title,
    YEAR_REPORT_BASIS,
    `Källa: ${inputs.source}; ${inputs.rounds.length} leveransomgång${inputs.rounds.length === 1 ? "" : "ar"}${last ? `, den senaste ${stockholmTime(last.ranAt)}` : ""}. Sammanställd ${stockholmTime(inputs.gatheredAt)}.`,
  ];
}

const tableName = (year: number, part: string) => `Lagesbild_Ar${year}_${part}`;

async function writeSummary(port: WorkbookPort, data: YearReportData, window: YearWindow, stats: YearStats): Promise<{ sheet: string; rows: number }> {
  const { inputs } = data;
  const sheet = await replaceOwnSheet(port, `yearreport:${inputs.year}:summary`, `Årsrapport ${inputs.year}`);
  const cells = new PublishedCells(inputs.cells);
  const prevWindow = { year: inputs.year - 1, lastMonth: window.lastMonth };
  const cur = windowText(inputs.year, window.lastMonth);
  const prev = windowText(inputs.year - 1, window.lastMonth);
  const nyko2 = inputs.areas.filter((a) => a.level === 2).sort((a, b) => a.code.localeCompare(b.code));
  const rows: CellValue[][] = [];
  for (const def of inputs.definitions) {
    const summable = def.factor === "none";
    const byNyko2 = inputs.cells.some((c) => c.indicator === def.id && c.level === 2);
    const areas: { code: string | null; name: string | null; level: number }[] = [{ code: null, name: null, level: 0 }, ...(byNyko2 ? nyko2.map((a) => ({ code: a.code, name: a.name, level: 2 })) : [])];
    for (const area of areas) {
      const before = yearValue(cells, def.id, area.code, prevWindow, summable);
      const after = yearValue(cells, def.id, area.code, window, summable);
      const ib = interval(before, summable, stats);
      const ia = interval(after, summable, stats);
      const change = before.status === "value" && after.status === "value" && before.value !== 0 ? round1(((after.value - before.value) / before.value) * 100) : null;
      rows.push([
        def.title,
        area.code ?? MUNICIPALITY,
        area.name,
        area.level,
        shown(before), ib?.low ?? null, ib?.high ?? null,
        shown(after), ia?.low ?? null, ia?.high ?? null,
        change,
        judgeChange(before, after, summable, stats),
      ]);
    }
  }
  const threshold = `${SUPPRESSED_MARK} = skyddat (röjandekontroll, tröskel ${inputs.threshold}); ${MISSING_LEGEND}; tom cell = inget publicerat värde att räkna av.`;
  const method = stats.method ? `Förändringen kallas säker när den är statistiskt klar (${stats.method}); annars "${NO_CLEAR_CHANGE}".` : `Förändringen bedöms inte ("${NOT_JUDGED}"): inget test för förändring finns i den här versionen.`;
  const lines = [
    ...headLines(inputs, `Årsrapport ${inputs.year}: ${cur} jämfört med ${prev}, per indikator för hela kommunen och varje NYKO 2-område`),
    `Värdena är summor av publicerade perioder (år, kvartal, månader eller halvmånader) för ${cur} och samma månader året före; en summa med en skyddad del visas som ${SUPPRESSED_MARK}, med en saknad del som ${MISSING_MARK}. Andelar och tal per 1 000 summeras inte (bara ett publicerat årsvärde visas).`,
    `Låg–hög: 95 % konfidensintervall (exakt Poisson för antal, eller det intervall leveransen publicerade). ${method}`,
    threshold,
    ...(inputs.reporting ? [reportingHeadline(inputs.reporting)] : []),
  ];
  const decimals = (i: number) => (i === 0 ? "0" : "0.0");
  await port.writeTable({
    sheet,
    at: `A${lines.length + 1}`,
    name: tableName(inputs.year, "Sammanfattning"),
    headerLines: lines,
    columns: [
      { header: "Indikator", numberFormat: "@" },
      { header: "Område", numberFormat: "@" },
      { header: "Områdesnamn", numberFormat: "@" },
      { header: "Nivå", numberFormat: "0" },
      { header: prev, numberFormat: "0.0" },
      { header: `${inputs.year - 1} låg`, numberFormat: "0.0" },
      { header: `${inputs.year - 1} hög`, numberFormat: "0.0" },
      { header: cur, numberFormat: "0.0" },
      { header: `${inputs.year} låg`, numberFormat: "0.0" },
      { header: `${inputs.year} hög`, numberFormat: "0.0" },
      { header: "Förändring %", numberFormat: decimals(1) },
      { header: "Bedömning", numberFormat: "@" },
    ],
    rows,
  });
  await port.setColumnWidths(sheet, [34, 14, 26, 6, 14, 10, 10, 14, 10, 10, 13, 24]);
  await port.setPageSetup({ sheet, orientation: "landscape", fitToWidth: 1, printTitleRows: { first: lines.length + 1, last: lines.length + 1 }, freeze: { rows: lines.length + 1, columns: 0 } });
  return { sheet, rows: rows.length };
}

async function writeMaps(port: WorkbookPort, data: YearReportData, window: YearWindow): Promise<{ sheet: string; maps: number }> {
  const { inputs } = data;
  const sheet = await replaceOwnSheet(port, `yearreport:${inputs.year}:maps`, `Kartor ${inputs.year}`);
  const lines = [...headLines(inputs, `Kartor ${windowText(inputs.year, window.lastMonth)}: ett område per NYKO 2 (NYKO 3 där indikatorn inte publiceras per NYKO 2)`), `Skyddade områden är streckade och märkta ${SUPPRESSED_MARK}, saknade prickade och märkta ${MISSING_MARK}.`];
  await port.writeValues(sheet, "A1", lines.map((l) => [l]), ["@"]);
  let row = lines.length + 1; // 0-based
  let maps = 0;
  const boxRows = rowsCovered(MAP_PX.height);
  for (const def of inputs.definitions) {
    const svg = inputs.maps[def.id] ?? null;
    const size = svg ? svgSize(svg) : null;
    await port.writeValues(sheet, a1(row, 0), [[svg && size ? def.title : `${def.title}: ingen karta (indikatorn publiceras inte per område)`]], ["@"]);
    if (svg && size) {
      const scale = Math.min(MAP_PX.width / size.width, MAP_PX.height / size.height);
      await port.insertPicture({ sheet, at: a1(row + 1, 0), svg, widthPx: Math.round(size.width * scale), heightPx: Math.round(size.height * scale) });
      maps++;
      row += boxRows + 2;
    } else row += 2;
  }
  await port.setPageSetup({ sheet, orientation: "portrait", fitToWidth: 1 });
  return { sheet, maps };
}

async function writeTrends(port: WorkbookPort, data: YearReportData, window: YearWindow): Promise<{ sheet: string; charts: number }> {
  const { inputs } = data;
  const sheet = await replaceOwnSheet(port, `yearreport:${inputs.year}:trends`, `Trender ${inputs.year}`);
  const cells = new PublishedCells(inputs.cells);
  const months = trendMonths(inputs.year - 1, inputs.year, window.lastMonth);
  const lines = [...headLines(inputs, `Trender: hela kommunen per månad, januari ${inputs.year - 1} – ${windowText(inputs.year, window.lastMonth).replace(/^januari–/, "")}`), `${SUPPRESSED_MARK} och ${MISSING_MARK} bryter linjen (aldrig 0).`];
  await port.writeValues(sheet, "A1", lines.map((l) => [l]), ["@"]);
  let row = lines.length + 1; // 0-based: the title line of the first block
  let charts = 0;
  for (const [i, def] of inputs.definitions.entries()) {
    const decimals = def.factor === "none" ? "0" : "0.0";
    const values = months.map((m) => shown(monthValue(cells, def.id, null, m.year, m.month)));
    await port.writeTable({
      sheet,
      at: a1(row + 1, 0),
      name: tableName(inputs.year, `Trend_${i + 1}`),
      headerLines: [`${def.title}${unitText(def) ? ` (${unitText(def)})` : ""}`],
      columns: [{ header: "Månad", numberFormat: "@" }, { header: MUNICIPALITY, numberFormat: decimals }],
      rows: months.map((m, k) => [m.period, values[k]]),
    });
    const header = row + 1;
    if (values.some((v) => typeof v === "number")) {
      await port.addChart({
        sheet,
        title: `${def.title}, hela kommunen per månad`,
        dataRange: `${a1(header, 0)}:${a1(header + months.length, 1)}`,
        at: a1(row, 3),
        kind: "line",
        categoryTitle: "Månad",
        valueTitle: unitText(def) || undefined,
      });
      charts++;
    }
    row = header + Math.max(months.length + 1, rowsCovered(CHART_PX.height)) + 2;
  }
  await port.setColumnWidths(sheet, [12, 14]);
  await port.setPageSetup({ sheet, orientation: "portrait", fitToWidth: 1 });
  return { sheet, charts };
}

/** An alarm's kind in Swedish: the week alone, or it with the weeks before it. */
export function alarmKind(r: Pick<AlertRow, "reason" | "weeksTogether">): string {
  if (r.reason === "persistent") return `ihållande ökning (${r.weeksTogether ?? 2} veckor tillsammans)`;
  return "ovanligt hög vecka";
}

async function writeAlarms(port: WorkbookPort, data: YearReportData): Promise<{ sheet: string; alarms: number }> {
  const { inputs } = data;
  const sheet = await replaceOwnSheet(port, `yearreport:${inputs.year}:alarms`, `Larm ${inputs.year}`);
  const title = new Map(inputs.definitions.map((d) => [d.id, d.title]));
  const names = new Map(inputs.areas.map((a) => [a.code, a.name]));
  const year = String(inputs.year);
  const rows = (data.alerts?.rows ?? []).filter((r) => r.alarm && r.week.startsWith(`${year}-W`)).sort((a, b) => a.week.localeCompare(b.week) || a.indicator.localeCompare(b.indicator) || (a.nyko ?? "").localeCompare(b.nyko ?? ""));
  const covers = data.alerts?.rows.some((r) => r.week.startsWith(`${year}-W`)) ?? false;
  const lines = [
    ...headLines(inputs, `Larm ${inputs.year} (tidig varning)`),
    data.alerts === null
      ? "Larmtabellen kunde inte hämtas; bara larmmarkeringarna i de publicerade cellerna visas."
      : `Huvudmannens larmtabell omfattar de senaste 52 hela veckorna${data.alerts.lastWeek ? ` (till och med ${data.alerts.lastWeek})` : ""}${covers ? "" : `; den når inte ${inputs.year}`}. Antalen i larmtabellen är inte röjandekontrollerade och tas därför inte med här: bara vilka veckor och områden som larmade.`,
    "Ett larm är en signal att titta närmare, inte ett bevis på att något har hänt, och det säger inget om orsaken.",
  ];
  await port.writeTable({
    sheet,
    at: `A${lines.length + 1}`,
    name: tableName(inputs.year, "Larm"),
    headerLines: lines,
    columns: ["Indikator", "Område", "Områdesnamn", "Nivå", "Vecka", "Slag", "Metod"].map((header) => ({ header, numberFormat: header === "Nivå" ? "0" : "@" })),
    rows: rows.map((r) => [title.get(r.indicator) ?? r.indicator, r.nyko ?? MUNICIPALITY, r.nyko ? names.get(r.nyko) ?? null : null, r.level, r.week, alarmKind(r), r.method === "farrington" ? "Farrington" : `EARS ${r.method}`]),
  });
  // The published cells of the year with an alarm mark (their values are published).
  const marked = inputs.cells.filter((c) => c.alarm && c.period.startsWith(year) && cellStatus(c) === "value").sort((a, b) => a.period.localeCompare(b.period) || a.indicator.localeCompare(b.indicator));
  const at = lines.length + 1 + Math.max(1, rows.length) + 3;
  await port.writeTable({
    sheet,
    at: `A${at}`,
    name: tableName(inputs.year, "Larmceller"),
    headerLines: [`Publicerade celler ${inputs.year} med larmmarkering (${marked.length})`],
    columns: [
      { header: "Indikator", numberFormat: "@" },
      { header: "Område", numberFormat: "@" },
      { header: "Områdesnamn", numberFormat: "@" },
      { header: "Nivå", numberFormat: "0" },
      { header: "Period", numberFormat: "@" },
      { header: "Värde", numberFormat: "0.0" },
    ],
    rows: marked.map((c) => [title.get(c.indicator) ?? c.indicator, c.nyko ?? MUNICIPALITY, c.nyko ? names.get(c.nyko) ?? null : null, c.level, c.period, c.value]),
  });
  await port.setColumnWidths(sheet, [34, 14, 26, 6, 12, 34, 12]);
  await port.setPageSetup({ sheet, orientation: "landscape", fitToWidth: 1 });
  return { sheet, alarms: rows.length };
}

async function writeReporting(port: WorkbookPort, data: YearReportData, window: YearWindow): Promise<{ sheet: string; partners: number }> {
  const { inputs } = data;
  const sheet = await replaceOwnSheet(port, `yearreport:${inputs.year}:reporting`, `Inrapportering ${inputs.year}`);
  const year = String(inputs.year);
  const expected = window.lastMonth * 2;
  const partners = inputs.reporting?.partners ?? [];
  const lines = [
    ...headLines(inputs, `Inrapportering per part ${inputs.year}, som den senaste leveransomgången såg den`),
    inputs.reporting ? reportingHeadline(inputs.reporting) : "Leveranserna bär ingen uppgift om inrapporteringen.",
    `Andel: halvmånader av ${windowText(inputs.year, window.lastMonth)} (${expected}) som parten har rapporterat eller som huvudmannen har stängt.`,
  ];
  await port.writeTable({
    sheet,
    at: `A${lines.length + 1}`,
    name: tableName(inputs.year, "Inrapportering"),
    headerLines: lines,
    columns: [
      { header: "Part", numberFormat: "@" },
      { header: "Namn", numberFormat: "@" },
      { header: "Rapporterat till och med", numberFormat: "@" },
      { header: "Saknade halvmånader", numberFormat: "0" },
      { header: "Andel rapporterad %", numberFormat: "0.0" },
      { header: "Saknas", numberFormat: "@" },
    ],
    rows: partners.map((p) => {
      const missing = p.missing.filter((h) => h.startsWith(year) && Number(h.slice(5, 7)) <= window.lastMonth);
      return [p.org, p.name ?? null, p.reportedThrough ?? "inget", missing.length, round1(((expected - missing.length) / expected) * 100), missing.join(", ")];
    }),
  });
  await port.setColumnWidths(sheet, [18, 28, 22, 18, 18, 60]);
  await port.setPageSetup({ sheet, orientation: "landscape", fitToWidth: 1 });
  return { sheet, partners: partners.length };
}

async function writeInterventions(port: WorkbookPort, data: YearReportData): Promise<{ sheet: string; interventions: number }> {
  const { inputs } = data;
  const sheet = await replaceOwnSheet(port, `yearreport:${inputs.year}:interventions`, `Insatser ${inputs.year}`);
  const list = data.interventions ?? [];
  const names = new Map(inputs.areas.map((a) => [a.code, a.name]));
  const areaText = (codes: readonly string[]) => codes.map((c) => (names.get(c) ? `${c} ${names.get(c)}` : c)).join(", ");
  const pct = (x: number | null) => (x === null ? null : round1(x * 100));
  const rows: CellValue[][] = list.flatMap(({ intervention: x, evaluation }) =>
    evaluation.results.map((r) => [
      x.name,
      INTERVENTION_KINDS[x.kind] ?? x.kind,
      x.orgs.join(", "),
      areaText(x.areas),
      x.startDate,
      x.endDate,
      r.title,
      r.comparisonIsAllOthers ? "övriga områden" : areaText(r.comparisonAreas),
      pct(r.estimate),
      pct(r.low),
      pct(r.high),
      r.sentence,
    ]),
  );
  const lines = [
    ...headLines(inputs, `Insatser ${inputs.year} och deras utvärdering`),
    data.interventions === null
      ? `${NO_INTERVENTIONS} (Servern har inget register över insatser.)`
      : list.length === 0
        ? NO_INTERVENTIONS
        : `${list.length} insats${list.length === 1 ? "" : "er"} som pågick under ${inputs.year}. Utvärderingen jämför insatsområdena före och efter starten med jämförelseområdena (skillnad-i-skillnader i en Poissonmodell), bara med publicerade värden ur underlaget (${inputs.year - 1}–${inputs.year}); skyddade och saknade celler lämnas utanför.`,
  ];
  await port.writeTable({
    sheet,
    at: `A${lines.length + 1}`,
    name: tableName(inputs.year, "Insatser"),
    headerLines: lines,
    columns: [
      { header: "Insats", numberFormat: "@" },
      { header: "Slag", numberFormat: "@" },
      { header: "Organisationer", numberFormat: "@" },
      { header: "Insatsområden", numberFormat: "@" },
      { header: "Start", numberFormat: "@" },
      { header: "Slut", numberFormat: "@" },
      { header: "Indikator", numberFormat: "@" },
      { header: "Jämförelseområden", numberFormat: "@" },
      { header: "Förändring %", numberFormat: "0.0" },
      { header: "Låg %", numberFormat: "0.0" },
      { header: "Hög %", numberFormat: "0.0" },
      { header: "Utvärdering", numberFormat: "@" },
    ],
    rows,
  });
  await port.setColumnWidths(sheet, [28, 18, 22, 24, 11, 11, 28, 24, 12, 9, 9, 80]);
  await port.setPageSetup({ sheet, orientation: "landscape", fitToWidth: 1 });
  return { sheet, interventions: list.length };
}

/** Thrown when the year has no complete month to compare; the message is the Swedish text to show. */
export class YearReportError extends Error {}

/** Writes the whole yearly analysis; the summary sheet is selected at the end. */
export async function writeYearReport(port: WorkbookPort, data: YearReportData, stats: YearStats = NO_STATS): Promise<WrittenYearReport> {
  const window = data.inputs.window;
  if (data.inputs.unsuppressed !== false) throw new YearReportError("Årsrapporten görs bara av publicerade, röjandekontrollerade värden.");
  if (!window) {
    throw new YearReportError(`Ingen månad av ${data.inputs.year} är komplett inrapporterad av alla parter ännu, så året kan inte jämföras med ${data.inputs.year - 1}.`);
  }
  const summary = await writeSummary(port, data, window, stats);
  const maps = await writeMaps(port, data, window);
  const trends = await writeTrends(port, data, window);
  const alarms = await writeAlarms(port, data);
  const reporting = await writeReporting(port, data, window);
  const interventions = await writeInterventions(port, data);
  await port.selectCell(summary.sheet, "A1");
  return {
    sheets: [summary.sheet, maps.sheet, trends.sheet, alarms.sheet, reporting.sheet, interventions.sheet],
    summaryRows: summary.rows,
    maps: maps.maps,
    charts: trends.charts,
    alarms: alarms.alarms,
    partners: reporting.partners,
    interventions: interventions.interventions,
  };
}
