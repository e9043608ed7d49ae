// The disclosure round in its three parts: the cover model (and the insiders who know parts of it), the protection of
// the round (one pattern for every reader), and the reader views (each reader gets its subset; the huvudman sees
// everything; a round that failed the audit or could not be protected sends municipality totals only).
import { describe, expect, it } from "vitest";
import { auditPattern, highsSolver, resolveRule } from "../../shared/disclosure";
import { BUILTIN_INDICATORS } from "../../shared/indicators/builtin";
import { buildCube } from "../../shared/indicators/cube";
import { hierarchyFromRows } from "../../shared/indicators/hierarchy";
import type { DeidentifiedRecord } from "../../shared/protocol/record";
import { cellId } from "./cell-key";
import { buildCoverModel, insidersOf, singleCellInsiders, type Reader } from "./cover-model";
import { deliveryRule, inlineEngine, protectRound as protectWith, type ProtectRoundInput } from "./protect-round";
import { discloseForReader } from "./reader-views";

const hierarchy = hierarchyFromRows([
  { code: "1", level: 1, parent: null },
  { code: "11", level: 2, parent: "1" },
  { code: "111", level: 3, parent: "11" },
  { code: "112", level: 3, parent: "11" },
  { code: "12", level: 2, parent: "1" },
  { code: "121", level: 3, parent: "12" },
  { code: "122", level: 3, parent: "12" },
]);

function police(nyko: string, n: number, code = "1201", name = "Skadegörelse"): DeidentifiedRecord[] {
  return Array.from({ length: n }, () => ({
    templateId: "polis-anmalningar", templateVersion: 1, org: "polisen", date: "2026-03-03", hour: 10, period: null,
    categories: { brottskod: code, brottsbenamning: name }, nyko, measures: {},
  }));
}

const defs = BUILTIN_INDICATORS.filter((d) => d.id === "skadegorelse-klotter" || d.id === "tillgreppsbrott");
const cube = buildCube([...police("111", 8), ...police("112", 1), ...police("121", 6), ...police("122", 7)], defs, hierarchy, { range: { from: "2026-03-01", to: "2026-03-15" } });
const all = (indicator: string) => ({ indicator, levels: [0, 1, 2, 3], periodTypes: ["halfmonth" as const] });
const a: Reader = { org: "polisen", huvudman: false, entries: [all("skadegorelse-klotter")] };
const b: Reader = { org: "vaktbolaget", huvudman: false, entries: [{ indicator: "skadegorelse-klotter", levels: [0, 2], periodTypes: ["halfmonth"] }] };
const h: Reader = { org: "kommunen", huvudman: true, entries: [] };

/** The deliveries' rule at threshold 3, protected inline. */
const protectRound = (input: Omit<ProtectRoundInput, "rule" | "engine">) => protectWith({ rule: deliveryRule(3), engine: inlineEngine(highsSolver), ...input });

describe("discloseForReader", () => {
  it("models the union of every reader's cells once, with the municipality totals never suppressed", () => {
    const { model, cells: cellIds } = buildCoverModel(cube, [a, b, h]);
    expect(cellIds.has("skadegorelse-klotter|112|2026-03-H1")).toBe(true);
    expect(cellIds.has("skadegorelse-klotter|kommun|2026-03-H1")).toBe(true);
    expect(model.cells.find((c) => c.id === "skadegorelse-klotter|kommun|2026-03-H1")?.neverSuppress).toBe(true);
    // Level 1 "1" holds the same rows as the municipality: a different id, the same sum.
    const l1 = model.cells.find((c) => c.id === "skadegorelse-klotter|1|2026-03-H1")!;
    expect([...l1.inner].sort()).toEqual([...model.cells.find((c) => c.id === "skadegorelse-klotter|kommun|2026-03-H1")!.inner].sort());
    // Areas without rows (nothing to protect) are not modelled.
    expect([...cellIds.keys()].some((id) => id.includes("tillgreppsbrott"))).toBe(false);
  });

  it("gives each reader its subset of one audited pattern, and the huvudman everything", async () => {
    const round = await protectRound({ cube, readers: [a, b, h] });
    expect(round.mode).toBe("protected");
    const ta = discloseForReader(round, a);
    const tb = discloseForReader(round, b);
    // The round made each reader's view once, from the same pattern.
    expect(round.views.get(a.org)).toEqual(ta);
    expect(round.views.get(b.org)).toEqual(tb);
    const find = (cells: typeof ta.cells, nyko: string | null) => cells.find((c) => c.nyko === nyko && c.period === "2026-03-H1")!;
    expect(find(ta.cells, "112")).toMatchObject({ suppressed: true, value: null });
    // District 11 = 111 + 112: to protect 112 it is suppressed (or 111 is); both readers see the same status.
    expect(find(ta.cells, "11").suppressed).toBe(round.status.get(cellId(find(ta.cells, "11"))) !== "published");
    expect(find(tb.cells, "11").suppressed).toBe(find(ta.cells, "11").suppressed);
    expect(tb.cells.every((c) => c.level === 0 || c.level === 2)).toBe(true);
    expect(find(ta.cells, null)).toMatchObject({ value: 22, suppressed: false });
    const th = discloseForReader(round, h);
    expect(th.unsuppressed).toBe(true);
    expect(th.cells.find((c) => c.indicator === "skadegorelse-klotter" && c.nyko === "112" && c.period === "2026-03-H1")).toMatchObject({ value: 1, suppressed: false });
    expect(th.cells.some((c) => c.periodType === "year")).toBe(false);
    // The facts handed to later rounds are only what readers below huvudman saw.
    expect(round.facts["skadegorelse-klotter|112|2026-03-H1"]).toBeUndefined();
    expect(round.facts["skadegorelse-klotter|kommun|2026-03-H1"]).toBe(22);
    // Audited in the strict reading: every suppressed cell, complements too, wide for outsiders and for the police.
    const cover = buildCoverModel(cube, [a, b, h]);
    const { model } = cover;
    const suppressedCells = [...round.status.values()].filter((s) => s === "secondary").length;
    expect(suppressedCells).toBeGreaterThan(0);
    const lp = await highsSolver();
    const insiders = insidersOf(cover, [a, b, h]);
    const rule = resolveRule({ threshold: 3, protectEverySuppressed: true });
    const strict = await auditPattern(model, round.status, { solver: lp, rule, insiders, exact: true });
    expect(strict.ok).toBe(true);
    // And the insider, who knows one of its own suppressed cells at a time.
    const single = singleCellInsiders(insiders, round.status);
    expect(single.length).toBeGreaterThan(0);
    expect((await auditPattern(model, round.status, { solver: lp, rule, insiders: single })).ok).toBe(true);
  });

  it("never sends a pattern that failed the audit: municipality totals only", async () => {
    const round = await protectRound({ cube, readers: [a, b, h] });
    const failed = { ...round, mode: "audit-failed" as const, reason: "granskningen underkände mönstret" };
    const t = discloseForReader(failed, a);
    expect(t.cells.length).toBeGreaterThan(0);
    expect(t.cells.every((c) => c.level === 0 && !c.suppressed)).toBe(true);
    expect(t.notes[0]).toContain("underkände");
    expect(discloseForReader(failed, h).cells.some((c) => c.level === 3)).toBe(true);
  });

  it("a later round treats earlier published values as fixed facts: a revision by 1 is not shown", async () => {
    const first = await protectRound({ cube, readers: [a] });
    const revised = buildCube([...police("111", 8), ...police("112", 1), ...police("121", 7), ...police("122", 7)], defs, hierarchy, { range: { from: "2026-03-01", to: "2026-03-15" } });
    const second = await protectRound({ cube: revised, readers: [a], earlierFacts: new Map(Object.entries(first.facts)) });
    expect(second.mode).toBe("protected");
    const t = discloseForReader(second, a);
    const c121 = t.cells.find((c) => c.nyko === "121" && c.period === "2026-03-H1")!;
    const firstC121 = discloseForReader(first, a).cells.find((c) => c.nyko === "121" && c.period === "2026-03-H1")!;
    // A late row moved 121 from 6 to 7: 6 was published, so 7 must not be (the difference would reveal one new row).
    expect(firstC121).toMatchObject({ value: 6, suppressed: false });
    expect(c121).toMatchObject({ value: null, suppressed: true });
    // The municipality total (22 → 23) is never suppressed: its revision is held back and 22 still shows.
    expect(second.status.get("skadegorelse-klotter|kommun|2026-03-H1")).toBe("held");
    expect(t.cells.find((c) => c.level === 0 && c.period === "2026-03-H1")).toMatchObject({ value: 22, suppressed: false });
    expect(second.facts["skadegorelse-klotter|kommun|2026-03-H1"]).toBe(22);
    expect(second.stats!.held + second.stats!.primary).toBeGreaterThan(0);
  });

  it("withholds from every reader the blocks the audit cannot pass with, rather than sending nothing", async () => {
    // Two single incidents and a published municipality total of 2: each is pinned at 1 whatever is suppressed.
    const tiny = buildCube([...police("111", 1), ...police("121", 1)], defs, hierarchy, { range: { from: "2026-03-01", to: "2026-03-15" } });
    const round = await protectRound({ cube: tiny, readers: [a, b] });
    expect(round.mode).toBe("protected");
    expect([...round.withheld]).toEqual(expect.arrayContaining(["skadegorelse-klotter|3|halfmonth"]));
    expect(round.stats!.attempts).toBeGreaterThan(1);
    const t = discloseForReader(round, a);
    expect(t.cells.some((c) => c.level === 3)).toBe(false);
    expect(t.cells.find((c) => c.level === 0)).toMatchObject({ value: 2, suppressed: false });
    for (const c of t.cells) if (c.value !== null) expect(c.value === 0 || c.value === 2).toBe(true);
    expect(t.notes.join(" ")).toContain("skadegorelse-klotter|3|halfmonth");
    const failClosed = await protectRound({ cube: tiny, readers: [a], maxAttempts: 1 });
    expect(failClosed.mode).toBe("audit-failed");
    expect(discloseForReader(failClosed, a).cells.every((c) => c.level === 0)).toBe(true);
  });

  it("insiders: an organisation knows exactly the cells made only of its own rows", () => {
    const cover = buildCoverModel(cube, [a, b]);
    const { model } = cover;
    const insiders = insidersOf(cover, [a, b, h]);
    expect(insiders.map((i) => i.id)).toEqual(["polisen"]);
    expect(insiders[0].knows).toContain("skadegorelse-klotter|112|2026-03-H1");
    // Its own inner cells (the polisen rows) and no one else's.
    const ownIds = insiders[0].own ?? [];
    expect(ownIds.length).toBeGreaterThan(0);
    expect(ownIds.every((id) => id.split("|")[2].startsWith("polisen/"))).toBe(true);
    expect(model.inner.filter((i) => !ownIds.includes(i.id)).every((i) => !i.id.split("|")[2].startsWith("polisen/"))).toBe(true);
    expect(insidersOf(cover, [a], new Set(["skadegorelse-klotter|112|2026-03-H1"]))[0].knows).not.toContain("skadegorelse-klotter|112|2026-03-H1");
  });

  it("insiders: a cell that several organisations count is known to none, even where only one had rows", () => {
    const guard: DeidentifiedRecord = {
      templateId: "vaktbolag-rapporter", templateVersion: 1, org: "vaktbolaget", date: "2026-03-04", hour: 22, period: null,
      categories: { typ: "Klotter" }, nyko: "121", measures: {},
    };
    const mixed = buildCube([...police("111", 8), ...police("112", 1), ...police("121", 6), guard, ...police("111", 4, "0601", "Stöld")], defs, hierarchy, {
      range: { from: "2026-03-01", to: "2026-03-15" },
    });
    const theft = (indicator: string): Reader["entries"][number] => ({ indicator, levels: [0, 1, 2, 3], periodTypes: ["halfmonth"] });
    const readers: Reader[] = [
      { org: "polisen", huvudman: false, entries: [theft("skadegorelse-klotter"), theft("tillgreppsbrott")] },
      { org: "vaktbolaget", huvudman: false, entries: [theft("skadegorelse-klotter")] },
    ];
    const insiders = insidersOf(buildCoverModel(mixed, readers), readers);
    const police_ = insiders.find((i) => i.id === "polisen")!;
    // 112 holds police rows only, but the police cannot tell that the guards had none there.
    expect(police_.knows.some((id) => id.startsWith("skadegorelse-klotter|"))).toBe(false);
    // Theft is counted from police rows alone: those cells the police know (per half-month it is published at NYKO-1).
    expect(police_.knows).toContain("tillgreppsbrott|1|2026-03-H1");
    expect(insiders.find((i) => i.id === "vaktbolaget")).toBeUndefined();
  });
});
