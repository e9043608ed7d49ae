import { describe, expect, it } from "vitest";
import type { DeidentifiedRecord } from "../../shared/protocol/record";
import { BUILTIN_TEMPLATES } from "../../shared/templates/builtin";
import { indicatorSheetName } from "./delivery-sheets";
import { parseTemplateArg, pickTemplateVersion } from "./pipeline-file";
import { canonicalJson, contentIdempotencyKey } from "./submit";

const record = (date: string): DeidentifiedRecord => ({ templateId: "vakt-rapporter", templateVersion: 1, org: "vaktbolaget", date, hour: 3, period: null, categories: { typ: "Klotter" }, nyko: "111", measures: {} });

describe("the idempotency key", () => {
  it("is the same for the same content whatever the key order, and differs for other content or template version", () => {
    expect(canonicalJson({ b: 1, a: [{ d: null, c: "x" }], u: undefined })).toBe('{"a":[{"c":"x","d":null}],"b":1}');
    const a = record("2026-03-02");
    const reordered = Object.fromEntries(Object.entries(a).reverse()) as DeidentifiedRecord;
    const tpl = { id: "vakt-rapporter", version: 1 };
    const key = contentIdempotencyKey(tpl, [a]);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(contentIdempotencyKey(tpl, [reordered])).toBe(key);
    expect(contentIdempotencyKey(tpl, [record("2026-03-03")])).not.toBe(key);
    expect(contentIdempotencyKey({ ...tpl, version: 2 }, [a])).not.toBe(key);
  });
});

describe("template arguments", () => {
  it("reads ID and ID@VERSION, and picks the latest version without one", () => {
    expect(parseTemplateArg("polis-anmalningar")).toEqual({ id: "polis-anmalningar" });
    expect(parseTemplateArg("polis-anmalningar@2")).toEqual({ id: "polis-anmalningar", version: 2 });
    expect(parseTemplateArg("polis-anmalningar@x")).toBeNull();
    const v1 = BUILTIN_TEMPLATES.find((t) => t.id === "polis-anmalningar")!;
    const v2 = { ...v1, version: 2 };
    expect(pickTemplateVersion([v1, v2], "polis-anmalningar")).toBe(v2);
    expect(pickTemplateVersion([v1, v2], "polis-anmalningar@1")).toBe(v1);
    expect(pickTemplateVersion([v1], "polis-anmalningar@3")).toBeNull();
  });
});

describe("indicatorSheetName", () => {
  it("makes valid, unique sheet names from titles", () => {
    expect(indicatorSheetName("Orosanmälningar: barn/unga", new Set())).toBe("Orosanmälningar barn unga");
    const long = "Andel elever i årskurs 9 med ofullständiga betyg";
    expect(indicatorSheetName(long, new Set())).toBe(long.slice(0, 31).trim());
    expect(indicatorSheetName("Tillgreppsbrott", new Set(["tillgreppsbrott"]))).toBe("Tillgreppsbrott (2)");
  });
});
