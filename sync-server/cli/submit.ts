// `lagesbild submit FILE.xlsx|FILE.csv --server URL --key API_KEY [--template ID[@VERSION]] [--sheet NAME] [--ca FILE] [--dry-run] [--json]`
// Delivery without a person: reads a partner's export, runs the same check → locate → de-identify as the add-in
// (with the organisation, templates and registers the server gives this key), and submits with the shared
// submission plan (the same idempotency key and parts as the task pane), so the same file sent twice is stored once.
// Exit codes: 0 submitted (or, with --dry-run, could be), 1 the file has errors, 2 bad usage,
// 3 the server refused, 4 the server could not be reached after retries.
import { stockholmTime } from "../../shared/periods/stockholm";
import { statusText } from "../../addin/messages";
import { existsSync } from "node:fs";
import type { CheckResult } from "../../shared/pipeline/check";
import { readLinkKey } from "./linkkey";
import { halfMonthsOf } from "../../shared/periods/record-period";
import type { PublishedTemplate } from "../../shared/protocol/api";
import { createChecker, createSheetChecker, loadServerRegisters } from "../../shared/submission/checker";
import type { SubmissionServer } from "../../shared/submission/server";
import { startStreamedUpload, type StreamedResult, type StreamedUpload } from "../../shared/submission/stream";
import type { Grid } from "../../shared/protocol/workbook";
import { createPlanBuilder } from "../../shared/submission/plan-builder";
import { createHash, type Hash } from "node:crypto";
import { toWireRecord, type LocalRecord } from "../../shared/protocol/record";
import { NoReceiptError, type Sent, type SubmissionTransport } from "../../shared/submission/send";
import { usableTemplates } from "../../shared/submission/usable";
import type { Template } from "../../shared/templates/schema";
import { flag, parseArgs } from "./args";
import { ServerRefusedError, ServerUnreachableError, submissionServer } from "./http-client";
import { pickTemplateVersion, readFileGrid, UsageError, type FileGrid } from "./pipeline-file";
import { createProgress, type Progress } from "./progress";
import { clientFor, connectionArgs, EXIT, processIo, whoAmI, type CliIo } from "./server-session";

const USAGE = "Användning: lagesbild submit FIL.xlsx|FIL.csv --server URL --key API-NYCKEL [--template ID[@VERSION]] [--sheet BLAD] [--ca CERT.pem] [--dry-run] [--json]";

/**
 * The streamed upload the command sends with: progress on the bar, and a refused record named by the sheet row it
 * came from (a refusal's issues name the row within the part). `partSize`: records per part (tests).
 */
export function commandUpload(transport: SubmissionTransport, progress: Progress, partSize?: number): StreamedUpload {
  const upload = startStreamedUpload(transport, {
    partSize,
    hash: nodeHash,
    onProgress: (p) => progress.update(p.sent),
    onPartError: (e, first) => (e instanceof ServerRefusedError ? withSheetRows(e, upload.sourceRows(), first) : e),
  });
  return upload;
}

function withSheetRows(e: ServerRefusedError, sourceRows: Int32Array, first: number): ServerRefusedError {
  const details = e.details as { issues?: { row: number; field: string; code: string; message: string }[] } | null;
  if (!details || !Array.isArray(details.issues)) return e;
  const issues = details.issues.map((i) => ({ ...i, sheetRow: sourceRows[first + i.row] ?? null }));
  return new ServerRefusedError(e.status, e.reason, { ...details, issues });
}

interface Resolved {
  template?: Template;
  candidates: Template[];
}

function resolveTemplates(templateArg: string | undefined, published: readonly PublishedTemplate[], now: Date): Resolved | string {
  const usable = usableTemplates(published, now);
  if (!templateArg) return usable.length ? { candidates: usable } : "Nyckelns organisation har inga mallar på servern.";
  // An explicit version is tried even when retired: the server then refuses it with its own message.
  const explicitVersion = templateArg.includes("@");
  const template = pickTemplateVersion(explicitVersion ? published.map((p) => p.template) : usable, templateArg);
  if (!template) return `Mallen ”${templateArg}” finns inte för organisationen. Mallar: ${published.map((p) => `${p.template.id}@${p.template.version}`).join(", ")}`;
  return { template, candidates: [template] };
}

function fileErrors(result: CheckResult): string[] {
  const errors = result.issues.filter((i) => i.severity === "error");
  const lines = [`Filen har ${errors.length} fel och skickas inte:`];
  for (const i of errors.slice(0, 50)) lines.push(`  ${i.cell ?? "-"}  ${i.message}`);
  if (errors.length > 50) lines.push(`  … och ${errors.length - 50} till`);
  return lines;
}

interface Planned {
  template: { id: string; version: number };
  count: number;
  org: string;
  halfMonths: string[];
}

function summary(file: Omit<FileGrid, "grid">, result: CheckResult, { template, count, org, halfMonths }: Planned): string[] {
  const lines = [
    `Mall: ${template.id} version ${template.version}, organisation ${org}, ${file.format === "csv" ? `CSV (${file.encoding}, avgränsare ”${file.separator === "\t" ? "tab" : file.separator}”)` : `blad ”${file.sheet}”`}`,
    `Rader: ${result.rows}, skickas: ${count}, placerade i område: ${result.located}, utan område: ${result.unlocated.length}`,
    `Halvmånader: ${halfMonths.length ? `${halfMonths[0]} – ${halfMonths[halfMonths.length - 1]} (${halfMonths.length})` : "inga"}`,
  ];
  if (result.stripped.length) lines.push(`Stannar kvar (skickas aldrig): ${result.stripped.join(", ")}`);
  const warnings = result.issues.filter((i) => i.severity === "warning").length;
  if (warnings) lines.push(`Varningar: ${warnings} (rader utan område räknas bara i kommunens total)`);
  return lines;
}

export function receiptLines(sent: Sent): string[] {
  const s = sent.submission;
  const lines = [
    sent.replay ? `Redan mottaget: samma innehåll fanns på servern, inget lagrades två gånger.` : `Inskick mottaget.`,
    `Kvitto: ${s.id}, status ${statusText(s.status).toLocaleLowerCase("sv")}, ${s.counts.rows} rader (${s.counts.located} med område, ${s.counts.unlocated} utan), skickat ${stockholmTime(s.createdAt)}`,
    `Perioder: ${s.periods.map((p) => p.period).join(", ") || "inga"}`,
  ];
  for (const w of s.warnings.slice(0, 10)) lines.push(`  Varning: ${w.message}`);
  return lines;
}

function refusalLines(e: ServerRefusedError): string[] {
  const lines = [`Servern avvisade begäran: ${e.message}.`];
  const details = e.details as { message?: unknown; issues?: { row: number; sheetRow?: number | null; field: string; message: string }[] } | string | null;
  if (typeof details === "string") lines.push(`  ${details}`);
  else if (details && typeof details.message === "string") lines.push(`  ${details.message}`);
  if (details && typeof details === "object" && Array.isArray(details.issues)) {
    for (const i of details.issues.slice(0, 50)) lines.push(`  ${i.sheetRow ? `rad ${i.sheetRow}` : `post ${i.row + 1}`}, fält ${i.field}: ${i.message}`);
  }
  return lines;
}

export async function submitCommand(argv: string[], io: CliIo = processIo()): Promise<number> {
  const args = parseArgs(argv);
  const say = (lines: string[]) => io.stdout.write(lines.join("\n") + "\n");
  const fail = (lines: string[]) => io.stderr.write(lines.join("\n") + "\n");
  const json = args.flags.has("json");
  const dryRun = args.flags.has("dry-run");
  const file = args.positional[0];
  if (!file || args.flags.has("help")) {
    fail([USAGE]);
    return EXIT.usage;
  }
  if (!existsSync(file)) {
    fail([`Filen ${file} finns inte.`, USAGE]);
    return EXIT.usage;
  }
  const conn = connectionArgs(args, io.env);
  if (typeof conn === "string") {
    fail([conn, USAGE]);
    return EXIT.usage;
  }
  const client = clientFor(conn, io);
  const server = submissionServer(client);
  try {
    const [principal, published, registers, read] = await Promise.all([whoAmI(client), server.templates(), loadServerRegisters(server), readFileGrid(file, { sheet: flag(args, "sheet") })]);
    const { grid, ...sheet } = read;
    const resolved = resolveTemplates(flag(args, "template"), published, io.now?.() ?? new Date());
    if (typeof resolved === "string") {
      fail([resolved]);
      return EXIT.usage;
    }
    // Linkage tokens for double reporting, with the key the huvudman handed out (LAGESBILD_LINK_KEY or --link-key-file).
    const linkKey = readLinkKey(flag(args, "link-key-file"), io.env);
    if (!linkKey.ok) {
      fail(linkKey.issues);
      return EXIT.usage;
    }
    const checkerOptions = { templates: resolved.candidates, template: resolved.template, org: principal.org, registers, linkKey: linkKey.value };
    const halfMonths = new HalfMonths();
    if (!dryRun) return await streamSubmit(server, grid, createSheetChecker(checkerOptions), { file, sheet, org: principal.org, halfMonths, json, say, fail, io });
    // A dry run: the parts are written as the sheet is checked (each record once, as the JSON it would be sent as),
    // with the key's hash running alongside, and nothing is sent.
    const check = createChecker(checkerOptions);
    const builder = createPlanBuilder({ hash: nodeHash });
    const dryRecords: LocalRecord[] = [];
    const result = check(grid, (record) => {
      builder.add(record);
      halfMonths.add(record);
      if (json || dryRecords.length < 5) dryRecords.push(record);
    });
    grid.length = 0;
    if (!result.canSubmit || !result.template) return reportFileErrors(result, file, json, say, fail);
    const plan = builder.finish(result.template);
    const planned: Planned = { template: plan.template, count: plan.count, org: principal.org, halfMonths: halfMonths.sorted() };
    const parts = plan.parts.length;
    const records = dryRecords.map(toWireRecord);
    if (json) say([JSON.stringify({ submitted: false, dryRun: true, file, format: sheet.format, encoding: sheet.encoding, separator: sheet.separator, template: plan.template, org: planned.org, idempotencyKey: plan.idempotencyKey, rows: result.rows, located: result.located, unlocated: result.unlocated.length, halfMonths: planned.halfMonths, parts, stripped: result.stripped, records })]);
    else say(["Provkörning: inget skickas.", ...summary(sheet, result, planned), `Skulle skickas i ${parts} del(ar) med idempotensnyckel ${plan.idempotencyKey}`, "Första posterna som skulle skickas:", ...records.slice(0, 5).map((r) => `  ${JSON.stringify(r)}`)]);
    return EXIT.ok;
  } catch (e) {
    return reportFailure(e, io, json);
  }
}

function reportFileErrors(result: CheckResult, file: string, json: boolean, say: (lines: string[]) => void, fail: (lines: string[]) => void): number {
  if (json) say([JSON.stringify({ submitted: false, file, template: result.template, rows: result.rows, issues: result.issues.filter((i) => i.severity === "error") })]);
  else fail(fileErrors(result));
  return EXIT.fileErrors;
}

/** Rows checked between two looks at the sending (one part's worth). */
const CHECK_STEP = 4000;
/**
 * Parts that may wait for the server before checking pauses (each about 1 MB of text): enough that a slow start on
 * the server (its first part boots a worker) does not hold up the reading, few enough to keep the peak low.
 */
const MAX_WAITING = 8;

interface StreamContext {
  file: string;
  sheet: Omit<FileGrid, "grid">;
  org: string;
  halfMonths: HalfMonths;
  json: boolean;
  say: (lines: string[]) => void;
  fail: (lines: string[]) => void;
  io: CliIo;
}

/**
 * Checks the sheet in steps and sends each part as soon as it is full (a streamed upload: the key, the hash of the
 * whole content, goes with the last part), so the server checks and stages parts while the rest is checked here.
 * At most `MAX_WAITING` parts wait for the server at a time. Sending stops at the first error found; a sheet with errors
 * never sends its last part, so the parts already staged are never committed and expire on the server.
 */
async function streamSubmit(server: SubmissionServer, grid: Grid, start: ReturnType<typeof createSheetChecker>, c: StreamContext): Promise<number> {
  const bar = createProgress(c.io.stderr, "Skickar", Math.max(0, grid.length - 1));
  bar.update(0);
  const upload = commandUpload(server, bar);
  let result: CheckResult;
  let sent: StreamedResult;
  try {
    const check = start(grid, (record) => {
      upload.add(record);
      c.halfMonths.add(record);
    });
    let stopped = false;
    for (let end = CHECK_STEP; end < grid.length; end += CHECK_STEP) {
      check.feed(end);
      if (check.hasErrors()) {
        stopped = true; // nothing more is sent of a sheet that cannot be submitted
        upload.abandon();
        break;
      }
      await upload.drain(MAX_WAITING);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    result = check.finish();
    grid.length = 0;
    if (stopped || !result.canSubmit || !result.template) {
      upload.abandon();
      return reportFileErrors(result, c.file, c.json, c.say, c.fail);
    }
    sent = await upload.finish(result.template);
  } catch (e) {
    if (e instanceof NoReceiptError) throw new ServerRefusedError(200, "no-receipt", "Servern bekräftade inte inskicket.");
    throw e;
  } finally {
    bar.finish();
  }
  const planned: Planned = { template: result.template, count: sent.count, org: c.org, halfMonths: c.halfMonths.sorted() };
  if (c.json) c.say([JSON.stringify({ submitted: true, replay: sent.sent.replay, file: c.file, rows: result.rows, parts: sent.parts, idempotencyKey: sent.idempotencyKey, halfMonths: planned.halfMonths, receipt: sent.sent.submission })]);
  else c.say([...summary(c.sheet, result, planned), ...receiptLines(sent.sent)]);
  return EXIT.ok;
}

/** node:crypto's SHA-256 for the plan's running key hash (the same digest as the pure-TS one, faster). */
function nodeHash(from?: Hash): { update(text: string): unknown; copy(): ReturnType<typeof nodeHash>; hex(): string } {
  const hash = from ?? createHash("sha256");
  return { update: (text: string) => hash.update(text, "utf8"), copy: () => nodeHash(hash.copy()), hex: () => hash.digest("hex") };
}

/** The half-months the records cover, gathered as they are made (as `halfMonthsOf` over all of them). */
class HalfMonths {
  private readonly seen = new Map<string, { date: string | null; period: string | null }>();
  add(record: LocalRecord): void {
    const k = `${record.date ?? ""}|${record.period ?? ""}`;
    if (!this.seen.has(k)) this.seen.set(k, { date: record.date, period: record.period });
  }
  sorted(): string[] {
    return halfMonthsOf(this.seen.values());
  }
}

/** Turns the ways a server conversation ends badly into a message and exit code (shared with `fetch`). */
export function reportFailure(e: unknown, io: CliIo, json: boolean): number {
  const out = (value: object) => json && io.stdout.write(JSON.stringify(value) + "\n");
  if (e instanceof ServerRefusedError) {
    out({ ok: false, refused: { status: e.status, reason: e.reason, details: e.details } });
    io.stderr.write(refusalLines(e).join("\n") + "\n");
    return EXIT.refused;
  }
  if (e instanceof ServerUnreachableError) {
    out({ ok: false, unreachable: { attempts: e.attempts, reason: e.lastReason } });
    io.stderr.write(`${e.message}\n`);
    return EXIT.unreachable;
  }
  if (e instanceof UsageError) {
    io.stderr.write(`${e.message}\n`);
    return EXIT.usage;
  }
  io.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  return EXIT.fileErrors;
}
