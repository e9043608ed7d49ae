// "Insatser": the register of interventions, for the huvudman and the partners. "Insatser" lists them (latest
// version of each); "Insats" is the form of one (new, or read in by its number) and "Spara insats" registers it or
// saves an edit as a new version; "Utvärdera insats" writes "Utvärdering N": each chosen indicator in the target
// areas before and after the start against the comparison areas, the difference-in-differences estimate with its
// 95 % interval and sentence (shared/interventions/evaluate.ts), the series and a chart. The evaluation reads only
// published, disclosure-controlled cells (GET /api/interventions/{id}/cells) and says how many it left out.
import { a1 } from "../../shared/grid/a1";
import type { CellValue } from "../../shared/grid/cell";
import { containsIdentifier } from "../../shared/deidentify/scan";
import { evaluateIntervention, type IndicatorEvaluation, type InterventionEvaluation } from "../../shared/interventions/evaluate";
import { stockholmDate, stockholmTime } from "../../shared/periods/stockholm";
import { PERIOD_TYPE_TEXT } from "../../shared/periods/text";
import { SUPPRESSED_MARK, MISSING_MARK } from "../../shared/protocol/delivery";
import { isIsoDate } from "../../shared/protocol/iso-date";
import { INTERVENTION_KINDS, type Intervention, type InterventionInput, type InterventionKind } from "../../shared/protocol/interventions";
import { IDENTIFYING_TEXT_MESSAGE } from "../../shared/protocol/safe-text";
import type { WorkbookPort } from "../../shared/protocol/workbook";
import { ownSheetFor, replaceOwnSheet } from "../../shared/workbook/own-sheets";
import { SyncError, type SyncClient } from "../sync-client";
import { markIssues, readTable, type SheetIssue } from "./admin-sheet";

export const LIST_SHEET = "Insatser";
export const FORM_SHEET = "Insats";
const LIST_KEY = "interventions:list";
const FORM_KEY = "interventions:form";
const FIELD_COLUMNS = ["Uppgift", "Värde"];
const FIELD_ROW = 4; // 1-based row of the form's header row

export const FIELDS = {
  id: "Insats nr",
  version: "Version",
  status: "Status",
  name: "Namn",
  kind: "Typ",
  orgs: "Organisationer",
  areas: "Insatsområden (NYKO)",
  start: "Start",
  end: "Slut",
  indicators: "Indikatorer",
  comparison: "Jämförelseområden (NYKO)",
  description: "Beskrivning",
} as const;
const ORDER: (keyof typeof FIELDS)[] = ["id", "version", "status", "name", "kind", "orgs", "areas", "start", "end", "indicators", "comparison", "description"];
/** The form's row of each field (1-based), below its header row. */
const rowOf = (field: keyof typeof FIELDS) => FIELD_ROW + 1 + ORDER.indexOf(field);
/** A server issue's path (`areas.1`) → the form field it is about. */
const FIELD_OF_PATH: Record<string, keyof typeof FIELDS> = {
  name: "name", kind: "kind", orgs: "orgs", areas: "areas", startDate: "start", endDate: "end", indicators: "indicators", comparisonAreas: "comparison", description: "description",
};
const STATUS_TEXT = { active: "Pågår eller planerad", archived: "Arkiverad" } as const;
const KIND_LABELS = Object.values(INTERVENTION_KINDS) as string[];

const list = (xs: readonly string[]) => xs.join(", ");
const split = (text: string) => text.split(/[,;\s]+/).map((x) => x.trim()).filter(Boolean);

/** "Insatser": every intervention, latest version. */
export async function writeInterventionsSheet(port: WorkbookPort, client: SyncClient, now: Date = new Date()): Promise<{ sheet: string; count: number }> {
  const all = await client.interventions();
  const sheet = await replaceOwnSheet(port, LIST_KEY, LIST_SHEET);
  await port.writeTable({
    sheet, at: "A4", name: "LagesbildInsatser",
    headerLines: [
      `Insatser: ${all.length} (${all.filter((i) => i.status === "active").length} pågående eller planerade)`,
      `Hämtat ${stockholmTime(now.toISOString())}. Läs in en insats med dess nummer i fönstret för att ändra eller utvärdera den; varje ändring blir en ny version.`,
    ],
    columns: ["Nr", "Version", "Status", "Namn", "Typ", "Organisationer", "Insatsområden", "NYKO-nivå", "Start", "Slut", "Indikatorer", "Jämförelseområden", "Beskrivning", "Registrerad av", "Ändrad"].map(
      (header) => ({ header, numberFormat: ["Nr", "Version", "NYKO-nivå"].includes(header) ? "0" : "@" }),
    ),
    rows: all.map((i) => [
      i.id, i.version, STATUS_TEXT[i.status], i.name, INTERVENTION_KINDS[i.kind], list(i.orgs), list(i.areas), i.level, i.startDate, i.endDate ?? "pågår",
      list(i.indicators), i.comparisonAreas.length ? list(i.comparisonAreas) : "övriga områden", i.description, i.owner, stockholmTime(i.changedAt),
    ]),
  });
  return { sheet, count: all.length };
}

/** "Insats": the form of intervention `view`, or an empty one starting today. */
export async function writeInterventionForm(port: WorkbookPort, view: Intervention | null, options: { org?: string; now?: Date } = {}): Promise<string> {
  const sheet = await replaceOwnSheet(port, FORM_KEY, FORM_SHEET);
  const values: Record<keyof typeof FIELDS, CellValue> = {
    id: view?.id ?? "",
    version: view?.version ?? "",
    status: view ? STATUS_TEXT[view.status] : "Ny",
    name: view?.name ?? "",
    kind: view ? INTERVENTION_KINDS[view.kind] : "",
    orgs: view ? list(view.orgs) : (options.org ?? ""),
    areas: view ? list(view.areas) : "",
    start: view?.startDate ?? stockholmDate(options.now ?? new Date()),
    end: view?.endDate ?? "",
    indicators: view ? list(view.indicators) : "",
    comparison: view ? list(view.comparisonAreas) : "",
    description: view?.description ?? "",
  };
  await port.writeTable({
    sheet, at: `A${FIELD_ROW}`, name: "LagesbildInsats",
    headerLines: [
      view ? `Insats ${view.id}, version ${view.version}` : "Ny insats",
      "Organisationer och indikatorer anges med id, områden med NYKO-kod, flera med komma emellan. Alla insatsområden på samma NYKO-nivå; jämförelseområden tomt = övriga områden på samma nivå.",
      "Inga personuppgifter: namn och beskrivning gäller verksamheten, aldrig enskilda personer. Tryck Spara insats (en ändring blir en ny version).",
    ],
    columns: FIELD_COLUMNS.map((header) => ({ header, numberFormat: "@" })),
    rows: ORDER.map((f) => [FIELDS[f], values[f]]),
  });
  await port.addDropdown({ sheet, range: `B${rowOf("kind")}`, values: KIND_LABELS });
  await port.setColumnWidths(sheet, [28, 70]);
  await port.selectCell(sheet, `B${rowOf(view ? "name" : "name")}`);
  return sheet;
}

export type ReadForm = { ok: true; id: number | null; version: number | null; input: InterventionInput } | { ok: false; issues: SheetIssue[] };

/** Reads the form; every problem names its cell. */
export async function readInterventionForm(port: WorkbookPort, sheet: string): Promise<ReadForm> {
  const table = await readTable(port, sheet, FIELD_COLUMNS);
  if (!table) return { ok: false, issues: [{ cell: "A1", message: "Bladet är inte ett insatsblad. Skriv det igen." }] };
  const row = (f: keyof typeof FIELDS) => table.rows.find((r) => r.get("Uppgift") === FIELDS[f]);
  const value = (f: keyof typeof FIELDS) => row(f)?.get("Värde") ?? "";
  const cell = (f: keyof typeof FIELDS) => row(f)?.cell("Värde") ?? `B${rowOf(f)}`;
  const issues: SheetIssue[] = [];
  const need = (f: keyof typeof FIELDS, ok: boolean, message: string) => {
    if (!ok) issues.push({ cell: cell(f), message });
  };
  const kindByLabel = new Map<string, InterventionKind>((Object.keys(INTERVENTION_KINDS) as InterventionKind[]).map((k) => [INTERVENTION_KINDS[k].toLowerCase(), k]));
  const kind = kindByLabel.get(value("kind").toLowerCase()) ?? (value("kind") in INTERVENTION_KINDS ? (value("kind") as InterventionKind) : undefined);
  const areas = split(value("areas"));
  const comparison = split(value("comparison"));
  const nyko = (xs: string[]) => xs.every((x) => /^[0-9]{1,12}$/.test(x));
  need("name", value("name").length > 0, "Ange insatsens namn.");
  need("kind", kind !== undefined, `Välj typ ur listan: ${KIND_LABELS.join(", ")}.`);
  need("orgs", split(value("orgs")).length > 0, "Ange minst en organisation (id, t.ex. polisen).");
  need("areas", areas.length > 0 && nyko(areas), "Ange insatsområdenas NYKO-koder (siffror, med komma emellan).");
  need("start", isIsoDate(value("start")), "Ange startdatum (ÅÅÅÅ-MM-DD).");
  need("end", value("end") === "" || (isIsoDate(value("end")) && value("end") >= value("start")), "Slutdatum ska vara ett datum (ÅÅÅÅ-MM-DD) efter starten, eller tomt om insatsen pågår.");
  need("indicators", split(value("indicators")).length > 0, "Ange minst en indikator (id) som insatsen ska påverka.");
  need("comparison", nyko(comparison), "Jämförelseområden anges med NYKO-kod, eller tomt för övriga områden.");
  for (const f of ["name", "description"] as const) if (containsIdentifier(value(f))) issues.push({ cell: cell(f), message: IDENTIFYING_TEXT_MESSAGE });
  if (issues.length) return { ok: false, issues };
  const idText = value("id");
  const versionText = value("version");
  return {
    ok: true,
    id: /^\d+$/.test(idText) ? Number(idText) : null,
    version: /^\d+$/.test(versionText) ? Number(versionText) : null,
    input: {
      name: value("name"),
      kind: kind as InterventionKind,
      orgs: split(value("orgs")),
      areas,
      startDate: value("start"),
      endDate: value("end") || null,
      description: value("description"),
      indicators: split(value("indicators")),
      comparisonAreas: comparison,
    },
  };
}

export type SaveResult = { ok: true; sheet: string; intervention: Intervention } | { ok: false; sheet: string; issues: SheetIssue[] };

/** The server's refusal as issues at the form's cells (a field path names its row), or its message. */
function serverIssues(e: unknown): SheetIssue[] | null {
  if (!(e instanceof SyncError)) return null;
  const details = e.details as { message?: string; issues?: { path: string; message: string }[] } | undefined;
  if (details?.issues?.length)
    return details.issues.map((i) => ({ cell: `B${rowOf(FIELD_OF_PATH[i.path.split(".")[0]] ?? "name")}`, message: i.message }));
  return details?.message ? [{ cell: `B${rowOf("id")}`, message: details.message }] : null;
}

/** "Spara insats": registers the form's intervention, or saves an edit as a new version; rewrites the form. */
export async function saveInterventionForm(port: WorkbookPort, client: SyncClient): Promise<SaveResult> {
  const sheet = await ownSheetFor(port, FORM_KEY);
  if (!sheet) throw new Error("Skriv insatsbladet först.");
  const read = await readInterventionForm(port, sheet);
  if (!read.ok) {
    await markIssues(port, sheet, read.issues);
    return { ok: false, sheet, issues: read.issues };
  }
  let saved: Intervention;
  try {
    saved = read.id === null ? await client.registerIntervention(read.input) : await client.updateIntervention(read.id, read.version ?? 1, read.input);
  } catch (e) {
    const issues = serverIssues(e);
    if (!issues) throw e;
    await markIssues(port, sheet, issues);
    return { ok: false, sheet, issues };
  }
  await writeInterventionForm(port, saved);
  return { ok: true, sheet, intervention: saved };
}

/** The intervention number on the form, if it has been saved. */
export async function formInterventionId(port: WorkbookPort): Promise<number | null> {
  const sheet = await ownSheetFor(port, FORM_KEY);
  if (!sheet) return null;
  const read = await readTable(port, sheet, FIELD_COLUMNS);
  const id = read?.rows.find((r) => r.get("Uppgift") === FIELDS.id)?.get("Värde") ?? "";
  return /^\d+$/.test(id) ? Number(id) : null;
}

const pct = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 10);
const round = (x: number | null) => (x === null ? null : Math.round(x * 100) / 100);
const VERDICT_TEXT: Record<IndicatorEvaluation["verdict"], string> = {
  decrease: "Minskning",
  increase: "Ökning",
  "no-clear-change": "Ingen säker förändring",
  insufficient: "För lite underlag",
};

/** Rows of one indicator's series block (header + one row per period), and where its chart goes. */
function seriesRows(r: IndicatorEvaluation): CellValue[][] {
  return r.series.map((p) => [p.period, p.target === null ? null : round(p.target), p.comparison === null ? null : round(p.comparison), p.phase === "after" ? "efter" : "före"]);
}

/** Writes "Utvärdering N" from an evaluation (plain data, as the yearly report gets it too). */
export async function writeEvaluationSheet(port: WorkbookPort, intervention: Intervention, ev: InterventionEvaluation, source: string, now: Date = new Date()): Promise<string> {
  const sheet = await replaceOwnSheet(port, `interventions:evaluation:${intervention.id}`, `Utvärdering ${intervention.id}`);
  const used = ev.results.reduce((s, r) => s + r.cells.used, 0);
  const suppressed = ev.results.reduce((s, r) => s + r.cells.suppressed, 0);
  const missing = ev.results.reduce((s, r) => s + r.cells.missing, 0);
  const compared = ev.results[0]?.comparisonIsAllOthers === false ? `jämförelseområdena ${list(intervention.comparisonAreas)}` : `övriga områden på NYKO-nivå ${intervention.level}`;
  const headerLines = [
    `Utvärdering av insats ${intervention.id}: ${intervention.name} (version ${intervention.version})`,
    `Start ${intervention.startDate}, slut ${intervention.endDate ?? "pågår"}. Insatsområden ${list(intervention.areas)} (NYKO ${intervention.level}) jämförs med ${compared}.`,
    ...ev.results.map((r) => r.sentence),
    `Bara publicerade, röjandekontrollerade värden används: ${used} celler. Utelämnade: ${suppressed} skyddade (${SUPPRESSED_MARK}) och ${missing} ej inrapporterade (${MISSING_MARK}).`,
    `Metod: skillnad i skillnader (Poissonmodell med område och period, kvasi-Poisson-skala), 95 % konfidensintervall; förutsätter parallella trender. Källa: ${source || "leveranser"}, beräknat ${stockholmTime(now.toISOString())}.`,
  ];
  const top = headerLines.length + 1;
  const resultRows: CellValue[][] = ev.results.map((r) => [
    r.title, VERDICT_TEXT[r.verdict], pct(r.estimate), pct(r.low), pct(r.high), r.periodType ? PERIOD_TYPE_TEXT[r.periodType] : "",
    r.before ? `${r.before.from}–${r.before.to}` : "", r.after ? `${r.after.from}–${r.after.to}` : "",
    round(r.means.targetBefore), round(r.means.targetAfter), round(r.means.comparisonBefore), round(r.means.comparisonAfter),
    r.cells.used, r.cells.suppressed, r.cells.missing,
  ]);
  await port.writeTable({
    sheet, at: `A${top}`, name: `LagesbildUtvardering${intervention.id}`, headerLines,
    columns: [
      ["Indikator", "@"], ["Slutsats", "@"], ["Förändring (%)", "0.0"], ["KI låg (%)", "0.0"], ["KI hög (%)", "0.0"], ["Periodtyp", "@"], ["Före", "@"], ["Efter", "@"],
      ["Insatsområden före", "0.00"], ["Insatsområden efter", "0.00"], ["Jämförelse före", "0.00"], ["Jämförelse efter", "0.00"],
      ["Använda celler", "0"], ["Skyddade celler", "0"], ["Saknade celler", "0"],
    ].map(([header, numberFormat]) => ({ header, numberFormat })),
    rows: resultRows,
  });
  // One block per indicator: the mean per area and period in the target and comparison areas, and its chart.
  let row = top + resultRows.length + 3;
  for (const [i, r] of ev.results.entries()) {
    const rows = seriesRows(r);
    if (rows.length === 0) continue;
    await port.writeTable({
      sheet, at: `A${row}`, name: `LagesbildUtvarderingSerie${intervention.id}x${i + 1}`,
      headerLines: [`${r.title}: medelvärde per område och ${r.periodType ? PERIOD_TYPE_TEXT[r.periodType] : "period"} (tomt = inget publicerat värde)`],
      columns: [["Period", "@"], ["Insatsområden", "0.00"], ["Jämförelseområden", "0.00"], ["Fas", "@"]].map(([header, numberFormat]) => ({ header, numberFormat })),
      rows,
    });
    await port.addChart({
      sheet, title: `${r.title}: insatsområden och jämförelse (start ${intervention.startDate})`, dataRange: `A${row}:C${row + rows.length}`, at: a1(row - 1, 5), kind: "line",
      categoryTitle: `Period (${r.periodType ? PERIOD_TYPE_TEXT[r.periodType] : ""})`, valueTitle: "Medel per område",
    });
    row += Math.max(rows.length + 4, 22);
  }
  await port.selectCell(sheet, "A1");
  return sheet;
}

/** "Utvärdera insats": fetches the intervention and its published cells, evaluates, writes the sheet. */
export async function evaluateInterventionSheet(port: WorkbookPort, client: SyncClient, id: number, now: Date = new Date()): Promise<{ sheet: string; evaluation: InterventionEvaluation }> {
  const intervention = await client.intervention(id);
  const data = await client.interventionCells(id);
  const titles = Object.fromEntries(data.definitions.map((d) => [d.id, d.title]));
  const evaluation = evaluateIntervention(intervention, data.cells, { titles });
  const sheet = await writeEvaluationSheet(port, intervention, evaluation, data.source, now);
  return { sheet, evaluation };
}
