import { describe, expect, it } from "vitest";
import { demoRegisters } from "../../test/fixtures/areas/demo";
import { miniRegisters } from "../../test/fixtures/areas/mini";
import { createAreaIndex } from "./area-index";
import { emptyBBox, extendBBox, pointInPolygon, type AreaShape } from "./geometry";

const ring = (...pts: [number, number][]) => new Float64Array(pts.flat());

describe("pointInPolygon", () => {
  const outer = ring([0, 0], [10, 0], [10, 10], [0, 10], [0, 0]);
  const hole = ring([4, 4], [6, 4], [6, 6], [4, 6], [4, 4]);

  it("tests a polygon with a hole", () => {
    expect(pointInPolygon([outer, hole], 1, 1)).toBe(true);
    expect(pointInPolygon([outer, hole], 5, 5)).toBe(false);
    expect(pointInPolygon([outer, hole], 11, 5)).toBe(false);
  });

  it("handles a concave ring and an unclosed ring", () => {
    const u = ring([0, 0], [3, 0], [3, 3], [2, 3], [2, 1], [1, 1], [1, 3], [0, 3]);
    expect(pointInPolygon([u], 0.5, 2)).toBe(true);
    expect(pointInPolygon([u], 1.5, 2)).toBe(false);
    expect(pointInPolygon([u], 2.5, 2)).toBe(true);
  });
});

describe("createAreaIndex", () => {
  it("puts a point on a shared edge into exactly one area", () => {
    const shape = (nyko: string, r: Float64Array): AreaShape => {
      const bbox = emptyBBox();
      extendBBox(bbox, r);
      return { nyko, polygons: [[r]], bbox };
    };
    const index = createAreaIndex([
      shape("1", ring([0, 0], [5, 0], [5, 10], [0, 10], [0, 0])),
      shape("2", ring([5, 0], [10, 0], [10, 10], [5, 10], [5, 0])),
    ]);
    expect(["1", "2"]).toContain(index.areaAt(5, 5));
    expect(index.areaAt(2, 5)).toBe("1");
    expect(index.areaAt(7, 5)).toBe("2");
    expect(index.areaAt(-1, 5)).toBeNull();
    expect(index.areaAt(Number.NaN, 5)).toBeNull();
  });

  it("finds holes and MultiPolygons of the synthetic registers", () => {
    const { areas } = miniRegisters();
    expect(areas.areaAt(600100, 6600100)).toBe("7001");
    expect(areas.areaAt(600500, 6600500)).toBe("7002"); // in 7001's hole, which is part of 7002's MultiPolygon
    expect(areas.areaAt(601500, 6600500)).toBe("7002");
    expect(areas.areaAt(600500, 6601500)).toBe("8005");
    expect(areas.areaAt(600500, 6599999)).toBeNull();
  });

  it("puts every address point of the demo register into the area the register gives it", () => {
    const reg = demoRegisters();
    const wrong = reg.addressPoints.filter((p) => p.e !== null && p.n !== null && reg.areas.areaAt(p.e, p.n) !== p.nyko);
    expect(reg.areas.shapes).toHaveLength(38);
    expect(wrong).toEqual([]);
  });
});
