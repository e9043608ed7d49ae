import { describe, expect, it } from "vitest";
import { demoRegisters, demoTruth } from "../../test/fixtures/areas/demo";
import { miniRegisters } from "../../test/fixtures/areas/mini";
import type { AddressPoint } from "./address-register";

describe("address lookup on the demo register", () => {
  const reg = demoRegisters();
  const lookup = (raw: string) => reg.addresses.lookup(raw);
  const pointWith = (pred: (p: AddressPoint) => boolean): AddressPoint => {
    const p = reg.addressPoints.find(pred);
    if (!p) throw new Error("the demo register has no such point");
    return p;
  };

  it("looks every register row up to its own NYKO", () => {
    const wrong = reg.addressPoints.filter((p) => {
      const r = lookup(`${p.street} ${p.number}${p.letter}`);
      return !r.ok || r.nyko !== p.nyko || r.match !== "address";
    });
    expect(reg.addressPoints.length).toBe(8732);
    expect(wrong).toEqual([]);
  });

  it("handles the messy ways an address is written", () => {
    const p = pointWith((q) => q.letter !== "" && /[åäö]/i.test(q.street) && /vägen$/.test(q.street));
    const street = p.street;
    const num = `${p.number}`;
    const variants = [
      `${street.toUpperCase()} ${num}${p.letter}`,
      `${street.toLowerCase()} ${num} ${p.letter.toLowerCase()}`,
      `  ${street}   ${num}  ${p.letter} `,
      `${street} ${num}${p.letter}, ${p.postcode.slice(0, 3)} ${p.postcode.slice(3)} ${p.town}`,
      `${street} ${num}${p.letter} ${p.postcode} ${p.town}`,
      `${street} ${num}${p.letter} lgh 1102`,
      `${street} ${num} ${p.letter}, lgh. 1102`,
      `${street} ${num}${p.letter} lägenhet 1102`,
      `${street.replace(/vägen$/, "v.")} ${num}${p.letter}`,
      `${street.normalize("NFD").replace(/[\u0300-\u036f]/g, "")} ${num}${p.letter}`,
    ];
    for (const v of variants) expect([v, lookup(v)]).toEqual([v, expect.objectContaining({ ok: true, nyko: p.nyko, match: "address" })]);
    const g = pointWith((q) => /gatan$/.test(q.street));
    expect(lookup(`${g.street.replace(/gatan$/, "g.")} ${g.number}${g.letter}`)).toMatchObject({ ok: true, nyko: g.nyko });
  });

  it("resolves a street that crosses two areas by its number", () => {
    const byStreet = new Map<string, AddressPoint[]>();
    for (const p of reg.addressPoints) byStreet.set(p.street, [...(byStreet.get(p.street) ?? []), p]);
    const crossing = [...byStreet.values()].find((ps) => new Set(ps.map((p) => p.nyko)).size > 1);
    if (!crossing) throw new Error("the demo has no crossing street");
    const areas = [...new Set(crossing.map((p) => p.nyko))];
    expect(areas.length).toBeGreaterThanOrEqual(2);
    for (const area of areas) {
      const p = crossing.find((q) => q.nyko === area) as AddressPoint;
      expect(lookup(`${p.street} ${p.number}${p.letter}`)).toMatchObject({ ok: true, nyko: area });
    }
    expect(lookup(crossing[0].street)).toEqual({ ok: false, reason: "ambiguous" });
  });

  it("gives a reason for what it cannot locate", () => {
    const p = reg.addressPoints[0];
    expect(lookup(`Påhittadgatan 3`)).toEqual({ ok: false, reason: "unknown-street" });
    expect(lookup(`${p.street} 9999`)).toEqual({ ok: false, reason: "unknown-number" });
    expect(lookup("")).toEqual({ ok: false, reason: "missing" });
    expect(lookup(`${p.street} ${p.number} och 2`)).toEqual({ ok: false, reason: "ambiguous" });
  });

  it("does not locate the addresses the demo planted outside the register", () => {
    const located = demoTruth().unmatchedAddresses.filter((u) => lookup(u.address).ok);
    expect(located).toEqual([]);
  });

  it("gives the area alone as the full lookup gives it, for every way of writing an address", () => {
    const texts = [
      ...reg.addressPoints.slice(0, 400).flatMap((p) => [
        `${p.street} ${p.number}${p.letter}`, `${p.street.toUpperCase()}  ${p.number} ${p.letter}`, `${p.street} ${p.number}-${p.number + 2}`,
        `${p.street} ${p.number}${p.letter}, ${p.postcode} ${p.town}`, `${p.street} 9999`, `${p.street}`, `${p.street} ${p.number} och 2`,
      ]),
      ...demoTruth().unmatchedAddresses.map((u) => u.address), "Påhittadgatan 3", "", "12", "lgh 1102",
    ];
    const differ = texts.filter((t) => {
      const full = lookup(t);
      return reg.addresses.area(t) !== (full.ok ? full.nyko : null);
    });
    expect(texts.length).toBeGreaterThan(2800);
    expect(differ).toEqual([]);
  });
});

describe("address lookup choices (synthetic register)", () => {
  const reg = miniRegisters();
  const lookup = (raw: string) => reg.addresses.lookup(raw);

  it("cuts a finer register code to level 3", () => {
    expect(lookup("Södra Storgatan 3")).toMatchObject({ ok: true, nyko: "7001" });
  });

  it("uses missing diacritics only when unambiguous", () => {
    expect(lookup("Sodra Storgatan 1")).toMatchObject({ ok: true, nyko: "7001" });
    expect(lookup("Langgatan 2")).toMatchObject({ ok: true, nyko: "7002" });
    // Ängsgatan and Angsgatan both exist: the exact spelling wins, a third spelling is ambiguous.
    expect(lookup("Angsgatan 1")).toMatchObject({ ok: true, nyko: "7001" });
    expect(lookup("Ängsgatan 1")).toMatchObject({ ok: true, nyko: "8005" });
    expect(lookup("Ångsgatan 1")).toEqual({ ok: false, reason: "ambiguous" });
  });

  it("expands v. and g. to the street the register has", () => {
    expect(lookup("Kyrkv. 5")).toMatchObject({ ok: true, nyko: "8005" });
    expect(lookup("Kyrkg. 5")).toMatchObject({ ok: true, nyko: "7002" });
    expect(lookup("Stora v. 10")).toMatchObject({ ok: true, nyko: "7001" });
    expect(lookup("S. Storgatan 1")).toMatchObject({ ok: true, nyko: "7001" });
  });

  it("accepts another entrance of the same number only when all lie in one area", () => {
    expect(lookup("Långgatan 6")).toMatchObject({ ok: true, nyko: "7002", match: "other-letter" });
    expect(lookup("Långgatan 6C")).toMatchObject({ ok: true, nyko: "7002", match: "other-letter" });
    expect(lookup("Långgatan 1B")).toMatchObject({ ok: true, nyko: "7001", match: "other-letter" });
    expect(lookup("Långgatan 4")).toEqual({ ok: false, reason: "ambiguous" });
    expect(lookup("Långgatan 4C")).toEqual({ ok: false, reason: "ambiguous" });
    expect(lookup("Långgatan 4 b")).toMatchObject({ ok: true, nyko: "7002", match: "address" });
  });

  it("accepts a street without number only when it lies in one area", () => {
    expect(lookup("Södra Storgatan")).toMatchObject({ ok: true, nyko: "7001", match: "street" });
    expect(lookup("Långgatan")).toEqual({ ok: false, reason: "ambiguous" });
  });

  it("accepts a range only within one area", () => {
    expect(lookup("Långgatan 2-6")).toMatchObject({ ok: true, nyko: "7002", match: "range" });
    expect(lookup("Långgatan 1-2")).toEqual({ ok: false, reason: "ambiguous" });
    expect(lookup("Långgatan 1-3")).toEqual({ ok: false, reason: "unknown-number" });
  });
});
