// The address register: one row per address point, `gatunamn;nummer;bokstav;postnummer;postort;nyko;n;e`
// (n, e in SWEREF 99 TM, EPSG:3006).
import { columnIndex, parseCsv } from "./csv";
import { loadIssue, type LoadIssue, type LoadResult } from "./load-result";
import type { NykoRegister } from "./nyko-register";

export interface AddressPoint {
  street: string;
  number: number;
  /** Entrance letter as the register writes it (upper case), or "". */
  letter: string;
  postcode: string;
  town: string;
  nyko: string;
  /** SWEREF 99 TM northing and easting, or null when the register leaves them empty. */
  n: number | null;
  e: number | null;
  line: number;
}

const FILE = "adressregister.csv";
const COLUMNS = ["gatunamn", "nummer", "bokstav", "postnummer", "postort", "nyko", "n", "e"] as const;

function coordinate(text: string): number | null | undefined {
  const t = text.trim().replace(",", ".");
  if (t === "") return null;
  const v = Number(t);
  return Number.isFinite(v) ? v : undefined;
}

/** Reads the address register; every NYKO code must be in the NYKO register. */
export function loadAddressRegister(text: string, nyko: NykoRegister): LoadResult<AddressPoint[]> {
  const table = parseCsv(text);
  const { index, missing } = columnIndex(table.header, COLUMNS);
  if (missing.length > 0)
    return { ok: false, issues: [loadIssue(FILE, 1, "missing-column", `Kolumnen saknas: ${missing.join(", ")}.`)] };
  const issues: LoadIssue[] = [];
  const points: AddressPoint[] = [];
  const seen = new Map<string, AddressPoint>();
  for (const row of table.rows) {
    const f = (name: (typeof COLUMNS)[number]) => (row.fields[index[name]] ?? "").trim();
    const street = f("gatunamn").replace(/\s+/g, " ");
    const numberText = f("nummer");
    const letter = f("bokstav").toUpperCase();
    const code = f("nyko");
    const n = coordinate(f("n"));
    const e = coordinate(f("e"));
    if (street === "") {
      issues.push(loadIssue(FILE, row.line, "missing-street", "Gatunamn saknas."));
      continue;
    }
    if (!/^\d{1,5}$/.test(numberText)) {
      issues.push(loadIssue(FILE, row.line, "bad-number", `Ogiltigt nummer ”${numberText}” för ${street}.`));
      continue;
    }
    if (!/^\p{L}?$/u.test(letter)) {
      issues.push(loadIssue(FILE, row.line, "bad-letter", `Ogiltig bokstav ”${letter}” för ${street} ${numberText}.`));
      continue;
    }
    if (!nyko.has(code)) {
      issues.push(loadIssue(FILE, row.line, "unknown-nyko", `NYKO-koden ”${code}” finns inte i områdesregistret.`));
      continue;
    }
    if (n === undefined || e === undefined || (n === null) !== (e === null)) {
      issues.push(loadIssue(FILE, row.line, "bad-coordinate", `Ogiltiga koordinater för ${street} ${numberText}${letter}.`));
      continue;
    }
    const point: AddressPoint = {
      street,
      number: Number(numberText),
      letter,
      postcode: f("postnummer").replace(/\s+/g, ""),
      town: f("postort"),
      nyko: code,
      n,
      e,
      line: row.line,
    };
    const key = `${street.toLowerCase()}|${point.number}|${letter}`;
    const earlier = seen.get(key);
    if (earlier) {
      if (earlier.nyko !== code)
        issues.push(
          loadIssue(
            FILE,
            row.line,
            "conflicting-address",
            `${street} ${numberText}${letter} står redan på rad ${earlier.line} med ett annat område (${earlier.nyko}).`,
          ),
        );
      continue;
    }
    seen.set(key, point);
    points.push(point);
  }
  if (points.length === 0 && issues.length === 0) issues.push(loadIssue(FILE, null, "empty", "Adressregistret innehåller inga adresser."));
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: points };
}
