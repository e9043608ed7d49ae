// Benchmark: a municipality several times larger than the demo, at the demo's density per area. The demo's NYKO
// register (38 level-3 areas in 8 districts) is copied `factor` times (codes prefixed `9k`), and every approved demo
// record is copied into each copy, its level-3 area rotated by k within the copy's areas so the copies differ. Prints,
// per factor: the cube, and the first delivery round (`protectRound`, six readers, insiders, built-in grains) with
// its CPU per phase, and the round's CPU per level-3 area (the round grows linearly when that stays flat).
// `npm run bench -- city` runs factors 1, 2 and 4; CITY_FACTORS=1,10 (say) picks others (10 is a Stockholm-sized
// city, about 380 NYKO-3 areas).
import { readFileSync } from "node:fs";
import { highsSolver } from "../../shared/disclosure";
import { BUILTIN_INDICATORS } from "../../shared/indicators/builtin";
import { buildCube } from "../../shared/indicators/cube";
import { hierarchyFromRows } from "../../shared/indicators/hierarchy";
import type { DeidentifiedRecord } from "../../shared/protocol/record";
import { deliveryRange } from "../../sync-server/deliveries/cube-source";
import type { Reader } from "../../sync-server/deliveries/cover-model";
import { deliveryRule, inlineEngine, protectRound } from "../../sync-server/deliveries/protect-round";
import { DEMO_DATA_DIR as DEMO } from "../fixtures/paths";
import { demoApprovedRecords } from "./deliveries";

interface AreaRow {
  code: string;
  level: number;
  parent: string | null;
}

function demoAreas(): AreaRow[] {
  const lines = readFileSync(`${DEMO}/nyko-omraden.csv`, "utf8").replace(/^\uFEFF/, "").trim().split(/\r?\n/).slice(1);
  return lines.map((line) => {
    const [code, level, , parent] = line.split(";");
    return { code, level: Number(level), parent: parent || null };
  });
}

/** The demo municipality copied `factor` times: its register and its records. */
export function scaledCity(records: readonly DeidentifiedRecord[], factor: number): { areas: AreaRow[]; records: DeidentifiedRecord[] } {
  const base = demoAreas();
  const leaves = base.filter((a) => a.level === 3).map((a) => a.code);
  const areas: AreaRow[] = [];
  const out: DeidentifiedRecord[] = [];
  for (let k = 0; k < factor; k++) {
    const code = (c: string): string => `9${k}${c}`;
    for (const a of base) areas.push({ code: code(a.code), level: a.level, parent: a.parent === null ? null : code(a.parent) });
    const rotate = new Map(leaves.map((c, j) => [c, leaves[(j + 7 * k) % leaves.length]]));
    for (const r of records) out.push({ ...r, nyko: r.nyko === null ? null : code(rotate.get(r.nyko) ?? r.nyko) });
  }
  return { areas, records: out };
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

export async function run(): Promise<void> {
  const factors = (process.env.CITY_FACTORS ?? "1,2,4").split(",").map(Number).filter((f) => Number.isInteger(f) && f > 0);
  const demo = await demoApprovedRecords();
  const at = new Date("2026-11-05T05:00:00Z");
  const range = deliveryRange(at, 4, 12);
  const orgs = [...new Set(demo.map((r) => r.org))].sort();
  const readers: Reader[] = orgs.map((org) => ({
    org,
    huvudman: false,
    entries: BUILTIN_INDICATORS.map((d) => ({ indicator: d.id, levels: [0, 1, 2, 3], periodTypes: [...d.periodTypes] })),
  }));
  let perArea1: number | undefined;
  for (const factor of factors) {
    const city = scaledCity(demo, factor);
    const hierarchy = hierarchyFromRows(city.areas);
    const leaves = city.areas.filter((a) => a.level === 3).length;
    const c0 = process.cpuUsage();
    const cube = buildCube(city.records, BUILTIN_INDICATORS, hierarchy, { range: { from: range.from, to: range.to } });
    const cubeCpu = process.cpuUsage(c0);
    const cells = cube.indicators.reduce((n, ic) => n + ic.cells.length, 0);
    console.log(
      `${factor}× the demo: ${leaves} NYKO-3 areas, ${city.records.length} records; cube ${seconds((cubeCpu.user + cubeCpu.system) / 1000)} CPU, ${cells} cells`,
    );
    const r0 = process.cpuUsage();
    const heap0 = process.memoryUsage().rss;
    const result = await protectRound({ cube, readers, rule: deliveryRule(3), engine: inlineEngine(highsSolver) });
    const rc = process.cpuUsage(r0);
    const roundMs = (rc.user + rc.system) / 1000;
    const s = result.stats;
    if (!s) {
      console.log(`  round failed closed: ${result.reason}`);
      continue;
    }
    const phase = (p: keyof typeof s.phases): string => seconds(s.phases[p]?.cpuMs ?? 0);
    const perArea = roundMs / leaves;
    perArea1 ??= perArea;
    console.log(
      `  round: ${s.modelCells} cells over ${s.innerCells} inner cells; ${s.primary} primary, ${s.secondary} secondary, ${(100 * s.publishedShare).toFixed(1)} % published; audit ${result.mode === "protected" ? "passes" : "FAILS"}`,
    );
    console.log(
      `  round CPU ${seconds(roundMs)} (elimination ${phase("eliminate")}, audit loop ${phase("loop")}, pruning ${phase("prune")}, final audit ${phase("audit")}); ${(perArea * 1000 / 1000).toFixed(0)} ms per NYKO-3 area (${(perArea / perArea1).toFixed(2)}× the first factor's); resident memory ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB (${((process.memoryUsage().rss - heap0) / 2 ** 20).toFixed(0)} MB more than before the round)`,
    );
  }
}
