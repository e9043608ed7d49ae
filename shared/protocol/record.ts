// The de-identified record: the only shape of incident data that may leave an actor's workbook.
// See ../../../shared/DESIGN.md, "What a de-identified record may hold".
import { z } from "zod";

/** A NYKO code as the register writes it (digits only). Level is read from the register, never from length. */
export const nykoCodeSchema = z.string().regex(/^[0-9]{1,12}$/);

/** Category and measure keys are template column keys: lower-case identifiers. */
export const columnKeySchema = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/);

/** A closed-list category value, canonical as the template spells it (never free text: checked against the template). */
export const categoryValueSchema = z.string().min(1).max(80);

/**
 * Linkage tokens for double reporting (see docs/double-reporting.md): keyed hashes (HMAC-SHA-256, truncated
 * to 128 bits, hex) of normalised address + incident class + overlapping time bucket. The key is held by the
 * partners and never by the server; the server keeps tokens only for a short window.
 */
export const linkTokenSchema = z.string().regex(/^[0-9a-f]{32}$/);

export const deidentifiedRecordSchema = z
  .object({
    templateId: z.string().min(1).max(60),
    templateVersion: z.number().int().min(1),
    org: z.string().min(1).max(60),
    /** Event date, YYYY-MM-DD, Europe/Stockholm (event rows). */
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
    /** Clock hour 0–23, or null when the template keeps the day only or the time is missing. */
    hour: z.number().int().min(0).max(23).nullable(),
    /** Period of an aggregate row: month `2025-03` or school year `2024/25`; null for event rows. */
    period: z.string().regex(/^(\d{4}|\d{4}-\d{2}|\d{4}\/\d{2})$/).nullable(),
    /** Closed-list values, by template column key. */
    categories: z.record(columnKeySchema, categoryValueSchema),
    /** NYKO code at level 3 or coarser, or null when the row could not be located. */
    nyko: nykoCodeSchema.nullable(),
    /** Numeric measures and denominators, by template column key. */
    measures: z.record(columnKeySchema, z.number().finite()),
    /** Optional linkage tokens for double reporting. */
    link: z.array(linkTokenSchema).max(8).optional(),
  })
  .strict();

export type DeidentifiedRecord = z.infer<typeof deidentifiedRecordSchema>;

/** A record as the add-in and `lagesbild check --records` hold it locally: plus the sheet row it came from. Never sent. */
export type LocalRecord = DeidentifiedRecord & { sourceRow: number };

/** Strips everything local-only so only the record itself is sent. */
export function toWireRecord(record: LocalRecord | DeidentifiedRecord): DeidentifiedRecord {
  const { templateId, templateVersion, org, date, hour, period, categories, nyko, measures, link } = record;
  const wire: DeidentifiedRecord = { templateId, templateVersion, org, date, hour, period, categories, nyko, measures };
  if (link && link.length > 0) wire.link = link;
  return wire;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const PERIOD = /^(\d{4}|\d{4}-\d{2}|\d{4}\/\d{2})$/;
const NYKO = /^[0-9]{1,12}$/;
const COLUMN_KEY = /^[a-z][a-z0-9_]{0,39}$/;
const LINK_TOKEN = /^[0-9a-f]{32}$/;
const RECORD_KEYS = new Set(["templateId", "templateVersion", "org", "date", "hour", "period", "categories", "nyko", "measures", "link"]);

const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && Object.getPrototypeOf(v) === Object.prototype;
const isText = (v: unknown, min: number, max: number): v is string => typeof v === "string" && v.length >= min && v.length <= max;

/**
 * `deidentifiedRecordSchema.parse` for the usual record, without zod (a submission's server check runs it on every
 * record). Returns the record as the schema returns it (same fields in the same order), or null whenever the value
 * is anything but plainly valid; the caller then asks the schema, which decides and names the problem. It never
 * accepts what the schema refuses (`record.test.ts` compares the two on generated values). The categories, measures
 * and link of the value are taken over as they are (the schema would copy them): the caller no longer needs them.
 */
export function parseRecordFast(raw: unknown): DeidentifiedRecord | null {
  if (!isPlain(raw)) return null;
  const keys = Object.keys(raw);
  const hasLink = keys.length === 10;
  if (keys.length !== 9 && !hasLink) return null;
  for (const k of keys) if (!RECORD_KEYS.has(k)) return null;
  const { templateId, templateVersion, org, date, hour, period, categories, nyko, measures, link } = raw;
  if (!isText(templateId, 1, 60) || !isText(org, 1, 60)) return null;
  if (typeof templateVersion !== "number" || !Number.isSafeInteger(templateVersion) || templateVersion < 1) return null;
  if (date !== null && !(typeof date === "string" && DATE.test(date))) return null;
  if (hour !== null && !(typeof hour === "number" && Number.isSafeInteger(hour) && hour >= 0 && hour <= 23)) return null;
  if (period !== null && !(typeof period === "string" && PERIOD.test(period))) return null;
  if (nyko !== null && !(typeof nyko === "string" && NYKO.test(nyko))) return null;
  if (!isPlain(categories) || !isPlain(measures)) return null;
  for (const k of Object.keys(categories)) if (!COLUMN_KEY.test(k) || !isText(categories[k], 1, 80)) return null;
  for (const k of Object.keys(measures)) {
    const v = measures[k];
    if (!COLUMN_KEY.test(k) || typeof v !== "number" || !Number.isFinite(v)) return null;
  }
  const record: DeidentifiedRecord = {
    templateId, templateVersion, org, date: date as string | null, hour: hour as number | null, period: period as string | null,
    categories: categories as Record<string, string>, nyko: nyko as string | null, measures: measures as Record<string, number>,
  };
  if (hasLink) {
    if (!Array.isArray(link) || link.length > 8 || Object.getPrototypeOf(link) !== Array.prototype) return null;
    for (const t of link) if (typeof t !== "string" || !LINK_TOKEN.test(t)) return null;
    record.link = link as string[];
  }
  return record;
}

/**
 * The canonical JSON of a record (`canonicalJson`: keys sorted at every depth), written directly; fields other than
 * the record's own (a local record's sourceRow) are left out. `objectJson` writes the categories and measures (a
 * caller may reuse the text of objects shared between records); `withLink` false leaves the link out (the wire form
 * of a local record with no tokens).
 */
export function canonicalRecordJson(r: DeidentifiedRecord, objectJson: (o: Record<string, string | number>) => string = sortedObjectJson, withLink = r.link !== undefined): string {
  let text = `{"categories":${objectJson(r.categories)},"date":${JSON.stringify(r.date)},"hour":${JSON.stringify(r.hour)}`;
  if (withLink) text += `,"link":${JSON.stringify(r.link)}`;
  return `${text},"measures":${objectJson(r.measures)},"nyko":${JSON.stringify(r.nyko)},"org":${JSON.stringify(r.org)},"period":${JSON.stringify(r.period)},"templateId":${JSON.stringify(r.templateId)},"templateVersion":${JSON.stringify(r.templateVersion)}}`;
}

function sortedObjectJson(o: Record<string, string | number>): string {
  const keys = Object.keys(o);
  if (keys.length > 1) keys.sort();
  let text = "{";
  for (let i = 0; i < keys.length; i++) text += `${i ? "," : ""}${JSON.stringify(keys[i])}:${JSON.stringify(o[keys[i]])}`;
  return `${text}}`;
}

/** A record's keys in canonical order, without and with its link. */
const CANONICAL_KEYS = ["categories", "date", "hour", "measures", "nyko", "org", "period", "templateId", "templateVersion"];
const CANONICAL_KEYS_LINKED = ["categories", "date", "hour", "link", "measures", "nyko", "org", "period", "templateId", "templateVersion"];

function keysAscending(o: object): boolean {
  const keys = Object.keys(o);
  for (let i = 1; i < keys.length; i++) if (!(keys[i - 1] < keys[i])) return false;
  return true;
}

/**
 * The canonical JSON of `raw`, a value `parseRecordFast` accepted (`record` is what it returned), as `canonicalRecordJson`
 * writes it. When `raw`'s keys are in canonical order already at every depth (a client sends each record's canonical
 * JSON, and JSON.parse keeps the order of the text), `JSON.stringify(raw)` is that text, written natively: the record
 * has nothing but its own fields (parseRecordFast checked every key), its column keys are identifiers (never
 * integer-like, which objects would reorder) and its values are strings, numbers, null and a list of strings, each
 * written by JSON.stringify in both. Otherwise it is written field by field.
 */
export function canonicalTextOf(raw: object, record: DeidentifiedRecord): string {
  return inCanonicalOrder(raw, record) ? JSON.stringify(raw) : canonicalRecordJson(record);
}

/** Whether `raw`, which `parseRecordFast` accepted as `record`, has its keys in canonical order at every depth. */
function inCanonicalOrder(raw: object, record: DeidentifiedRecord): boolean {
  const order = record.link !== undefined ? CANONICAL_KEYS_LINKED : CANONICAL_KEYS;
  const keys = Object.keys(raw);
  if (keys.length !== order.length) return false;
  for (let i = 0; i < keys.length; i++) if (keys[i] !== order[i]) return false;
  return keysAscending(record.categories) && keysAscending(record.measures);
}

/**
 * A batch of records as sent, each accepted by `parseRecordFast` (`parsed`) and in canonical order: their canonical
 * JSON as a list, `[${texts.join(",")}]` of their `canonicalTextOf`, written by one JSON.stringify; null when any
 * record is not such. `splitCanonicalBatch` takes the records' texts out of it.
 */
export function canonicalBatchText(sent: readonly unknown[], parsed: readonly (DeidentifiedRecord | null)[]): string | null {
  for (let i = 0; i < sent.length; i++) {
    const r = parsed[i];
    if (!r || !inCanonicalOrder(sent[i] as object, r)) return null;
  }
  return JSON.stringify(sent);
}

/**
 * The records' texts of a `canonicalBatchText`, joined by line breaks. Each record's text begins `{"categories":`
 * (its first key in canonical order), so `},{"categories":` is where one ends and the next begins, and only there:
 * inside a string a quote is written `\"`, and the only list in a record (its link) holds strings, never objects, so
 * `},{` occurs nowhere else. No record's text holds a line break (JSON writes one inside a string as `\n`).
 */
export function splitCanonicalBatch(text: string): string {
  return text.length <= 2 ? "" : text.slice(1, -1).replaceAll('},{"categories":', '}\n{"categories":');
}
