// Swedish address normalisation: turns an address as people write it into street + number (+ letter).
// Handles case, stray and repeated spaces, a letter joined to or apart from the number (`12A`, `12 A`, `12 a`),
// a number range (`12-14`), postcode and town appended (`, 153 35 Demostad`, `15335 Demostad`) and an apartment
// number appended (`lgh 1102`, `lgh. 1102`, `lägenhet 1102`). Street-type abbreviations (`v.`, `g.`) and missing
// diacritics are resolved against the register by the address index (see `street-variants.ts`), not here.

export interface ParsedAddress {
  /** Street as written: lower case, NFC, single spaces, trimmed. Abbreviations are not expanded here. */
  street: string;
  /** House number, or null when none was written. */
  number: number | null;
  /** Upper end of a range such as `12-14`, else null. */
  numberTo: number | null;
  /** Entrance letter in lower case, or "" when none. */
  letter: string;
  /** True when something that is neither postcode, town nor apartment follows the number (e.g. a second number). */
  unclearTail: boolean;
}

const APARTMENT = /(?:^|[\s,])(?:lgh|lägh|lägenhet|lägenhetsnummer|lägenhetsnr|lgh-nr|lghnr)\.?\s*(?:nr\.?\s*)?(?:[:#]\s*)?\d{1,5}\b/gu;
const ADDRESS = /^(.*?\p{L}.*?)[\s,]*(?:nr\.?\s*)?(\d{1,5})(?:\s*([a-zåäö])(?!\p{L}))?(?:\s*[-–]\s*(\d{1,5})(?:\s*[a-zåäö](?!\p{L}))?)?(.*)$/u;
/** What may follow the number: nothing, a postcode and/or a town (letters only), separated by commas or spaces. */
const PLACE_TAIL = /^[\s,.]*(?:\d{3}\s?\d{2})?[\s,]*[\p{L}\s.-]*$/u;

/** Parses one address. Returns null when the value holds no street at all (empty, only digits or punctuation). */
export function parseAddress(raw: string): ParsedAddress | null {
  let s = raw.normalize("NFC").toLowerCase().replace(/[\s\u00a0]+/g, " ");
  if (s.includes("lg") || s.includes("läg")) s = s.replace(APARTMENT, " ");
  s = s.trim();
  if (s === "") return null;
  // Anything after the first comma is place information (postcode, town, apartment), unless the house number
  // itself comes after it (`Storgatan, 12`).
  const comma = s.indexOf(",");
  let head = s;
  let afterComma = "";
  if (comma >= 0) {
    const before = s.slice(0, comma);
    const after = s.slice(comma + 1);
    if (/\d/.test(before) || !/^\s*\d{1,4}(?!\d|\s\d)/.test(after)) {
      head = before;
      afterComma = after;
    }
  }
  const m = ADDRESS.exec(head);
  if (!m) {
    const street = cleanStreet(head);
    return street === "" ? null : { street, number: null, numberTo: null, letter: "", unclearTail: false };
  }
  const street = cleanStreet(m[1]);
  if (street === "") return null;
  const number = Number(m[2]);
  const numberTo = m[4] !== undefined ? Number(m[4]) : null;
  const tail = m[5];
  const unclearTail = !PLACE_TAIL.test(tail) || (afterComma !== "" && /\d/.test(afterComma) && !PLACE_TAIL.test(afterComma));
  return { street, number, numberTo: numberTo === number ? null : numberTo, letter: m[3] ?? "", unclearTail };
}

function cleanStreet(text: string): string {
  return text
    .replace(/[\s,;:]+$/u, "")
    .replace(/^[\s,;:.]+/u, "")
    .replace(/\s+(?:nr|nummer)\.?$/u, "")
    .trim();
}

/** Folds a street for the diacritics fallback: no accents (å→a, ä→a, ö→o, é→e), no spaces, hyphens or dots. */
export function foldStreet(street: string): string {
  return street
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[\s.\-']/g, "");
}

/** The usual expansion of a trailing street-type abbreviation, used where no register is at hand. */
const DEFAULT_EXPANSION: Record<string, string> = {
  "v.": "vägen",
  "g.": "gatan",
  "gr.": "gränd",
  "pl.": "platsen",
  "st.": "stigen",
  "all.": "allén",
};

/**
 * The canonical key of an address without a register: folded street, number and letter, `street|number|letter`.
 * Trailing abbreviations get their usual expansion (`Korpv.` → `korpvägen`, `Storg.` → `storgatan`).
 * Null when there is no street or no number. Used by double reporting to compare two partners' addresses.
 */
export function normaliseAddressKey(raw: string): string | null {
  const parsed = parseAddress(raw);
  if (!parsed || parsed.number === null || parsed.unclearTail) return null;
  let street = parsed.street;
  for (const [abbr, full] of Object.entries(DEFAULT_EXPANSION)) {
    if (street.endsWith(abbr)) {
      street = street.slice(0, -abbr.length).trimEnd() + full;
      break;
    }
  }
  return `${foldStreet(street)}|${parsed.number}|${parsed.letter}`;
}
