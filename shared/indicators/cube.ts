// The indicator cube: every indicator at NYKO levels 3, 2, 1 and the whole municipality (level 0), for every
// period of each type its data supports, from approved rows only (the caller passes approved rows).
// Each published cell is a sum of inner cells (leaf area × category combination × leaf period); the cube keeps
// that decomposition so that disclosure control can model every published cell over the same inner cells.
import type { DeidentifiedRecord } from "../protocol/record";
import type { DeliveryCell, PeriodType } from "../protocol/delivery";
import { containingPeriod, sortFinestFirst } from "../periods/tree";
import { periodOfDate, type AnyPeriodType } from "../periods/period";
import { AREA_LEVELS, type AreaHierarchy } from "./hierarchy";
import { compileMatcher, type RowMatcher } from "./match";
import { InnerBuilder, type InnerCells } from "./inner";
import { prepareRecords, type PreparedRecords } from "./prepare";
import { leafPeriodsFor, periodLayout } from "./period-layout";
import { FACTOR_MULTIPLIER, leafPeriodType, type IndicatorDefinition, type PopulationBand } from "./schema";

/** Population of an area (null = the whole municipality) in a year, for population denominators. */
export type PopulationLookup = (nyko: string | null, year: number, band: PopulationBand) => number | null | undefined;

export interface CubeOptions {
  /**
   * The civil dates to cover (inclusive). Default: the span of the records of each kind of data. `weeksTo`: where
   * the slices (inner cells of a cube with weekly cells) end when later than `to` (the last complete week); a
   * half-month or month there is not whole, so only weekly cells reach past `to`.
   */
  range?: { from: string; to: string; weeksTo?: string };
  /** Population register, for indicators with a population denominator. */
  population?: PopulationLookup;
  /**
   * Double reporting: given the approved rows a cross-partner indicator matches, returns the rows to count (one per
   * incident). Until double reporting is detected this is absent and such indicators count per row.
   */
  countOnce?: (records: readonly DeidentifiedRecord[]) => readonly DeidentifiedRecord[];
  /**
   * How inner cells name their category combination. `record` (default): every category of the row, so inner
   * cells with the same key are the same rows in every indicator and one cover model can span all indicators
   * (strategic crimes and theft share their vehicle thefts, for example). `filter`: only the columns the matching
   * filter reads (fewer, coarser inner cells; keys comparable across indicators only when their filters read the
   * same columns).
   */
  innerKeys?: "record" | "filter";
}

/** A published cell plus what it is computed from (never sent as such: `toDeliveryCell` strips the extras). */
export interface CubeCell extends DeliveryCell {
  /** The count or measure sum. */
  numerator: number;
  /** The denominator (population, submitted measure, or mean over the period's months); null when none. */
  denominator: number | null;
}

export interface IndicatorCube {
  readonly definition: IndicatorDefinition;
  /** The period of the inner cells: the finest period type, or the slice (week ∩ half-month) in a cube with weeks. */
  readonly leafPeriodType: AnyPeriodType;
  /** The indicator's period types, finest first. */
  readonly periodTypes: readonly PeriodType[];
  /** The periods of each type, in order (only those made wholly of covered leaf periods). */
  readonly periods: ReadonlyMap<PeriodType, readonly string[]>;
  /** Area codes per level (level 0: `[null]`). */
  readonly areas: ReadonlyMap<number, readonly (string | null)[]>;
  /** Ordered by period type (finest first), period, level 0→3, area in register order. */
  readonly cells: readonly CubeCell[];
  readonly inner: InnerCells;
  /** The index in `cells` of a cell, or -1. */
  cellIndex(nyko: string | null, periodType: PeriodType, period: string): number;
  /** For each inner cell, the index in `cells` of the cell it falls in at this level and period type, or -1. */
  innerToCell(level: number, periodType: PeriodType): Int32Array;
  /** The inner cells (indices into `inner`) whose numerators sum to the cell's numerator. */
  members(cellIndex: number): number[];
  /**
   * The inner cells of every cell at one level and period type, made in one pass (`members` of each cell would be a
   * pass per cell), not kept: those of cell `base + c` are `inner[start[c]]` to `inner[start[c + 1] - 1]`, ascending
   * (cells at other levels hold none). Throws when the indicator has no cells at that level and period type.
   */
  membersAt(level: number, periodType: PeriodType): CellMembers;
}

/** The inner cells of the cells of one period type, by cell (`IndicatorCube.membersAt`). */
export interface CellMembers {
  /** The index in `cells` of the period type's first cell. */
  base: number;
  start: Int32Array;
  inner: Int32Array;
}

export interface Cube {
  readonly indicators: readonly IndicatorCube[];
  get(id: string): IndicatorCube | undefined;
  readonly diagnostics: PreparedRecords["diagnostics"];
}

const LEVELS: readonly number[] = AREA_LEVELS;

function yearOfPeriod(period: string): number {
  return Number(period.slice(0, 4));
}

/** The delivery cell of a cube cell. */
export function toDeliveryCell(c: CubeCell): DeliveryCell {
  return { indicator: c.indicator, nyko: c.nyko, level: c.level, periodType: c.periodType, period: c.period, value: c.value, suppressed: c.suppressed };
}

function buildIndicator(def: IndicatorDefinition, prepared: PreparedRecords, options: CubeOptions, slices: boolean): IndicatorCube {
  // In a cube with weekly cells every dated indicator keeps its inner cells per slice: inner cells with the same key
  // are the same rows in every indicator, so the weekly cells of one indicator and the half-month cells of another
  // that share rows stand on the same inner cells in the round's one cover model.
  const natural = leafPeriodType(def);
  const leafType: AnyPeriodType = slices && natural === "halfmonth" && !(def.denominator?.kind === "measure" && def.denominator.overTime === "mean") ? "slice" : natural;
  const types = sortFinestFirst(def.periodTypes);
  const { records, leafOf, periodOf, kindOf } = prepared;

  // Rows the numerator and a measure denominator read: record index and filter index, in parallel arrays. A row's
  // match depends only on its category combination (organisation, template, categories): asked once per combination.
  const { categoryOf, categoryKeys } = prepared;
  const select = (matcher: RowMatcher): { rows: number[]; filters: number[] } => {
    const rows: number[] = [];
    const filters: number[] = [];
    const matchOf = new Int32Array(categoryKeys.length).fill(-2); // -2: not asked yet
    for (const t of matcher.templateIds)
      for (const i of prepared.byTemplate.get(t) ?? []) {
        let f = matchOf[categoryOf[i]];
        if (f === -2) f = matchOf[categoryOf[i]] = matcher.match(records[i]);
        if (f >= 0) {
          rows.push(i);
          filters.push(f);
        }
      }
    return { rows, filters };
  };
  const numMatcher = compileMatcher(def.numerator.match);
  let num = select(numMatcher);
  if (def.crossPartner && options.countOnce) {
    const kept = new Set(options.countOnce(num.rows.map((i) => records[i])));
    const keep = num.rows.map((i) => kept.has(records[i]));
    num = { rows: num.rows.filter((_, k) => keep[k]), filters: num.filters.filter((_, k) => keep[k]) };
  }
  const den = def.denominator;
  const denMatcher = den?.kind === "measure" ? compileMatcher(den.match) : null;
  const denSel = denMatcher ? select(denMatcher) : { rows: [], filters: [] };

  // Leaf periods and the periods of every type made wholly of them.
  const firstRow = num.rows.length > 0 ? num.rows[0] : denSel.rows.length > 0 ? denSel.rows[0] : -1;
  const range = options.range && leafType === "slice" && options.range.weeksTo ? { from: options.range.from, to: options.range.weeksTo } : options.range;
  const leafPeriods = leafPeriodsFor(prepared, firstRow >= 0 ? kindOf[firstRow] : null, leafType, range);
  const leafIndex = new Map(leafPeriods.map((p, i) => [p, i]));
  const toLeaf = new Map<string, number>();
  const leafOfRecord = (i: number): number => {
    // A slice is found from the row's date (its half-month does not nest in a slice).
    const own = leafType === "slice" && periodOf[i] !== null ? records[i].date : periodOf[i];
    if (own === null) return -1;
    let l = toLeaf.get(own);
    if (l === undefined) {
      const p = leafType === "slice" ? periodOfDate("slice", own) : containingPeriod(own, leafType);
      l = p === null ? -1 : (leafIndex.get(p) ?? -1);
      toLeaf.set(own, l);
    }
    return l;
  };

  // Inner cells.
  const inner = new InnerBuilder(prepared.leaves, leafPeriods, den?.kind === "measure");
  const numMeasure = def.numerator.kind === "sum" ? def.numerator.measure : null;
  const byRecord = (options.innerKeys ?? "record") === "record";
  // The inner cells' category of each full category combination (`record` keys), found once per combination.
  const innerCategory = new Int32Array(categoryKeys.length).fill(-1);
  const accumulate = (matcher: RowMatcher, sel: { rows: number[]; filters: number[] }, measure: string | null, role: "num" | "den") => {
    const toInner: number[] = [];
    for (let k = 0; k < sel.rows.length; k++) {
      const i = sel.rows[k];
      const p = leafOfRecord(i);
      if (p < 0) continue;
      const r = records[i];
      let category: number;
      if (byRecord) {
        const full = categoryOf[i];
        category = innerCategory[full] >= 0 ? innerCategory[full] : (innerCategory[full] = inner.categoryOf(categoryKeys[full]));
      }
      else {
        const id = matcher.categoryId(r, sel.filters[k]);
        category = toInner[id] ?? (toInner[id] = inner.categoryOf(matcher.combination(id)));
      }
      const value = measure === null ? 1 : (r.measures[measure] ?? 0);
      if (role === "num") inner.add(leafOf[i], category, p, value, 0);
      else inner.add(leafOf[i], category, p, 0, value);
    }
  };
  accumulate(numMatcher, num, numMeasure, "num");
  if (denMatcher && den?.kind === "measure") accumulate(denMatcher, denSel, den.measure, "den");
  const cellsInner = inner.build();

  const { periods, leafToPeriod, leavesPerPeriod } = periodLayout(types, leafType, leafPeriods);

  // Cell layout: type → period → slot, slots = level 0, then the areas of levels 1, 2, 3.
  const areas = prepared.areas;
  const slotOffset = new Map<number, number>();
  let slots = 0;
  for (const level of [...LEVELS].sort((a, b) => a - b)) {
    slotOffset.set(level, slots);
    slots += (areas.get(level) ?? []).length;
  }
  const typeOffset = new Map<PeriodType, number>();
  let total = 0;
  for (const t of types) {
    typeOffset.set(t, total);
    total += (periods.get(t) ?? []).length * slots;
  }
  const numSum = new Float64Array(total);
  const denSum = new Float64Array(total);
  const innerToCellMap = new Map<string, Int32Array>();
  for (const t of types) {
    const pmap = leafToPeriod.get(t) as Int32Array;
    const base = typeOffset.get(t) as number;
    for (const level of LEVELS) {
      const amap = prepared.leafToArea.get(level) as Int32Array;
      const off = slotOffset.get(level) as number;
      const out = new Int32Array(cellsInner.size);
      for (let k = 0; k < cellsInner.size; k++) {
        const a = amap[cellsInner.leaf[k]];
        const p = pmap[cellsInner.period[k]];
        if (a < 0 || p < 0) {
          out[k] = -1;
          continue;
        }
        const c = base + p * slots + off + a;
        out[k] = c;
        numSum[c] += cellsInner.numerator[k];
        if (cellsInner.denominator) denSum[c] += cellsInner.denominator[k];
      }
      innerToCellMap.set(`${level}|${t}`, out);
    }
  }

  // Cells.
  const mult = FACTOR_MULTIPLIER[def.factor];
  const cells: CubeCell[] = new Array(total);
  const levelOfSlot: number[] = [];
  const codeOfSlot: (string | null)[] = [];
  for (const level of [...LEVELS].sort((a, b) => a - b))
    for (const code of areas.get(level) ?? []) {
      levelOfSlot.push(level);
      codeOfSlot.push(code);
    }
  for (const t of types) {
    const list = periods.get(t) as string[];
    const counts = leavesPerPeriod.get(t) as number[];
    const base = typeOffset.get(t) as number;
    for (let p = 0; p < list.length; p++)
      for (let s = 0; s < slots; s++) {
        const c = base + p * slots + s;
        const nyko = codeOfSlot[s];
        const numerator = numSum[c];
        let denominator: number | null = null;
        if (den?.kind === "measure") denominator = den.overTime === "mean" ? denSum[c] / counts[p] : denSum[c];
        else if (den?.kind === "population") denominator = options.population?.(nyko, yearOfPeriod(list[p]), den.band) ?? null;
        const value = den === undefined ? numerator : denominator !== null && denominator > 0 ? (numerator / denominator) * mult : null;
        cells[c] = { indicator: def.id, nyko, level: levelOfSlot[s], periodType: t, period: list[p], value, suppressed: false, numerator, denominator };
      }
  }

  return indicatorCube({ definition: def, leafPeriodType: leafType, periodTypes: types, periods, areas, cells, inner: cellsInner }, { innerToCellMap, typeOffset, slots, codeOfSlot });
}

/**
 * The indicator cube over its built parts. Apart from `buildIndicator`, so that its methods hold only what they read,
 * not what the build used (the prepared records, the inner cells' builder).
 */
function indicatorCube(
  parts: Pick<IndicatorCube, "definition" | "leafPeriodType" | "periodTypes" | "periods" | "areas" | "cells" | "inner">,
  layout: { innerToCellMap: ReadonlyMap<string, Int32Array>; typeOffset: ReadonlyMap<PeriodType, number>; slots: number; codeOfSlot: readonly (string | null)[] },
): IndicatorCube {
  const { definition: def, periods, cells } = parts;
  const { innerToCellMap, typeOffset, slots, codeOfSlot } = layout;
  const membersAt = (level: number, periodType: PeriodType): CellMembers => {
    const toCell = innerToCellMap.get(`${level}|${periodType}`);
    if (!toCell) throw new Error(`no cells at level ${level} and period type ${periodType} for ${def.id}`);
    const base = typeOffset.get(periodType) as number;
    const n = (periods.get(periodType) ?? []).length * slots;
    const start = new Int32Array(n + 1);
    for (let k = 0; k < toCell.length; k++) if (toCell[k] >= 0) start[toCell[k] - base + 1]++;
    for (let c = 0; c < n; c++) start[c + 1] += start[c];
    const fill = start.slice(0, n);
    const inner = new Int32Array(start[n]);
    for (let k = 0; k < toCell.length; k++) if (toCell[k] >= 0) inner[fill[toCell[k] - base]++] = k;
    return { base, start, inner };
  };

  const slotIndex = new Map<string | null, number>(codeOfSlot.map((code, s) => [code, s]));
  const periodIndex = new Map<string, number>();
  for (const t of parts.periodTypes) (periods.get(t) ?? []).forEach((p, i) => periodIndex.set(`${t}|${p}`, i));

  return {
    ...parts,
    cellIndex(nyko, periodType, period) {
      const s = slotIndex.get(nyko);
      const p = periodIndex.get(`${periodType}|${period}`);
      const base = typeOffset.get(periodType);
      return s === undefined || p === undefined || base === undefined ? -1 : base + p * slots + s;
    },
    innerToCell(level, periodType) {
      const m = innerToCellMap.get(`${level}|${periodType}`);
      if (!m) throw new Error(`no cells at level ${level} and period type ${periodType} for ${def.id}`);
      return m;
    },
    members(cellIndex) {
      const cell = cells[cellIndex];
      if (!cell) return [];
      const { base, start, inner } = membersAt(cell.level, cell.periodType);
      return Array.from(inner.subarray(start[cellIndex - base], start[cellIndex - base + 1]));
    },
    membersAt,
  };
}

/**
 * Builds the cube of every definition over approved records. `hierarchy` is the NYKO register (any object with
 * parentOf / levelOf / codesAtLevel). Rows without a known NYKO code count only in the municipality total.
 */
export function buildCube(
  records: readonly DeidentifiedRecord[],
  definitions: readonly IndicatorDefinition[],
  hierarchy: AreaHierarchy,
  options: CubeOptions = {},
): Cube {
  const prepared = prepareRecords(records, hierarchy, LEVELS);
  const slices = definitions.some((d) => d.periodTypes.includes("week"));
  return cubeOf(
    definitions.map((d) => buildIndicator(d, prepared, options, slices)),
    prepared.diagnostics,
  );
}

/** The cube of its indicators (apart from `buildCube`, so that `get` does not hold the prepared records). */
function cubeOf(indicators: readonly IndicatorCube[], diagnostics: PreparedRecords["diagnostics"]): Cube {
  const byId = new Map(indicators.map((c) => [c.definition.id, c]));
  return { indicators, get: (id) => byId.get(id), diagnostics };
}
