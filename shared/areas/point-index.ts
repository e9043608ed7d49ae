// A grid index of the address register's points, to find the address point a coordinate pair belongs to.
// Incident coordinates are an address point plus GPS noise (tens of metres); near an area boundary the noise alone
// can carry a point into the neighbouring polygon or out of the municipality. A point within SNAP_METRES of an
// address point takes that address point's area; only a point with no address point that close is located by polygon.
import type { AddressPoint } from "./address-register";

export const SNAP_METRES = 40;

export interface PointIndex {
  /** The NYKO code of the nearest address point within `radius` metres, or null. */
  nearestArea(n: number, e: number, radius?: number): string | null;
}

export function createPointIndex(points: readonly AddressPoint[], cellMetres = SNAP_METRES): PointIndex {
  const cells = new Map<string, AddressPoint[]>();
  const cellOf = (v: number) => Math.floor(v / cellMetres);
  for (const p of points) {
    if (p.n === null || p.e === null) continue;
    const key = `${cellOf(p.n)}:${cellOf(p.e)}`;
    const list = cells.get(key);
    if (list) list.push(p);
    else cells.set(key, [p]);
  }
  return {
    nearestArea(n, e, radius = SNAP_METRES) {
      const reach = Math.ceil(radius / cellMetres);
      const cn = cellOf(n);
      const ce = cellOf(e);
      let best: AddressPoint | null = null;
      let bestD = radius * radius;
      for (let i = -reach; i <= reach; i++)
        for (let j = -reach; j <= reach; j++) {
          for (const p of cells.get(`${cn + i}:${ce + j}`) ?? []) {
            const d = (p.n! - n) ** 2 + (p.e! - e) ** 2;
            if (d <= bestD) {
              bestD = d;
              best = p;
            }
          }
        }
      return best ? best.nyko : null;
    },
  };
}
