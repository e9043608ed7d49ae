// The actor's submit flow: insert a template sheet, check the active sheet (issues filled at their cells),
// preview exactly what will be sent, and send it in parts with an idempotency key derived from the content.
import type { CheckResult } from "../../shared/pipeline/check";
import type { CellValue } from "../../shared/grid/cell";
import { toWireRecord, type DeidentifiedRecord } from "../../shared/protocol/record";
import type { CellMark, WorkbookPort } from "../../shared/protocol/workbook";
import type { Submission, SyncClient } from "../sync-client";
import { ownSheetFor, replaceOwnSheet } from "./own-sheets";
import { readSheetGrid } from "./sheet-grid";

export const ISSUE_FILL = { error: "#FDE7E9", warning: "#FFF4CE" } as const;
export const PREVIEW_SHEET = "Förhandsgranskning";
export const LINKS_SHEET = "Lägesbild-kopplingar";
/** Records per request: a part stays far below the server's body limit (about 200 bytes a record). */
export const DEFAULT_PART_SIZE = 5000;

export type Checker = (grid: CellValue[][]) => CheckResult;

export interface SheetCheck {
  sheet: string;
  result: CheckResult;
}

/** Reads the active sheet, runs the pipeline, and fills the cells that have issues (notes say why). */
export async function checkActiveSheet(port: WorkbookPort, check: Checker): Promise<SheetCheck> {
  const sheet = await port.activeSheet();
  const grid = await readSheetGrid(port, sheet);
  const result = check(grid);
  await port.clearMarks(sheet);
  const marks = issueMarks(result);
  if (marks.length > 0) await port.markCells(sheet, marks);
  return { sheet, result };
}

/** One mark per cell: errors outrank warnings; the note lists every message for that cell. */
export function issueMarks(result: CheckResult): CellMark[] {
  const byCell = new Map<string, { error: boolean; messages: string[] }>();
  for (const issue of result.issues) {
    if (!issue.cell) continue;
    const entry = byCell.get(issue.cell) ?? { error: false, messages: [] };
    entry.error ||= issue.severity === "error";
    entry.messages.push(issue.message);
    byCell.set(issue.cell, entry);
  }
  return [...byCell].map(([cell, e]) => ({ cell, fill: e.error ? ISSUE_FILL.error : ISSUE_FILL.warning, note: e.messages.join("\n") }));
}

/** Columns of the preview: exactly the fields of the wire record, categories and measures by key. */
export function previewColumns(records: readonly DeidentifiedRecord[]): { header: string; get: (r: DeidentifiedRecord) => CellValue; numberFormat?: string }[] {
  const categoryKeys: string[] = [];
  const measureKeys: string[] = [];
  let anyLink = false;
  for (const r of records) {
    for (const k of Object.keys(r.categories)) if (!categoryKeys.includes(k)) categoryKeys.push(k);
    for (const k of Object.keys(r.measures)) if (!measureKeys.includes(k)) measureKeys.push(k);
    anyLink ||= !!r.link?.length;
  }
  return [
    { header: "templateId", get: (r) => r.templateId, numberFormat: "@" },
    { header: "templateVersion", get: (r) => r.templateVersion, numberFormat: "0" },
    { header: "org", get: (r) => r.org, numberFormat: "@" },
    { header: "date", get: (r) => r.date, numberFormat: "@" },
    { header: "hour", get: (r) => r.hour, numberFormat: "0" },
    { header: "period", get: (r) => r.period, numberFormat: "@" },
    ...categoryKeys.map((k) => ({ header: `categories.${k}`, get: (r: DeidentifiedRecord) => r.categories[k] ?? null, numberFormat: "@" })),
    { header: "nyko", get: (r) => r.nyko, numberFormat: "@" },
    ...measureKeys.map((k) => ({ header: `measures.${k}`, get: (r: DeidentifiedRecord) => r.measures[k] ?? null, numberFormat: "General" })),
    ...(anyLink ? [{ header: "link", get: (r: DeidentifiedRecord) => (r.link ?? []).join(" "), numberFormat: "@" }] : []),
  ];
}

export interface PreviewResult {
  sheet: string;
  count: number;
  /** Column headers of the actor's sheet that stay behind. */
  stripped: string[];
}

/** Writes exactly the de-identified records that "Skicka" would send into Lägesbild's preview sheet. */
export async function writePreview(port: WorkbookPort, checked: SheetCheck): Promise<PreviewResult> {
  const wire = checked.result.records.map(toWireRecord);
  const columns = previewColumns(wire);
  const sheet = await replaceOwnSheet(port, "preview", PREVIEW_SHEET);
  await port.writeTable({
    sheet,
    at: "A1",
    name: "LagesbildForhandsgranskning",
    columns: columns.map((c) => ({ header: c.header, numberFormat: c.numberFormat })),
    rows: wire.map((r) => columns.map((c) => c.get(r))),
  });
  await port.selectCell(sheet, "A1");
  return { sheet, count: wire.length, stripped: checked.result.stripped };
}

/** SHA-256 (hex) of the template and the records: the same content always gets the same key, so a retry is harmless. */
export async function idempotencyKey(records: readonly DeidentifiedRecord[]): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify(records));
  const digest = await globalThis.crypto.subtle.digest("SHA-256", bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export interface SubmitProgress {
  part: number;
  parts: number;
  sent: number;
  total: number;
}

export interface SubmitOptions {
  partSize?: number;
  onProgress?: (p: SubmitProgress) => void;
}

export interface SubmitResult {
  /** The stored submission: the receipt (counts, half-months, warnings). */
  receipt: Submission;
  /** True when the server had this content already (a retry): nothing was stored twice. */
  replay: boolean;
  idempotencyKey: string;
  linksSheet: string;
}

/** Sends the checked sheet in parts (committed together by the server) and keeps the local link record → row. */
export async function submitSheet(client: SyncClient, port: WorkbookPort, checked: SheetCheck, options: SubmitOptions = {}): Promise<SubmitResult> {
  const { result } = checked;
  if (!result.canSubmit || !result.template) throw new Error("Bladet har fel som måste rättas innan det kan skickas.");
  const wire = result.records.map(toWireRecord);
  const key = await idempotencyKey(wire);
  const size = Math.max(1, options.partSize ?? DEFAULT_PART_SIZE);
  const count = Math.max(1, Math.ceil(wire.length / size));
  const base = { templateId: result.template.id, templateVersion: result.template.version, idempotencyKey: key };
  for (let index = 0; index < count; index++) {
    const records = wire.slice(index * size, (index + 1) * size);
    const response = await client.submit(count === 1 ? { ...base, records } : { ...base, records, part: { uploadId: key.slice(0, 48), index, count } });
    options.onProgress?.({ part: index + 1, parts: count, sent: Math.min((index + 1) * size, wire.length), total: wire.length });
    if (response.status === "stored") {
      const linksSheet = await appendLinks(port, response.submission.id, checked);
      return { receipt: response.submission, replay: response.replay, idempotencyKey: key, linksSheet };
    }
  }
  throw new Error("Servern bekräftade inte inskicket. Försök igen: samma innehåll lagras aldrig två gånger.");
}

const LINK_HEADER = ["Inskick", "Post", "Blad", "Rad"];

/** Appends "record i of submission S came from row R of sheet X" to a hidden sheet of this workbook. Never sent. */
export async function appendLinks(port: WorkbookPort, receiptId: string, checked: SheetCheck): Promise<string> {
  let sheet = await ownSheetFor(port, "links");
  let next = 1;
  if (!sheet) {
    sheet = await replaceOwnSheet(port, "links", LINKS_SHEET, { hidden: true });
    await port.writeValues(sheet, "A1", [LINK_HEADER]);
    next = 2;
  } else {
    const used = await port.readUsedRange(sheet);
    next = used.values.length + 1;
  }
  const rows = checked.result.records.map((r, i) => [receiptId, i + 1, checked.sheet, r.sourceRow]);
  if (rows.length > 0) await port.writeValues(sheet, `A${next}`, rows);
  return sheet;
}

/** The actor's own row of record `recordNumber` (1-based) of a submission, from the hidden link sheet. */
export async function findSourceRow(port: WorkbookPort, receiptId: string, recordNumber: number): Promise<{ sheet: string; row: number } | null> {
  const sheet = await ownSheetFor(port, "links");
  if (!sheet) return null;
  const { values } = await port.readUsedRange(sheet);
  for (const line of values.slice(1)) {
    if (String(line[0]) === receiptId && Number(line[1]) === recordNumber) return { sheet: String(line[2]), row: Number(line[3]) };
  }
  return null;
}

/** Selects the actor's own row of a submitted record. */
export async function goToSourceRow(port: WorkbookPort, receiptId: string, recordNumber: number): Promise<{ sheet: string; row: number } | null> {
  const found = await findSourceRow(port, receiptId, recordNumber);
  if (found) await port.selectCell(found.sheet, `A${found.row}`);
  return found;
}
