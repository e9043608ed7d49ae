import { describe, expect, it } from "vitest";
import { foldStreet, normaliseAddressKey, parseAddress } from "./address-normalise";

describe("parseAddress", () => {
  const cases: [string, { street: string; number: number | null; letter: string }][] = [
    ["Storgatan 12", { street: "storgatan", number: 12, letter: "" }],
    ["STORGATAN 12A", { street: "storgatan", number: 12, letter: "a" }],
    ["  Storgatan   12  a ", { street: "storgatan", number: 12, letter: "a" }],
    ["Storgatan 12 A, 153 35 Demostad", { street: "storgatan", number: 12, letter: "a" }],
    ["Storgatan 12 15335 Demostad", { street: "storgatan", number: 12, letter: "" }],
    ["Storgatan 12B lgh 1102", { street: "storgatan", number: 12, letter: "b" }],
    ["Storgatan 12, lgh. 1102", { street: "storgatan", number: 12, letter: "" }],
    ["Storgatan 12 lägenhet 1102, 153 35 Demostad", { street: "storgatan", number: 12, letter: "" }],
    ["Storgatan 12 Lgh nr 1102", { street: "storgatan", number: 12, letter: "" }],
    ["Korpv. 2", { street: "korpv.", number: 2, letter: "" }],
    ["Södra  Storgatan 7", { street: "södra storgatan", number: 7, letter: "" }],
    ["So\u0308dra Storgatan 7", { street: "södra storgatan", number: 7, letter: "" }],
    ["Storgatan12", { street: "storgatan", number: 12, letter: "" }],
    ["Storgatan nr 12", { street: "storgatan", number: 12, letter: "" }],
    ["Storgatan", { street: "storgatan", number: null, letter: "" }],
    ["Storgatan, Demostad", { street: "storgatan", number: null, letter: "" }],
    ["Storgatan, 12 B", { street: "storgatan", number: 12, letter: "b" }],
    ["Storgatan, 153 35 Demostad", { street: "storgatan", number: null, letter: "" }],
  ];
  it.each(cases)("%j", (raw, expected) => {
    expect(parseAddress(raw)).toMatchObject({ ...expected, unclearTail: false });
  });

  it("keeps a range and flags a second number it cannot place", () => {
    expect(parseAddress("Storgatan 12-14")).toMatchObject({ number: 12, numberTo: 14, unclearTail: false });
    expect(parseAddress("Storgatan 12 och 14")).toMatchObject({ number: 12, unclearTail: true });
  });

  it("returns null when there is no street", () => {
    expect(parseAddress("")).toBeNull();
    expect(parseAddress("   ")).toBeNull();
    expect(parseAddress(", ,")).toBeNull();
  });
});

describe("foldStreet", () => {
  it("drops diacritics, spaces and hyphens", () => {
    expect(foldStreet("södra storgatan")).toBe("sodrastorgatan");
    expect(foldStreet("åby-vägen")).toBe("abyvagen");
    expect(foldStreet("rue de l'église")).toBe("ruedeleglise");
  });
});

describe("normaliseAddressKey", () => {
  it("gives one key for the ways one address is written", () => {
    const key = normaliseAddressKey("Korpvägen 12A");
    expect(key).toBe("korpvagen|12|a");
    for (const raw of ["KORPVÄGEN 12 A", "Korpv. 12a", "  korpvagen  12A, 153 35 Demostad", "Korpvägen 12A lgh 1102", "Korp v. 12 A"])
      expect(normaliseAddressKey(raw)).toBe(key);
    expect(normaliseAddressKey("Storg. 3")).toBe(normaliseAddressKey("Storgatan 3"));
  });

  it("is null without a number, and tells different addresses apart", () => {
    expect(normaliseAddressKey("Korpvägen")).toBeNull();
    expect(normaliseAddressKey("")).toBeNull();
    expect(normaliseAddressKey("Korpvägen 12A")).not.toBe(normaliseAddressKey("Korpvägen 12B"));
    expect(normaliseAddressKey("Korpvägen 12")).not.toBe(normaliseAddressKey("Korpgatan 12"));
  });
});
