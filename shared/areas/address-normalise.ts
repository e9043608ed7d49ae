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
/** What may follow the number: nothing, a postcode and/or a town (letters only), separated by commas or spaces. */
const PLACE_TAIL = /^[\s,.]*(?:\d{3}\s?\d{2})?[\s,]*[\p{L}\s.-]*$/u;
const LETTER = /\p{L}/u;
const COMBINING = /[\u0300-\u036f]/;

const isDigit = (c: number) => c >= 48 && c <= 57;
const isSpace = (c: number) => c === 32;
/** A letter that may be an entrance letter: a–z, å, ä, ö. */
const isEntranceLetter = (c: number) => (c >= 97 && c <= 122) || c === 0xe5 || c === 0xe4 || c === 0xf6;
const isWordChar = (ch: string) => ch !== "" && LETTER.test(ch);

/** Reads up to five digits at `i`; returns [value, next index] or null. */
function readNumber(s: string, i: number): [number, number] | null {
  let j = i;
  while (j < s.length && isDigit(s.charCodeAt(j))) j++;
  if (j === i || j - i > 5) return null;
  return [Number(s.slice(i, j)), j];
}

function skipSpaces(s: string, i: number): number {
  while (i < s.length && isSpace(s.charCodeAt(i))) i++;
  return i;
}

/** An entrance letter at `i` (after optional spaces) that is not the start of a word; returns [letter, next] or null. */
function readLetter(s: string, i: number): [string, number] | null {
  const j = skipSpaces(s, i);
  if (j < s.length && isEntranceLetter(s.charCodeAt(j)) && (j + 1 === s.length || !isWordChar(s.charAt(j + 1)))) return [s.charAt(j), j + 1];
  return null;
}

/**
 * The common address, `Street name 12`, `Street name 12A` or `Street name 12 a` (letters and single spaces, then up
 * to five digits and at most one entrance letter), optionally followed by a comma and place information, read in
 * one pass over its lower-case text; else null. Gives exactly what `parseAnyAddress` gives for such text: there is
 * nothing to compose or fold, no apartment, range or number in the street, and the number comes before the comma.
 */
function parseSimpleAddress(s: string): ParsedAddress | null {
  const n = s.length;
  let i = 0;
  // Street: a letter first, then letters and single spaces; no word may start as an apartment does (`lgh`, `läg…`).
  let prev = 32;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 32) {
      if (prev === 32) return null;
    } else if ((c >= 97 && c <= 122) || (c >= 0xdf && c <= 0xff && c !== 0xf7)) {
      if (prev === 32 && (s.startsWith("lg", i) || s.startsWith("läg", i))) return null;
    } else break;
    prev = c;
  }
  const at = i;
  let number = 0;
  // Every read is within the text: a read past its end would throw optimised code away.
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (!isDigit(c)) break;
    number = number * 10 + (c - 48);
  }
  if (i === at || i - at > 5) return null;
  let letter = "";
  let j = i < n && s.charCodeAt(i) === 32 ? i + 1 : i;
  if (j < n && isEntranceLetter(s.charCodeAt(j)) && (j + 1 === n || s.charCodeAt(j + 1) === 44)) {
    letter = s.charAt(j);
    i = ++j;
  }
  let unclearTail = false;
  if (i < n) {
    // Place information after the comma; a number in it must be a postcode.
    if (s.charCodeAt(i) !== 44) return null;
    // As the general parser sees it: spaces folded, the end trimmed.
    const after = s.slice(i + 1).replace(SPACES, " ").trimEnd();
    if (after.includes("lg") || after.includes("läg")) return null;
    unclearTail = HAS_DIGIT.test(after) && !PLACE_TAIL.test(after);
  }
  const streetEnd = at > 0 && s.charCodeAt(at - 1) === 32 ? at - 1 : at;
  if (streetEnd <= 0) return null;
  const street = s.slice(0, streetEnd);
  if (street.endsWith(" nr") || street.endsWith(" nummer")) return null;
  return { street, number, numberTo: null, letter, unclearTail };
}

const HAS_DIGIT = /\d/;
const SPACES = /[\s\u00a0]+/g;

/** Parses one address. Returns null when the value holds no street at all (empty, only digits or punctuation). */
export function parseAddress(raw: string): ParsedAddress | null {
  // Text of lower-case letters, spaces and digits has nothing to compose (see parseSimpleAddress); spaces around
  // and between words are folded as the general parser folds them.
  const s = raw.toLowerCase();
  let parsed = parseSimpleAddress(s);
  if (parsed === null && s.length > 0 && (s.charCodeAt(0) === 32 || s.charCodeAt(s.length - 1) === 32 || s.includes("  ")))
    parsed = parseSimpleAddress(s.replace(SPACES, " ").trim());
  return parsed ?? parseAnyAddress(raw);
}

/** Parses any address (the general path of `parseAddress`). */
export function parseAnyAddress(raw: string): ParsedAddress | null {
  // Decomposed letters (a + combining ring) are composed first; most text has none, so skip the costly call then.
  let s = (COMBINING.test(raw) ? raw.normalize("NFC") : raw).toLowerCase().replace(/[\s\u00a0]+/g, " ");
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
  // The house number is the first run of digits after the first letter.
  let firstLetter = -1;
  let at = -1;
  for (let i = 0; i < head.length; i++) {
    const c = head.charCodeAt(i);
    if (firstLetter < 0) {
      if ((c >= 97 && c <= 122) || (c > 127 && LETTER.test(head.charAt(i)))) firstLetter = i;
    } else if (isDigit(c)) {
      at = i;
      break;
    }
  }
  if (firstLetter < 0) return null;
  const parsedNumber = at < 0 ? null : readNumber(head, at);
  if (at < 0 || parsedNumber === null) {
    const street = cleanStreet(head);
    return street === "" ? null : { street, number: null, numberTo: null, letter: "", unclearTail: at >= 0 };
  }
  const street = cleanStreet(head.slice(0, at));
  if (street === "") return null;
  const [number, afterNumber] = parsedNumber;
  let i = afterNumber;
  let letter = "";
  const l = readLetter(head, i);
  if (l) [letter, i] = l;
  let numberTo: number | null = null;
  const dash = skipSpaces(head, i);
  if (dash < head.length && (head[dash] === "-" || head[dash] === "–")) {
    const to = readNumber(head, skipSpaces(head, dash + 1));
    if (to) {
      numberTo = to[0];
      i = to[1];
      const l2 = readLetter(head, i);
      if (l2) i = l2[1];
    }
  }
  const tail = head.slice(i);
  const unclearTail =
    (tail.trim() !== "" && !PLACE_TAIL.test(tail)) || (afterComma !== "" && /\d/.test(afterComma) && !PLACE_TAIL.test(afterComma));
  return { street, number, numberTo: numberTo === number ? null : numberTo, letter, unclearTail };
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
