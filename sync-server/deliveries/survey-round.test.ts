// Survey shares and residence-based police shares (issue 15 §2–3) in a delivery round: the same cover model,
// protection and audit as every other cell. Respondents and answer counts are people: a share whose unsafe answers,
// respondents or other answers are 1–2 is not published, and secondary suppression keeps them from being recovered.
import { describe, expect, it } from "vitest";
import { auditPattern, highsSolver, resolveRule } from "../../shared/disclosure";
import { BUILTIN_INDICATORS } from "../../shared/indicators/builtin";
import { buildCube } from "../../shared/indicators/cube";
import { hierarchyFromRows } from "../../shared/indicators/hierarchy";
import type { DeliveryCell } from "../../shared/protocol/delivery";
import type { DeidentifiedRecord } from "../../shared/protocol/record";
import { buildCoverModel, insidersOf, singleCellInsiders, type Reader } from "./cover-model";
import { deliveryRule, inlineEngine, protectRound } from "./protect-round";
import { discloseForReader } from "./reader-views";

const hierarchy = hierarchyFromRows([
  { code: "1", level: 1, parent: null },
  { code: "11", level: 2, parent: "1" },
  { code: "111", level: 3, parent: "11" },
  { code: "112", level: 3, parent: "11" },
  { code: "113", level: 3, parent: "11" },
  { code: "12", level: 2, parent: "1" },
  { code: "121", level: 3, parent: "12" },
  { code: "122", level: 3, parent: "12" },
  { code: "13", level: 2, parent: "1" },
  { code: "131", level: 3, parent: "13" },
  { code: "2", level: 1, parent: null },
  { code: "21", level: 2, parent: "2" },
  { code: "211", level: 3, parent: "21" },
  { code: "212", level: 3, parent: "21" },
  { code: "22", level: 2, parent: "2" },
  { code: "221", level: 3, parent: "22" },
]);

const Q = "Trygg ute ensam sent en kväll i området";
/** One area's answers to the trygghetsmätning's evening question: category → answers. */
function answers(nyko: string, split: Record<string, number>, org = "polisen"): DeidentifiedRecord[] {
  const respondents = Object.values(split).reduce((a, b) => a + b, 0);
  return Object.entries(split).map(([svar, n]) => ({
    templateId: "trygghetsenkat", templateVersion: 1, org, date: null, hour: null, period: "2025",
    categories: { enkat: "Trygghetsmätning", fraga: Q, svar }, nyko, measures: { antal_svarande: respondents, antal_svar: n },
  }));
}
function residents(nyko: string, grupp: string, n: number): DeidentifiedRecord {
  return { templateId: "polis-boende", templateVersion: 1, org: "polisen", date: null, hour: null, period: "2025", categories: { grupp }, nyko, measures: { antal_personer: n } };
}

const survey = [
  // 9 of 40 unsafe: published.
  ...answers("11", { "Mycket trygg": 15, "Ganska trygg": 15, "Ganska otrygg": 6, "Mycket otrygg": 3, "Vet ej/ej svar": 1 }),
  // 2 respondents: under the threshold.
  ...answers("12", { "Ganska trygg": 1, "Mycket otrygg": 1 }),
  // 3 unsafe of 12: published where it need not protect 12.
  ...answers("13", { "Mycket trygg": 5, "Ganska trygg": 4, "Ganska otrygg": 3 }),
  // 2 unsafe of 30: the unsafe answers are under the threshold.
  ...answers("21", { "Mycket trygg": 14, "Ganska trygg": 14, "Ganska otrygg": 2 }),
  // 23 unsafe of 25: both are large, but the other answers (2) are not; respondents less the unsafe would tell them.
  ...answers("22", { "Ganska otrygg": 20, "Mycket otrygg": 3, "Ganska trygg": 2 }),
];
const suspects: Record<string, number> = { "111": 12, "112": 2, "113": 4, "131": 6, "121": 0, "122": 7, "211": 5, "212": 1, "221": 9 };
const young: Record<string, number> = { "111": 300, "112": 250, "113": 100, "131": 120, "121": 200, "122": 280, "211": 150, "212": 190, "221": 310 };
const residence = Object.entries(suspects).map(([nyko, n]) => residents(nyko, "Misstänkta 18–24 år", n));
/** Population of an area (the sum of its level-3 areas) in the 18–24 band; everyone is ten times as many. */
const population = (nyko: string | null, _year: number, band: string) => {
  const sum = Object.entries(young).filter(([code]) => nyko === null || code.startsWith(nyko)).reduce((s, [, v]) => s + v, 0);
  return band === "alder_18_24" ? sum : sum * 10;
};

const defs = BUILTIN_INDICATORS.filter((d) => d.id === "otrygga-kvall" || d.id === "misstankta-18-24-boende");
const cube = buildCube([...survey, ...residence], defs, hierarchy, { range: { from: "2025-01-01", to: "2025-12-31" }, population });
const year = ["year" as const];
const polisen: Reader = {
  org: "polisen", huvudman: false,
  entries: [{ indicator: "otrygga-kvall", levels: [0, 1, 2, 3], periodTypes: year }, { indicator: "misstankta-18-24-boende", levels: [0, 1, 2, 3], periodTypes: year }],
};
const skolan: Reader = { org: "utbildningskontoret", huvudman: false, entries: [{ indicator: "otrygga-kvall", levels: [0, 1, 2, 3], periodTypes: year }] };
const huvudman: Reader = { org: "kommunen", huvudman: true, entries: [] };
const readers = [polisen, skolan, huvudman];
const find = (cells: readonly DeliveryCell[], indicator: string, nyko: string | null) => cells.find((c) => c.indicator === indicator && c.nyko === nyko && c.period === "2025")!;

describe("survey shares in the cover model", () => {
  it("models the unsafe answers and the respondents over the same answer counts, the first inside the second", () => {
    const { model } = buildCoverModel(cube, readers);
    const num = model.cells.find((c) => c.id === "otrygga-kvall|22|2025")!;
    const den = model.cells.find((c) => c.id === "den:otrygga-kvall|22|2025")!;
    expect(den.inner).toHaveLength(3);
    expect(num.inner).toHaveLength(2);
    for (const id of num.inner) expect(den.inner).toContain(id);
    const count = new Map(model.inner.map((i) => [i.id, i.count]));
    expect(num.inner.reduce((s, id) => s + count.get(id)!, 0)).toBe(23);
    expect(den.inner.reduce((s, id) => s + count.get(id)!, 0)).toBe(25);
    // NYKO-3 is finer than the survey's grain (NYKO-2): not in any reader's model.
    expect(model.cells.some((c) => c.id.startsWith("otrygga-kvall|111|"))).toBe(false);
  });
});

describe("a round with survey and residence-based cells", async () => {
  const round = await protectRound({ cube, readers, rule: deliveryRule(3), engine: inlineEngine(highsSolver) });
  const seen = discloseForReader(round, polisen).cells;
  const own = discloseForReader(round, huvudman).cells;

  it("is protected and passes the audit, for outsiders and for every insider", async () => {
    expect(round.mode).toBe("protected");
    const cover = buildCoverModel(cube, readers);
    const lp = await highsSolver();
    const rule = resolveRule({ threshold: 3, protectEverySuppressed: true });
    const insiders = insidersOf(cover, readers);
    expect((await auditPattern(cover.model, round.status, { solver: lp, rule, insiders, exact: true })).ok).toBe(true);
    expect((await auditPattern(cover.model, round.status, { solver: lp, rule, insiders: singleCellInsiders(insiders, round.status) })).ok).toBe(true);
  });

  it("publishes a share with enough unsafe answers, respondents and other answers", () => {
    expect(find(seen, "otrygga-kvall", "11")).toMatchObject({ status: "value", value: 22.5 });
    const total = find(seen, "otrygga-kvall", null);
    expect(total.status).toBe("value");
    expect(total.value).toBeCloseTo((38 / 109) * 100, 10);
  });

  it("suppresses a share with too few respondents, too few unsafe answers, or too few other answers", () => {
    for (const nyko of ["12", "21", "22"]) expect(find(seen, "otrygga-kvall", nyko), nyko).toMatchObject({ status: "suppressed", value: null, suppressed: true });
    // Secondary suppression: with 12 hidden, district 1 (= 11 + 12 + 13) and its other parts cannot all be published.
    expect(["1", "11", "13"].some((n) => find(seen, "otrygga-kvall", n).suppressed)).toBe(true);
    expect(round.status.get("den:otrygga-kvall|12|2025")).toBe("primary");
    expect(round.status.get("otrygga-kvall|21|2025")).toBe("primary");
  });

  it("suppresses residence-based shares of 1–2 people and protects them, publishing zeros and larger counts", () => {
    expect(find(seen, "misstankta-18-24-boende", "111")).toMatchObject({ status: "value", value: 4 });
    expect(find(seen, "misstankta-18-24-boende", "121")).toMatchObject({ status: "value", value: 0 });
    for (const nyko of ["112", "212"]) expect(find(seen, "misstankta-18-24-boende", nyko)).toMatchObject({ status: "suppressed", value: null });
    // 11 = 111 + 112 + 113: 11 or another part must hide too, or 112 would be 11 less the others.
    const hidden = ["11", "111", "113"].filter((n) => find(seen, "misstankta-18-24-boende", n).suppressed);
    expect(hidden.length).toBeGreaterThan(0);
  });

  it("shows the huvudman every value unsuppressed", () => {
    expect(find(own, "otrygga-kvall", "22")).toMatchObject({ status: "value", value: 92 });
    expect(find(own, "otrygga-kvall", "12")).toMatchObject({ status: "value", value: 50 });
    expect(find(own, "misstankta-18-24-boende", "212").value).toBeCloseTo(100 / 190, 10);
  });
});
