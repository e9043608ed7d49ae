import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { containsIdentifier, scanForIdentifiers, type IdentifierHit } from "./scan";
import { luhnCheckDigit } from "./personnummer";

const pad2 = (n: number) => String(n).padStart(2, "0");
const kinds = (text: string) => scanForIdentifiers(text).map((h) => h.kind);

/** Free-text surroundings an identifier is written in. */
const before = fc.constantFrom("", "Berörd: Anna Berg, ", "pnr ", "(", "Kontakt: ", "tel. ", "Anmälare: X; ", "\n");
const after = fc.constantFrom("", ".", ", tack", ")", " ring efter 18:00", ";", "\t");

/** A valid identity or coordination number, in every written form. */
const identityNumber = fc
  .record({
    date: fc.date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2025, 11, 31)), noInvalidDate: true }),
    serial: fc.integer({ min: 0, max: 999 }),
    coordination: fc.boolean(),
  })
  .map(({ date, serial, coordination }) => {
    const year = date.getUTCFullYear();
    const day = date.getUTCDate() + (coordination ? 60 : 0);
    const nine = `${pad2(year % 100)}${pad2(date.getUTCMonth() + 1)}${pad2(day)}${String(serial).padStart(3, "0")}`;
    const ten = nine + luhnCheckDigit(nine);
    const yymmdd = ten.slice(0, 6);
    const tail = ten.slice(6);
    const century = String(Math.floor(year / 100));
    return {
      kind: coordination ? "samordningsnummer" : "personnummer",
      forms: [
        `${yymmdd}-${tail}`,
        `${yymmdd}${tail}`,
        `${century}${yymmdd}-${tail}`,
        `${century}${yymmdd}${tail}`,
        `${yymmdd}+${tail}`,
      ],
    };
  });

function hitAt(hits: IdentifierHit[], text: string, value: string): IdentifierHit | undefined {
  const index = text.indexOf(value);
  return hits.find((h) => h.index === index && h.match === value);
}

describe("identity and coordination numbers", () => {
  it("catches every valid number in every written form", () => {
    fc.assert(
      fc.property(identityNumber, before, after, ({ kind, forms }, pre, post) => {
        for (const form of forms) {
          const text = pre + form + post;
          const hit = hitAt(scanForIdentifiers(text), text, form);
          expect(hit?.kind, text).toBe(kind);
          expect(containsIdentifier(text)).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("does not report a number with a wrong check digit as an identity number", () => {
    fc.assert(
      fc.property(identityNumber, fc.integer({ min: 1, max: 9 }), ({ forms }, delta) => {
        for (const form of forms) {
          const last = Number(form.at(-1));
          const broken = form.slice(0, -1) + String((last + delta) % 10);
          const found = kinds(broken).filter((k) => k === "personnummer" || k === "samordningsnummer");
          expect(found, broken).toEqual([]);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("does not report random ten-digit strings with a wrong check digit", () => {
    const wrongCheck = fc.stringMatching(/^\d{9}$/).chain((nine) =>
      fc.integer({ min: 1, max: 9 }).map((d) => nine + String((luhnCheckDigit(nine) + d) % 10)),
    );
    fc.assert(
      fc.property(wrongCheck, fc.boolean(), (ten, dashed) => {
        const text = dashed ? `${ten.slice(0, 6)}-${ten.slice(6)}` : ten;
        expect(kinds(text).filter((k) => k !== "telefon"), text).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });

  it("does not read a number glued to letters or inside a longer digit run", () => {
    expect(scanForIdentifiers("ab8112189876cd")).toEqual([]);
    expect(scanForIdentifiers("18112189876")).toEqual([]);
    expect(scanForIdentifiers("8112189876123")).toEqual([]);
  });
});

describe("things that are not identifiers", () => {
  const year = fc.integer({ min: 1900, max: 2100 });
  const month = fc.integer({ min: 1, max: 12 });
  const day = fc.integer({ min: 1, max: 31 });
  const hour = fc.integer({ min: 0, max: 23 });
  const minute = fc.integer({ min: 0, max: 59 });

  const isoDate = fc.tuple(year, month, day).map(([y, m, d]) => `${y}-${pad2(m)}-${pad2(d)}`);
  const otherDate = fc
    .tuple(year, month, day, fc.constantFrom("/", ".", "-"))
    .map(([y, m, d, sep]) => `${pad2(d)}${sep}${pad2(m)}${sep}${y}`);
  const compactDate = fc.tuple(year, month, day).map(([y, m, d]) => `${y}${pad2(m)}${pad2(d)}`);
  const time = fc
    .tuple(hour, minute, fc.constantFrom(":", ".", ""))
    .map(([h, m, sep]) => `${pad2(h)}${sep}${pad2(m)}`);
  const timeRange = fc.tuple(time, time).map(([a, b]) => `${a}-${b}`);
  const dateTime = fc.tuple(isoDate, hour, minute).map(([d, h, m]) => `${d} ${pad2(h)}:${pad2(m)}`);
  const period = fc.oneof(
    fc.tuple(year, month).map(([y, m]) => `${y}-${pad2(m)}`),
    year.map((y) => `${y}/${pad2((y + 1) % 100)}`),
  );
  const groupThousands = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, " ");
  const amount = fc
    .tuple(
      fc.integer({ min: 0, max: 999_999_999 }),
      fc.integer({ min: 0, max: 99 }),
      fc.boolean(),
      fc.constantFrom("", " kr", " SEK", ":-", " st"),
    )
    .map(([n, cents, withCents, unit]) => `${groupThousands(n)}${withCents ? "," + pad2(cents) : ""}${unit}`);
  const caseNumber = fc.oneof(
    fc.nat({ max: 10 ** 9 }).map((n) => `K${n}`),
    fc.nat({ max: 99999 }).map((n) => `RS-${n}`),
    fc.nat({ max: 99999 }).map((n) => `SEC-${n}`),
    fc.nat({ max: 99999 }).map((n) => `ÄR${n}`),
    fc.tuple(fc.integer({ min: 1000, max: 9999 }), fc.stringMatching(/^\d{6}$/), fc.nat({ max: 99 }))
      .map(([a, b, c]) => `${a}-K${b}-${pad2(c)}`),
  );
  const nyko = fc.stringMatching(/^[0-9]{1,6}$/);
  const apartment = fc.integer({ min: 1001, max: 1999 }).map((n) => `Lgh ${n}`);
  const streetNumber = fc
    .tuple(
      fc.constantFrom("MOSSASTIGEN", "Storgatan", "Kungsv.", "Drottningg."),
      fc.integer({ min: 1, max: 200 }),
      fc.constantFrom("", "A", "B"),
    )
    .map(([s, n, l]) => `${s} ${n}${l}`);

  const harmless = fc.oneof(
    isoDate,
    otherDate,
    compactDate,
    time,
    timeRange,
    dateTime,
    period,
    amount,
    caseNumber,
    nyko,
    apartment,
    streetNumber,
    year.map(String),
  );

  it("reports no dates, times, periods, amounts, case numbers, NYKO codes, years or addresses", () => {
    fc.assert(
      fc.property(harmless, before, after, (value, pre, post) => {
        const text = pre + value + post;
        expect(scanForIdentifiers(text), text).toEqual([]);
        expect(containsIdentifier(text)).toBe(false);
      }),
      { numRuns: 5000 },
    );
  });

  // A bare number with a leading zero followed by a space and a long number (`0130 12345`, `08 19000101`) is written
  // exactly like a phone number, so the values are joined as prose lists them.
  const joiner = fc.constantFrom(", ", "; ", " och ", ". ", " – ");

  it("reports nothing for several harmless values in one sentence", () => {
    fc.assert(
      fc.property(fc.array(harmless, { minLength: 2, maxLength: 6 }), joiner, (values, join) => {
        const text = values.join(join);
        expect(scanForIdentifiers(text), text).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });

  it("flags none of the everyday values: dates, times, amounts, short codes, case and flat references", () => {
    const examples = ["2025-03-04", "12:30", "12 500 kr", "1 234,50", "K314", "RS-25", "ÄR12", "SEC-9"];
    examples.push("5000-K123456-25", "Lgh 1102", "MOSSASTIGEN 36", "2024/25", "2025-03", "SEK 100", "LGH 110", "tel 070");
    for (const text of examples) {
      expect(scanForIdentifiers(text), text).toEqual([]);
    }
  });

  it("returns nothing for strings without digits or @ (fast path)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }).filter((s) => !/[0-9@]/.test(s)), (s) => {
        expect(scanForIdentifiers(s)).toEqual([]);
      }),
    );
  });
});

describe("phone numbers", () => {
  it("catches the Swedish written forms", () => {
    const cases = [
      "070-123 45 67",
      "079-110 85 44",
      "08-123 456 78",
      "08-12 34 56",
      "0480-123 45",
      "031-123 45 67",
      "+46 70 123 45 67",
      "+46701234567",
      "+46 (0)70-123 45 67",
      "0046 70 123 45 67",
      "0046701234567",
      "0701234567",
      "070 123 45 67",
      "070-1234567",
      "070-123-45-67",
      "(08) 123 45 67",
    ];
    for (const phone of cases) {
      const text = `Ring ${phone} efter kl. 18`;
      const hits = scanForIdentifiers(text);
      expect(hits, phone).toEqual([{ kind: "telefon", match: phone, index: 5 }]);
    }
  });

  const mobile = fc
    .tuple(
      fc.constantFrom("0", "2", "3", "5", "6", "8", "9"),
      fc.stringMatching(/^\d{7}$/),
      fc.integer({ min: 0, max: 4 }),
    )
    .map(([op, sub, style]) => {
      const [a, b, c] = [sub.slice(0, 3), sub.slice(3, 5), sub.slice(5)];
      switch (style) {
        case 0:
          return `07${op}-${a} ${b} ${c}`;
        case 1:
          return `07${op}${sub}`;
        case 2:
          return `+46 7${op} ${a} ${b} ${c}`;
        case 3:
          return `0046 7${op}-${sub}`;
        default:
          return `07${op} ${a} ${b} ${c}`;
      }
    });

  it("catches generated mobile numbers (as a phone or, by chance, as an identity number)", () => {
    fc.assert(
      fc.property(mobile, before, after, (phone, pre, post) => {
        const text = pre + phone + post;
        const hit = hitAt(scanForIdentifiers(text), text, phone);
        expect(hit, text).toBeDefined();
        expect(["telefon", "personnummer", "samordningsnummer"]).toContain(hit?.kind);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("e-mail addresses", () => {
  it("catches addresses in running text", () => {
    const text = "Berörd: Johan Gustafsson, johan.gustafsson@exempel.se. Även Åsa_B+tips@kommun.demo-stad.se";
    const hits = scanForIdentifiers(text);
    expect(hits.map((h) => [h.kind, h.match])).toEqual([
      ["epost", "johan.gustafsson@exempel.se"],
      ["epost", "Åsa_B+tips@kommun.demo-stad.se"],
    ]);
  });

  it("ignores an @ that is not an address", () => {
    expect(scanForIdentifiers("möte @ 3 st")).toEqual([]);
    expect(scanForIdentifiers("a@b")).toEqual([]);
    expect(scanForIdentifiers("@kommun.se")).toEqual([]);
  });

  const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?$/);
  const email = fc
    .tuple(
      fc.array(fc.stringMatching(/^[a-z0-9_+%-]{1,12}$/), { minLength: 1, maxLength: 3 }),
      fc.array(label, { minLength: 1, maxLength: 3 }),
      fc.stringMatching(/^[a-z]{2,6}$/),
    )
    .map(([local, domain, tld]) => `${local.join(".")}@${domain.join(".")}.${tld}`);

  it("catches generated addresses", () => {
    fc.assert(
      fc.property(email, before, after, (address, pre, post) => {
        const text = pre + address + post;
        expect(hitAt(scanForIdentifiers(text), text, address)?.kind, text).toBe("epost");
      }),
      { numRuns: 1000 },
    );
  });
});

describe("registration plates", () => {
  it("catches old and new formats", () => {
    for (const plate of ["ABC 123", "ABC123", "ABC 12A", "KZI 630", "BZL 65A"]) {
      const text = `Bil ${plate} stod kvar.`;
      expect(scanForIdentifiers(text), plate).toEqual([{ kind: "regnr", match: plate, index: 4 }]);
    }
  });

  it("ignores words, lower case, longer runs and abbreviations", () => {
    const texts = ["MOSSASTIGEN 36", "KASTANJEALLÉN 14", "Lgh 1102", "lgh 110", "abc 123", "ABC 1234", "ABCD 123"];
    texts.push("XABC 123", "ABC 12,50", "SEK 250", "ABC-123", "Å B C 123", "ÅKE 123");
    for (const text of texts) {
      expect(scanForIdentifiers(text), text).toEqual([]);
    }
  });

  const letters = fc
    .stringMatching(/^[A-Z]{3}$/)
    .filter((s) => !["SEK", "EUR", "USD", "NOK", "DKK", "GBP", "CHF", "LGH", "TEL", "MOB", "FAX"].includes(s));
  const plate = fc
    .tuple(letters, fc.stringMatching(/^\d{2}$/), fc.stringMatching(/^[0-9A-Z]$/), fc.boolean())
    .map(([l, d, last, spaced]) => `${l}${spaced ? " " : ""}${d}${last}`);

  it("catches generated plates", () => {
    fc.assert(
      fc.property(plate, before, after, (p, pre, post) => {
        const text = pre + p + post;
        expect(hitAt(scanForIdentifiers(text), text, p)?.kind, text).toBe("regnr");
      }),
      { numRuns: 1000 },
    );
  });
});

describe("scanForIdentifiers", () => {
  it("returns all hits in order of position", () => {
    const text = "Kontakt: Sara, sara@post.nu, 070-296 50 63, bil ABC 12A, pnr 19811218-9876.";
    expect(scanForIdentifiers(text).map((h) => h.kind)).toEqual(["epost", "telefon", "regnr", "personnummer"]);
  });

  it("does not report a ten-digit identity number a second time as a phone number", () => {
    const nine = "070123456";
    const ten = nine + luhnCheckDigit(nine);
    expect(scanForIdentifiers(ten)).toEqual([{ kind: "personnummer", match: ten, index: 0 }]);
  });
});
