// "Begäran" (huvudman): a request for public documents (allmän handling). The sheet holds the request (when it came
// in, who asks, what is asked for, the deadline) and its parts: each row either released (Utlämna = Ja: indicator,
// area levels, period type, periods) or not released (Utlämna = Nej: the part, the legal ground from the list, a
// comment). "Granska begäran" registers the request if it is new, sends the composition, runs the disclosure review
// on the server (together with everything published before) and writes what passed into the sheet "Utlämnande".
// The decision (bifall, delvis bifall, avslag) is made in the pane. "Begäranden" lists the register.
import type { CellValue } from "../../shared/grid/cell";
import { stockholmDate, stockholmTime } from "../../shared/periods/stockholm";
import { isValidPeriod, periodTypeOf } from "../../shared/periods/period";
import { PERIOD_TYPE_TEXT, periodTypeOfText } from "../../shared/periods/text";
import { isIsoDate } from "../../shared/protocol/iso-date";
import { SUPPRESSED_MARK } from "../../shared/protocol/delivery";
import { LEGAL_GROUNDS, type Composition, type LegalGround, type ReleaseItem, type RequestView } from "../../shared/protocol/requests";
import type { WorkbookPort } from "../../shared/protocol/workbook";
import { ownSheetFor, replaceOwnSheet } from "../../shared/workbook/own-sheets";
import type { SyncClient } from "../sync-client";
import { refusalText } from "../messages";
import { columnRange, markIssues, NO, readTable, YES, type SheetIssue } from "./admin-sheet";

export const REQUEST_SHEET = "Begäran";
export const RELEASE_SHEET = "Utlämnande";
export const REGISTER_SHEET = "Begäranden";
const KEY = "admin:request";
const RELEASE_KEY = "admin:request-release";
const REGISTER_KEY = "admin:requests";

export const FIELD_COLUMNS = ["Uppgift", "Värde"];
export const PART_COLUMNS = ["Utlämna", "Indikator eller del", "Nivåer", "Periodtyp", "Perioder", "Grund", "Kommentar"];
const FIELDS = { id: "Begäran nr", received: "Inkom", requester: "Vem begär", subject: "Vad begärs", deadline: "Sista dag", status: "Status" } as const;
const FIELD_ROW = 3; // 0-based header row of the fields table
const PART_ROW = 12; // 0-based header row of the parts table
const EMPTY_PART_ROWS = 8;

const STATUS_TEXT: Record<RequestView["status"], string> = { registered: "Registrerad", composed: "Sammanställd", reviewed: "Granskad", decided: "Beslutad" };
export const DECISION_TEXT = { bifall: "Bifall", "delvis-bifall": "Delvis bifall", avslag: "Avslag" } as const;
const GROUND_LABELS = Object.values(LEGAL_GROUNDS) as string[];

function levelsText(levels: readonly number[]): string {
  return levels.map((l) => (l === 0 ? "Kommun" : `NYKO ${l}`)).join(", ");
}

/** Writes the request form: request `view`, or an empty one received today. */
export async function writeRequestSheet(port: WorkbookPort, view: RequestView | null, now: Date = new Date()): Promise<string> {
  const sheet = await replaceOwnSheet(port, KEY, REQUEST_SHEET);
  const fields: CellValue[][] = [
    [FIELDS.id, view ? view.id : ""],
    [FIELDS.received, view ? view.receivedDate : stockholmDate(now)],
    [FIELDS.requester, view?.requester ?? ""],
    [FIELDS.subject, view?.subject ?? ""],
    [FIELDS.deadline, view?.deadline ?? ""],
    [FIELDS.status, view ? `${STATUS_TEXT[view.status]}${view.decision ? `: ${DECISION_TEXT[view.decision]}` : ""}${view.overdue ? " (försenad)" : ""}` : "Ny"],
  ];
  await port.writeTable({
    sheet, at: `A${FIELD_ROW + 1}`, name: "LagesbildBegaran",
    headerLines: [
      "Begäran om allmän handling",
      "Fyll i när begäran kom in, vem som begär (namn eller organisation, inga personnummer eller kontaktuppgifter) och vad som begärs. Sista dag blir nästa arbetsdag om den lämnas tom.",
      "Under Delar: en rad per del. Utlämna = Ja: indikator, nivåer (Kommun, NYKO 1–3), periodtyp och perioder. Utlämna = Nej: delen, grunden ur listan och en kommentar. Tryck Granska begäran.",
    ],
    columns: FIELD_COLUMNS.map((header) => ({ header, numberFormat: "@" })),
    rows: fields,
  });
  const items = view?.composition?.items ?? [];
  const refused = view?.composition?.refused ?? [];
  const partRows: CellValue[][] = [
    ...items.map((i) => [YES, i.indicator, levelsText(i.levels), PERIOD_TYPE_TEXT[i.periodType], i.periods.join(", "), "", ""]),
    ...refused.map((r) => [NO, r.part, "", "", "", LEGAL_GROUNDS[r.ground], r.comment]),
    ...Array.from({ length: EMPTY_PART_ROWS }, () => ["", "", "", "", "", "", ""]),
  ];
  await port.writeTable({
    sheet, at: `A${PART_ROW + 1}`, name: "LagesbildBegaranDelar",
    headerLines: ["Delar"],
    columns: PART_COLUMNS.map((header) => ({ header, numberFormat: "@" })),
    rows: partRows,
  });
  const first = PART_ROW + 1;
  await port.addDropdown({ sheet, range: columnRange(first, 0, partRows.length), values: [YES, NO] });
  await port.addDropdown({ sheet, range: columnRange(first, 3, partRows.length), values: Object.values(PERIOD_TYPE_TEXT) });
  await port.addDropdown({ sheet, range: columnRange(first, 5, partRows.length), values: GROUND_LABELS });
  await port.selectCell(sheet, view ? `A${first + 1}` : "B6");
  return sheet;
}

export type ReadRequest =
  | { ok: true; id: number | null; register: { receivedDate: string; requester: string; subject: string; deadline?: string }; composition: Composition }
  | { ok: false; issues: SheetIssue[] };

function parseLevels(text: string): number[] | null {
  const out = new Set<number>();
  for (const part of text.split(/[,;]/).map((x) => x.trim().toLowerCase()).filter(Boolean)) {
    const m = /^(?:nyko\s*)?([0-3])$/.exec(part);
    if (part === "kommun") out.add(0);
    else if (m) out.add(Number(m[1]));
    else return null;
  }
  return out.size ? [...out].sort() : null;
}

/** Reads the request form; every problem names its cell. */
export async function readRequestSheet(port: WorkbookPort, sheet: string): Promise<ReadRequest> {
  const issues: SheetIssue[] = [];
  const fields = await readTable(port, sheet, FIELD_COLUMNS);
  const parts = await readTable(port, sheet, PART_COLUMNS.slice(0, 2));
  if (!fields || !parts) return { ok: false, issues: [{ cell: "A1", message: "Bladet är inte ett begäransblad. Skriv det igen." }] };
  const field = (label: string) => fields.rows.find((r) => r.get("Uppgift") === label);
  const value = (label: string) => field(label)?.get("Värde") ?? "";
  const need = (label: string, test: (v: string) => boolean, message: string) => {
    if (!test(value(label))) issues.push({ cell: field(label)?.cell("Värde") ?? "B5", message });
  };
  const date = isIsoDate;
  need(FIELDS.received, date, "Ange datumet då begäran kom in (ÅÅÅÅ-MM-DD).");
  need(FIELDS.requester, (v) => v.length > 0, "Ange vem som begär (namn eller organisation).");
  need(FIELDS.subject, (v) => v.length > 0, "Ange vad som begärs.");
  need(FIELDS.deadline, (v) => v === "" || date(v), "Sista dag ska vara ett datum (ÅÅÅÅ-MM-DD) eller tom.");
  const idText = value(FIELDS.id);
  const items: ReleaseItem[] = [];
  const refused: Composition["refused"] = [];
  const groundByLabel = new Map<string, LegalGround>((Object.keys(LEGAL_GROUNDS) as LegalGround[]).map((k) => [LEGAL_GROUNDS[k], k]));
  for (const r of parts.rows.filter((row) => row.row > PART_ROW - 1)) {
    if (FIELD_COLUMNS.includes(r.get("Utlämna"))) continue;
    const choice = r.get("Utlämna");
    if (choice === YES) {
      const levels = parseLevels(r.get("Nivåer"));
      const periodType = periodTypeOfText(r.get("Periodtyp"));
      const periods = r.get("Perioder").split(/[,;\s]+/).filter(Boolean);
      if (!r.get("Indikator eller del")) issues.push({ cell: r.cell("Indikator eller del"), message: "Ange indikatorns id." });
      if (!levels) issues.push({ cell: r.cell("Nivåer"), message: "Ange nivåer: Kommun, NYKO 1, NYKO 2, NYKO 3 (med komma emellan)." });
      if (!periodType) issues.push({ cell: r.cell("Periodtyp"), message: `Välj periodtyp: ${Object.values(PERIOD_TYPE_TEXT).join(", ")}.` });
      const bad = periods.find((p) => !isValidPeriod(p) || (periodType && periodTypeOf(p) !== periodType));
      if (periods.length === 0 || bad) issues.push({ cell: r.cell("Perioder"), message: bad ? `${bad} är ingen period av vald typ (t.ex. 2026-03-H1, 2026-03, 2026-Q1, 2026).` : "Ange minst en period." });
      if (levels && periodType && periods.length && !bad) items.push({ indicator: r.get("Indikator eller del"), levels, periodType, periods });
    } else if (choice === NO) {
      const ground = groundByLabel.get(r.get("Grund")) ?? (r.get("Grund") in LEGAL_GROUNDS ? (r.get("Grund") as LegalGround) : undefined);
      if (!r.get("Indikator eller del")) issues.push({ cell: r.cell("Indikator eller del"), message: "Beskriv delen som inte lämnas ut." });
      if (!ground) issues.push({ cell: r.cell("Grund"), message: "Välj grunden ur listan." });
      if (!r.get("Kommentar")) issues.push({ cell: r.cell("Kommentar"), message: "Skriv en kommentar till varför delen inte lämnas ut." });
      if (ground && r.get("Indikator eller del") && r.get("Kommentar")) refused.push({ part: r.get("Indikator eller del"), ground, comment: r.get("Kommentar") });
    } else if (choice !== "") {
      issues.push({ cell: r.cell("Utlämna"), message: `Välj ${YES} eller ${NO}.` });
    }
  }
  if (items.length + refused.length === 0 && issues.length === 0) issues.push({ cell: `A${PART_ROW + 2}`, message: "Ange minst en del att lämna ut eller inte lämna ut." });
  if (issues.length) return { ok: false, issues };
  const deadline = value(FIELDS.deadline);
  return {
    ok: true,
    id: /^\d+$/.test(idText) ? Number(idText) : null,
    register: { receivedDate: value(FIELDS.received), requester: value(FIELDS.requester), subject: value(FIELDS.subject), ...(deadline ? { deadline } : {}) },
    composition: { items, refused },
  };
}

/** Writes what passed the review: the cells (withheld ones as `..`), the allowed decisions and the files' SHA-256. */
export async function writeReleaseSheet(port: WorkbookPort, view: RequestView): Promise<string> {
  const sheet = await replaceOwnSheet(port, RELEASE_KEY, RELEASE_SHEET);
  const r = view.review;
  if (!r) throw new Error("Begäran är inte granskad.");
  await port.writeTable({
    sheet, at: "A6", name: "LagesbildUtlamnande",
    headerLines: [
      `Utlämnande för begäran ${view.id}: ${r.released} celler lämnas ut, ${r.suppressed} skyddas (${SUPPRESSED_MARK})${r.finerThanGrain ? `, ${r.finerThanGrain} finare än publiceringsnivån` : ""}`,
      `Granskad ${stockholmTime(r.reviewedAt)}; röjandekontroll mot ${r.audit.earlierFacts} tidigare publicerade värden: ${r.mode === "protected" ? "godkänd" : "underkänd, bara kommuntotaler"}.`,
      `Möjliga beslut: ${r.allowed.map((d) => DECISION_TEXT[d]).join(", ")}.${r.stale ? " Något har publicerats sedan granskningen: granska igen." : ""}`,
      `Filer (SHA-256): xlsx ${r.files.xlsxSha256}, csv ${r.files.csvSha256}`,
    ],
    columns: ["Indikator", "Område", "Nivå", "Periodtyp", "Period", "Värde"].map((header) => ({ header, numberFormat: header === "Värde" || header === "Nivå" ? "0" : "@" })),
    rows: r.cells.map((c) => [c.indicator, c.nyko ?? "kommun", c.level, PERIOD_TYPE_TEXT[c.periodType], c.period, c.suppressed ? SUPPRESSED_MARK : c.value]),
  });
  return sheet;
}

export type ReviewSheetResult = { ok: false; sheet: string; issues: SheetIssue[] } | { ok: true; sheet: string; view: RequestView };

/** Runs a server call; a refusal's own Swedish explanation (the server's `details.message`) becomes the error text. */
async function withServerMessage<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    const text = refusalText(e);
    throw text ? new Error(text) : e;
  }
}

/** "Granska begäran": registers a new request, sends its composition, runs the review, writes both sheets. */
export async function reviewRequestSheet(port: WorkbookPort, client: SyncClient): Promise<ReviewSheetResult> {
  const sheet = await ownSheetFor(port, KEY);
  if (!sheet) throw new Error("Skriv begäransbladet först.");
  const read = await readRequestSheet(port, sheet);
  if (!read.ok) {
    await markIssues(port, sheet, read.issues);
    return { ok: false, sheet, issues: read.issues };
  }
  const view = await withServerMessage(async () => {
    const id = read.id ?? (await client.registerRequest(read.register)).id;
    await client.composeRequest(id, read.composition);
    return client.reviewRequest(id);
  });
  await writeRequestSheet(port, view);
  await writeReleaseSheet(port, view);
  return { ok: true, sheet, view };
}

/** The decision on the request in the sheet; rewrites the sheet with its status. */
export async function decideRequestSheet(port: WorkbookPort, client: SyncClient, decision: keyof typeof DECISION_TEXT, reasons: string): Promise<RequestView> {
  const sheet = await ownSheetFor(port, KEY);
  if (!sheet) throw new Error("Skriv begäransbladet först.");
  const read = await readTable(port, sheet, FIELD_COLUMNS);
  const idText = read?.rows.find((r) => r.get("Uppgift") === FIELDS.id)?.get("Värde") ?? "";
  if (!/^\d+$/.test(idText)) throw new Error("Granska begäran innan beslutet.");
  const view = await withServerMessage(() => client.decideRequest(Number(idText), decision, reasons));
  await writeRequestSheet(port, view);
  return view;
}

/** "Begäranden": the register with status and deadlines. */
export async function writeRegisterSheet(port: WorkbookPort, client: SyncClient): Promise<{ sheet: string; overdue: number; open: number }> {
  const list = await client.requests();
  const sheet = await replaceOwnSheet(port, REGISTER_KEY, REGISTER_SHEET);
  const open = list.filter((r) => !r.decision).length;
  const overdue = list.filter((r) => r.overdue).length;
  await port.writeTable({
    sheet, at: "A3", name: "LagesbildBeganden",
    headerLines: [`Begäranden om allmän handling: ${list.length}, ${open} öppna, ${overdue} försenade`],
    columns: ["Nr", "Inkom", "Sista dag", "Vem begär", "Vad begärs", "Status", "Beslut", "Beslutad"].map((header) => ({ header, numberFormat: header === "Nr" ? "0" : "@" })),
    rows: list.map((r) => [r.id, r.receivedDate, r.deadline, r.requester, r.subject, `${STATUS_TEXT[r.status]}${r.overdue ? " (försenad)" : ""}`, r.decision ? DECISION_TEXT[r.decision] : "", r.decidedAt ? stockholmTime(r.decidedAt) : ""]),
  });
  return { sheet, overdue, open };
}
