// A submission plan built record by record while a sheet is checked, so a large sheet is never held as records
// twice: each wire record is written once, as its canonical JSON, into the text of its part, and fed to a running
// SHA-256. The idempotency key is exactly `submissionKey`'s (SHA-256 of `id@version`, a line break and the
// canonical JSON of all records), and the parts are those `planRecords` makes; a part's request is made from its
// text when the submit loop asks for it.
import { Sha256Text } from "../dedup/sha256";
import { canonicalJson } from "../protocol/canonical-json";
import type { SubmitRequest } from "../protocol/api";
import { canonicalRecordJson, toWireRecord, type LocalRecord } from "../protocol/record";
import { isCleanKey, KEY_RETRY } from "./key";
import { PART_SIZE, type PartsPlan, type SubmitPart } from "./plan";

/** A running SHA-256 over text (UTF-8); `copy` continues independently. The pure-TS one serves everywhere. */
export interface TextHash {
  update(text: string): unknown;
  copy(): TextHash;
  hex(): string;
}

export interface PlanBuilder {
  /** Adds the next record (in sheet order) to the plan. */
  add(record: LocalRecord): void;
  /** Records added so far. */
  readonly count: number;
  /** The plan: every record added, keyed; `template` names the version when no record was added. */
  finish(template: { id: string; version: number }): PartsPlan;
}

/**
 * Writes records one by one as the canonical JSON of their wire form into the text of parts of `partSize`
 * records, feeding the key's running hash; `add` returns a part's text when the record completed it.
 * Shared by the plan builder (parts kept until the plan is sent) and the streamed upload (parts sent as made).
 */
export interface RecordWriter {
  add(record: LocalRecord): string | null;
  readonly count: number;
  readonly template: { id: string; version: number } | null;
  /** The sheet row of each record added. */
  sourceRows(): Int32Array;
  /** Closes the writing: the text of the last, unfinished part ("" when none) and the idempotency key. */
  finish(template: { id: string; version: number }): { rest: string; restCount: number; idempotencyKey: string };
}

/** Texts of dates and of record tails kept at most (a sheet has far fewer distinct ones). */
const MAX_REMEMBERED = 50_000;

export function createRecordWriter(options: { partSize?: number; hash?: () => TextHash } = {}): RecordWriter {
  const size = Math.max(1, Math.floor(options.partSize ?? PART_SIZE));
  const newHash = options.hash ?? (() => new Sha256Text());
  let current: string[] = [];
  let hash: TextHash | null = null;
  let template: { id: string; version: number } | null = null;
  let rows = new Int32Array(1024);
  let count = 0;
  // Category and measure objects are shared between records: their canonical JSON is made once per object.
  const objectJson = new Map<object, string>();
  const jsonOf = (value: Record<string, unknown>) => {
    let text = objectJson.get(value);
    if (text === undefined) {
      text = canonicalJson(value);
      if (Object.isFrozen(value)) objectJson.set(value, text);
    }
    return text;
  };

  // The text of a record's date, and of its fields after the measures (area, organisation, period, template), are
  // shared by many records: each is written once (as `canonicalRecordJson` writes it) and reused. The template is
  // the same for every record (`sameVersion`); the tails are forgotten should the organisation change.
  const dateJson = new Map<string | null, string>();
  const tailJson = new Map<string | null, Map<string | null, string>>();
  let tailOrg: string | null = null;
  const remembered = <K,>(map: Map<K, string>, key: K, make: () => string) => {
    let text = map.get(key);
    if (text === undefined) {
      if (map.size >= MAX_REMEMBERED) map.clear();
      text = make();
      map.set(key, text);
    }
    return text;
  };

  /** The record's canonical JSON (keys sorted, as `canonicalJson` writes it), without the local-only sourceRow. */
  const wireJson = (r: LocalRecord): string => {
    const { categories, date, hour, link, measures, nyko, org, period, templateId, templateVersion } = r;
    // The usual shape: every field present (link only when there are tokens). Anything else takes the general path.
    if (categories === undefined || date === undefined || hour === undefined || measures === undefined || nyko === undefined || org === undefined || period === undefined || templateId === undefined || templateVersion === undefined)
      return canonicalJson(toWireRecord(r));
    if (typeof templateVersion !== "number" || (date !== null && typeof date !== "string") || (nyko !== null && typeof nyko !== "string") || (period !== null && typeof period !== "string"))
      return canonicalRecordJson(r, jsonOf, link !== undefined && link.length > 0);
    const head = `{"categories":${jsonOf(categories)},"date":${remembered(dateJson, date, () => JSON.stringify(date))},"hour":${JSON.stringify(hour)}`;
    const withLink = link !== undefined && link.length > 0 ? `${head},"link":${JSON.stringify(link)}` : head;
    if (org !== tailOrg || tailJson.size >= MAX_REMEMBERED) {
      tailJson.clear();
      tailOrg = org;
    }
    let byPeriod = tailJson.get(nyko);
    if (byPeriod === undefined) tailJson.set(nyko, (byPeriod = new Map()));
    const tail = remembered(byPeriod, period, () =>
      `,"nyko":${JSON.stringify(nyko)},"org":${JSON.stringify(org)},"period":${JSON.stringify(period)},"templateId":${JSON.stringify(templateId)},"templateVersion":${JSON.stringify(templateVersion)}}`,
    );
    return `${withLink},"measures":${jsonOf(measures)}${tail}`;
  };

  const start = (t: { id: string; version: number }) => {
    template = { id: t.id, version: t.version };
    hash = newHash();
    hash.update(`${t.id}@${t.version}\n[`);
  };
  // The key's hash takes a part's text at once (the same bytes as record by record, in far fewer calls).
  let hashedAny = false;
  const hashPart = (text: string) => {
    hash!.update(hashedAny ? `,${text}` : text);
    hashedAny = true;
  };
  const sameVersion = (t: { id: string; version: number }) => {
    if (t.id !== template!.id || t.version !== template!.version) throw new Error("Alla poster i ett inskick måste höra till samma mallversion.");
  };

  return {
    get count() {
      return count;
    },
    get template() {
      return template;
    },
    sourceRows: () => rows.subarray(0, count),
    add(record) {
      if (!hash) start({ id: record.templateId, version: record.templateVersion });
      else sameVersion({ id: record.templateId, version: record.templateVersion });
      current.push(wireJson(record));
      if (count === rows.length) {
        const grown = new Int32Array(rows.length * 2);
        grown.set(rows);
        rows = grown;
      }
      rows[count++] = record.sourceRow;
      if (current.length < size) return null;
      const part = current.join(",");
      current = [];
      hashPart(part);
      return part;
    },
    finish(t) {
      if (!hash) start(t);
      else sameVersion(t);
      const rest = current.join(",");
      const restCount = current.length;
      current = [];
      if (restCount > 0) hashPart(rest);
      hash!.update("]");
      return { rest, restCount, idempotencyKey: cleanKey(hash!) };
    },
  };
}

export function createPlanBuilder(options: { partSize?: number; hash?: () => TextHash } = {}): PlanBuilder {
  const size = Math.max(1, Math.floor(options.partSize ?? PART_SIZE));
  const writer = createRecordWriter({ partSize: size, hash: options.hash });
  const parts: string[] = [];
  return {
    get count() {
      return writer.count;
    },
    add(record) {
      const part = writer.add(record);
      if (part !== null) parts.push(part);
    },
    finish(t) {
      const { rest, restCount, idempotencyKey } = writer.finish(t);
      if (restCount > 0 || parts.length === 0) parts.push(rest);
      const template = writer.template!;
      const partCount = parts.length;
      const base = { templateId: template.id, templateVersion: template.version, idempotencyKey };
      const planned: SubmitPart[] = parts.map((text, index) => ({
        first: index * size,
        get request(): SubmitRequest {
          const records = JSON.parse(`[${text}]`) as unknown[];
          return partCount === 1 ? { ...base, records } : { ...base, records, part: { uploadId: idempotencyKey.slice(0, 48), index, count: partCount } };
        },
      }));
      return { template: { ...template }, idempotencyKey, count: writer.count, sourceRows: writer.sourceRows(), parts: planned };
    },
  };
}

/** As `submissionKey`: hashed again with a counter while the key looks like an identifier (`isCleanKey`). */
function cleanKey(hash: TextHash): string {
  for (let n = 0; ; n++) {
    const attempt = hash.copy();
    if (n > 0) attempt.update(KEY_RETRY(n));
    const key = attempt.hex();
    if (isCleanKey(key)) return key;
  }
}
