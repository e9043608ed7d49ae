// Planar polygons in SWEREF 99 TM and the point-in-polygon test (even-odd rule over all rings, so holes work).

/** A ring as flat [e0, n0, e1, n1, …]; closed or not. */
export type Ring = Float64Array;
/** Outer ring first, then holes. */
export type PolygonRings = Ring[];

export interface BBox {
  minE: number;
  minN: number;
  maxE: number;
  maxN: number;
}

/** One or more polygons with their bounding box (a municipality outline, say). */
export interface Outline {
  polygons: PolygonRings[];
  bbox: BBox;
}

export interface AreaShape extends Outline {
  /** The feature's NYKO code, cut to level 3. */
  nyko: string;
}

export function emptyBBox(): BBox {
  return { minE: Infinity, minN: Infinity, maxE: -Infinity, maxN: -Infinity };
}

export function extendBBox(box: BBox, ring: Ring): void {
  for (let i = 0; i < ring.length; i += 2) {
    const e = ring[i];
    const n = ring[i + 1];
    if (e < box.minE) box.minE = e;
    if (e > box.maxE) box.maxE = e;
    if (n < box.minN) box.minN = n;
    if (n > box.maxN) box.maxN = n;
  }
}

export function inBBox(box: BBox, e: number, n: number): boolean {
  return e >= box.minE && e <= box.maxE && n >= box.minN && n <= box.maxN;
}

/** Crossing count of a ray from (e, n) towards +E; half-open on edges so a point on a shared edge lands on one side. */
function ringCrossings(ring: Ring, e: number, n: number): number {
  let count = 0;
  const len = ring.length;
  for (let i = 0, j = len - 2; i < len; j = i, i += 2) {
    const ei = ring[i];
    const ni = ring[i + 1];
    const ej = ring[j];
    const nj = ring[j + 1];
    if (ni > n !== nj > n && e < ((ej - ei) * (n - ni)) / (nj - ni) + ei) count++;
  }
  return count;
}

export function pointInPolygon(polygon: PolygonRings, e: number, n: number): boolean {
  let count = 0;
  for (const ring of polygon) count += ringCrossings(ring, e, n);
  return (count & 1) === 1;
}

export function pointInShape(shape: Outline, e: number, n: number): boolean {
  if (!inBBox(shape.bbox, e, n)) return false;
  for (const polygon of shape.polygons) if (pointInPolygon(polygon, e, n)) return true;
  return false;
}

/** Distance in metres from a point to the nearest edge of an outline (0 inside it). */
export function distanceToOutline(shape: Outline, e: number, n: number): number {
  if (pointInShape(shape, e, n)) return 0;
  let best = Infinity;
  for (const polygon of shape.polygons)
    for (const ring of polygon)
      for (let i = 0, j = ring.length - 2; i < ring.length; j = i, i += 2) {
        const ax = ring[j];
        const ay = ring[j + 1];
        const dx = ring[i] - ax;
        const dy = ring[i + 1] - ay;
        const len2 = dx * dx + dy * dy;
        const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((e - ax) * dx + (n - ay) * dy) / len2));
        best = Math.min(best, Math.hypot(e - (ax + t * dx), n - (ay + t * dy)));
      }
  return best;
}
