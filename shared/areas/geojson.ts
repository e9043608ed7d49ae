// Reads GeoJSON polygons (the level-3 areas, the municipal outline) into SWEREF 99 TM rings.
// The reference system comes from the file's `crs` member; without one, GeoJSON (RFC 7946) means WGS 84 lon/lat.
import { emptyBBox, extendBBox, type AreaShape, type Outline, type PolygonRings } from "./geometry";
import { loadIssue, type LoadIssue, type LoadResult } from "./load-result";
import type { NykoRegister } from "./nyko-register";
import { canonicalCrs, toSweref99Tm, type CrsCode } from "./projection";

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> => typeof v === "object" && v !== null && !Array.isArray(v);

interface RawFeature {
  properties: Record<string, Json>;
  geometry: Json;
  crs: Json;
}

function features(doc: Json): RawFeature[] | null {
  if (!isObject(doc)) return null;
  if (doc.type === "FeatureCollection" && Array.isArray(doc.features))
    return doc.features.map((f) => ({
      properties: isObject(f) && isObject(f.properties) ? f.properties : {},
      geometry: isObject(f) ? f.geometry : null,
      crs: isObject(f) ? f.crs : undefined,
    }));
  if (doc.type === "Feature") return [{ properties: isObject(doc.properties) ? doc.properties : {}, geometry: doc.geometry, crs: doc.crs }];
  if (doc.type === "Polygon" || doc.type === "MultiPolygon") return [{ properties: {}, geometry: doc, crs: doc.crs }];
  return null;
}

function crsName(crs: Json): string | null {
  return isObject(crs) && isObject(crs.properties) && typeof crs.properties.name === "string" ? crs.properties.name : null;
}

/** Converts one Polygon/MultiPolygon to rings in SWEREF 99 TM, or returns a Swedish reason. */
function toPolygons(geometry: Json, crs: CrsCode): PolygonRings[] | string {
  if (!isObject(geometry)) return "geometri saknas";
  const polys =
    geometry.type === "Polygon" ? [geometry.coordinates] : geometry.type === "MultiPolygon" ? geometry.coordinates : undefined;
  if (!Array.isArray(polys)) return `geometritypen ${String(geometry.type)} stöds inte (Polygon eller MultiPolygon)`;
  const out: PolygonRings[] = [];
  for (const poly of polys) {
    if (!Array.isArray(poly) || poly.length === 0) return "tom polygon";
    const rings: PolygonRings = [];
    for (const ring of poly) {
      if (!Array.isArray(ring) || ring.length < 4) return "en ring har färre än fyra punkter";
      const flat = new Float64Array(ring.length * 2);
      for (let i = 0; i < ring.length; i++) {
        const pos = ring[i];
        if (!Array.isArray(pos) || typeof pos[0] !== "number" || typeof pos[1] !== "number" || !isFinite(pos[0]) || !isFinite(pos[1]))
          return "ogiltig koordinat";
        if (crs === "EPSG:4326" && (Math.abs(pos[0]) > 180 || Math.abs(pos[1]) > 90))
          return "koordinaterna är inte WGS 84 (longitud, latitud); ange filens crs, till exempel EPSG:3006";
        const [e, n] = toSweref99Tm(crs, [pos[0], pos[1]]);
        flat[i * 2] = e;
        flat[i * 2 + 1] = n;
      }
      rings.push(flat);
    }
    out.push(rings);
  }
  return out;
}

function readCrs(doc: Json, feature: RawFeature | undefined, file: string): CrsCode | LoadIssue {
  const name = crsName(isObject(doc) ? doc.crs : undefined) ?? crsName(feature?.crs);
  if (name === null) return "EPSG:4326";
  return canonicalCrs(name) ?? loadIssue(file, null, "unsupported-crs", `Referenssystemet ${name} stöds inte (använd SWEREF 99 TM, EPSG:3006).`);
}

function parse(text: string, file: string): { doc: Json; list: RawFeature[]; crs: CrsCode } | LoadIssue {
  let doc: Json;
  try {
    doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return loadIssue(file, null, "bad-json", "Filen är inte giltig JSON.");
  }
  const list = features(doc);
  if (!list) return loadIssue(file, null, "not-geojson", "Filen är inte en GeoJSON FeatureCollection, Feature eller polygon.");
  const crs = readCrs(doc, list[0], file);
  if (typeof crs !== "string") return crs;
  return { doc, list, crs };
}

/** The level-3 areas: each feature needs `properties.nyko` from the register; codes finer than level 3 are cut. */
export function loadAreaShapes(text: string, nyko: NykoRegister, file = "nyko3-omraden.geojson"): LoadResult<AreaShape[]> {
  const parsed = parse(text, file);
  if (!("list" in parsed)) return { ok: false, issues: [parsed] };
  const issues: LoadIssue[] = [];
  const shapes: AreaShape[] = [];
  parsed.list.forEach((f, i) => {
    const where = `Objekt ${i + 1}`;
    const raw = f.properties.nyko;
    const code = typeof raw === "number" ? String(raw) : typeof raw === "string" ? raw.trim() : "";
    if (!nyko.has(code)) {
      issues.push(loadIssue(file, null, "unknown-nyko", `${where}: NYKO-koden ”${code}” finns inte i områdesregistret.`));
      return;
    }
    const level = nyko.levelOf(code) ?? 0;
    const cut = nyko.cutToLevel(code, 3) ?? code;
    if (level < 3) issues.push(loadIssue(file, null, "coarse-area", `${where}: ${code} är på nivå ${level}, polygonerna ska vara nivå 3.`));
    const polygons = toPolygons(f.geometry, parsed.crs);
    if (typeof polygons === "string") {
      issues.push(loadIssue(file, null, "bad-geometry", `${where} (${code}): ${polygons}.`));
      return;
    }
    const bbox = emptyBBox();
    for (const p of polygons) for (const r of p) extendBBox(bbox, r);
    shapes.push({ nyko: cut, polygons, bbox });
  });
  if (shapes.length === 0 && issues.length === 0) issues.push(loadIssue(file, null, "empty", "Filen innehåller inga områden."));
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: shapes };
}

/** The municipal outline: every polygon of the file, merged into one outline. */
export function loadOutline(text: string, file = "kommungrans.geojson"): LoadResult<Outline> {
  const parsed = parse(text, file);
  if (!("list" in parsed)) return { ok: false, issues: [parsed] };
  const polygons: PolygonRings[] = [];
  for (const [i, f] of parsed.list.entries()) {
    const got = toPolygons(f.geometry, parsed.crs);
    if (typeof got === "string") return { ok: false, issues: [loadIssue(file, null, "bad-geometry", `Objekt ${i + 1}: ${got}.`)] };
    polygons.push(...got);
  }
  if (polygons.length === 0) return { ok: false, issues: [loadIssue(file, null, "empty", "Filen innehåller ingen polygon.")] };
  const bbox = emptyBBox();
  for (const p of polygons) for (const r of p) extendBBox(bbox, r);
  return { ok: true, value: { polygons, bbox } };
}
