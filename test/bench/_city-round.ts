// A measured child of the city benchmark: `_city-round.ts FACTOR [--structure] [--at ISO]` builds the cube of the FACTOR× city and runs its
// first delivery round (or, with `--at 2026-01-05T05:00:00Z`, the round of 5 January: a calendar year, year cells too) (`protectRound`, six readers, insiders, built-in grains, inline as in the deliveries bench),
// then prints one line `CITY-ROUND {...}` with the figures (CPU per phase, resident memory before and after the
// round, the peak before the round); with `--structure`, only the sub-models of its cover model. The child's own peak RSS comes from the usage hook (`_usage-hook.ts`).
import { highsSolver } from "../../shared/disclosure";
import { BUILTIN_INDICATORS } from "../../shared/indicators/builtin";
import { buildCube } from "../../shared/indicators/cube";
import { hierarchyFromRows } from "../../shared/indicators/hierarchy";
import { buildAtoms } from "../../shared/disclosure/audit-structure";
import type { CoverModel } from "../../shared/disclosure";
import { deliveryRange } from "../../sync-server/deliveries/cube-source";
import { buildCoverModel } from "../../sync-server/deliveries/cover-model";
import { deliveryRule, inlineEngine, protectRound } from "../../sync-server/deliveries/protect-round";
import { scaledCity } from "./_city-data";
import { demoApprovedRecords, demoReaders } from "./deliveries";

const cpuMs = (since?: NodeJS.CpuUsage): number => {
  const c = process.cpuUsage(since);
  return (c.user + c.system) / 1000;
};

/**
 * The sub-models of the round's cover model (atoms linked by a published cell): how many, and the atoms of the
 * largest; also as they would be without the municipality totals (the cells never suppressed), which are what link
 * every area of an indicator into one sub-model.
 */
function subModels(model: CoverModel, withTotals: boolean): { count: number; largest: number } {
  const index = new Map(model.inner.map((c, i) => [c.id, i]));
  const rows = model.cells
    .filter((c) => withTotals || !c.neverSuppress)
    .map((c) => ({ inner: Int32Array.from(c.inner.map((id) => index.get(id)!)).sort() }));
  const atoms = buildAtoms(model.inner.length, rows);
  const size = new Int32Array(atoms.componentCount);
  for (const c of atoms.componentOfAtom) size[c]++;
  return { count: atoms.componentCount, largest: Math.max(0, ...size) };
}

async function main(): Promise<void> {
  const factor = Number(process.argv[2]);
  const demo = await demoApprovedRecords();
  const atArg = process.argv.indexOf("--at");
  const at = new Date(atArg > 0 ? process.argv[atArg + 1] : "2026-11-05T05:00:00Z");
  const range = deliveryRange(at, 4, 12);
  const readers = demoReaders(demo);
  const city = scaledCity(demo, factor);
  const hierarchy = hierarchyFromRows(city.areas);
  const c0 = process.cpuUsage();
  const cube = buildCube(city.records, BUILTIN_INDICATORS, hierarchy, { range: { from: range.from, to: range.to } });
  const cubeMs = cpuMs(c0);
  const { model } = buildCoverModel(cube, readers);
  const withTotals = subModels(model, true);
  const withoutTotals = subModels(model, false);
  if (process.argv.includes("--structure")) {
    console.log(JSON.stringify({ factor, cells: model.cells.length, inner: model.inner.length, withTotals, withoutTotals }));
    return;
  }
  const rssBefore = process.memoryUsage().rss;
  const peakBefore = process.resourceUsage().maxRSS * 1024;
  const r0 = process.cpuUsage();
  const result = await protectRound({ cube, readers, rule: deliveryRule(3), engine: inlineEngine(highsSolver) });
  const roundMs = cpuMs(r0);
  const s = result.stats;
  const line = {
    factor,
    areas: city.areas.filter((a) => a.level === 3).length,
    records: city.records.length,
    cubeMs,
    cells: cube.indicators.reduce((n, ic) => n + ic.cells.length, 0),
    roundMs,
    mode: result.mode,
    reason: result.reason ?? null,
    modelCells: s?.modelCells ?? 0,
    innerCells: s?.innerCells ?? 0,
    primary: s?.primary ?? 0,
    secondary: s?.secondary ?? 0,
    publishedShare: s?.publishedShare ?? 0,
    attempts: s?.attempts ?? 0,
    withheld: s?.withheldBlocks.length ?? 0,
    phases: Object.fromEntries(Object.entries(s?.phases ?? {}).map(([p, t]) => [p, t.cpuMs])),
    subModels: withTotals,
    subModelsWithoutTotals: withoutTotals,
    rssBefore,
    rssAfter: process.memoryUsage().rss,
    peakBefore,
  };
  console.log(`CITY-ROUND ${JSON.stringify(line)}`);
}

void main();
