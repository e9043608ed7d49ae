// Adapts a population register (such as shared/areas' PopulationTable) to the cube's population lookup,
// adding the whole municipality (nyko null) as the sum of the level-1 areas.
import type { AreaHierarchy } from "./hierarchy";
import type { PopulationLookup } from "./cube";

/** The part of a population table the cube needs; shared/areas' PopulationTable satisfies it. */
export interface PopulationSource {
  populationFor(nyko: string, year: number, band: string): { value: number } | null;
}

export function populationLookup(source: PopulationSource, hierarchy: AreaHierarchy): PopulationLookup {
  return (nyko, year, band) => {
    if (nyko !== null) return source.populationFor(nyko, year, band)?.value ?? null;
    let total = 0;
    for (const code of hierarchy.codesAtLevel(1)) {
      const v = source.populationFor(code, year, band);
      if (v === null) return null;
      total += v.value;
    }
    return total;
  };
}
