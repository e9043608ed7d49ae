// `lagesbild submit FILE.xlsx|FILE.csv --server URL --key API_KEY [--template ID[@VERSION]] [--sheet NAME] [--ca FILE] [--dry-run] [--json]`
// Delivery without a person: reads a partner's export, runs the same check → locate → de-identify as the add-in
// (with the organisation, templates and registers the server gives this key), and submits with an idempotency
// key derived from the content, so the same file sent twice is stored once.
// Exit codes: 0 submitted (or, with --dry-run, could be), 1 the file has errors, 2 bad usage,
// 3 the server refused, 4 the server could not be reached after retries.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { checkGrid, type CheckResult } from "../../shared/pipeline/check";
import { createLinker } from "../../shared/dedup/linker";
import { readLinkKey } from "./linkkey";
import { halfMonthsOf } from "../../shared/periods/record-period";
import type { Submission, SubmitRequest, SubmitResponse } from "../../shared/protocol/api";
import { toWireRecord, type DeidentifiedRecord, type LocalRecord } from "../../shared/protocol/record";
import type { Template } from "../../shared/templates/schema";
import { flag, parseArgs } from "./args";
import { ServerRefusedError, ServerUnreachableError, type HttpClient } from "./http-client";
import { pickTemplateVersion, readFileGrid, UsageError, type FileGrid } from "./pipeline-file";
import { createProgress, type Progress } from "./progress";
import { clientFor, connectionArgs, EXIT, fetchRegisters, fetchTemplates, latestVersions, openVersions, processIo, whoAmI, type CliIo } from "./server-session";

const USAGE = "Användning: lagesbild submit FIL.xlsx|FIL.csv --server URL --key API-NYCKEL [--template ID[@VERSION]] [--sheet BLAD] [--ca CERT.pem] [--dry-run] [--json]";

/** Records per request: far below the server's 20 MB body limit (about 200 bytes a record). */
export const PART_SIZE = 25_000;

/** JSON with object keys sorted at every depth: the same content always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/** sha256 (hex) of the template id and version and the canonical JSON of the wire records. */
export function contentIdempotencyKey(template: { id: string; version: number }, records: readonly DeidentifiedRecord[]): string {
  const hash = createHash("sha256");
  hash.update(`${template.id}@${template.version}\n`);
  hash.update(canonicalJson(records));
  return hash.digest("hex");
}

export interface SubmitPlan {
  template: { id: string; version: number };
  org: string;
  idempotencyKey: string;
  records: DeidentifiedRecord[];
  /** The sheet row each record came from (local only, for naming rows the server refuses). */
  sourceRows: number[];
  halfMonths: string[];
  parts: number;
}

export function planSubmission(result: CheckResult, org: string, partSize = PART_SIZE): SubmitPlan {
  if (!result.template || !result.canSubmit) throw new Error("the file has errors");
  const records = result.records.map(toWireRecord);
  return {
    template: result.template,
    org,
    idempotencyKey: contentIdempotencyKey(result.template, records),
    records,
    sourceRows: result.records.map((r: LocalRecord) => r.sourceRow),
    halfMonths: halfMonthsOf(records),
    parts: Math.max(1, Math.ceil(records.length / partSize)),
  };
}

export interface Sent {
  submission: Submission;
  replay: boolean;
}

/** Sends the plan in parts of at most `partSize` records; the server stores them together when the last arrives. */
export async function sendPlan(client: HttpClient, plan: SubmitPlan, progress: Progress, partSize = PART_SIZE): Promise<Sent> {
  const base = { templateId: plan.template.id, templateVersion: plan.template.version, idempotencyKey: plan.idempotencyKey };
  for (let index = 0; index < plan.parts; index++) {
    const records = plan.records.slice(index * partSize, (index + 1) * partSize);
    const body: SubmitRequest = plan.parts === 1 ? { ...base, records } : { ...base, records, part: { uploadId: plan.idempotencyKey.slice(0, 48), index, count: plan.parts } };
    let response: SubmitResponse;
    try {
      response = (await client.postJson<SubmitResponse>("/api/submissions", body)).body;
    } catch (e) {
      if (e instanceof ServerRefusedError) throw withSheetRows(e, plan, index, partSize);
      throw e;
    }
    progress.update(Math.min((index + 1) * partSize, plan.records.length));
    if (response.status === "stored") return { submission: response.submission, replay: response.replay };
  }
  throw new ServerRefusedError(200, "no-receipt", "Servern bekräftade inte inskicket.");
}

/** A refusal's issues name the row within the part; add the sheet row it came from. */
function withSheetRows(e: ServerRefusedError, plan: SubmitPlan, part: number, partSize: number): ServerRefusedError {
  const details = e.details as { issues?: { row: number; field: string; code: string; message: string }[] } | null;
  if (!details || !Array.isArray(details.issues)) return e;
  const issues = details.issues.map((i) => ({ ...i, sheetRow: plan.sourceRows[part * partSize + i.row] ?? null }));
  return new ServerRefusedError(e.status, e.reason, { ...details, issues });
}

interface Resolved {
  template?: Template;
  candidates: Template[];
}

function resolveTemplates(templateArg: string | undefined, published: Awaited<ReturnType<typeof fetchTemplates>>, today: string): Resolved | string {
  const open = openVersions(published, today);
  if (!templateArg) {
    const candidates = latestVersions(open);
    return candidates.length ? { candidates } : "Nyckelns organisation har inga mallar på servern.";
  }
  const explicitVersion = templateArg.includes("@");
  const template = pickTemplateVersion(explicitVersion ? published.map((p) => p.template) : open, templateArg);
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

function summary(file: FileGrid, result: CheckResult, plan: SubmitPlan): string[] {
  const lines = [
    `Mall: ${plan.template.id} version ${plan.template.version}, organisation ${plan.org}, ${file.format === "csv" ? `CSV (${file.encoding}, avgränsare ”${file.separator === "\t" ? "tab" : file.separator}”)` : `blad ”${file.sheet}”`}`,
    `Rader: ${result.rows}, skickas: ${plan.records.length}, placerade i område: ${result.located}, utan område: ${result.unlocated.length}`,
    `Halvmånader: ${plan.halfMonths.length ? `${plan.halfMonths[0]} – ${plan.halfMonths[plan.halfMonths.length - 1]} (${plan.halfMonths.length})` : "inga"}`,
  ];
  if (result.stripped.length) lines.push(`Stannar kvar (skickas aldrig): ${result.stripped.join(", ")}`);
  const warnings = result.issues.filter((i) => i.severity === "warning").length;
  if (warnings) lines.push(`Varningar: ${warnings} (rader utan område räknas bara i kommunens total)`);
  return lines;
}

function receiptLines(sent: Sent): string[] {
  const s = sent.submission;
  const lines = [
    sent.replay ? `Redan mottaget: samma innehåll fanns på servern, inget lagrades två gånger.` : `Inskick mottaget.`,
    `Kvitto: ${s.id}, status ${s.status}, ${s.counts.rows} rader (${s.counts.located} med område, ${s.counts.unlocated} utan), skickat ${s.createdAt}`,
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
  try {
    const [principal, published, registers, read] = await Promise.all([whoAmI(client), fetchTemplates(client), fetchRegisters(client), readFileGrid(file, { sheet: flag(args, "sheet") })]);
    const today = (io.now?.() ?? new Date()).toISOString().slice(0, 10);
    const resolved = resolveTemplates(flag(args, "template"), published, today);
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
    const linkTokens = linkKey.value ? createLinker(linkKey.value, registers) : undefined;
    const result = checkGrid(read.grid, { templates: resolved.candidates, template: resolved.template, org: principal.org, registers, linkTokens });
    if (!result.canSubmit || !result.template) {
      if (json) say([JSON.stringify({ submitted: false, file, template: result.template, rows: result.rows, issues: result.issues.filter((i) => i.severity === "error") })]);
      else fail(fileErrors(result));
      return EXIT.fileErrors;
    }
    const plan = planSubmission(result, principal.org);
    if (dryRun) {
      if (json) say([JSON.stringify({ submitted: false, dryRun: true, file, format: read.format, encoding: read.encoding, separator: read.separator, template: plan.template, org: plan.org, idempotencyKey: plan.idempotencyKey, rows: result.rows, located: result.located, unlocated: result.unlocated.length, halfMonths: plan.halfMonths, parts: plan.parts, stripped: result.stripped, records: plan.records })]);
      else say(["Provkörning: inget skickas.", ...summary(read, result, plan), `Skulle skickas i ${plan.parts} del(ar) med idempotensnyckel ${plan.idempotencyKey}`, "Första posterna som skulle skickas:", ...plan.records.slice(0, 5).map((r) => `  ${JSON.stringify(r)}`)]);
      return EXIT.ok;
    }
    const bar = createProgress(io.stderr, "Skickar", plan.records.length);
    bar.update(0);
    const sent = await sendPlan(client, plan, bar).finally(() => bar.finish());
    if (json) say([JSON.stringify({ submitted: true, replay: sent.replay, file, rows: result.rows, parts: plan.parts, idempotencyKey: plan.idempotencyKey, halfMonths: plan.halfMonths, receipt: sent.submission })]);
    else say([...summary(read, result, plan), ...receiptLines(sent)]);
    return EXIT.ok;
  } catch (e) {
    return reportFailure(e, io, json);
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
