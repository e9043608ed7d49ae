import { describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import type { DeidentifiedRecord } from "../protocol/record";
import { canonicalJson } from "../protocol/canonical-json";
import { keyText, submissionKey } from "./key";

const record = (date: string): DeidentifiedRecord => ({ templateId: "vakt-rapporter", templateVersion: 1, org: "vaktbolaget", date, hour: 3, period: null, categories: { typ: "Klotter" }, nyko: "111", measures: {} });

describe("canonical JSON", () => {
  it("sorts keys at every depth and leaves undefined fields out", () => {
    expect(canonicalJson({ b: 1, a: [{ d: null, c: "x" }], u: undefined })).toBe('{"a":[{"c":"x","d":null}],"b":1}');
    expect(canonicalJson(undefined)).toBe("null");
    expect(canonicalJson([1, "å", true])).toBe('[1,"å",true]');
  });
});

describe("the idempotency key", () => {
  it("derives the key from the content", async () => {
    const a = [{ templateId: "t", templateVersion: 1, org: "o", date: "2025-01-01", hour: 1, period: null, categories: {}, nyko: null, measures: {} }];
    const b = [{ ...a[0], hour: 2 }];
    const t = { id: "t", version: 1 };
    expect(await submissionKey(t, a)).toBe(await submissionKey(t, structuredClone(a)));
    expect(await submissionKey(t, a)).not.toBe(await submissionKey(t, b));
    expect(await submissionKey(t, a)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("is the same for the same content whatever the key order, and differs for other content or template version", async () => {
    const a = record("2026-03-02");
    const reordered = Object.fromEntries(Object.entries(a).reverse()) as DeidentifiedRecord;
    const tpl = { id: "vakt-rapporter", version: 1 };
    const key = await submissionKey(tpl, [a]);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(await submissionKey(tpl, [reordered])).toBe(key);
    expect(await submissionKey(tpl, [record("2026-03-03")])).not.toBe(key);
    expect(await submissionKey({ ...tpl, version: 2 }, [a])).not.toBe(key);
  });

  it("is SHA-256 of `id@version`, a line break and the canonical records (the rule `lagesbild submit` used)", async () => {
    const records = [record("2026-03-02"), { ...record("2026-03-04"), categories: { typ: "Skadegörelse" } }];
    const tpl = { id: "vakt-rapporter", version: 1 };
    expect(keyText(tpl, records)).toBe(`vakt-rapporter@1\n${canonicalJson(records)}`);
    const expected = createHash("sha256").update("vakt-rapporter@1\n").update(canonicalJson(records)).digest("hex");
    expect(await submissionKey(tpl, records)).toBe(expected);
  });
});
