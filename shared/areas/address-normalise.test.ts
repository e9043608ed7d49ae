import { describe, expect, it } from "vitest";
import { foldStreet, normaliseAddressKey, parseAddress, parseAnyAddress } from "./address-normalise";

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

describe("parseAddress's one-pass path", () => {
  it("reads every address exactly as the general parser does", () => {
    const streets = ["Storgatan", "SÄLGVÄGEN", "Tjäderallén", "Lgh-vägen", "Gamla vägen", "Älggränd", "Storgatan nr", "Lägervägen", "Ringv.", "S:t Eriks gata", "Nummer", "ß-gatan", "Ål"];
    const numbers = ["", " 12", "12", " 123456", " 7", " 0"];
    const letters = ["", "A", " a", " ab", "ö", " é", " 2", "-14", " - 14 B"];
    const tails = ["", ", 153 35 Demostad", ",153 35", ", lgh 1102", ", 12", ", Demostad 5", " lgh 1102", " Demostad", ",", ", läg 3", " ,x"];
    const spacing = [(t: string) => t, (t: string) => `  ${t} `, (t: string) => t.replace(" ", "  "), (t: string) => t.replace(" ", "\t"), (t: string) => `${t}\u00a0`];
    let checked = 0;
    for (const street of streets)
      for (const number of numbers)
        for (const letter of letters)
          for (const tail of tails)
            for (const space of spacing) {
              const raw = space(`${street}${number}${letter}${tail}`);
              expect(parseAddress(raw), raw).toEqual(parseAnyAddress(raw));
              checked++;
            }
    expect(checked).toBe(streets.length * numbers.length * letters.length * tails.length * spacing.length);
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
