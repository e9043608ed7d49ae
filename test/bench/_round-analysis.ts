// Where a demo round's suppressions sit (issue 16's analysis), reproducible: `npx tsx test/bench/_round-analysis.ts
// january [--sensitive-only] [--no-insiders] [--drop 3:year,2:year] [--search 60]`. Builds the round as the deliveries
// bench does (six readers, built-in grains, insiders), protects it with the LP paths (the deliveries' strategy) and
// counts primaries and secondaries over distinct sums per sub-model, level × period type and value. `--drop` leaves
// the cells of those level:periodType blocks out of the model (a table-design experiment, not what is published).
import { auditPattern, highsSolver, protectTables, resolveRule } from "../../shared/disclosure";
import { atomsOf, buildAtoms } from "../../shared/disclosure/audit-structure";
import { compileModel } from "../../shared/disclosure/model";
import { BUILTIN_INDICATORS } from "../../shared/indicators/builtin";
import { buildCube } from "../../shared/indicators/cube";
import { populationLookup } from "../../shared/indicators/population";
import { loadRegistersFromDir } from "../../sync-server/cli/registers-dir";
import { deliveryRange } from "../../sync-server/deliveries/cube-source";
import { buildCoverModel, insidersOf } from "../../sync-server/deliveries/cover-model";
import { phaseClock } from "../../sync-server/deliveries/protect-round";
import { demoApprovedRecords, demoReaders } from "./deliveries";

const args = process.argv.slice(2);
const which = args[0] === "first" ? "first" : "january";
const flag = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at < 0 ? undefined : (args[at + 1] ?? "");
};
const records = await demoApprovedRecords();
const registers = loadRegistersFromDir();
const population = registers.population ? populationLookup(registers.population, registers.nyko) : undefined;
const range = deliveryRange(new Date(which === "january" ? "2026-01-05T05:00:00Z" : "2026-11-05T05:00:00Z"), 4, 12);
const cube = buildCube(records, BUILTIN_INDICATORS, registers.nyko, { population, range: { from: range.from, to: range.to } });
const readers = demoReaders(records);
const cover = buildCoverModel(cube, readers);
let model = cover.model;
let insiders = args.includes("--no-insiders") ? [] : insidersOf(cover, readers);
const drop = flag("--drop");
if (drop) {
  const blocks = new Set(drop.split(","));
  const keep = model.cells.filter((c) => {
    const b = cover.cells.get(c.id)!.block;
    return !blocks.has(`${b.level}:${b.periodType}`);
  });
  const ids = new Set(keep.map((c) => c.id));
  console.log(`left out ${model.cells.length - keep.length} cells (${drop})`);
  model = { ...model, cells: keep };
  insiders = insiders.map((i) => ({ ...i, knows: i.knows.filter((id) => ids.has(id)) }));
}
const rule = resolveRule({ threshold: 3, minWidth: 2, protectEverySuppressed: !args.includes("--sensitive-only") });
const solver = await highsSolver();
const moves = Number(flag("--search") ?? 0);
const singles = Number(flag("--singles") ?? 0);
const clock = phaseClock();
const cpu0 = process.cpuUsage();
const result = await protectTables(model, { solver, rule, fixedFacts: [], insiders }, { complements: "paths", onPhase: clock.onPhase, localSearch: { singles, moves, lps: moves * 200 + singles * 50 } });
clock.stop();
const cpu = process.cpuUsage(cpu0);
const again = await auditPattern(model, result.status, { solver, rule, fixedFacts: [], insiders });
console.log(
  `${which}: ${result.primaryCount} primary, ${result.secondaryCount} secondary (pruned ${result.pruned}); independent audit ${again.ok ? "passes" : "FAILS"}; protection ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s CPU (${Object.entries(clock.phases)
    .map(([p, t]) => `${p} ${(t!.cpuMs / 1000).toFixed(2)}`)
    .join(", ")})${result.search ? `; local search ${JSON.stringify(result.search)}` : ""}`,
);

// Counts over distinct sums.
const compiled = compileModel(model);
if (!compiled.ok) throw new Error("invalid model");
const m = compiled.value;
const statusOf = (k: number): string => result.status.get(m.cells[k].ids[0])!;
const blockOf = (k: number) => cover.cells.get(m.cells[k].ids[0])!.block;
const table = (label: string, keyOf: (k: number) => string): void => {
  const t = new Map<string, number[]>();
  m.cells.forEach((_, k) => {
    const e = t.get(keyOf(k)) ?? [0, 0, 0];
    const s = statusOf(k);
    e[s === "primary" ? 0 : s === "secondary" ? 1 : 2]++;
    t.set(keyOf(k), e);
  });
  console.log(`${label} (primary / secondary / published):`);
  for (const [key, e] of [...t].sort()) if (e[0] + e[1] > 0) console.log(`  ${key}: ${e.join(" / ")}`);
};
table("level × period type", (k) => `NYKO-${blockOf(k).level} ${blockOf(k).periodType}`);
table("value", (k) => (m.cells[k].value >= 10 ? "10+" : String(m.cells[k].value).padStart(2)));
// Sub-models (the cells' own rows), with their indicators and small implied atoms (quantities that need room too).
const atoms = buildAtoms(m.innerIds.length, m.cells.map((c) => ({ inner: c.inner })));
const comps = new Map<number, { atoms: number; implied: number; p: number; s: number; indicators: Set<string> }>();
const compOf = (c: number) => comps.get(c) ?? comps.set(c, { atoms: 0, implied: 0, p: 0, s: 0, indicators: new Set() }).get(c)!;
const single = new Set<number>();
m.cells.forEach((c) => {
  const at = atomsOf(c.inner, atoms.atomOfInner);
  if (at.length === 1) single.add(at[0]);
});
atoms.atomInner.forEach((inner, a) => {
  const e = compOf(atoms.componentOfAtom[a]);
  e.atoms++;
  let v = 0;
  for (const i of inner) v += m.innerCounts[i];
  if (!single.has(a) && v >= 1 && v < rule.threshold && !Array.from(inner).every((i) => m.innerPseudo[i] === 1)) e.implied++;
});
m.cells.forEach((c, k) => {
  const e = compOf(atoms.componentOfAtom[atomsOf(c.inner, atoms.atomOfInner)[0]]);
  if (statusOf(k) === "primary") e.p++;
  if (statusOf(k) === "secondary") e.s++;
  for (const id of c.ids) e.indicators.add(cover.cells.get(id)!.key.indicator);
});
console.log("sub-models (primary / secondary; atoms, small implied atoms):");
for (const [, e] of [...comps].sort((a, b) => b[1].atoms - a[1].atoms))
  if (e.p + e.s > 0) console.log(`  ${[...e.indicators].sort().join(" + ")}: ${e.p} / ${e.s}; ${e.atoms} atoms, ${e.implied} implied`);
