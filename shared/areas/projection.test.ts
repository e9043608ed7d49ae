import { describe, expect, it } from "vitest";
import { canonicalCrs, sweref99TmToWgs84, toSweref99Tm } from "./projection";

describe("projection", () => {
  it("reads the usual ways of naming a reference system", () => {
    expect(canonicalCrs("urn:ogc:def:crs:EPSG::3006")).toBe("EPSG:3006");
    expect(canonicalCrs("EPSG:3006")).toBe("EPSG:3006");
    expect(canonicalCrs("epsg:4326")).toBe("EPSG:4326");
    expect(canonicalCrs("urn:ogc:def:crs:OGC:1.3:CRS84")).toBe("EPSG:4326");
    expect(canonicalCrs("3011")).toBe("EPSG:3011");
    expect(canonicalCrs("EPSG:27700")).toBeNull();
    expect(canonicalCrs("SWEREF")).toBeNull();
  });

  it("places WGS 84 in SWEREF 99 TM where zone 33 puts it", () => {
    // The central meridian of SWEREF 99 TM is 15°E with false easting 500 000 m.
    const [e, n] = toSweref99Tm("EPSG:4326", [15, 59]);
    expect(e).toBeCloseTo(500000, 3);
    expect(n).toBeGreaterThan(6_500_000);
    expect(n).toBeLessThan(6_560_000);
  });

  it("round-trips SWEREF 99 TM → WGS 84 → SWEREF 99 TM to the millimetre", () => {
    for (const xy of [
      [656073.92, 6555711.78],
      [640974, 6577433],
      [500000, 7000000],
    ] as [number, number][]) {
      const wgs = sweref99TmToWgs84(xy);
      expect(wgs[0]).toBeGreaterThan(10);
      expect(wgs[0]).toBeLessThan(25);
      const back = toSweref99Tm("EPSG:4326", wgs);
      expect(Math.abs(back[0] - xy[0])).toBeLessThan(0.001);
      expect(Math.abs(back[1] - xy[1])).toBeLessThan(0.001);
    }
  });

  it("converts a SWEREF 99 local zone on its central meridian", () => {
    const wgs = sweref99TmToWgs84(toSweref99Tm("EPSG:3011", [150000, 6580000]));
    expect(wgs[0]).toBeCloseTo(18, 6);
  });
});
