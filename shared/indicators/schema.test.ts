import { describe, it, expect } from "vitest";
import { indicatorDefinitionSchema, indicatorSummary, leafPeriodType, parseIndicatorDefinition, type IndicatorDefinitionInput } from "./schema";
import { indicatorSummarySchema } from "../protocol/delivery";
import { BUILTIN_INDICATORS } from "./builtin";
import { checkIndicatorAgainstTemplates, supportedPeriodTypes } from "./check-templates";
import { BUILTIN_TEMPLATES, builtinTemplate } from "../templates/builtin";

const base: IndicatorDefinitionInput = {
  id: "test-indikator",
  version: 1,
  title: "Test",
  description: "En testindikator.",
  unit: "antal",
  numerator: { kind: "count", match: [{ templateId: "vaktbolag-rapporter", where: { typ: ["Klotter"] } }] },
  periodTypes: ["halfmonth", "month", "quarter", "year"],
  grain: { level: 3, periodType: "month" },
};

describe("indicator definition schema", () => {
  it("parses a minimal definition and fills defaults", () => {
    const d = indicatorDefinitionSchema.parse(base);
    expect(d.factor).toBe("none");
    expect(d.crossPartner).toBe(false);
    expect(leafPeriodType(d)).toBe("halfmonth");
  });
  it("parses every built-in indicator, with unique ids", () => {
    expect(BUILTIN_INDICATORS).toHaveLength(18);
    expect(new Set(BUILTIN_INDICATORS.map((d) => d.id)).size).toBe(18);
  });
  it("refuses period types that do not nest", () => {
    const r = parseIndicatorDefinition({ ...base, periodTypes: ["month", "year", "schoolyear"] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.join(" ")).toMatch(/periodTypes: .*nästlar inte/);
  });
  it("refuses a grain outside the period types, a factor without denominator, and unknown fields", () => {
    expect(parseIndicatorDefinition({ ...base, grain: { level: 3, periodType: "schoolyear" } }).ok).toBe(false);
    expect(parseIndicatorDefinition({ ...base, factor: "percent" }).ok).toBe(false);
    expect(parseIndicatorDefinition({ ...base, extra: 1 }).ok).toBe(false);
    expect(parseIndicatorDefinition({ ...base, grain: { level: 0, periodType: "month" } }).ok).toBe(false);
    expect(parseIndicatorDefinition({ ...base, numerator: { kind: "count", match: [] } }).ok).toBe(false);
    expect(parseIndicatorDefinition({ ...base, periodTypes: ["month", "month"], grain: { level: 3, periodType: "month" } }).ok).toBe(false);
  });
  it("accepts population and measure denominators", () => {
    const pop = parseIndicatorDefinition({ ...base, denominator: { kind: "population", band: "alder_18_24" }, factor: "per1000" });
    expect(pop.ok).toBe(true);
    const meas = parseIndicatorDefinition({
      ...base,
      denominator: { kind: "measure", measure: "elever_ak9", match: [{ templateId: "skola-betyg-ak9" }] },
      factor: "percent",
    });
    expect(meas.ok).toBe(true);
    if (meas.ok && meas.value.denominator?.kind === "measure") expect(meas.value.denominator.overTime).toBe("sum");
  });
});

describe("checking a definition against templates", () => {
  it("accepts every built-in indicator over the built-in templates", () => {
    for (const d of BUILTIN_INDICATORS) expect(checkIndicatorAgainstTemplates(d, BUILTIN_TEMPLATES), d.id).toEqual({ ok: true, value: d });
  });
  it("names unknown templates, columns, values and measures", () => {
    const d = indicatorDefinitionSchema.parse({
      ...base,
      numerator: {
        kind: "sum",
        measure: "antal",
        match: [
          { templateId: "finns-inte" },
          { templateId: "vaktbolag-rapporter", where: { typ: ["Inbrott"], farg: ["Röd"] } },
        ],
      },
    });
    const r = checkIndicatorAgainstTemplates(d, BUILTIN_TEMPLATES);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const text = r.issues.join("\n");
    expect(text).toContain("mallen finns-inte finns inte");
    expect(text).toContain("värdet ”Inbrott”");
    expect(text).toContain("ingen kategorikolumn farg");
    expect(text).toContain("inget mått antal");
  });
  it("refuses period types the data does not support", () => {
    const social = BUILTIN_INDICATORS.find((d) => d.id === "orosanmalningar-per-1000-barn");
    if (!social) throw new Error("missing");
    const r = checkIndicatorAgainstTemplates({ ...social, periodTypes: ["halfmonth", "month"], grain: { level: 3, periodType: "month" } }, BUILTIN_TEMPLATES);
    expect(r.ok).toBe(false);
    const school = BUILTIN_INDICATORS.find((d) => d.id === "ofullstandiga-betyg-ak9");
    if (!school) throw new Error("missing");
    expect(checkIndicatorAgainstTemplates({ ...school, periodTypes: ["month"], grain: { level: 3, periodType: "month" } }, BUILTIN_TEMPLATES).ok).toBe(false);
  });
  it("derives the supported period types from the template", () => {
    const t = (id: string) => {
      const found = builtinTemplate(id);
      if (!found) throw new Error(id);
      return found;
    };
    expect(supportedPeriodTypes(t("skola-betyg-ak9"))).toEqual(["schoolyear"]);
    expect(supportedPeriodTypes(t("socialtjanst-orosanmalningar"))).toEqual(["month", "quarter", "year"]);
    expect(supportedPeriodTypes(t("polis-anmalningar"))).toEqual(["week", "halfmonth", "month", "quarter", "year"]);
  });
});

describe("weekly publication", () => {
  const vandalism = BUILTIN_INDICATORS.find((d) => d.id === "skadegorelse-klotter")!;
  const weekly = (over: object) => parseIndicatorDefinition({ ...vandalism, periodTypes: ["week", "halfmonth", "month"], grain: { level: 2, periodType: "halfmonth", steps: [{ level: 1, periodType: "week" }] }, ...over });
  it("takes a weekly step beside the staircase and keeps inner cells per slice", () => {
    const r = weekly({});
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(leafPeriodType(r.value)).toBe("slice");
      expect(checkIndicatorAgainstTemplates(r.value, BUILTIN_TEMPLATES).ok).toBe(true);
    }
  });
  it("refuses a weekly step without weeks, finer than the grain's level, or weeks beside school years or monthly data", () => {
    expect(weekly({ periodTypes: ["halfmonth", "month"] }).ok).toBe(false);
    expect(weekly({ grain: { level: 1, periodType: "halfmonth", steps: [{ level: 2, periodType: "week" }] } }).ok).toBe(false);
    expect(weekly({ periodTypes: ["week", "schoolyear"], grain: { level: 1, periodType: "week" } }).ok).toBe(false);
    const social = BUILTIN_INDICATORS.find((d) => d.id === "orosanmalningar-per-1000-barn")!;
    expect(checkIndicatorAgainstTemplates({ ...social, periodTypes: ["week", "month"], grain: { level: 1, periodType: "month" } }, BUILTIN_TEMPLATES).ok).toBe(false);
  });
});

describe("indicatorSummary", () => {
  it("gives what a delivery's definitions list holds", () => {
    for (const d of BUILTIN_INDICATORS) {
      const s = indicatorSummary(d);
      expect(indicatorSummarySchema.parse(s)).toEqual(s);
      expect(s.id).toBe(d.id);
    }
  });
});
