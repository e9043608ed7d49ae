// The minimal view of the NYKO register the cube needs. shared/areas' NykoRegister satisfies it structurally.

export interface AreaHierarchy {
  /** The parent code, or null for a level-1 area (or an unknown code). */
  parentOf(code: string): string | null;
  /** The level of a code as the register says (1 = coarsest), or null when the code is unknown. */
  levelOf(code: string): number | null;
  /** The codes at a level, in register order. */
  codesAtLevel(level: number): readonly string[];
}

/** The leaf-area name of rows that could not be located: they count only in the municipality total. */
export const UNLOCATED = "unlocated";

/** The published area levels, finest first; 0 is the whole municipality. */
export const AREA_LEVELS = [3, 2, 1, 0] as const;

/** The ancestor-or-self of `code` at `level`, or null when the code is unknown or coarser than `level`. */
export function ancestorAtLevel(h: AreaHierarchy, code: string, level: number): string | null {
  let c: string | null = code;
  for (let guard = 0; c !== null && guard < 64; guard++) {
    const l = h.levelOf(c);
    if (l === null || l < level) return null;
    if (l === level) return c;
    c = h.parentOf(c);
  }
  return null;
}

/** A hierarchy from `{ code, level, parent }` rows (tests and tools; the product uses shared/areas). */
export function hierarchyFromRows(rows: readonly { code: string; level: number; parent: string | null }[]): AreaHierarchy {
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const atLevel = new Map<number, string[]>();
  for (const r of rows) {
    const list = atLevel.get(r.level) ?? [];
    list.push(r.code);
    atLevel.set(r.level, list);
  }
  return {
    parentOf: (code) => byCode.get(code)?.parent ?? null,
    levelOf: (code) => byCode.get(code)?.level ?? null,
    codesAtLevel: (level) => atLevel.get(level) ?? [],
  };
}
