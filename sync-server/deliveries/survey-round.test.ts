// Survey shares and residence-based police shares (issue 15 §2–3) in a delivery round: the same cover model,
// protection and audit as every other cell. Respondents and answer counts are people: a share whose unsafe answers,
// respondents or other answers are 1–2 is not published, and secondary suppression keeps them from being recovered.
import { describe, expect, it } from "vitest";
import { auditPattern, highsSolver, resolveRule } from "../../shared/disclosure";
import { BUILTIN_INDICATORS } from "../../shared/indicators/builtin";
import { buildCube } from "../../shared/indicators/cube";
import type { DeliveryCell } from "../../shared/protocol/delivery";
import { buildCoverModel, insidersOf, singleCellInsiders, type Reader } from "./cover-model";
import { deliveryRule, inlineEngine, protectRound } from "./protect-round";
import { discloseForReader } from "./reader-views";
import { population, residence, survey, SURVEY_AREAS as hierarchy } from "../../test/fixtures/survey-round";

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
