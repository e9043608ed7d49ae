import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DeidentifiedRecord } from "../protocol/record";
import { builtinTemplate } from "../templates/builtin";
import { checkRecordRules, dateWindow, MAX_MEASURE } from "./record-rules";

const police = builtinTemplate("polis-anmalningar")!;
const social = builtinTemplate("socialtjanst-orosanmalningar")!;
const school = builtinTemplate("skola-betyg-ak9")!;
const window = dateWindow("2020-01-01", "2026-03-20");

const event = (over: Partial<DeidentifiedRecord> = {}): DeidentifiedRecord => ({
  templateId: police.id, templateVersion: 1, org: "polisen", date: "2026-03-02", hour: 14, period: null,
  categories: { brottskod: "1201" }, nyko: "111", measures: {}, ...over,
});
const monthly = (over: Partial<DeidentifiedRecord> = {}): DeidentifiedRecord => ({
  templateId: social.id, templateVersion: 1, org: "socialtjansten", date: null, hour: null, period: "2026-02",
  categories: {}, nyko: "111", measures: { orosanmalningar: 3, barn_0_17: 400 }, ...over,
});
const fields = (t = police, r = event()) => checkRecordRules(t, r, window).map((i) => i.field);

describe("checkRecordRules", () => {
  it("accepts a valid event row and a valid monthly row", () => {
    expect(fields()).toEqual([]);
    expect(fields(social, monthly())).toEqual([]);
  });

  it("refuses dates that are not on the calendar, before the register start or in the future", () => {
    for (const date of ["2026-02-31", "2026-13-45", "0000-00-00", "1800-01-01", "9999-12-31", "2019-12-31", "2026-03-22"])
      expect(fields(police, event({ date })), date).toEqual(["date"]);
    expect(fields(police, event({ date: "2026-03-21" }))).toEqual([]); // today plus the margin
    expect(fields(police, event({ date: "2020-01-01" }))).toEqual([]);
  });

  it("refuses the wrong period kind, a row with both a date and a period, and periods out of the window", () => {
    expect(fields(social, monthly({ period: "2025/26" }))).toEqual(["period"]);
    expect(fields(school, monthly({ templateId: school.id, period: "2026-02", measures: { elever_ak9: 10, ej_behorighet: 1 } }))).toEqual(["period"]);
    expect(fields(social, monthly({ date: "2026-02-03" }))).toEqual(["date"]);
    expect(fields(police, event({ period: "2026-03" }))).toEqual(["period"]);
    expect(fields(social, monthly({ period: "0000-01" }))).toEqual(["period"]);
    expect(fields(social, monthly({ period: "2026-13" }))).toEqual(["period"]);
    expect(fields(social, monthly({ period: "2026-04" }))).toEqual(["period"]);
  });

  it("refuses missing required categories and measures, wrong types, out-of-range values and numerator above denominator", () => {
    expect(fields(police, event({ categories: {} }))).toEqual(["categories.brottskod"]);
    expect(fields(social, monthly({ measures: { orosanmalningar: 3 } }))).toEqual(["measures.barn_0_17"]);
    expect(fields(social, monthly({ measures: { orosanmalningar: 0.37, barn_0_17: 4 } }))).toEqual(["measures.orosanmalningar"]);
    expect(fields(social, monthly({ measures: { orosanmalningar: -5, barn_0_17: 4 } }))).toEqual(["measures.orosanmalningar"]);
    expect(fields(social, monthly({ measures: { orosanmalningar: 1, barn_0_17: 1e308 } }))).toEqual(["measures.barn_0_17"]);
    expect(fields(social, monthly({ measures: { orosanmalningar: 5, barn_0_17: 4 } }))).toEqual(["measures.orosanmalningar"]);
  });

  it("allows link tokens only on a row whose category has a link class", () => {
    const link = ["0123456789abcdef0123456789abcdef"];
    expect(fields(police, event({ link }))).toEqual(["link"]);
    expect(fields(police, event({ link, categories: { brottskod: "1203" } }))).toEqual([]);
  });

  it("property: every generated valid monthly row passes", () => {
    const valid = fc.record({
      year: fc.integer({ min: 2020, max: 2026 }),
      month: fc.integer({ min: 1, max: 12 }),
      den: fc.integer({ min: 0, max: MAX_MEASURE }),
      share: fc.double({ min: 0, max: 1, noNaN: true }),
    }).filter((v) => v.year < 2026 || v.month <= 3);
    fc.assert(fc.property(valid, (v) => {
      const period = `${v.year}-${String(v.month).padStart(2, "0")}`;
      const r = monthly({ period, measures: { barn_0_17: v.den, orosanmalningar: Math.floor(v.den * v.share) } });
      expect(checkRecordRules(social, r, window)).toEqual([]);
    }));
  });

  it("property: a measure that is not a non-negative integer up to the bound, or above its denominator, is refused", () => {
    const bad = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => !Number.isInteger(x) || x < 0 || x > MAX_MEASURE),
      fc.integer({ min: MAX_MEASURE + 1 }),
      fc.integer({ max: -1 }),
    );
    fc.assert(fc.property(bad, (x) => {
      expect(fields(social, monthly({ measures: { orosanmalningar: x, barn_0_17: MAX_MEASURE } }))).toContain("measures.orosanmalningar");
    }));
    fc.assert(fc.property(fc.integer({ min: 0, max: MAX_MEASURE - 1 }), fc.integer({ min: 1, max: 1000 }), (den, more) => {
      const num = Math.min(MAX_MEASURE, den + more);
      expect(fields(social, monthly({ measures: { orosanmalningar: num, barn_0_17: den } }))).toEqual(["measures.orosanmalningar"]);
    }));
  });

  it("property: any YYYY-MM-DD string is accepted exactly when it is a real day inside the window", () => {
    const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(""));
    fc.assert(fc.property(fc.oneof(digits(4), fc.integer({ min: 2019, max: 2027 }).map(String)), digits(2), digits(2), (y, m, d) => {
      const date = `${y}-${m}-${d}`;
      const t = new Date(`${date}T00:00:00Z`);
      const real = !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === date;
      const inside = real && date >= window.earliest && date <= window.latest;
      expect(fields(police, event({ date })).length === 0).toBe(inside);
    }));
  });
});
