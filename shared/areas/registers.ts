// The registers of one municipality, loaded from text in the demo formats and bundled for locating rows.
import { createAddressIndex, type AddressIndex } from "./address-index";
import { loadAddressRegister, type AddressPoint } from "./address-register";
import { createAreaIndex, type AreaIndex } from "./area-index";
import { loadAreaShapes, loadOutline } from "./geojson";
import type { Outline } from "./geometry";
import type { LoadIssue, LoadResult } from "./load-result";
import { loadNykoRegister, type NykoRegister } from "./nyko-register";
import { loadPopulation, type PopulationTable } from "./population";

export interface RegisterTexts {
  /** `nyko-omraden.csv` */
  nykoCsv: string;
  /** `adressregister.csv` */
  addressCsv: string;
  /** `nyko3-omraden.geojson` */
  polygonsGeojson: string;
  /** `kommungrans.geojson` (optional) */
  boundaryGeojson?: string;
  /** `befolkning.csv` (optional) */
  populationCsv?: string;
}

export interface AreaRegisters {
  nyko: NykoRegister;
  addressPoints: readonly AddressPoint[];
  addresses: AddressIndex;
  areas: AreaIndex;
  boundary: Outline | null;
  population: PopulationTable | null;
}

/** The file names of the demo formats, for callers that read a registers folder. */
export const REGISTER_FILES = {
  nykoCsv: "nyko-omraden.csv",
  addressCsv: "adressregister.csv",
  polygonsGeojson: "nyko3-omraden.geojson",
  boundaryGeojson: "kommungrans.geojson",
  populationCsv: "befolkning.csv",
} as const;

/** Loads every register; all issues of all files are returned together. */
export function buildRegisters(texts: RegisterTexts): LoadResult<AreaRegisters> {
  const nyko = loadNykoRegister(texts.nykoCsv);
  if (!nyko.ok) return nyko;
  const issues: LoadIssue[] = [];
  const points = loadAddressRegister(texts.addressCsv, nyko.value);
  if (!points.ok) issues.push(...points.issues);
  const shapes = loadAreaShapes(texts.polygonsGeojson, nyko.value);
  if (!shapes.ok) issues.push(...shapes.issues);
  const boundary = texts.boundaryGeojson === undefined ? null : loadOutline(texts.boundaryGeojson);
  if (boundary && !boundary.ok) issues.push(...boundary.issues);
  const population = texts.populationCsv === undefined ? null : loadPopulation(texts.populationCsv, nyko.value);
  if (population && !population.ok) issues.push(...population.issues);
  if (!points.ok || !shapes.ok || (boundary && !boundary.ok) || (population && !population.ok)) return { ok: false, issues };
  return {
    ok: true,
    value: {
      nyko: nyko.value,
      addressPoints: points.value,
      addresses: createAddressIndex(points.value, nyko.value),
      areas: createAreaIndex(shapes.value),
      boundary: boundary ? boundary.value : null,
      population: population ? population.value : null,
    },
  };
}
