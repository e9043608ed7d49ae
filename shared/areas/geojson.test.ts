import { describe, expect, it } from "vitest";
import { demoText } from "../../test/fixtures/areas/demo";
import { MINI_NYKO } from "../../test/fixtures/areas/mini";
import { loadAreaShapes, loadOutline } from "./geojson";
import { pointInShape } from "./geometry";
import { loadNykoRegister } from "./nyko-register";
import { sweref99TmToWgs84 } from "./projection";

const nykoResult = loadNykoRegister(MINI_NYKO);
if (!nykoResult.ok) throw new Error("mini register");
const nyko = nykoResult.value;

const square = (e0: number, n0: number, e1: number, n1: number) => [
  [e0, n0],
  [e1, n0],
  [e1, n1],
  [e0, n1],
  [e0, n0],
];

describe("loadAreaShapes", () => {
  it("reads the demo polygons with their crs", () => {
    const demo = loadNykoRegister(demoText("nyko-omraden.csv"));
    if (!demo.ok) throw new Error("demo register");
    const r = loadAreaShapes(demoText("nyko3-omraden.geojson"), demo.value);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.map((s) => s.nyko)).toEqual(demo.value.codesAtLevel(3));
  });

  it("converts a WGS 84 file (no crs, as RFC 7946 says) to SWEREF 99 TM", () => {
    const corners = square(600000, 6600000, 601000, 6601000).map(([e, n]) => sweref99TmToWgs84([e, n]));
    const text = JSON.stringify({ type: "Feature", properties: { nyko: "7001" }, geometry: { type: "Polygon", coordinates: [corners] } });
    const r = loadAreaShapes(text, nyko);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(pointInShape(r.value[0], 600500, 6600500)).toBe(true);
    expect(pointInShape(r.value[0], 601500, 6600500)).toBe(false);
  });

  it("cuts a finer code to level 3", () => {
    const text = JSON.stringify({
      type: "FeatureCollection",
      crs: { type: "name", properties: { name: "EPSG:3006" } },
      features: [{ type: "Feature", properties: { nyko: "700101" }, geometry: { type: "Polygon", coordinates: [square(0, 0, 1, 1)] } }],
    });
    const r = loadAreaShapes(text, nyko);
    expect(r.ok && r.value[0].nyko).toBe("7001");
  });

  it("returns issues for bad files", () => {
    const bad = (text: string) => {
      const r = loadAreaShapes(text, nyko);
      return r.ok ? [] : r.issues.map((i) => i.code);
    };
    expect(bad("{not json")).toEqual(["bad-json"]);
    expect(bad(JSON.stringify({ type: "Point", coordinates: [0, 0] }))).toEqual(["not-geojson"]);
    const crs = { type: "name", properties: { name: "EPSG:27700" } };
    expect(bad(JSON.stringify({ type: "FeatureCollection", crs, features: [] }))).toEqual(["unsupported-crs"]);
    const projectedWithoutCrs = { type: "Feature", properties: { nyko: "7001" }, geometry: { type: "Polygon", coordinates: [square(600000, 6600000, 601000, 6601000)] } };
    expect(bad(JSON.stringify(projectedWithoutCrs))).toEqual(["bad-geometry"]);
    const unknown = { ...projectedWithoutCrs, properties: { nyko: "999" }, crs: { type: "name", properties: { name: "EPSG:3006" } } };
    expect(bad(JSON.stringify(unknown))).toEqual(["unknown-nyko"]);
    const line = { type: "Feature", properties: { nyko: "7001" }, geometry: { type: "LineString", coordinates: [[0, 0], [1, 1]] } };
    expect(bad(JSON.stringify(line))).toEqual(["bad-geometry"]);
  });
});

describe("loadOutline", () => {
  it("reads the demo municipal outline", () => {
    const r = loadOutline(demoText("kommungrans.geojson"));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(pointInShape(r.value, 650000, 6565000)).toBe(true);
    expect(pointInShape(r.value, 700000, 6565000)).toBe(false);
  });
});
