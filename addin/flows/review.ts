// The huvudman's review: an admin sheet lists the submissions with a dropdown column (Godkänn / Returnera) and a
// comment column; "Synka granskning" sends the decisions and rewrites the sheet. Each decision gets its own
// outcome: a submission that is locked, or that changed since the sheet was written, is refused with a message.
// A submission whose approval would replace approved half-months says so (with the counts) in "Ersätter godkänt";
// it is approved only when "Bekräfta ersättning" says Ja, otherwise the server refuses and the sheet tells why.
import { stockholmTime } from "../../shared/periods/stockholm";
import type { Submission } from "../../shared/protocol/api";
import type { CellValue } from "../../shared/grid/cell";
import { a1 } from "../../shared/grid/a1";
import type { WorkbookPort } from "../../shared/protocol/workbook";
import { replacementText, statusText } from "../messages";
import { SyncError, type SyncClient } from "../sync-client";
import { replaceOwnSheet, ownSheetFor } from "../../shared/workbook/own-sheets";

export const REVIEW_SHEET = "Granskning";
export const APPROVE = "Godkänn";
export const RETURN = "Returnera";
/** The value of "Bekräfta ersättning" that confirms replacing approved half-months. */
export const CONFIRM_REPLACE = "Ja";
export const REVIEW_COLUMNS = [
  "Id", "Status", "Organisation", "Mall", "Version", "Perioder", "Ersätter godkänt", "Rader", "Placerade", "Ej placerade", "Varningar", "Inkommet",
  "Tidigare kommentar", "Beslut", "Bekräfta ersättning", "Kommentar", "Resultat",
] as const;
const col = (name: (typeof REVIEW_COLUMNS)[number]) => REVIEW_COLUMNS.indexOf(name);
const HEADER_ROW = 3; // 1-based: two header lines, then the table

export interface ReviewOutcome {
  id: string;
  decision: string;
  ok: boolean;
  message: string;
}

/** What approving the submission would replace: `2025-01-H1: ersätter 901 godkända rader med 250; …`, or "". */
export function replacesText(s: Submission): string {
  return (s.replaces ?? []).map(replacementText).join("; ");
}

function row(s: Submission, result = ""): CellValue[] {
  return [
    s.id, statusText(s.status), s.org, s.templateId, s.templateVersion, s.periods.map((p) => p.period).join(", "), replacesText(s),
    s.counts.rows, s.counts.located, s.counts.unlocated, s.warnings.map((w) => w.message).join(" · "),
    stockholmTime(s.createdAt), s.comment ?? "", "", "", "", result,
  ];
}

/** Writes (or rewrites) the review sheet; `results` fills the Resultat column by submission id. */
export async function writeReviewSheet(port: WorkbookPort, submissions: readonly Submission[], results: ReadonlyMap<string, string> = new Map()): Promise<string> {
  const sheet = await replaceOwnSheet(port, "review", REVIEW_SHEET);
  await port.writeTable({
    sheet,
    at: `A${HEADER_ROW}`,
    name: "LagesbildGranskning",
    headerLines: [`Inskick att granska (${submissions.length})`, "Välj Godkänn eller Returnera i kolumnen Beslut, skriv en kommentar vid retur och tryck Synka granskning. Ersätter inskicket godkända uppgifter (kolumnen Ersätter godkänt) godkänns det bara med Ja i Bekräfta ersättning."],
    columns: REVIEW_COLUMNS.map((header) => ({ header, numberFormat: header === "Version" || header.startsWith("Rader") || header === "Placerade" || header === "Ej placerade" ? "0" : "@" })),
    rows: submissions.map((s) => row(s, results.get(s.id) ?? "")),
  });
  if (submissions.length > 0) {
    const first = HEADER_ROW; // 0-based index of the first data row is HEADER_ROW
    await port.addDropdown({ sheet, range: `${a1(first, col("Beslut"))}:${a1(first + submissions.length - 1, col("Beslut"))}`, values: [APPROVE, RETURN] });
    await port.addDropdown({ sheet, range: `${a1(first, col("Bekräfta ersättning"))}:${a1(first + submissions.length - 1, col("Bekräfta ersättning"))}`, values: [CONFIRM_REPLACE] });
    const indexed = submissions.map((s, i) => ({ s, i }));
    const marks = [
      ...indexed.filter(({ s }) => results.get(s.id)?.startsWith("Ej skickat")).map(({ i, s }) => ({ cell: a1(first + i, col("Resultat")), fill: "#FDE7E9", note: results.get(s.id) })),
      ...indexed.filter(({ s }) => s.replaces?.length).map(({ i }) => ({ cell: a1(first + i, col("Ersätter godkänt")), fill: "#FFF4CE", note: "Godkänns inskicket ersätts dessa godkända uppgifter." })),
    ];
    if (marks.length) await port.markCells(sheet, marks);
    await port.selectCell(sheet, a1(first, col("Beslut")));
  }
  return sheet;
}

interface Decision {
  id: string;
  statusShown: string;
  decision: string;
  comment: string;
  /** The huvudman confirmed replacing approved half-months. */
  confirmReplace?: boolean;
}

/** The decisions entered in the review sheet (rows with a Beslut). */
export async function readDecisions(port: WorkbookPort): Promise<Decision[]> {
  const sheet = await ownSheetFor(port, "review");
  if (!sheet) return [];
  const { values, topLeft } = await port.readUsedRange(sheet);
  const offset = Number(/\d+/.exec(topLeft)?.[0] ?? 1) - 1;
  const headerIndex = values.findIndex((r) => String(r[0] ?? "") === "Id" && String(r[1] ?? "") === "Status");
  if (headerIndex < 0 || offset < 0) return [];
  const header = values[headerIndex].map((v) => String(v ?? ""));
  const at = (r: CellValue[], name: string) => String(r[header.indexOf(name)] ?? "").trim();
  return values
    .slice(headerIndex + 1)
    .map((r) => ({
      id: at(r, "Id"), statusShown: at(r, "Status"), decision: at(r, "Beslut"), comment: at(r, "Kommentar"),
      confirmReplace: at(r, "Bekräfta ersättning").toLowerCase() === CONFIRM_REPLACE.toLowerCase(),
    }))
    .filter((d) => d.id && d.decision);
}

/** Sends one decision, refusing it when the submission changed since it was shown. */
export async function decide(client: SyncClient, d: Decision): Promise<ReviewOutcome> {
  const decision = d.decision.toLowerCase();
  const base = { id: d.id, decision: d.decision };
  if (decision !== APPROVE.toLowerCase() && decision !== RETURN.toLowerCase())
    return { ...base, ok: false, message: `Ej skickat: okänt beslut ”${d.decision}”. Välj ${APPROVE} eller ${RETURN}.` };
  if (decision === RETURN.toLowerCase() && !d.comment) return { ...base, ok: false, message: "Ej skickat: skriv en kommentar till aktören vid retur." };
  try {
    if (d.statusShown) {
      const current = await client.submission(d.id);
      if (statusText(current.status) !== d.statusShown)
        return { ...base, ok: false, message: `Ej skickat: inskicket har ändrats sedan bladet skrevs (nu ${statusText(current.status).toLowerCase()}).` };
    }
    const after =
      decision === APPROVE.toLowerCase() ? await client.approve(d.id, d.comment || undefined, d.confirmReplace === true) : await client.returnSubmission(d.id, d.comment);
    return { ...base, ok: true, message: `${statusText(after.status)} ${stockholmTime(new Date())}` };
  } catch (e) {
    const text = e instanceof SyncError ? e.message : (e as Error).message;
    const hint = e instanceof SyncError && e.reason === "approval-replaces-approved" ? ` Välj ${CONFIRM_REPLACE} i Bekräfta ersättning för att godkänna ändå.` : "";
    return { ...base, ok: false, message: `Ej skickat: ${text}${hint}` };
  }
}

/** "Synka granskning": sends every decision of the sheet, then rewrites it with the fresh queue and the outcomes. */
export async function syncReview(port: WorkbookPort, client: SyncClient): Promise<{ outcomes: ReviewOutcome[]; sheet: string }> {
  const decisions = await readDecisions(port);
  const outcomes: ReviewOutcome[] = [];
  for (const d of decisions) outcomes.push(await decide(client, d));
  const list = await client.reviewQueue();
  const results = new Map(outcomes.map((o) => [o.id, o.message]));
  // Decided submissions stay listed (with their new status) so the outcome is visible beside them.
  const shown = [...list];
  for (const o of outcomes) if (!shown.some((s) => s.id === o.id)) shown.push(await client.submission(o.id));
  const sheet = await writeReviewSheet(port, shown, results);
  return { outcomes, sheet };
}
