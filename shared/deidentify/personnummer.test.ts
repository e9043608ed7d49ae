import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { classifyIdentityDigits, classifyIdentityNumber, hasValidCheckDigit, luhnCheckDigit } from "./personnummer";

/** Independent oracle: Luhn by the textbook definition over the digits as numbers. */
function oracleLuhnOk(ten: string): boolean {
  const digits = [...ten].map(Number);
  const sum = digits.slice(0, 9).reduce((acc, d, i) => {
    const p = i % 2 === 0 ? d * 2 : d;
    return acc + Math.floor(p / 10) + (p % 10);
  }, 0);
  return (sum + digits[9]) % 10 === 0;
}

/** Independent oracle: is YY-MM-DD a calendar date in 1900s or 2000s (Date round trip)? */
function oracleDateOk(yy: number, month: number, day: number): boolean {
  return [1900, 2000].some((c) => {
    const d = new Date(Date.UTC(c + yy, month - 1, day));
    return d.getUTCFullYear() === c + yy && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
  });
}

describe("luhnCheckDigit", () => {
  it("computes the check digit of known numbers", () => {
    // Skatteverket's example 811218-9876 and the demo's 840521-4134.
    expect(luhnCheckDigit("811218987")).toBe(6);
    expect(luhnCheckDigit("840521413")).toBe(4);
    expect(hasValidCheckDigit("8112189876")).toBe(true);
    expect(hasValidCheckDigit("8112189875")).toBe(false);
  });

  it("agrees with the textbook Luhn definition", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{10}$/), (ten) => {
        expect(hasValidCheckDigit(ten)).toBe(oracleLuhnOk(ten));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("classifyIdentityNumber", () => {
  it("reads all four forms and the + separator", () => {
    for (const s of ["811218-9876", "8112189876", "19811218-9876", "198112189876", "811218+9876"]) {
      expect(classifyIdentityNumber(s)).toBe("personnummer");
    }
  });

  it("reads coordination numbers (day + 60)", () => {
    const nine = "810278123"; // 1981-02-18 + 60
    const ten = nine + luhnCheckDigit(nine);
    expect(classifyIdentityNumber(ten)).toBe("samordningsnummer");
    expect(classifyIdentityNumber(`19${ten.slice(0, 6)}-${ten.slice(6)}`)).toBe("samordningsnummer");
  });

  it("rejects bad check digits, impossible dates and centuries", () => {
    expect(classifyIdentityNumber("811218-9875")).toBeNull();
    expect(classifyIdentityNumber("811318-9876")).toBeNull(); // month 13
    const feb30 = "810230123";
    expect(classifyIdentityNumber(feb30 + luhnCheckDigit(feb30))).toBeNull();
    const day92 = "810192123";
    expect(classifyIdentityNumber(day92 + luhnCheckDigit(day92))).toBeNull();
    expect(classifyIdentityNumber("218112189876")).toBeNull(); // century 21
    expect(classifyIdentityNumber("2025-03-04")).toBeNull();
  });

  it("handles leap days by full year in the twelve-digit form", () => {
    const nine = "000229123";
    const ten = nine + luhnCheckDigit(nine);
    expect(classifyIdentityDigits(ten)).toBe("personnummer"); // 2000 was a leap year
    expect(classifyIdentityDigits("20" + ten)).toBe("personnummer");
    expect(classifyIdentityDigits("19" + ten)).toBeNull(); // 1900 was not
    const odd = "010229123";
    expect(classifyIdentityDigits(odd + luhnCheckDigit(odd))).toBeNull();
  });

  const pad = (n: number) => String(n).padStart(2, "0");
  const dateLike = fc
    .tuple(
      fc.integer({ min: 0, max: 99 }),
      fc.integer({ min: 0, max: 13 }),
      fc.integer({ min: 0, max: 92 }),
      fc.stringMatching(/^\d{4}$/),
    )
    .map(([y, m, d, tail]) => `${pad(y)}${pad(m)}${pad(d)}${tail}`);

  it("agrees with a date-and-Luhn oracle on random and date-like ten-digit strings", () => {
    fc.assert(
      fc.property(fc.oneof(fc.stringMatching(/^\d{10}$/), dateLike), (ten) => {
        const yy = Number(ten.slice(0, 2));
        const month = Number(ten.slice(2, 4));
        const rawDay = Number(ten.slice(4, 6));
        const day = rawDay > 60 ? rawDay - 60 : rawDay;
        const expected = oracleDateOk(yy, month, day) && oracleLuhnOk(ten);
        const kind = classifyIdentityDigits(ten);
        expect(kind !== null).toBe(expected);
        if (kind !== null) expect(kind).toBe(rawDay > 60 ? "samordningsnummer" : "personnummer");
      }),
      { numRuns: 5000 },
    );
  });
});
