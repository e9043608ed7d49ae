// GeoJSON of the NYKO-3 polygons with one indicator's values for one period, in EPSG:3006 (with the `crs`
// member of the 2008 specification) or WGS 84 (RFC 7946: lon/lat, exterior rings counter-clockwise).
import { sweref99TmToWgs84 } from "../../shared/areas";
import type { DeliveryCell } from "../../shared/protocol/delivery";
import { cellMark, cellStatus } from "../../shared/protocol/delivery";
import { CHANGE_TEXT } from "../../shared/stats/cell-uncertainty";

type Position = [number, number];
type Ring = Position[];

interface SourceFeature {
  properties?: Record<string, unknown> | null;
  geometry: { type: "Polygon"; coordinates: Ring[] } | { type: "MultiPolygon"; coordinates: Ring[][] } | null;
}

export interface MapFeature {
  nyko: string;
  name: string | null;
  /** Polygons in SWEREF 99 TM, outer ring first. */
  polygons: Ring[][];
}

/** The NYKO-3 polygons of the polygon register (its features carry `nyko`). */
export function parseAreaPolygons(text: string, nameOf: (code: string) => string | null): MapFeature[] {
  const fc = JSON.parse(text) as { features?: SourceFeature[] };
  const out: MapFeature[] = [];
  for (const f of fc.features ?? []) {
    const nyko = f.properties?.nyko;
    if (typeof nyko !== "string" || !f.geometry) continue;
    const polygons = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
    out.push({ nyko, name: nameOf(nyko), polygons });
  }
  return out;
}

function signedArea(ring: Ring): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) a += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  return a / 2;
}

/** Closed ring, rounded, wound counter-clockwise (outer) or clockwise (holes). */
function normaliseRing(ring: Ring, outer: boolean, digits: number): Ring {
  const f = 10 ** digits;
  const r: Ring = ring.map(([x, y]) => [Math.round(x * f) / f, Math.round(y * f) / f]);
  const first = r[0];
  const last = r[r.length - 1];
  if (first[0] !== last[0] || first[1] !== last[1]) r.push([first[0], first[1]]);
  const ccw = signedArea(r) > 0;
  return ccw === outer ? r : r.reverse();
}

export type GeoCrs = "3006" | "4326";

/** A FeatureCollection: one feature per NYKO-3 area with the cell of `indicator` at `period` (or none). */
export function indicatorGeoJson(features: readonly MapFeature[], cells: readonly DeliveryCell[], meta: { indicator: string; title: string; period: string; crs: GeoCrs }): object {
  const byNyko = new Map(cells.filter((c) => c.level === 3 && c.indicator === meta.indicator && c.period === meta.period).map((c) => [c.nyko, c]));
  const project = meta.crs === "4326" ? (p: Position): Position => sweref99TmToWgs84(p) : (p: Position): Position => p;
  const digits = meta.crs === "4326" ? 7 : 2;
  const out = features.map((f) => {
    const cell = byNyko.get(f.nyko);
    const status = cell ? cellStatus(cell) : null;
    const coordinates = f.polygons.map((poly) => poly.map((ring, k) => normaliseRing(ring.map(project), k === 0, digits)));
    return {
      type: "Feature",
      properties: {
        nyko: f.nyko,
        namn: f.name,
        indikator: meta.indicator,
        period: meta.period,
        varde: cell && status === "value" ? cell.value : null,
        undertryckt: status === "suppressed",
        /** value, suppressed or missing (not reported by every expected partner); null where the delivery has no cell. */
        status,
        visas: cell ? (cellMark(cell) ?? (cell.value === null ? "" : String(cell.value))) : "",
        /** The value's 95 % interval and "osäker" mark (null for suppressed and missing cells, and without an interval). */
        low: cell && status === "value" ? (cell.low ?? null) : null,
        high: cell && status === "value" ? (cell.high ?? null) : null,
        uncertain: cell && status === "value" ? (cell.uncertain ?? null) : null,
        /** The change against the previous period and the same period a year before, in Swedish, where judged. */
        change_previous: cell?.change?.previous ? CHANGE_TEXT[cell.change.previous] : null,
        change_last_year: cell?.change?.lastYear ? CHANGE_TEXT[cell.change.lastYear] : null,
      },
      geometry: coordinates.length === 1 ? { type: "Polygon", coordinates: coordinates[0] } : { type: "MultiPolygon", coordinates },
    };
  });
  const fc: Record<string, unknown> = { type: "FeatureCollection", name: `${meta.title} ${meta.period}` };
  if (meta.crs === "3006") fc.crs = { type: "name", properties: { name: "urn:ogc:def:crs:EPSG::3006" } };
  fc.features = out;
  return fc;
}
