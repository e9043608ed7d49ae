// Identifier scanner: finds Swedish personal identity and coordination numbers, phone numbers, e-mail addresses and
// registration plates in a string. Defence in depth: it runs on every string that would leave a workbook, so it is
// cheap on strings that cannot hold an identifier (too few digits, no `@`) and uses precompiled regular expressions.
//
// Rules (each candidate is cut out by a regular expression and then checked by code):
//
// Identity / coordination numbers (`personnummer`, `samordningsnummer`)
//   YYMMDD-NNNN, YYMMDDNNNN, YYYYMMDD-NNNN, YYYYMMDDNNNN; `+` (aged 100+) also accepted as the separator. A space is
//   not (a compact date followed by a year or a time, `19110113 1900`, would read as one). The run of digits must
//   not touch a letter, digit or `_` on either side (so 11- or 13-digit runs and digits inside hexadecimal tokens or
//   case numbers such as `K8112189876` are not read as one; so `pnr8112189876` without a space is not read either).
//   A hit needs a real calendar date (day + 60 for coordination numbers, so day 61–91), century 18/19/20 in the
//   twelve-digit form, and a correct Luhn check digit. A ten-digit phone number that happens to satisfy all of this
//   is reported as an identity number.
//
// Phone numbers (`telefon`), Swedish numbering plan
//   Prefix `0`, or `+46` / `0046` optionally followed by `(0)`; then the area code without its trunk zero (`8` for
//   Stockholm, otherwise 2–3 digits not starting with 0 or 8, as in the Swedish plan; `(08)` in parentheses is also
//   read), an optional separator (space, `-` or `/`), then the subscriber number (starting with 0 only after a mobile
//   code 07X): 2–8 digits, optionally followed by one to three groups of 2–3 digits set off by single spaces
//   (`123 45 67`), or by dashes when the area code is also set off by a dash (`070-123-45-67`). The national
//   significant number (area code + subscriber, without trunk zero or country code) must be 7–9 digits; when the area
//   code is written apart the subscriber part must have at least 5 digits; a grouped subscriber number ends in a
//   two-digit group (so the amount `12 500` is not the tail of a phone number).
//   Not a phone number: anything preceded by a letter, digit, `+`, `-`, `.`, `,`, `/` or by a digit and a separator
//   (so dates `2025-03-04`, amounts `1 050 000`, `12 500 kr`, `1 234,50`, times `12:08` and case numbers
//   `5000-K123456-25` are not read), or followed by a digit, or by `.`, `,`, `:`, `-`, `/` and a digit (so
//   `04-03-2025`, `04/03/2025`, `08:30` and `0830-0945` are not read). A phone hit that overlaps an identity-number
//   hit is dropped (the identity number is reported). Known ambiguity: a bare number with a leading zero directly
//   followed by a space and a number of five or more digits (`0130 12345`, `08 19000101`) is written exactly like a
//   phone number (area code 013 or 08) and is reported.
//
// E-mail addresses (`epost`)
//   Around every `@`: a local part of letters, digits and `._%+-`, and a domain of at least two labels of letters,
//   digits and `-` whose last label (the top-level domain) is at least two letters.
//
// Registration plates (`regnr`)
//   Three upper-case letters A–Z, an optional single space, two digits and a digit or upper-case letter
//   (`ABC 123`, `ABC123`, `ABC 12A`), standing alone: not touching a letter, digit, `_` or `-`, and not followed by a
//   decimal part (`.5`, `,50`) or a time (`:30`). Deviation from Transportstyrelsen's issuing rules (which never use
//   I, Q, V, Å, Ä, Ö): I, Q and V are accepted, because personalised and older plates, foreign plates and typing
//   errors all occur in free text and a missed plate costs more than a blocked cell; Å, Ä and Ö are not accepted.
//   Only upper case is read: lower-case `lgh 110`, `tel 070`, `kl 123` are ordinary words. All-caps words of four or
//   more letters (`MOSSASTIGEN 36`) never match, and a short list of all-caps abbreviations that are commonly
//   followed by a number (currencies `SEK 100`, `LGH 110`, `TEL`, `MOB`, `FAX`) is not read as a plate.
import { classifyIdentityDigits, type IdentityNumberKind } from "./personnummer";

export type IdentifierKind = IdentityNumberKind | "telefon" | "epost" | "regnr";

export interface IdentifierHit {
  kind: IdentifierKind;
  /** The text as written, e.g. `840521-4134` or `070-123 45 67`. */
  match: string;
  /** Offset of the match in the scanned string (UTF-16 code units). */
  index: number;
}

const IDENTITY_NUMBER = /(?=\d)(?<![\p{L}\p{N}_])(\d{8}|\d{6})([-+]?)(\d{4})(?![\p{L}\p{N}_])/gu;

const PHONE = new RegExp(
  String.raw`(?=[0+(])(?<![\p{L}\p{N}_+\-.,/])(?<!\p{N}[ .,:\-/])` +
    String.raw`(?:(?:(?:\+|00)46[ \-]?(?:\(0\)[ \-]?)?|0)(8|[1-79]\d{1,2})|\(0(8|[1-79]\d{1,2})\))` +
    String.raw`([ \-/]?)` +
    String.raw`(\d{2,8}(?:(?: \d{2,3}){1,3}|(?:-\d{2,3}){1,3})?)` +
    String.raw`(?!\p{N})(?![.,:\-/]\p{N})`,
  "gu",
);

const PLATE = /(?=[A-Z])(?<![\p{L}\p{N}_-])([A-Z]{3})[ \u00A0]?(\d{2}[0-9A-Z])(?![\p{L}\p{N}_-])(?![.,:]\p{N})/gu;

/** All-caps abbreviations that are commonly followed by a number and are not plates. */
const NOT_PLATE_LETTERS = new Set(["SEK", "EUR", "USD", "NOK", "DKK", "GBP", "CHF", "LGH", "TEL", "MOB", "FAX"]);

const DIGIT = /\d/g;

function countDigits(s: string): number {
  DIGIT.lastIndex = 0;
  let n = 0;
  while (DIGIT.exec(s) !== null) n++;
  return n;
}

/** Receives each hit; returns false to stop the scan. */
type Emit = (hit: IdentifierHit) => boolean;

function scanIdentityNumbers(text: string, emit: Emit): boolean {
  IDENTITY_NUMBER.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = IDENTITY_NUMBER.exec(text)) !== null) {
    const kind = classifyIdentityDigits(m[1] + m[3]);
    if (kind !== null && !emit({ kind, match: m[0], index: m.index })) return false;
  }
  return true;
}

const LAST_GROUP = /[ -]\d+$/;

function isPhone(areaCode: string, separator: string, subscriber: string): boolean {
  const subscriberDigits = countDigits(subscriber);
  const national = areaCode.length + subscriberDigits;
  if (national < 7 || national > 9) return false;
  if (separator.length > 0 && subscriberDigits < 5) return false;
  // Geographic subscriber numbers never start with 0 (`0100 00000` is not a number in area 010); mobile ones may.
  if (subscriber.charCodeAt(0) === 48 && areaCode.charCodeAt(0) !== 55) return false;
  const lastGroup = subscriber.search(LAST_GROUP);
  if (lastGroup !== -1) {
    // Grouped subscriber numbers end in a pair (`123 45 67`, `123 456 78`); `12 500` is an amount.
    if (subscriber.length - lastGroup - 1 !== 2) return false;
    // Dashes between the groups only when the area code is also set off by a dash (`070-123-45-67`).
    if (subscriber.includes("-") && separator !== "-") return false;
  }
  return true;
}

function scanPhones(text: string, emit: Emit, taken: readonly IdentifierHit[]): boolean {
  PHONE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = PHONE.exec(text)) !== null) {
    if (!isPhone(m[1] ?? m[2], m[3], m[4])) continue;
    const start = m.index;
    const end = start + m[0].length;
    if (taken.some((h) => h.index < end && start < h.index + h.match.length)) continue;
    if (!emit({ kind: "telefon", match: m[0], index: start })) return false;
  }
  return true;
}

function isLocalChar(c: number): boolean {
  return (
    (c >= 48 && c <= 57) || // 0-9
    (c >= 65 && c <= 90) || // A-Z
    (c >= 97 && c <= 122) || // a-z
    c === 46 || c === 95 || c === 37 || c === 43 || c === 45 || // . _ % + -
    (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) // Latin letters with diacritics
  );
}

function isDomainChar(c: number): boolean {
  return (
    (c >= 48 && c <= 57) ||
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    c === 45 || c === 46 || // - .
    (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7)
  );
}

const TOP_LEVEL_DOMAIN = /\.\p{L}{2,}$/u;

function scanEmails(text: string, emit: Emit): boolean {
  let at = text.indexOf("@");
  while (at !== -1) {
    let start = at;
    while (start > 0 && isLocalChar(text.charCodeAt(start - 1))) start--;
    while (start < at && text.charCodeAt(start) === 46) start++; // a local part does not start with a dot
    let end = at + 1;
    while (end < text.length && isDomainChar(text.charCodeAt(end))) end++;
    while (end > at + 1 && (text.charCodeAt(end - 1) === 46 || text.charCodeAt(end - 1) === 45)) end--;
    const domain = text.slice(at + 1, end);
    if (start < at && domain.indexOf("..") === -1 && TOP_LEVEL_DOMAIN.test(domain)) {
      if (!emit({ kind: "epost", match: text.slice(start, end), index: start })) return false;
    }
    at = text.indexOf("@", Math.max(end, at + 1));
  }
  return true;
}

function scanPlates(text: string, emit: Emit): boolean {
  PLATE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = PLATE.exec(text)) !== null) {
    if (NOT_PLATE_LETTERS.has(m[1])) continue;
    if (!emit({ kind: "regnr", match: m[0], index: m.index })) return false;
  }
  return true;
}

/**
 * One pass over the characters decides which kinds can occur at all: an identity number needs 10 digits, a phone
 * number 8 (trunk zero and 7), an e-mail address an `@`, a plate 2 digits and 3 upper-case letters.
 */
function scan(text: string, emit: Emit): void {
  let digits = 0;
  let upper = 0;
  let at = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c >= 65 && c <= 90) upper++;
    else if (c === 64) at = true;
  }
  if (digits >= 10) {
    const identityHits: IdentifierHit[] = [];
    const keep: Emit = (hit) => {
      identityHits.push(hit);
      return emit(hit);
    };
    if (!scanIdentityNumbers(text, keep)) return;
    if (!scanPhones(text, emit, identityHits)) return;
  } else if (digits >= 8) {
    if (!scanPhones(text, emit, [])) return;
  }
  if (at && !scanEmails(text, emit)) return;
  if (digits >= 2 && upper >= 3) scanPlates(text, emit);
}

/** Every identifier in `text`, in order of position. */
export function scanForIdentifiers(text: string): IdentifierHit[] {
  const hits: IdentifierHit[] = [];
  scan(text, (hit) => {
    hits.push(hit);
    return true;
  });
  if (hits.length > 1) hits.sort((a, b) => a.index - b.index);
  return hits;
}

/** True when `text` holds at least one identifier; stops at the first. */
export function containsIdentifier(text: string): boolean {
  let found = false;
  scan(text, () => {
    found = true;
    return false;
  });
  return found;
}
