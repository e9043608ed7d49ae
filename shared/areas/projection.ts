// Coordinate reference systems: everything is located in SWEREF 99 TM (EPSG:3006); other systems are converted
// with proj4. Coordinates here are [east, north] for projected systems and [lon, lat] for WGS 84.
import proj4 from "proj4";

const SWEREF99_TM = "+proj=utm +zone=33 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs";
const WGS84 = "+proj=longlat +datum=WGS84 +no_defs";
const sweref99Local = (lon0: number) =>
  `+proj=tmerc +lat_0=0 +lon_0=${lon0} +k=1 +x_0=150000 +y_0=0 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs`;

/** The systems we can read: SWEREF 99 TM, WGS 84 and the SWEREF 99 local zones some municipalities use. */
const DEFINITIONS: Readonly<Record<string, string>> = {
  "EPSG:3006": SWEREF99_TM,
  "EPSG:4326": WGS84,
  "EPSG:3007": sweref99Local(12),
  "EPSG:3008": sweref99Local(13.5),
  "EPSG:3009": sweref99Local(15),
  "EPSG:3010": sweref99Local(16.5),
  "EPSG:3011": sweref99Local(18),
  "EPSG:3012": sweref99Local(14.25),
  "EPSG:3013": sweref99Local(15.75),
  "EPSG:3014": sweref99Local(17.25),
  "EPSG:3015": sweref99Local(18.75),
  "EPSG:3016": sweref99Local(20.25),
  "EPSG:3017": sweref99Local(21.75),
  "EPSG:3018": sweref99Local(23.25),
};

export type CrsCode = string;

/** `EPSG:3006`, `urn:ogc:def:crs:EPSG::3006`, `epsg:3006`, `3006`, `CRS84` … → `EPSG:3006`; null when not supported. */
export function canonicalCrs(name: string): CrsCode | null {
  const t = name.trim().toUpperCase();
  if (/(^|:)CRS84$/.test(t)) return "EPSG:4326";
  const m = /^(?:URN:OGC:DEF:CRS:)?(?:EPSG:{1,2}(?:[\d.]*:)?)?(\d{4,5})$/.exec(t);
  if (!m) return null;
  const code = `EPSG:${m[1]}`;
  return code in DEFINITIONS ? code : null;
}

const converters = new Map<string, (xy: [number, number]) => [number, number]>();

/** Converts [x, y] (east/north, or lon/lat for WGS 84) from `crs` to SWEREF 99 TM [east, north]. */
export function toSweref99Tm(crs: CrsCode, xy: readonly [number, number]): [number, number] {
  if (crs === "EPSG:3006") return [xy[0], xy[1]];
  let convert = converters.get(crs);
  if (!convert) {
    const from = DEFINITIONS[crs];
    if (!from) throw new Error(`unsupported CRS ${crs}`);
    const converter = proj4(from, SWEREF99_TM);
    convert = (p) => converter.forward(p) as [number, number];
    converters.set(crs, convert);
  }
  return convert([xy[0], xy[1]]);
}

/** SWEREF 99 TM [east, north] → WGS 84 [lon, lat]. */
export function sweref99TmToWgs84(xy: readonly [number, number]): [number, number] {
  return proj4(SWEREF99_TM, WGS84).forward([xy[0], xy[1]]) as [number, number];
}

export function isSupportedCrs(crs: string): boolean {
  return canonicalCrs(crs) !== null;
}
