// The server's re-check of submitted records with the same shared code: a record must be exactly what the
// template lets leave a workbook, and no string in it may look like an identifier. Names row and field.
import { deidentifiedRecordSchema, parseRecordFast, type DeidentifiedRecord } from "../protocol/record";
import type { Template } from "../templates/schema";
import { checkRecordRules, type DateWindow } from "../validate/record-rules";
import { scanForIdentifiers } from "./scan";
import { rowGroupIssues } from "../validate/row-groups";

export interface WireContext {
  org: string;
  isKnownNyko(code: string): boolean;
  levelOf(code: string): number | null;
  /** The days a record's date or period may fall in. */
  window: DateWindow;
}

export interface WireIssue {
  /** 0-based index of the record in the submission. */
  row: number;
  field: string;
  code: string;
  message: string;
}

export type WireCheck = { ok: true; value: DeidentifiedRecord[] } | { ok: false; issues: WireIssue[] };

const MAX_ISSUES = 200;

/** `parsed[i]`, when given, is `parseRecordFast(records[i])`, already worked out by the caller. */
export function checkWireRecords(template: Template, records: unknown[], ctx: WireContext, parsed?: readonly (DeidentifiedRecord | null)[]): WireCheck {
  const issues: WireIssue[] = [];
  const out: DeidentifiedRecord[] = [];
  const categoryValues = new Map<string, Set<string>>();
  for (const c of template.columns) if (c.role === "category") categoryValues.set(c.key, new Set((c.values ?? []).map((v) => v.value)));
  const measureKeys = new Set(template.columns.filter((c) => c.role === "measure" || c.role === "denominator").map((c) => c.key));
  const scanned = new Map<string, string | null>();
  const add = (row: number, field: string, code: string, message: string) => {
    if (issues.length < MAX_ISSUES) issues.push({ row, field, code, message });
  };
  const scan = (row: number, field: string, value: string) => {
    let kind = scanned.get(value);
    if (kind === undefined) {
      kind = scanForIdentifiers(value)[0]?.kind ?? null;
      scanned.set(value, kind);
    }
    if (kind) add(row, field, "identifying-value", `Rad ${row + 1}, fält ${field}: värdet liknar en personuppgift (${kind}).`);
  };

  records.forEach((raw, row) => {
    // The usual record is read without zod; anything else goes to the schema, which names the problem.
    const fast = parsed ? parsed[row] : parseRecordFast(raw);
    const read = fast ? { success: true as const, data: fast } : deidentifiedRecordSchema.safeParse(raw);
    if (!read.success) {
      const first = read.error.issues[0];
      const field = first?.path.join(".") || "record";
      const unknown = first?.code === "unrecognized_keys";
      add(row, unknown ? (first.keys ?? []).join(",") : field, unknown ? "identifying-value" : "validation-failed",
        unknown ? `Rad ${row + 1}: fältet ${(first.keys ?? []).join(", ")} får inte skickas.` : `Rad ${row + 1}, fält ${field}: ${first?.message ?? "ogiltigt"}.`);
      // Scan whatever strings it carries, so an identifier is reported as such.
      if (raw && typeof raw === "object") {
        for (const [k, v] of Object.entries(raw as Record<string, unknown>)) if (typeof v === "string") scan(row, k, v);
      }
      return;
    }
    const r = read.data;
    if (r.templateId !== template.id || r.templateVersion !== template.version)
      add(row, "templateId", "template-mismatch", `Rad ${row + 1}: posten hör inte till mallen ${template.id} version ${template.version}.`);
    if (r.org !== ctx.org) add(row, "org", "forbidden", `Rad ${row + 1}: posten hör till en annan organisation.`);
    if (template.rowKind === "event" && !r.date) add(row, "date", "validation-failed", `Rad ${row + 1}: datum saknas.`);
    if (template.rowKind === "aggregate" && !r.period) add(row, "period", "validation-failed", `Rad ${row + 1}: period saknas.`);
    if (template.timeGranularity === "day" && r.hour !== null) add(row, "hour", "validation-failed", `Rad ${row + 1}: mallen behåller bara dagen, inte klockslaget.`);
    for (const [key, value] of Object.entries(r.categories)) {
      const allowed = categoryValues.get(key);
      if (!allowed) add(row, `categories.${key}`, "identifying-value", `Rad ${row + 1}: kolumnen ${key} får inte skickas.`);
      else if (!allowed.has(value)) add(row, `categories.${key}`, "validation-failed", `Rad ${row + 1}: ”${value}” är inget tillåtet värde för ${key}.`);
      scan(row, `categories.${key}`, value);
    }
    for (const key of Object.keys(r.measures)) {
      if (!measureKeys.has(key)) add(row, `measures.${key}`, "identifying-value", `Rad ${row + 1}: kolumnen ${key} får inte skickas.`);
    }
    if (r.nyko !== null) {
      const level = ctx.levelOf(r.nyko);
      if (!ctx.isKnownNyko(r.nyko) || level === null) add(row, "nyko", "validation-failed", `Rad ${row + 1}: NYKO-koden ${r.nyko} finns inte i registret.`);
      else if (level > 3) add(row, "nyko", "identifying-value", `Rad ${row + 1}: NYKO-koden ${r.nyko} är finare än nivå 3.`);
    }
    if (r.period) scan(row, "period", r.period);
    for (const issue of checkRecordRules(template, r, ctx.window))
      add(row, issue.field, "validation-failed", `Rad ${row + 1}, fält ${issue.field}: ${issue.message}`);
    out.push(r);
  });
  // A submission may arrive in parts, so a survey question's rows may be split: here its sum may only not exceed the total.
  if (issues.length === 0)
    for (const g of rowGroupIssues(template, out, "part")) {
      const field = `${categoryValues.has(g.column) ? "categories" : "measures"}.${g.column}`;
      add(g.index, field, "validation-failed", `Rad ${g.index + 1}: ${g.message}`);
    }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: out };
}
