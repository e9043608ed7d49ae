// The cube over the approved records, rebuilt lazily: it is keyed by a data version read from the database
// (approved and superseded submissions, superseded half-months, definition versions, duplicate decisions) and by the period range,
// so approving or superseding a submission makes the next reader rebuild it.
import { loadPopulation } from "../../shared/areas";
import { buildCube, type Cube } from "../../shared/indicators/cube";
import { populationLookup } from "../../shared/indicators/population";
import type { IndicatorDefinition } from "../../shared/indicators/schema";
import type { NykoRegister } from "../../shared/areas";
import { addDays, civilDate } from "../../shared/periods/civil-date";
import { isComplete, lastCompleteHalfMonth } from "../../shared/periods/complete";
import { periodEnd, periodOfDate, periodStart } from "../../shared/periods/period";
import { stockholmDate } from "../../shared/periods/stockholm";
import type { Db } from "../db/database";
import { nykoRegisterAt } from "../registers/current";
import { definitionsVersion, currentDefinitions } from "../stores/indicators";
import { latestPopulation } from "../stores/registers";
import { duplicateAwareCubeInput } from "../dedup/count-once";
import { duplicatesVersion } from "../stores/duplicates";
import { countingRecordsVersion } from "../stores/submissions";

/** Changes whenever a submission is approved or superseded, or a definition version is added. */
export function dataVersion(db: Db): string {
  return `${countingRecordsVersion(db)}|${definitionsVersion(db)}|${duplicatesVersion(db)}`;
}

export interface CubeRange {
  from: string;
  to: string;
  /** The last complete half-month. */
  lastPeriod: string;
  /** The last complete ISO week (ended, deadline passed): weekly cells reach it, which may lie past `to`. */
  lastWeek?: string;
}

/** The civil-date range a delivery at `at` covers: `historyMonths` back to the end of the last complete half-month. */
export function deliveryRange(at: Date, deadlineDays: number, historyMonths: number): CubeRange {
  const lastPeriod = lastCompleteHalfMonth(at, deadlineDays);
  const to = periodEnd(lastPeriod);
  // The first day of the month `historyMonths` before the month of the day after `to`.
  const next = addDays(to, 1);
  const months = Number(next.slice(0, 4)) * 12 + Number(next.slice(5, 7)) - 1 - historyMonths;
  const from = civilDate(Math.floor(months / 12), (months % 12) + 1, 1);
  return { from, to, lastPeriod, lastWeek: lastCompleteWeek(at, deadlineDays) };
}

/** The latest ISO week that is complete at `at` (ended, and its deadline has passed). */
export function lastCompleteWeek(at: Date, deadlineDays: number): string {
  let w = periodOfDate("week", addDays(stockholmDate(at), -deadlineDays - 1));
  while (!isComplete(w, at, deadlineDays)) w = periodOfDate("week", addDays(periodStart(w), -1));
  return w;
}

export interface CubeSnapshot {
  cube: Cube;
  definitions: IndicatorDefinition[];
  register: NykoRegister;
  version: string;
  range: CubeRange;
  buildMs: number;
}

export interface CubeSource {
  /** The cube for the range, rebuilt when the data version or the range changed. */
  get(range: CubeRange, at: Date): CubeSnapshot;
}

export function createCubeSource(db: Db): CubeSource {
  let cached: CubeSnapshot | null = null;
  return {
    get(range, at) {
      const version = dataVersion(db);
      if (cached && cached.version === version && cached.range.from === range.from && cached.range.to === range.to && cached.range.lastWeek === range.lastWeek) return cached;
      const started = performance.now();
      const register = nykoRegisterAt(db, stockholmDate(at));
      const definitions = currentDefinitions(db).map((s) => s.definition);
      const popRow = latestPopulation(db);
      const popTable = popRow ? loadPopulation(popRow.payload, register) : null;
      const population = popTable?.ok ? populationLookup(popTable.value, register) : undefined;
      // Cross-partner indicators count each merged pair of reports once (sync-server/dedup); per-partner ones per row.
      const input = duplicateAwareCubeInput(db);
      // Weekly cells reach the last complete week (slices only: a half-month or month leaf stops at `to`).
      const weeksTo = range.lastWeek && periodEnd(range.lastWeek) > range.to ? periodEnd(range.lastWeek) : undefined;
      const cube = buildCube(input.records, definitions, register, { range: { from: range.from, to: range.to, ...(weeksTo ? { weeksTo } : {}) }, population, countOnce: input.countOnce });
      cached = { cube, definitions, register, version, range, buildMs: performance.now() - started };
      return cached;
    },
  };
}
