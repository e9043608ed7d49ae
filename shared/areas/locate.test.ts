import { describe, expect, it } from "vitest";
import { demoRegisters } from "../../test/fixtures/areas/demo";
import { miniRegisters } from "../../test/fixtures/areas/mini";
import { coordinateValue, createLocator } from "./locate";
import { sweref99TmToWgs84 } from "./projection";

describe("locator", () => {
  const reg = demoRegisters();
  const locator = createLocator(reg);

  it("locates the register's own coordinates to the register's area", () => {
    const sample = reg.addressPoints.filter((_, i) => i % 7 === 0);
    const wrong = sample.filter((p) => {
      const r = locator.locateCoordinates(p.n, p.e);
      return !r.ok || r.nyko !== p.nyko || r.via !== "coordinates";
    });
    expect(sample.length).toBeGreaterThan(1000);
    expect(wrong).toEqual([]);
  });

  it("converts WGS 84 first (north = latitude, east = longitude)", () => {
    const sample = reg.addressPoints.filter((_, i) => i % 29 === 0);
    const wrong = sample.filter((p) => {
      const [lon, lat] = sweref99TmToWgs84([p.e as number, p.n as number]);
      const r = locator.locateCoordinates(lat, lon, "EPSG:4326");
      return !r.ok || r.nyko !== p.nyko;
    });
    expect(wrong).toEqual([]);
  });

  it("reads coordinates written as text", () => {
    const p = reg.addressPoints[0];
    const text = (v: number) => v.toLocaleString("sv-SE").replace(/\s/g, " ") + ",0";
    expect(locator.locateCoordinates(text(p.n as number), text(p.e as number))).toMatchObject({ ok: true, nyko: p.nyko });
    expect(coordinateValue("6 564 293,5")).toBe(6564293.5);
    expect(coordinateValue("abc")).toBeNull();
  });

  it("gives reasons for coordinates it cannot use", () => {
    expect(locator.locateCoordinates(6400000, 500000)).toEqual({ ok: false, reason: "outside-municipality" });
    expect(locator.locateCoordinates(null, 500000)).toEqual({ ok: false, reason: "missing" });
    expect(locator.locateCoordinates("", "")).toEqual({ ok: false, reason: "missing" });
    expect(locator.locateCoordinates("norr", "öst")).toEqual({ ok: false, reason: "missing" });
    expect(locator.locateCoordinates(6560000, 650000, "EPSG:27700")).toEqual({ ok: false, reason: "missing" });
  });

  it("locates addresses, caching one result per distinct text", () => {
    const p = reg.addressPoints[10];
    const raw = `${p.street.toUpperCase()}  ${p.number}${p.letter}`;
    const first = locator.locateAddress(raw);
    expect(first).toMatchObject({ ok: true, nyko: p.nyko, level3: p.nyko, via: "address" });
    expect(locator.locateAddress(raw)).toBe(first);
    expect(locator.locateAddress(null)).toEqual({ ok: false, reason: "missing" });
    expect(locator.locateAddress("   ")).toEqual({ ok: false, reason: "missing" });
    expect(locator.locateAddress(42)).toEqual({ ok: false, reason: "unknown-street" });
  });

  it("gives an address's area alone as locateAddress's nyko, null when it is not located", () => {
    const fresh = createLocator(reg, { cacheSize: 3 });
    const texts = reg.addressPoints.slice(0, 8).map((p) => `${p.street} ${p.number}${p.letter}`);
    for (const text of [...texts, "Okändagatan 1", "   ", ...texts]) {
      const result = locator.locateAddress(text);
      expect(fresh.addressArea(text), text).toBe(result.ok ? result.nyko : null);
      expect(fresh.locateAddress(text)).toEqual(result);
    }
  });

  it("uses coordinates when given, the address otherwise, and the address when the coordinates fail", () => {
    const a = reg.addressPoints[0];
    const b = reg.addressPoints.find((p) => p.nyko !== a.nyko) as (typeof reg.addressPoints)[number];
    const address = `${a.street} ${a.number}${a.letter}`;
    expect(locator.locate({ address, north: b.n, east: b.e })).toMatchObject({ nyko: b.nyko, via: "coordinates" });
    expect(locator.locate({ address, north: "", east: null })).toMatchObject({ nyko: a.nyko, via: "address" });
    expect(locator.locate({ address, north: 1, east: 1 })).toMatchObject({ nyko: a.nyko, via: "address" });
    expect(locator.locate({ north: 1, east: 1 })).toEqual({ ok: false, reason: "outside-municipality" });
    expect(locator.locate({})).toEqual({ ok: false, reason: "missing" });
  });

  it("cuts a finer code to level 3 and reports the level-3 code", () => {
    const mini = createLocator(miniRegisters());
    expect(mini.locateAddress("Södra Storgatan 3")).toMatchObject({ ok: true, nyko: "7001", level3: "7001" });
  });

  it("takes a NYKO code from a cell, cut to level 3", () => {
    const mini = createLocator(miniRegisters());
    expect(mini.locateNyko("700101")).toEqual({ ok: true, nyko: "7001", level3: "7001", via: "nyko" });
    expect(mini.locateNyko(7002)).toEqual({ ok: true, nyko: "7002", level3: "7002", via: "nyko" });
    expect(mini.locateNyko(" 70 ")).toEqual({ ok: true, nyko: "70", level3: null, via: "nyko" });
    expect(mini.locateNyko("4242")).toEqual({ ok: false, reason: "outside-municipality" });
    expect(mini.locateNyko("")).toEqual({ ok: false, reason: "missing" });
  });
});

describe("coordinates near an address point", () => {
  const reg = demoRegisters();
  const locator = createLocator(reg);
  it("take the area of the address point they belong to, even across a polygon edge", () => {
    // Points 25 m from an address point, in all four diagonal directions: GPS noise must not move the area.
    const sample = reg.addressPoints.filter((p, i) => i % 11 === 0 && p.n !== null);
    const wrong = sample.filter((p) =>
      [[18, 17], [-18, 17], [18, -17], [-18, -17]].some(([dn, de]) => {
        const r = locator.locateCoordinates((p.n as number) + dn, (p.e as number) + de);
        return !r.ok || r.nyko !== reg.nyko.cutToLevel(p.nyko, 3);
      }),
    );
    expect(wrong).toEqual([]);
  });
  it("far from every address point, the polygon decides", () => {
    const r = locator.locateCoordinates(6400000, 500000);
    expect(r).toEqual({ ok: false, reason: "outside-municipality" });
  });
});
