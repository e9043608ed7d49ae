// What the pipeline needs from the area registers: a row's place → NYKO code at level 3. Implemented over shared/areas.

export type LocateFailure = "unknown-street" | "unknown-number" | "outside-municipality" | "ambiguous" | "missing";

export type LocateResult = { ok: true; nyko: string } | { ok: false; reason: LocateFailure };

export interface Locator {
  /** A street address as people write it → NYKO-3. */
  byAddress(raw: string): LocateResult;
  /** A point (N, E) in SWEREF 99 TM or WGS 84 (lat, lon) → NYKO-3. */
  byPoint(n: number, e: number, crs: "EPSG:3006" | "EPSG:4326"): LocateResult;
  /** A NYKO code from the register cut to level 3 (a coarser code stays as it is); null when the register does not know it. */
  byCode(code: string): string | null;
  /** The level of a code as the register says, or null when unknown. */
  levelOf(code: string): number | null;
}

export const LOCATE_REASON_TEXT: Record<LocateFailure, string> = {
  "unknown-street": "gatan finns inte i adressregistret",
  "unknown-number": "gatunumret finns inte i adressregistret",
  "outside-municipality": "platsen ligger utanför kommunen",
  ambiguous: "adressen kan höra till flera områden",
  missing: "plats saknas",
};
