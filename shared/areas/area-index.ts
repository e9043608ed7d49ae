// A grid index over the level-3 area shapes so a point is tested against a few candidates only.
import { inBBox, pointInShape, type AreaShape, type BBox } from "./geometry";

export interface AreaIndex {
  /** The NYKO (level 3) of the area holding the SWEREF 99 TM point, or null when it lies in none. */
  areaAt(e: number, n: number): string | null;
  readonly shapes: readonly AreaShape[];
}

export function createAreaIndex(shapes: readonly AreaShape[], cellsPerSide = 64): AreaIndex {
  const box: BBox = { minE: Infinity, minN: Infinity, maxE: -Infinity, maxN: -Infinity };
  for (const s of shapes) {
    box.minE = Math.min(box.minE, s.bbox.minE);
    box.minN = Math.min(box.minN, s.bbox.minN);
    box.maxE = Math.max(box.maxE, s.bbox.maxE);
    box.maxN = Math.max(box.maxN, s.bbox.maxN);
  }
  const size = shapes.length === 0 ? 1 : cellsPerSide;
  const cellE = Math.max((box.maxE - box.minE) / size, 1e-9);
  const cellN = Math.max((box.maxN - box.minN) / size, 1e-9);
  const cells: number[][] = Array.from({ length: size * size }, () => []);
  const clamp = (v: number) => Math.min(size - 1, Math.max(0, v));
  shapes.forEach((s, index) => {
    const e0 = clamp(Math.floor((s.bbox.minE - box.minE) / cellE));
    const e1 = clamp(Math.floor((s.bbox.maxE - box.minE) / cellE));
    const n0 = clamp(Math.floor((s.bbox.minN - box.minN) / cellN));
    const n1 = clamp(Math.floor((s.bbox.maxN - box.minN) / cellN));
    for (let i = n0; i <= n1; i++) for (let j = e0; j <= e1; j++) cells[i * size + j].push(index);
  });
  return {
    shapes,
    areaAt(e, n) {
      if (!Number.isFinite(e) || !Number.isFinite(n) || shapes.length === 0 || !inBBox(box, e, n)) return null;
      const i = clamp(Math.floor((n - box.minN) / cellN));
      const j = clamp(Math.floor((e - box.minE) / cellE));
      for (const index of cells[i * size + j]) if (pointInShape(shapes[index], e, n)) return shapes[index].nyko;
      return null;
    },
  };
}
