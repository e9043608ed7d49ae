// Benchmark: disclosure control of (a) one synthetic delivery round shaped like the demo year: the demo's NYKO register
// (38 level-3 areas in 8 districts, plus an "unlocated" pseudo area feeding only the totals), 12 indicators with
// Poisson counts at the sparsity DESIGN.md describes, every indicator at NYKO levels 3, 2, 1 and total × half-month,
// month, quarter and year (cells with identical sums are merged). Prints primary/secondary counts, the share of
// published cells, and the suppression and audit times. Target: suppression + audit < 60 s.
// (a) uses each indicator's suggested publication grain (DESIGN.md). (b) is a round built from the real demo data
// through `buildCube` (calendar year 2025, every built-in indicator at its built-in grain; what `suggestGrain`
// proposes is printed beside it).
// Times are wall and CPU (the machine may be shared; CPU time shows the work itself).
import { readFileSync } from "node:fs";
import { highsSolver, protectTables, resolveRule, type CoverModel, type InnerCell, type PublishedCell } from "../../shared/disclosure";
import { BUILTIN_INDICATORS } from "../../shared/indicators/builtin";
import { buildCube } from "../../shared/indicators/cube";
import { grainText, suggestGrain } from "../../shared/indicators/grain";
import { buildCoverModel, type Reader } from "../../sync-server/deliveries/cover-model";
import { phaseClock } from "../../sync-server/deliveries/protect-round";
import { loadDemoHierarchy, loadDemoRecords } from "./cube";

import { DEMO_DATA_DIR as DEMO } from "../fixtures/paths";
import { poisson, prng } from "../helpers/random";

interface Area {
  code: string;
  level: number;
  parent: string | null;
}

interface IndicatorSpec {
  id: string;
  /** Mean count per level-3 area and half-month, per category. */
  categories: Record<string, number>;
  /** Suggested finest grain: area level and period type. */
  grain: { level: 1 | 2 | 3; period: "halfmonth" | "month" | "quarter" };
}

// Categories may be shared (cross-partner indicators), which links indicators into one sub-model.
const INDICATORS: IndicatorSpec[] = [
  { id: "theft", categories: { "theft-shop": 3.5, "theft-bike": 2.5, "theft-other": 2.5 }, grain: { level: 3, period: "halfmonth" } },
  { id: "vandalism", categories: { "vandalism-police": 2.5, "vandalism-guard": 2.5, "graffiti-housing": 2 }, grain: { level: 3, period: "halfmonth" } },
  { id: "disorder", categories: { "disorder-police": 3, "disorder-guard": 2 }, grain: { level: 3, period: "halfmonth" } },
  { id: "fires-deliberate", categories: { "fire-outdoor": 0.7, "fire-building": 0.4 }, grain: { level: 3, period: "month" } },
  { id: "strategic-crimes", categories: { robbery: 0.4, "vehicle-theft": 0.6, "threat-official": 0.1, "judicial-interference": 0.05 }, grain: { level: 3, period: "month" } },
  { id: "public-order", categories: { "public-order": 1.6 }, grain: { level: 3, period: "month" } },
  { id: "near-miss", categories: { "near-miss": 0.5 }, grain: { level: 2, period: "month" } },
  { id: "disturbance-calls", categories: { "disturbance-call": 3 }, grain: { level: 3, period: "halfmonth" } },
  { id: "storm-no-report", categories: { "storm-no-report": 2.2 }, grain: { level: 3, period: "month" } },
  { id: "threats-rescue", categories: { "threat-rescue": 0.04 }, grain: { level: 1, period: "quarter" } },
  { id: "fires-public", categories: { "fire-outdoor": 0.7, "fire-school": 0.1 }, grain: { level: 2, period: "month" } },
  { id: "concern-reports", categories: { "concern-report": 1.4 }, grain: { level: 3, period: "month" } },
];

const HALF_MONTHS = 24;
const PERIOD_LEVELS = {
  halfmonth: Array.from({ length: 24 }, (_, h) => ({ id: `hm${h}`, members: [h] })),
  month: Array.from({ length: 12 }, (_, m) => ({ id: `m${m}`, members: [2 * m, 2 * m + 1] })),
  quarter: Array.from({ length: 4 }, (_, q) => ({ id: `q${q}`, members: Array.from({ length: 6 }, (_, k) => 6 * q + k) })),
  year: [{ id: "y", members: Array.from({ length: HALF_MONTHS }, (_, k) => k) }],
};
const PERIOD_ORDER = ["halfmonth", "month", "quarter", "year"] as const;

export function loadAreas(): Area[] {
  const lines = readFileSync(`${DEMO}/nyko-omraden.csv`, "utf8").replace(/^\uFEFF/, "").trim().split(/\r?\n/).slice(1);
  return lines.map((line) => {
    const [code, level, , parent] = line.split(";");
    return { code, level: Number(level), parent: parent || null };
  });
}

export function buildRound(areas: Area[], useGrain: boolean): CoverModel {
  const random = prng(20260305);
  const leaves = areas.filter((a) => a.level === 3);
  const weight = new Map(leaves.map((a) => [a.code, Math.exp(0.6 * (random() * 2 - 1))]));
  const leavesUnder = (code: string): string[] => leaves.filter((l) => l.code.startsWith(code)).map((l) => l.code);
  const categories = new Map<string, number>();
  for (const ind of INDICATORS) for (const [c, mean] of Object.entries(ind.categories)) categories.set(c, mean);
  const inner: InnerCell[] = [];
  const innerId = (cat: string, area: string, h: number): string => `${cat}|${area}|${h}`;
  for (const [cat, mean] of categories) {
    for (let h = 0; h < HALF_MONTHS; h++) {
      let located = 0;
      for (const leaf of leaves) {
        const count = poisson(random, mean * weight.get(leaf.code)!);
        located += count;
        inner.push({ id: innerId(cat, leaf.code, h), count });
      }
      // About 1.5 % of rows cannot be located; they count only in the municipality total.
      inner.push({ id: innerId(cat, "unlocated", h), count: poisson(random, 0.015 * Math.max(located, 1)), pseudo: true });
    }
  }
  const cells: PublishedCell[] = [];
  for (const ind of INDICATORS) {
    const cats = Object.keys(ind.categories);
    const levelOk = (level: number): boolean => !useGrain || level === 0 || level <= ind.grain.level;
    const periodOk = (p: (typeof PERIOD_ORDER)[number]): boolean => !useGrain || PERIOD_ORDER.indexOf(p) >= PERIOD_ORDER.indexOf(ind.grain.period);
    const areaSets = [
      ...areas.filter((a) => levelOk(a.level)).map((a) => ({ id: a.code, level: a.level, leaves: leavesUnder(a.code) })),
      { id: "kommun", level: 0, leaves: [...leaves.map((l) => l.code), "unlocated"] },
    ];
    for (const periodType of PERIOD_ORDER) {
      if (!periodOk(periodType)) continue;
      for (const period of PERIOD_LEVELS[periodType]) {
        for (const area of areaSets) {
          const ids = cats.flatMap((cat) => area.leaves.flatMap((leaf) => period.members.map((h) => innerId(cat, leaf, h))));
          cells.push({ id: `${ind.id}|${area.id}|${period.id}`, inner: ids, neverSuppress: area.level === 0 });
        }
      }
    }
  }
  return { inner, cells };
}

/** A delivery round from the demo data: every built-in indicator at its built-in grain, modelled as the deliveries do. */
export async function buildDemoRound(): Promise<{ model: CoverModel; grains: string[]; suggested: string[] }> {
  const records = await loadDemoRecords();
  const cube = buildCube(records, BUILTIN_INDICATORS, loadDemoHierarchy(), { range: { from: "2025-01-01", to: "2025-12-31" } });
  const reader: Reader = {
    org: "alla",
    huvudman: false,
    entries: cube.indicators.map((ic) => ({ indicator: ic.definition.id, levels: [0, 1, 2, 3], periodTypes: [...ic.periodTypes] })),
  };
  const grains = cube.indicators.map((ic) => `${ic.definition.id}: ${grainText(ic.definition.grain)}`);
  const suggested = cube.indicators.map((ic) => `${ic.definition.id}: ${grainText(suggestGrain(ic).grain)}`);
  return { model: buildCoverModel(cube, [reader]).model, grains, suggested };
}

async function report(label: string, model: CoverModel, solver: Awaited<ReturnType<typeof highsSolver>>, strategy: "lean" | "strict" = "lean"): Promise<void> {
  const clock = phaseClock();
  const t0 = performance.now();
  // The protector's final audit is the independent one (written apart from the suppressor, on the final pattern).
  const result = await protectTables(model, { solver, rule: resolveRule({ threshold: 3, minWidth: 2 }) }, { strategy, onPhase: clock.onPhase });
  clock.stop();
  const t1 = performance.now();
  const { phases } = clock;
  const s = (ms: number): string => (ms / 1000).toFixed(1);
  const sum = (key: "ms" | "cpuMs"): number => (phases.eliminate?.[key] ?? 0) + (phases.loop?.[key] ?? 0) + (phases.prune?.[key] ?? 0);
  const published = [...result.status.values()].filter((x) => x === "published").length;
  const { audit } = result;
  const st = audit.stats;
  console.log(label);
  console.log(`  cells: ${model.cells.length} published cell ids over ${model.inner.length} inner cells; ${st.components} sub-models, ${st.variables} LP variables`);
  console.log(`  primary suppressions:   ${result.primaryCount}`);
  console.log(
    `  secondary suppressions: ${result.secondaryCount} (${(result.secondaryCount / Math.max(1, result.primaryCount)).toFixed(2)} per primary; ${result.pruned} more were published again by pruning, ${result.pruneProbes} probes)`,
  );
  console.log(`  share of cells published: ${((100 * published) / model.cells.length).toFixed(1)} %`);
  console.log(
    `  suppression (incl. ${result.rounds} internal audit round(s)): ${s(sum("ms"))} s wall, ${s(sum("cpuMs"))} s CPU (primary + elimination ${s(phases.eliminate?.cpuMs ?? 0)}, audit loop ${s(phases.loop?.cpuMs ?? 0)}, pruning ${s(phases.prune?.cpuMs ?? 0)})`,
  );
  console.log(
    `  independent audit: ${s(phases.audit?.ms ?? 0)} s wall, ${s(phases.audit?.cpuMs ?? 0)} s CPU, ${st.lps} LPs, ${
      audit.ok ? "passes" : `FAILS (${audit.failures.length} failures, ${result.unresolved.length} unresolved)`
    }`,
  );
  console.log(`  suppression + audit: ${s(t1 - t0)} s wall (target < 60 s)`);
}

export async function run(): Promise<void> {
  const solver = await highsSolver();
  const synthetic = buildRound(loadAreas(), true);
  await report("(a) synthetic demo-shaped round, each indicator at its suggested grain (strategy lean, the default):", synthetic, solver);
  await report("(a') the same round, strategy strict:", synthetic, solver, "strict");
  const demo = await buildDemoRound();
  console.log(`built-in grains: ${demo.grains.join("; ")}`);
  console.log(`grains suggestGrain proposes from the demo data (shown to the huvudman, not applied): ${demo.suggested.join("; ")}`);
  await report("(b) round from the demo data (2025) through buildCube, at the built-in grains (strategy lean):", demo.model, solver);
  await report("(b') the same round, strategy strict:", demo.model, solver, "strict");
}
