// One round holding survey shares, residence-based police shares and weekly cells together (issue 15: "the delivery
// audit passes on rounds that include survey, residence-based and weekly cells"): one cover model, one protection,
// and the independent audit for outsiders and every insider.
import { describe, expect, it } from "vitest";
import { auditPattern, highsSolver, resolveRule } from "../../shared/disclosure";
import { BUILTIN_INDICATORS } from "../../shared/indicators/builtin";
import { buildCube } from "../../shared/indicators/cube";
import { WEEKLY_VANDALISM } from "../../test/fixtures/weekly-vandalism";
import { addDays } from "../../shared/periods/civil-date";
import type { DeidentifiedRecord } from "../../shared/protocol/record";
import { buildCoverModel, insidersOf, singleCellInsiders, type Reader } from "./cover-model";
import { deliveryRule, inlineEngine, protectRound } from "./protect-round";
import { discloseForReader } from "./reader-views";
import { population, residence, survey, SURVEY_AREAS as hierarchy } from "../../test/fixtures/survey-round";

const weekly = WEEKLY_VANDALISM;
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
const year = ["year" as const];
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
