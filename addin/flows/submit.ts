// The actor's submit flow: check the active sheet (issues filled at their cells), preview exactly what will be
// sent, and send it with the shared submission plan (the same key and parts as `lagesbild submit`).
import type { AreaRegisters, Locator } from "../../shared/areas";
import type { CheckResult } from "../../shared/pipeline/check";
import type { CellValue } from "../../shared/grid/cell";
import type { PublishedTemplate } from "../../shared/protocol/api";
import type { Template } from "../../shared/templates/schema";
import { toWireRecord, type DeidentifiedRecord } from "../../shared/protocol/record";
import type { CellMark, WorkbookPort } from "../../shared/protocol/workbook";
import { createChecker, type Checker } from "../../shared/submission/checker";
import { planSubmission } from "../../shared/submission/plan";
import { sendSubmission, type SubmissionTransport, type SubmitProgress } from "../../shared/submission/send";
import { isUsable, usableTemplates } from "../../shared/submission/usable";
import { readTemplateMark } from "../../shared/templates/sheet-writer";
import type { Submission } from "../sync-client";
import { ownSheetFor, replaceOwnSheet } from "../../shared/workbook/own-sheets";
import { readSheetGrid } from "./sheet-grid";

export const ISSUE_FILL = { error: "#FDE7E9", warning: "#FFF4CE" } as const;
export const PREVIEW_SHEET = "Förhandsgranskning";
export const LINKS_SHEET = "Lägesbild-kopplingar";

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

/** What checking for submission needs, loaded by the pane once per session. */
export interface SubmitSetup {
  /** The organisation's template versions as the server lists them (retired ones with their date). */
  published: readonly PublishedTemplate[];
  org: string;
  registers: AreaRegisters;
  locator?: Locator;
  /** The partner's linkage key kept on this device, if any. */
  linkKey?: Uint8Array | null;
  now: Date;
}

/**
 * Checks the active sheet for submission: a sheet made with "Infoga mall" records its template version and is
 * checked against exactly that one while it is usable; any other sheet against the newest usable versions.
 */
export async function checkForSubmit(port: WorkbookPort, setup: SubmitSetup): Promise<SheetCheck> {
  const mark = await readTemplateMark(port, await port.activeSheet());
  const pinned = mark ? setup.published.find((p) => p.template.id === mark.id && p.template.version === mark.version && isUsable(p, setup.now))?.template : undefined;
  const check = createChecker({ templates: usableTemplates(setup.published, setup.now), template: pinned, org: setup.org, registers: setup.registers, locator: setup.locator, linkKey: setup.linkKey });
  return checkActiveSheet(port, check);
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

/** Swedish titles of the wire record's own fields in the preview. */
export const PREVIEW_HEADERS = {
  templateId: "Mall",
  templateVersion: "Mallversion",
  org: "Organisation",
  date: "Datum",
  hour: "Timme",
  period: "Period",
  nyko: "Område (NYKO)",
  link: "Länknycklar",
} as const;

/**
 * Columns of the preview: exactly the fields of the wire record, titled in Swedish; categories and measures under
 * the template's own column headers (the key where the template is not at hand).
 */
export function previewColumns(records: readonly DeidentifiedRecord[], template?: Template): { header: string; get: (r: DeidentifiedRecord) => CellValue; numberFormat?: string }[] {
  const title = (key: string) => template?.columns.find((c) => c.key === key)?.header ?? key;
  const categoryKeys: string[] = [];
  const measureKeys: string[] = [];
  let anyLink = false;
  for (const r of records) {
    for (const k of Object.keys(r.categories)) if (!categoryKeys.includes(k)) categoryKeys.push(k);
    for (const k of Object.keys(r.measures)) if (!measureKeys.includes(k)) measureKeys.push(k);
    anyLink ||= !!r.link?.length;
  }
  return [
    { header: PREVIEW_HEADERS.templateId, get: (r) => r.templateId, numberFormat: "@" },
    { header: PREVIEW_HEADERS.templateVersion, get: (r) => r.templateVersion, numberFormat: "0" },
    { header: PREVIEW_HEADERS.org, get: (r) => r.org, numberFormat: "@" },
    { header: PREVIEW_HEADERS.date, get: (r) => r.date, numberFormat: "@" },
    { header: PREVIEW_HEADERS.hour, get: (r) => r.hour, numberFormat: "0" },
    { header: PREVIEW_HEADERS.period, get: (r) => r.period, numberFormat: "@" },
    ...categoryKeys.map((k) => ({ header: title(k), get: (r: DeidentifiedRecord) => r.categories[k] ?? null, numberFormat: "@" })),
    { header: PREVIEW_HEADERS.nyko, get: (r) => r.nyko, numberFormat: "@" },
    ...measureKeys.map((k) => ({ header: title(k), get: (r: DeidentifiedRecord) => r.measures[k] ?? null, numberFormat: "General" })),
    ...(anyLink ? [{ header: PREVIEW_HEADERS.link, get: (r: DeidentifiedRecord) => (r.link ?? []).join(" "), numberFormat: "@" }] : []),
  ];
}

export interface PreviewResult {
  sheet: string;
  count: number;
  /** Column headers of the actor's sheet that stay behind. */
  stripped: string[];
}

/** Writes exactly the de-identified records that "Skicka" would send into Lägesbild's preview sheet. */
export async function writePreview(port: WorkbookPort, checked: SheetCheck, templates: readonly Template[] = []): Promise<PreviewResult> {
  const wire = checked.result.records.map(toWireRecord);
  const matched = checked.result.template;
  const columns = previewColumns(wire, matched ? templates.find((t) => t.id === matched.id && t.version === matched.version) : undefined);
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
export async function submitSheet(client: SubmissionTransport, port: WorkbookPort, checked: SheetCheck, options: SubmitOptions = {}): Promise<SubmitResult> {
  const plan = await planSubmission(checked.result, { partSize: options.partSize });
  const sent = await sendSubmission(client, plan, { onProgress: options.onProgress });
  const linksSheet = await appendLinks(port, sent.submission.id, checked);
  return { receipt: sent.submission, replay: sent.replay, idempotencyKey: plan.idempotencyKey, linksSheet };
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
