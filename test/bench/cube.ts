// Benchmark: building the indicator cube over the demo data (every built-in indicator × NYKO levels 3, 2, 1 and
// total × every half-month, month, quarter, year or school year), and over ten times its volume. Target: < 2 s.
// The actor files are read with ExcelJS and mapped crudely (category columns as they stand, NYKO from truth.json's
// `locations`), independent of the submission pipeline.
import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import type { DeidentifiedRecord } from "../../shared/protocol/record";
import { BUILTIN_INDICATORS } from "../../shared/indicators/builtin";
import { buildCube } from "../../shared/indicators/cube";
import { hierarchyFromRows, type AreaHierarchy } from "../../shared/indicators/hierarchy";
import { suggestGrain } from "../../shared/indicators/grain";

import { DEMO_DATA_DIR as DEMO } from "../fixtures/paths";

export function loadDemoHierarchy(dir = DEMO): AreaHierarchy {
  const lines = readFileSync(`${dir}/nyko-omraden.csv`, "utf8").replace(/^\uFEFF/, "").trim().split(/\r?\n/).slice(1);
  return hierarchyFromRows(
    lines.map((line) => {
      const [code, level, , parent] = line.split(";");
      return { code, level: Number(level), parent: parent ? parent : null };
    }),
  );
}

interface ActorMapping {
  file: string;
  templateId: string;
  org: string;
  kind: "event" | "aggregate";
  categories?: Record<string, string>;
  time?: string;
}

const ACTORS: ActorMapping[] = [
  { file: "polisen", templateId: "polis-anmalningar", org: "polisen", kind: "event", categories: { brottskod: "Brottskod", brottsbenamning: "Brottsbenämning" }, time: "Klockslag" },
  { file: "brandforsvaret", templateId: "raddningstjanst-insatser", org: "brandforsvaret", kind: "event", categories: { handelsetyp: "Händelsetyp", anlagd: "Anlagd", miljo: "Miljö" }, time: "Larmtid" },
  { file: "vaktbolaget", templateId: "vaktbolag-rapporter", org: "vaktbolaget", kind: "event", categories: { typ: "Typ" }, time: "Tid" },
  { file: "bostadsbolaget", templateId: "bostadsbolag-arenden", org: "bostadsbolaget", kind: "event", categories: { kategori: "Kategori" } },
  { file: "utbildningskontoret", templateId: "skola-betyg-ak9", org: "utbildningskontoret", kind: "aggregate" },
  { file: "socialtjansten", templateId: "socialtjanst-orosanmalningar", org: "socialtjansten", kind: "aggregate" },
];

const AGGREGATE_COLUMNS: Record<string, { period: string; measures: Record<string, string> }> = {
  "skola-betyg-ak9": { period: "Läsår", measures: { elever_ak9: "Elever åk 9", ej_behorighet: "Ej behörighet/ofullständiga betyg" } },
  "socialtjanst-orosanmalningar": { period: "Månad", measures: { orosanmalningar: "Antal orosanmälningar", barn_0_17: "Antal barn 0-17" } },
};

function text(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "object" && "richText" in v) return v.richText.map((r) => r.text).join("");
  return String(v).trim();
}

/** The demo partners' exports as approved de-identified records (crude mapping, for benchmarks and tests). */
export async function loadDemoRecords(dir = DEMO): Promise<DeidentifiedRecord[]> {
  const truth = JSON.parse(readFileSync(`${dir}/truth.json`, "utf8")) as { locations: Record<string, string> };
  const out: DeidentifiedRecord[] = [];
  for (const a of ACTORS) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(`${dir}/actors/${a.file}.xlsx`);
    const ws = wb.worksheets[0];
    const header = new Map<string, number>();
    ws.getRow(1).eachCell((cell, col) => header.set(text(cell.value), col));
    const col = (name: string) => {
      const c = header.get(name);
      if (c === undefined) throw new Error(`${a.file}: no column ${name}`);
      return c;
    };
    ws.eachRow((row, r) => {
      if (r === 1) return;
      const get = (name: string) => text(row.getCell(col(name)).value);
      if (a.kind === "event") {
        const id = text(row.getCell(1).value);
        const categories: Record<string, string> = {};
        for (const [key, name] of Object.entries(a.categories ?? {})) {
          const v = get(name);
          if (v !== "") categories[key] = v;
        }
        const time = a.time ? get(a.time) : "";
        out.push({
          templateId: a.templateId,
          templateVersion: 1,
          org: a.org,
          date: get("Datum"),
          hour: /^\d{1,2}:\d{2}$/.test(time) ? Number(time.split(":")[0]) : null,
          period: null,
          categories,
          nyko: truth.locations[id] ?? null,
          measures: {},
        });
      } else {
        const spec = AGGREGATE_COLUMNS[a.templateId];
        const measures: Record<string, number> = {};
        for (const [key, name] of Object.entries(spec.measures)) measures[key] = Number(get(name));
        out.push({ templateId: a.templateId, templateVersion: 1, org: a.org, date: null, hour: null, period: get(spec.period), categories: {}, nyko: get("NYKO"), measures });
      }
    });
  }
  return out;
}

/** Wall and CPU time (the machine may be shared: CPU time shows the work itself). The first, cold run is reported too. */
function time(label: string, fn: () => unknown, runs: number): number {
  const measure = () => {
    const cpu = process.cpuUsage();
    const t = performance.now();
    fn();
    const u = process.cpuUsage(cpu);
    return { wall: performance.now() - t, cpu: (u.user + u.system) / 1000 };
  };
  const cold = measure();
  const all = Array.from({ length: runs }, measure);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const wall = median(all.map((m) => m.wall));
  const cpu = median(all.map((m) => m.cpu));
  console.log(
    `${label}: cold ${cold.wall.toFixed(0)} ms (cpu ${cold.cpu.toFixed(0)} ms); warm median over ${runs} runs ${wall.toFixed(0)} ms (cpu ${cpu.toFixed(0)} ms)`,
  );
  return Math.max(wall, cold.cpu);
}

export async function run(): Promise<void> {
  const t0 = performance.now();
  const hierarchy = loadDemoHierarchy();
  const records = await loadDemoRecords();
  console.log(`loaded ${records.length} demo records in ${((performance.now() - t0) / 1000).toFixed(1)} s (not part of the timing)`);

  const cube = buildCube(records, BUILTIN_INDICATORS, hierarchy);
  const cells = cube.indicators.reduce((s, ic) => s + ic.cells.length, 0);
  const inner = cube.indicators.reduce((s, ic) => s + ic.inner.size, 0);
  console.log(`cube: ${cube.indicators.length} indicators, ${cells} published cells, ${inner} inner cells; unlocated or unknown rows go to the totals only`);
  const demo = time(`buildCube, demo data (${records.length} records)`, () => buildCube(records, BUILTIN_INDICATORS, hierarchy), 5);

  const tenfold: DeidentifiedRecord[] = [];
  for (let k = 0; k < 10; k++) for (const r of records) tenfold.push({ ...r });
  time(`buildCube, 10× volume (${tenfold.length} records)`, () => buildCube(tenfold, BUILTIN_INDICATORS, hierarchy), 3);
  console.log(`target < 2000 ms on the demo data (warm wall time, and cold CPU time): ${demo < 2000 ? "met" : "NOT met"}`);

  // Sparsity at each grain, for choosing the finest publication grain (share of non-zero cells below 3).
  console.log("share of cells with 1–2 (threshold 3) at NYKO-3 and NYKO-2, per period type:");
  for (const ic of cube.indicators) {
    const parts: string[] = [];
    for (const level of [3, 2])
      for (const t of ic.periodTypes) {
        const list = ic.cells.filter((c) => c.level === level && c.periodType === t);
        if (list.length === 0) continue;
        const small = list.filter((c) => c.numerator > 0 && c.numerator < 3).length;
        parts.push(`L${level}/${t} ${((100 * small) / list.length).toFixed(0)}%`);
      }
    const g = suggestGrain(ic, 3);
    console.log(`  ${ic.definition.id.padEnd(30)} ${parts.join("  ")}`);
    console.log(`  ${"".padEnd(30)} grain set L${ic.definition.grain.level}/${ic.definition.grain.periodType}; suggested L${g.grain.level}/${g.grain.periodType} (${(100 * g.smallShareOfNonZero).toFixed(0)}% of non-zero cells small)`);
  }
}
