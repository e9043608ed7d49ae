import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "./canonical-json";
import { canonicalBatchText, canonicalRecordJson, canonicalTextOf, deidentifiedRecordSchema, parseRecordFast, splitCanonicalBatch } from "./record";

const valid = {
  templateId: "polisen-handelser", templateVersion: 1, org: "polisen", date: "2025-03-04", hour: 13, period: null,
  categories: { brottstyp: "Skadegörelse", plats: "Utomhus" }, nyko: "12801", measures: { antal: 2 },
};

/** Values near a record: each field valid, or one of a few wrong things (wrong type, out of range, absent, extra). */
const odd = fc.oneof(
  fc.constant(undefined), fc.constant(null), fc.constant(""), fc.constant("x".repeat(81)), fc.constant(-1), fc.constant(0), fc.constant(-0), fc.constant(24),
  fc.constant(1.5), fc.constant(2 ** 60), fc.constant(Number.NaN), fc.constant(Infinity), fc.constant([]), fc.constant({}), fc.constant(["0123456789abcdef0123456789abcdef"]),
  fc.constant("2025-3-4"), fc.constant("2025/26"), fc.constant("2025-03"), fc.constant("123456789012345"), fc.constant({ __proto__: null, a: "b" }), fc.string(), fc.double(), fc.integer(),
);
const columnKey = fc.oneof({ arbitrary: fc.constantFrom("brottstyp", "plats", "antal", "a_1", "z9"), weight: 8 }, { arbitrary: fc.constantFrom("A", "_x", "__proto__", "1a", "", "a".repeat(41), "ä"), weight: 1 });
const good = fc.record(
  {
    templateId: fc.constantFrom("polisen-handelser", "t", "x".repeat(60)),
    templateVersion: fc.integer({ min: 1, max: 5 }),
    org: fc.constantFrom("polisen", "o"),
    date: fc.oneof(fc.constant(null), fc.constantFrom("2025-03-04", "0000-00-00")),
    hour: fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 23 })),
    period: fc.oneof(fc.constant(null), fc.constantFrom("2025-03", "2024/25", "2025")),
    categories: fc.dictionary(columnKey, fc.oneof({ arbitrary: fc.constantFrom("Skadegörelse", "Utomhus", "ä\"\\\n", "x".repeat(80)), weight: 8 }, { arbitrary: odd, weight: 1 }), { maxKeys: 4 }),
    nyko: fc.oneof(fc.constant(null), fc.constantFrom("1", "12801", "123456789012")),
    measures: fc.dictionary(columnKey, fc.oneof({ arbitrary: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })), weight: 8 }, { arbitrary: odd, weight: 1 }), { maxKeys: 3 }),
    link: fc.array(fc.constantFrom("0123456789abcdef0123456789abcdef", "0123456789ABCDEF0123456789abcdef"), { maxLength: 9 }),
  },
  { requiredKeys: ["templateId", "templateVersion", "org", "date", "hour", "period", "categories", "nyko", "measures"] },
);
/** A record, valid but for its nested values, or with one field replaced by something wrong (or absent, or added). */
const record = fc.tuple(good, fc.option(fc.constantFrom("templateId", "templateVersion", "org", "date", "hour", "period", "categories", "nyko", "measures", "link", "extra")), odd)
  .map(([r, key, value]) => (key === null ? r : { ...r, [key]: value }));

describe("the fast record parser", () => {
  it("reads the usual record as the schema does", () => {
    const linked = { ...valid, link: ["0123456789abcdef0123456789abcdef"] };
    for (const r of [valid, linked, { ...valid, date: null, hour: null, period: "2024/25", nyko: null, measures: {} }]) {
      const fast = parseRecordFast(JSON.parse(JSON.stringify(r)));
      expect(fast).not.toBeNull();
      expect(JSON.stringify(fast)).toBe(JSON.stringify(deidentifiedRecordSchema.parse(r)));
      expect(canonicalRecordJson(fast!)).toBe(canonicalJson(r));
    }
  });

  it("never accepts what the schema refuses, and returns what the schema returns, on generated values", () => {
    let accepted = 0;
    fc.assert(
      fc.property(record, (r) => {
        const raw: unknown = JSON.parse(JSON.stringify(r)); // as a request body gives it
        const fast = parseRecordFast(raw);
        const schema = deidentifiedRecordSchema.safeParse(raw);
        if (fast === null) return;
        accepted++;
        expect(schema.success).toBe(true);
        expect(JSON.stringify(fast)).toBe(JSON.stringify(schema.data));
        expect(canonicalRecordJson(fast)).toBe(canonicalJson(raw));
        // In the order it was built (rarely canonical), and as a client sends it (canonical): the same text.
        expect(canonicalTextOf(raw as object, fast)).toBe(canonicalJson(raw));
        const sorted: unknown = JSON.parse(canonicalJson(raw));
        expect(canonicalTextOf(sorted as object, parseRecordFast(sorted)!)).toBe(canonicalJson(raw));
      }),
      { numRuns: 3000 },
    );
    expect(accepted).toBeGreaterThan(100);
  });

  it("writes a record's canonical JSON whatever the order of its keys at any depth", () => {
    const text = canonicalJson(valid);
    const sorted = JSON.parse(text) as typeof valid;
    const variants = [
      sorted,
      { ...sorted, categories: { plats: "Utomhus", brottstyp: "Skadegörelse" } },
      { ...sorted, measures: { b: 1, a: 2 } },
      JSON.parse(JSON.stringify(valid)) as typeof valid,
      JSON.parse(canonicalJson({ ...valid, link: ["0123456789abcdef0123456789abcdef"] })) as typeof valid,
    ];
    for (const v of variants) expect(canonicalTextOf(v, parseRecordFast(v)!)).toBe(canonicalJson(v));
  });

  it("writes a batch in canonical order as one list, and cuts it into the records' texts, on generated values", () => {
    const tricky = { ...valid, categories: { categories: '},{"categories":{', plats: "a\n},{\"categories\":" }, measures: { categories: 1 } };
    const canonicalRecord = record.map((r) => JSON.parse(canonicalJson(r)) as unknown).filter((raw) => parseRecordFast(raw) !== null);
    let batches = 0;
    fc.assert(
      fc.property(fc.array(fc.oneof(canonicalRecord, fc.constant(JSON.parse(canonicalJson(tricky)) as unknown)), { maxLength: 6 }), fc.boolean(), (sent, unsorted) => {
        if (unsorted && sent.length > 0) sent = [...sent.slice(1), JSON.parse(JSON.stringify(valid)) as unknown];
        const parsed = sent.map(parseRecordFast);
        const texts = sent.map((raw) => canonicalJson(raw));
        const batch = canonicalBatchText(sent, parsed);
        if (unsorted && sent.length > 0) {
          expect(batch).toBeNull();
          return;
        }
        batches++;
        expect(batch).toBe(`[${texts.join(",")}]`);
        expect(splitCanonicalBatch(batch!)).toBe(texts.join("\n"));
      }),
      { numRuns: 1000 },
    );
    expect(batches).toBeGreaterThan(100);
    expect(canonicalBatchText([valid], [null])).toBeNull();
  });

  it("leaves anything unusual to the schema", () => {
    expect(parseRecordFast({ ...valid, extra: 1 })).toBeNull();
    expect(parseRecordFast({ ...valid, link: undefined })).toBeNull();
    expect(parseRecordFast(Object.assign(Object.create(null) as object, valid))).toBeNull();
    expect(parseRecordFast({ ...valid, categories: Object.assign(Object.create(null) as object, valid.categories) })).toBeNull();
    expect(parseRecordFast([valid])).toBeNull();
  });
});
