// One round holding survey shares, residence-based police shares and weekly cells together (issue 15: "the delivery
// audit passes on rounds that include survey, residence-based and weekly cells"): one cover model, one protection,
// and the independent audit for outsiders and every insider.
import { describe, expect, it } from "vitest";
import { auditPattern, highsSolver, resolveRule } from "../../shared/disclosure";
import { BUILTIN_INDICATORS } from "../../shared/indicators/builtin";
import { buildCube } from "../../shared/indicators/cube";
import { hierarchyFromRows } from "../../shared/indicators/hierarchy";
import { indicatorDefinitionSchema, type IndicatorDefinition } from "../../shared/indicators/schema";
import { addDays } from "../../shared/periods/civil-date";
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

const year = ["year" as const];
const base = BUILTIN_INDICATORS.find((d) => d.id === "skadegorelse-klotter")!;
/** Vandalism per week at NYKO-1 and for the municipality, beside half-months. */
const weekly: IndicatorDefinition = indicatorDefinitionSchema.parse({
  ...base,
  version: 2,
  periodTypes: ["week", "halfmonth", "month"],
  grain: { level: 1, periodType: "halfmonth", steps: [{ level: 1, periodType: "week" }] },
});
/** Two incidents a day in 111 and 211 from 16 February to 15 March 2025, and one on Saturday 1 March in 111. */
function vandalism(): DeidentifiedRecord[] {
  const out: DeidentifiedRecord[] = [];
  const one = (date: string, nyko: string): DeidentifiedRecord => ({
    templateId: "polis-anmalningar", templateVersion: 1, org: "polisen", date, hour: 10, period: null,
    categories: { brottskod: "1201", brottsbenamning: "Skadegörelse" }, nyko, measures: {},
  });
  for (let d = "2025-02-16"; d <= "2025-03-15"; d = addDays(d, 1)) if (d !== "2025-03-01") out.push(one(d, "111"), one(d, "111"), one(d, "211"), one(d, "211"));
  out.push(one("2025-03-01", "111"));
  return out;
}

const defs = [...BUILTIN_INDICATORS.filter((d) => d.id === "otrygga-kvall" || d.id === "misstankta-18-24-boende"), weekly];
const cube = buildCube([...survey, ...residence, ...vandalism()], defs, hierarchy, { range: { from: "2025-01-01", to: "2025-12-31" }, population });
const polisen: Reader = {
  org: "polisen", huvudman: false,
  entries: [{ indicator: "otrygga-kvall", levels: [0, 1, 2, 3], periodTypes: year }, { indicator: "misstankta-18-24-boende", levels: [0, 1, 2, 3], periodTypes: year }],
};
const raddning: Reader = { org: "raddningstjansten", huvudman: false, entries: [{ indicator: weekly.id, levels: [0, 1], periodTypes: ["week", "halfmonth"] }, { indicator: "otrygga-kvall", levels: [0, 1, 2], periodTypes: year }] };
const huvudman: Reader = { org: "kommunen", huvudman: true, entries: [] };
const readers = [polisen, raddning, huvudman];

describe("a round with survey, residence-based and weekly cells together", async () => {
  const round = await protectRound({ cube, readers, rule: deliveryRule(3), engine: inlineEngine(highsSolver) });

  it("holds all three kinds and passes the independent audit for outsiders and every insider", async () => {
    expect(round.mode).toBe("protected");
    const cover = buildCoverModel(cube, readers);
    const ids = cover.model.cells.map((c) => c.id);
    expect(ids.some((id) => id.startsWith("otrygga-kvall|"))).toBe(true);
    expect(ids.some((id) => id.startsWith("misstankta-18-24-boende|"))).toBe(true);
    expect(ids.some((id) => id.startsWith(`${weekly.id}|`) && /\|2025-W\d\d$/.test(id))).toBe(true);
    const lp = await highsSolver();
    const rule = resolveRule({ threshold: 3, protectEverySuppressed: true });
    const insiders = insidersOf(cover, readers);
    expect((await auditPattern(cover.model, round.status, { solver: lp, rule, insiders, exact: true })).ok).toBe(true);
    expect((await auditPattern(cover.model, round.status, { solver: lp, rule, insiders: singleCellInsiders(insiders, round.status) })).ok).toBe(true);
  });

  it("delivers weekly values, survey shares and residence shares, and hides what the threshold hides", () => {
    const seen = discloseForReader(round, raddning).cells;
    const weeks = seen.filter((c) => c.indicator === weekly.id && c.periodType === "week" && c.status === "value");
    expect(weeks.length).toBeGreaterThan(0);
    expect(seen.find((c) => c.indicator === "otrygga-kvall" && c.nyko === "12")).toMatchObject({ status: "suppressed", value: null });
    const police = discloseForReader(round, polisen).cells;
    expect(police.find((c) => c.indicator === "misstankta-18-24-boende" && c.nyko === "112")).toMatchObject({ status: "suppressed", value: null });
    expect(police.find((c) => c.indicator === "misstankta-18-24-boende" && c.nyko === "111")).toMatchObject({ status: "value", value: 4 });
  });
});
