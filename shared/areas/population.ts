// Population per area and year, from `nyko;ar;totalt;alder_0_17;alder_18_24` (the columns after `ar` are bands).
// A coarser area is the sum of its children; a year without figures uses the latest earlier year and says so.
import { columnIndex, parseCsv } from "./csv";
import { loadIssue, type LoadIssue, type LoadResult } from "./load-result";
import type { NykoRegister } from "./nyko-register";

export interface PopulationValue {
  value: number;
  /** The year whose figures were used (the earliest one, when the parts of a coarser area differ). */
  yearUsed: number;
  /** True when figures of an earlier year stood in for the year asked for. */
  stoodIn: boolean;
}

export interface PopulationTable {
  /** Band names as in the file header, e.g. `totalt`, `alder_0_17`, `alder_18_24`. */
  readonly bands: readonly string[];
  /** Population of `nyko` (any level) in `band` for `year`; null when the register has no figures that early. */
  populationFor(nyko: string, year: number, band: string): PopulationValue | null;
}

const FILE = "befolkning.csv";

export function loadPopulation(text: string, nyko: NykoRegister): LoadResult<PopulationTable> {
  const table = parseCsv(text);
  const { index, missing } = columnIndex(table.header, ["nyko", "ar"]);
  if (missing.length > 0)
    return { ok: false, issues: [loadIssue(FILE, 1, "missing-column", `Kolumnen saknas: ${missing.join(", ")}.`)] };
  const bandColumns = table.header.map((name, at) => ({ name, at })).filter((c) => c.at !== index.nyko && c.at !== index.ar && c.name !== "");
  if (bandColumns.length === 0)
    return { ok: false, issues: [loadIssue(FILE, 1, "missing-column", "Filen saknar befolkningskolumner (t.ex. totalt).")] };
  const issues: LoadIssue[] = [];
  // code → year → band values
  const data = new Map<string, Map<number, number[]>>();
  for (const row of table.rows) {
    const code = (row.fields[index.nyko] ?? "").trim();
    const yearText = (row.fields[index.ar] ?? "").trim();
    if (!nyko.has(code)) {
      issues.push(loadIssue(FILE, row.line, "unknown-nyko", `NYKO-koden ”${code}” finns inte i områdesregistret.`));
      continue;
    }
    if (!/^\d{4}$/.test(yearText)) {
      issues.push(loadIssue(FILE, row.line, "bad-year", `Ogiltigt år ”${yearText}”.`));
      continue;
    }
    const values: number[] = [];
    for (const c of bandColumns) {
      const t = (row.fields[c.at] ?? "").trim().replace(/\s/g, "");
      if (!/^\d+$/.test(t)) {
        issues.push(loadIssue(FILE, row.line, "bad-value", `Ogiltigt värde ”${t}” i kolumnen ${c.name}.`));
        break;
      }
      values.push(Number(t));
    }
    if (values.length < bandColumns.length) continue;
    const years = data.get(code) ?? new Map<number, number[]>();
    const year = Number(yearText);
    if (years.has(year)) {
      issues.push(loadIssue(FILE, row.line, "duplicate-row", `${code} år ${year} finns redan.`));
      continue;
    }
    years.set(year, values);
    data.set(code, years);
  }
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: createPopulationTable(data, bandColumns.map((c) => c.name), nyko) };
}

function createPopulationTable(data: Map<string, Map<number, number[]>>, bands: string[], nyko: NykoRegister): PopulationTable {
  // Latest year ≤ `year` for one code's own figures.
  const ownFigures = (code: string, year: number): { year: number; values: number[] } | null => {
    const years = data.get(code);
    if (!years) return null;
    let best = -Infinity;
    for (const y of years.keys()) if (y <= year && y > best) best = y;
    return best === -Infinity ? null : { year: best, values: years.get(best) as number[] };
  };
  const compute = (code: string, year: number, band: number): PopulationValue | null => {
    const own = ownFigures(code, year);
    if (own) return { value: own.values[band], yearUsed: own.year, stoodIn: own.year !== year };
    const children = nyko.childrenOf(code);
    if (children.length === 0) return null;
    let value = 0;
    let yearUsed = Infinity;
    let stoodIn = false;
    for (const child of children) {
      const part = compute(child, year, band);
      if (!part) return null;
      value += part.value;
      yearUsed = Math.min(yearUsed, part.yearUsed);
      stoodIn = stoodIn || part.stoodIn;
    }
    return { value, yearUsed, stoodIn };
  };
  return {
    bands,
    populationFor(code, year, band) {
      const at = bands.indexOf(band);
      if (at < 0 || !nyko.has(code)) return null;
      return compute(code, year, at);
    },
  };
}
