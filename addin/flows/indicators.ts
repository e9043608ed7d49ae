// "Indikatorer" (huvudman): the current indicator definitions, one row each, with the grain the data suggests.
// The huvudman edits a row (or adds one) and sets Spara = Ja; "Spara indikatorer" parses those rows, validates them
// with the indicator zod schema (shared/indicators), marks every issue at its cell and posts the valid ones as a
// new indicator or a new version (the server numbers it).
//
// Filters are written as text: `mall [org, org]: nyckel = värde, värde & nyckel = värde; mall2: …`
// (filters separated by `;`, conditions by `&`, accepted values by `,`; the organisation list is optional).
import type { CellValue } from "../../shared/grid/cell";
import { grainStepsText, grainText, parseGrainSteps } from "../../shared/indicators/grain";
import { PERIOD_TYPE_TEXT, periodTypeOfText } from "../../shared/periods/text";
import { indicatorDefinitionSchema, type Denominator, type RowFilter } from "../../shared/indicators/schema";
import type { PeriodType } from "../../shared/protocol/delivery";
import type { WorkbookPort } from "../../shared/protocol/workbook";
import type { GrainSuggestionResponse, StoredIndicator } from "../admin-api";
import { SyncError, type SyncClient } from "../sync-client";
import { columnRange, NO, readTable, YES, type SheetIssue, type TableRow } from "./admin-sheet";
import { ownSheetFor, replaceOwnSheet } from "../../shared/workbook/own-sheets";

export const INDICATORS_SHEET = "Indikatorer";
const KEY = "admin:indicators";
export const INDICATOR_COLUMNS = [
  "Id", "Version", "Titel", "Beskrivning", "Enhet", "Täljare", "Mått", "Urval", "Nämnare", "Nämnarmått", "Nämnarurval", "Över tid",
  "Faktor", "Periodtyper", "Finaste nivå", "Finaste period", "Finare perioder", "Flera aktörer", "Föreslaget av data", "Spara", "Resultat",
] as const;
type Column = (typeof INDICATOR_COLUMNS)[number];
const HEADER_ROW = 4; // 0-based: four header lines above
const EXTRA_ROWS = 10; // empty rows with dropdowns for new indicators

const NUMERATOR = { count: "antal", sum: "summa" } as const;
const DENOMINATOR = { none: "ingen", population: "befolkning", measure: "mått" } as const;
const FACTOR = { none: "ingen", per1000: "per 1 000", percent: "procent" } as const;
const OVER_TIME = { sum: "summa", mean: "medel" } as const;
const periodName = (p: PeriodType) => PERIOD_TYPE_TEXT[p];
const keyOf = <T extends Record<string, string>>(map: T, text: string) => (Object.keys(map) as (keyof T & string)[]).find((k) => map[k].toLowerCase() === text.trim().toLowerCase());

export function formatFilters(filters: readonly RowFilter[]): string {
  return filters
    .map((f) => {
      const orgs = f.orgs ? ` [${f.orgs.join(", ")}]` : "";
      const where = Object.entries(f.where).map(([k, values]) => `${k} = ${values.join(", ")}`).join(" & ");
      return `${f.templateId}${orgs}${where ? `: ${where}` : ""}`;
    })
    .join("; ");
}

export function parseFilters(text: string): { ok: true; value: RowFilter[] } | { ok: false; message: string } {
  const out: RowFilter[] = [];
  for (const part of text.split(";").map((s) => s.trim()).filter(Boolean)) {
    const m = /^([^:[\]]+?)\s*(?:\[([^\]]*)\])?\s*(?::(.*))?$/.exec(part);
    if (!m) return { ok: false, message: `Kan inte läsa urvalet ”${part}”. Skriv mall [org, org]: nyckel = värde, värde & nyckel = värde.` };
    const where: Record<string, string[]> = {};
    for (const cond of (m[3] ?? "").split("&").map((s) => s.trim()).filter(Boolean)) {
      const i = cond.indexOf("=");
      if (i <= 0) return { ok: false, message: `Villkoret ”${cond}” saknar ”=” (skriv nyckel = värde, värde).` };
      where[cond.slice(0, i).trim()] = cond.slice(i + 1).split(",").map((s) => s.trim()).filter(Boolean);
    }
    const orgs = m[2]?.split(",").map((s) => s.trim()).filter(Boolean);
    out.push({ templateId: m[1].trim(), ...(orgs && orgs.length ? { orgs } : {}), where });
  }
  if (out.length === 0) return { ok: false, message: "Urvalet är tomt: ange minst en mall." };
  return { ok: true, value: out };
}

function suggestionText(s: GrainSuggestionResponse | undefined): string {
  if (!s) return "";
  return `${grainText(s.grain)} (${Math.round(s.smallShareOfNonZero * 100)} % små tal)`;
}

function rowOf(d: StoredIndicator, suggestion: GrainSuggestionResponse | undefined, result: string): CellValue[] {
  const den = d.denominator;
  return [
    d.id, d.version, d.title, d.description, d.unit,
    NUMERATOR[d.numerator.kind], d.numerator.kind === "sum" ? d.numerator.measure : "", formatFilters(d.numerator.match),
    DENOMINATOR[den?.kind ?? "none"], den?.kind === "population" ? den.band : den?.kind === "measure" ? den.measure : "",
    den?.kind === "measure" ? formatFilters(den.match) : "", den?.kind === "measure" ? OVER_TIME[den.overTime] : "",
    FACTOR[d.factor], d.periodTypes.map(periodName).join(", "), d.grain.level, periodName(d.grain.periodType),
    grainStepsText(d.grain.steps ?? []), d.crossPartner ? YES : NO,
    suggestionText(suggestion), "", result,
  ];
}

/** Writes the indicator sheet; `results` fills the Resultat column by indicator id. */
export async function writeIndicatorsSheet(port: WorkbookPort, client: SyncClient, results: ReadonlyMap<string, string> = new Map()): Promise<string> {
  const indicators = [...(await client.indicators())].sort((a, b) => a.title.localeCompare(b.title, "sv"));
  const suggestions = new Map<string, GrainSuggestionResponse>();
  await Promise.all(indicators.map(async (d) => {
    try {
      suggestions.set(d.id, await client.grainSuggestion(d.id));
    } catch {
      // No data yet for this indicator: no suggestion.
    }
  }));
  const sheet = await replaceOwnSheet(port, KEY, INDICATORS_SHEET);
  const rows = indicators.map((d) => rowOf(d, suggestions.get(d.id), results.get(d.id) ?? ""));
  await port.writeTable({
    sheet, at: `A${HEADER_ROW + 1}`, name: "LagesbildIndikatorer",
    headerLines: [
      `Indikatorer (${indicators.length}). Ändra en rad eller skriv en ny längst ned, välj Spara = Ja och tryck Spara indikatorer: varje ändring blir en ny version.`,
      "Urval: mall [org, org]: nyckel = värde, värde & nyckel = värde; nästa mall … (organisationerna är valfria). Nämnarmått: totalt, alder_0_17 eller alder_18_24 för befolkning, annars måttets nyckel.",
      "Periodtyper: halvmånad, månad, kvartal, år eller läsår, kommaseparerade och inbäddade i varandra. Finaste nivå och period: det finaste som publiceras för aktörer. Finare perioder på grövre nivåer: till exempel NYKO-2 per månad, NYKO-1 per halvmånad.",
      "Föreslaget av data: den finaste nivå där högst 15 % av cellerna med värden är små tal (1–2).",
    ],
    columns: INDICATOR_COLUMNS.map((header) => ({ header, numberFormat: header === "Version" || header === "Finaste nivå" ? "0" : "@" })),
    rows,
  });
  const first = HEADER_ROW + 1;
  const count = rows.length + EXTRA_ROWS;
  const dropdown = async (column: Column, values: string[]) => port.addDropdown({ sheet, range: columnRange(first, INDICATOR_COLUMNS.indexOf(column), count), values });
  await dropdown("Täljare", Object.values(NUMERATOR));
  await dropdown("Nämnare", Object.values(DENOMINATOR));
  await dropdown("Över tid", Object.values(OVER_TIME));
  await dropdown("Faktor", Object.values(FACTOR));
  await dropdown("Finaste nivå", ["1", "2", "3"]);
  await dropdown("Finaste period", Object.values(PERIOD_TYPE_TEXT));
  await dropdown("Flera aktörer", [YES, NO]);
  await dropdown("Spara", [YES]);
  await port.selectCell(sheet, columnRange(first, 0, 1).split(":")[0]);
  return sheet;
}

/** The zod path of an issue → the column that holds it. */
function columnOfPath(path: readonly PropertyKey[]): Column {
  const [a, b] = path.map(String);
  if (a === "numerator") return b === "measure" ? "Mått" : b === "kind" ? "Täljare" : "Urval";
  if (a === "denominator") return b === "band" || b === "measure" ? "Nämnarmått" : b === "match" ? "Nämnarurval" : b === "overTime" ? "Över tid" : "Nämnare";
  if (a === "grain") return b === "level" ? "Finaste nivå" : b === "steps" ? "Finare perioder" : "Finaste period";
  const direct: Record<string, Column> = { id: "Id", title: "Titel", description: "Beskrivning", unit: "Enhet", factor: "Faktor", periodTypes: "Periodtyper", crossPartner: "Flera aktörer", version: "Version" };
  return direct[a] ?? "Id";
}

export type ParsedRow = { ok: true; id: string; definition: unknown } | { ok: false; issues: SheetIssue[] };

/** One row of the sheet → a definition (without version), validated with the indicator schema. */
export function parseIndicatorRow(r: TableRow): ParsedRow {
  const issues: SheetIssue[] = [];
  const bad = (column: Column, message: string) => issues.push({ cell: r.cell(column), message: `${column}: ${message}` });
  const enumOf = <T extends Record<string, string>>(map: T, column: Column, fallback?: keyof T & string) => {
    const text = r.get(column);
    if (!text && fallback) return fallback;
    const k = keyOf(map, text);
    if (!k) bad(column, `välj ${Object.values(map).join(", ")} (inte ”${text}”).`);
    return k;
  };
  const numeratorKind = enumOf(NUMERATOR, "Täljare", "count");
  const match = parseFilters(r.get("Urval"));
  if (!match.ok) bad("Urval", match.message);
  const denominatorKind = enumOf(DENOMINATOR, "Nämnare", "none");
  let denominator: Denominator | Record<string, unknown> | undefined;
  if (denominatorKind === "population") denominator = { kind: "population", band: r.get("Nämnarmått") };
  if (denominatorKind === "measure") {
    const dm = parseFilters(r.get("Nämnarurval"));
    if (!dm.ok) bad("Nämnarurval", dm.message);
    denominator = { kind: "measure", measure: r.get("Nämnarmått"), match: dm.ok ? dm.value : [], overTime: enumOf(OVER_TIME, "Över tid", "sum") };
  }
  const periodTypes: PeriodType[] = [];
  for (const p of r.get("Periodtyper").split(",").map((s) => s.trim()).filter(Boolean)) {
    const t = periodTypeOfText(p);
    if (t) periodTypes.push(t);
    else bad("Periodtyper", `okänd periodtyp ”${p}” (halvmånad, månad, kvartal, år, läsår).`);
  }
  const grainPeriod = periodTypeOfText(r.get("Finaste period"));
  if (!grainPeriod) bad("Finaste period", `okänd periodtyp ”${r.get("Finaste period")}”.`);
  const steps = parseGrainSteps(r.get("Finare perioder"));
  if (!steps.ok) bad("Finare perioder", steps.message);
  const cross = r.get("Flera aktörer").toLowerCase();
  if (cross && cross !== YES.toLowerCase() && cross !== NO.toLowerCase()) bad("Flera aktörer", `skriv ${YES} eller ${NO}.`);
  const measure = r.get("Mått");
  const definition = {
    id: r.get("Id"), version: 1, title: r.get("Titel"), description: r.get("Beskrivning"), unit: r.get("Enhet"),
    numerator: numeratorKind === "sum" ? { kind: "sum", measure, match: match.ok ? match.value : [] } : { kind: "count", match: match.ok ? match.value : [] },
    ...(denominator ? { denominator } : {}),
    factor: enumOf(FACTOR, "Faktor", "none"),
    periodTypes,
    grain: { level: Number(r.get("Finaste nivå")), periodType: grainPeriod ?? "", ...(steps.ok && steps.value.length > 0 ? { steps: steps.value } : {}) },
    crossPartner: cross === YES.toLowerCase(),
  };
  if (numeratorKind === "count" && measure) bad("Mått", "anges bara när täljaren är summa.");
  const parsed = indicatorDefinitionSchema.safeParse(definition);
  if (!parsed.success)
    for (const i of parsed.error.issues) {
      const column = columnOfPath(i.path);
      // Issues of a part already reported (an unreadable filter, an unknown period type) are not repeated.
      if (issues.some((x) => x.cell === r.cell(column))) continue;
      bad(column, i.message);
    }
  if (issues.length > 0) return { ok: false, issues };
  const { version: _version, ...rest } = parsed.data!;
  void _version;
  return { ok: true, id: rest.id, definition: rest };
}

export type IndicatorsSaveResult =
  | { ok: false; sheet: string; issues: SheetIssue[] }
  | { ok: true; sheet: string; saved: { id: string; version: number }[]; refused: { id: string; message: string }[] };

/** "Spara indikatorer": the rows with Spara = Ja, validated; all or nothing locally, then posted one by one. */
export async function saveIndicators(port: WorkbookPort, client: SyncClient): Promise<IndicatorsSaveResult> {
  const sheet = await ownSheetFor(port, KEY);
  if (!sheet) throw new Error("Skriv indikatorbladet först.");
  const table = await readTable(port, sheet, ["Id", "Version", "Titel"]);
  if (!table) return { ok: false, sheet, issues: [{ cell: "A1", message: "Bladet saknar tabellen. Skriv indikatorbladet igen." }] };
  const chosen = table.rows.filter((r) => r.get("Spara") !== "");
  const issues: SheetIssue[] = [];
  const definitions: { id: string; definition: unknown }[] = [];
  for (const r of chosen) {
    if (r.get("Spara").toLowerCase() !== YES.toLowerCase()) {
      issues.push({ cell: r.cell("Spara"), message: `Spara: skriv ${YES} eller lämna tomt.` });
      continue;
    }
    const parsed = parseIndicatorRow(r);
    if (parsed.ok) definitions.push(parsed);
    else issues.push(...parsed.issues);
  }
  if (issues.length > 0) return { ok: false, sheet, issues };
  const saved: { id: string; version: number }[] = [];
  const refused: { id: string; message: string }[] = [];
  const results = new Map<string, string>();
  for (const d of definitions) {
    try {
      const stored = await client.postIndicator(d.definition);
      saved.push({ id: stored.id, version: stored.version });
      results.set(stored.id, `Sparad som version ${stored.version}`);
    } catch (e) {
      const details = e instanceof SyncError ? (e.details as { issues?: { message?: string }[] } | undefined) : undefined;
      const message = `Ej sparat: ${details?.issues?.map((i) => i.message).join(" ") || (e as Error).message}`;
      refused.push({ id: d.id, message });
      results.set(d.id, message);
    }
  }
  if (refused.length === 0) return { ok: true, sheet: await writeIndicatorsSheet(port, client, results), saved, refused };
  // Something was refused: keep the huvudman's rows as typed, and write each outcome beside its row.
  await port.clearMarks(sheet);
  for (const r of chosen) {
    const message = results.get(r.get("Id"));
    if (message) await port.writeValues(sheet, r.cell("Resultat"), [[message]]);
  }
  const marks = chosen.filter((r) => results.get(r.get("Id"))?.startsWith("Ej sparat")).map((r) => ({ cell: r.cell("Resultat"), fill: "#FDE7E9", note: results.get(r.get("Id")) }));
  if (marks.length) await port.markCells(sheet, marks);
  return { ok: true, sheet, saved, refused };
}
