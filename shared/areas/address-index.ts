// Address lookup: street + number (+ letter) → NYKO cut to level 3, through precomputed hash maps.
// Choices (nothing is guessed silently):
// - The street is matched as written (case-insensitive); only when that fails are the usual abbreviations and
//   short forms tried (`Korpv.` → Korpvägen), then the same without diacritics (`Sodra` → Södra). A variant
//   counts only if the register has it; several streets found this way must all give the same area, else `ambiguous`.
// - A street can cross areas, so the number decides. A number the register does not have is `unknown-number`,
//   even on a street that lies in one area only: such an address does not exist as written.
// - A letter the register does not have for that number (or no letter where the register has only lettered
//   entrances) is accepted when every entrance of that number lies in the same area, else `ambiguous`.
// - No number at all: accepted when the whole street lies in one area (every address point of it), else `ambiguous`.
// - A range `12-14` is accepted when both ends lie in the same area.
// - Text after the number that is neither postcode, town nor apartment number (e.g. a second number) is `ambiguous`.
import { foldStreet, parseAddress, type ParsedAddress } from "./address-normalise";
import type { AddressPoint } from "./address-register";
import type { NykoRegister } from "./nyko-register";
import { streetVariants } from "./street-variants";

export type UnlocatedReason = "unknown-street" | "unknown-number" | "outside-municipality" | "ambiguous" | "missing";

/** How an address was matched: exactly, through another entrance of the same number, the street alone, or a range. */
export type AddressMatch = "address" | "other-letter" | "street" | "range";

export type AddressLookup =
  | { ok: true; nyko: string; match: AddressMatch; street: string; key: string }
  | { ok: false; reason: UnlocatedReason };

interface StreetEntry {
  /** The register's spelling. */
  name: string;
  lower: string;
  /** Number and letter (see `pointKey`) → NYKO cut to level 3. */
  points: Map<number, string>;
  /** Points whose letter is not an entrance letter a–z, å, ä, ö: `12é` → NYKO cut to level 3. */
  otherPoints: Map<string, string> | null;
  /** Number → the distinct areas of all its entrances. */
  byNumber: Map<number, string[]>;
  areas: string[];
}

export interface AddressIndex {
  /** Looks up one address as written. */
  lookup(raw: string): AddressLookup;
  /** Looks up an address already parsed. */
  lookupParsed(parsed: ParsedAddress): AddressLookup;
  /** The area (`nyko`) `lookup` gives for an address as written, or null when it gives none; for a sheet's rows. */
  area(raw: string): string | null;
  readonly streetCount: number;
}

/** A number and an entrance letter (`""`, a–z, å, ä, ö) as one small integer; -1 for any other letter. */
function pointKey(number: number, letter: string): number {
  if (!Number.isInteger(number) || number < 0 || number > 99_999) return -1;
  if (letter === "") return number * 32;
  if (letter.length !== 1) return -1;
  const c = letter.charCodeAt(0);
  const index = c >= 97 && c <= 122 ? c - 96 : c === 0xe5 ? 27 : c === 0xe4 ? 28 : c === 0xf6 ? 29 : -1;
  return index < 0 ? -1 : number * 32 + index;
}

function addDistinct(list: string[], value: string): void {
  if (!list.includes(value)) list.push(value);
}

/** Builds the index; each point's NYKO is cut to level 3 with the register. */
export function createAddressIndex(points: readonly AddressPoint[], nyko: NykoRegister): AddressIndex {
  const streets = new Map<string, StreetEntry>();
  // One string per area code (the register repeats them): results share them, and look-ups by them are cheap.
  const codes = new Map<string, string>();
  const folded = new Map<string, StreetEntry[]>();
  for (const p of points) {
    const cut = nyko.cutToLevel(p.nyko, 3);
    if (cut === null) continue;
    let area = codes.get(cut);
    if (area === undefined) codes.set(cut, (area = cut));
    const lower = p.street.normalize("NFC").toLowerCase();
    let entry = streets.get(lower);
    if (!entry) {
      entry = { name: p.street, lower, points: new Map(), otherPoints: null, byNumber: new Map(), areas: [] };
      streets.set(lower, entry);
      const fold = foldStreet(lower);
      const list = folded.get(fold) ?? [];
      list.push(entry);
      folded.set(fold, list);
    }
    const letter = p.letter.toLowerCase();
    const key = pointKey(p.number, letter);
    if (key >= 0) entry.points.set(key, area);
    else (entry.otherPoints ??= new Map()).set(`${p.number}${letter}`, area);
    const list = entry.byNumber.get(p.number) ?? [];
    addDistinct(list, area);
    entry.byNumber.set(p.number, list);
    addDistinct(entry.areas, area);
  }

  const findStreets = (street: string): StreetEntry[] => {
    const exact = streets.get(street);
    if (exact) return [exact];
    const variants = streetVariants(street);
    const found = new Set<StreetEntry>();
    for (const v of variants) {
      const hit = streets.get(v);
      if (hit) found.add(hit);
    }
    if (found.size > 0) return [...found];
    for (const v of [street, ...variants]) for (const hit of folded.get(foldStreet(v)) ?? []) found.add(hit);
    return [...found];
  };

  // `keyed` false: the caller wants the area only, and the register key is left empty (not built).
  const lookupNumber = (entry: StreetEntry, number: number | null, letter: string, keyed: boolean): AddressLookup => {
    if (number === null) {
      if (entry.areas.length === 1) return { ok: true, nyko: entry.areas[0], match: "street", street: entry.name, key: keyed ? `${entry.lower}||` : "" };
      return { ok: false, reason: "ambiguous" };
    }
    const key = keyed ? `${entry.lower}|${number}|${letter}` : "";
    const at = pointKey(number, letter);
    const exact = at >= 0 ? entry.points.get(at) : entry.otherPoints?.get(`${number}${letter}`);
    if (exact !== undefined) return { ok: true, nyko: exact, match: "address", street: entry.name, key };
    const areas = entry.byNumber.get(number);
    if (!areas) return { ok: false, reason: "unknown-number" };
    if (areas.length > 1) return { ok: false, reason: "ambiguous" };
    return { ok: true, nyko: areas[0], match: "other-letter", street: entry.name, key };
  };

  const lookupInStreet = (entry: StreetEntry, a: ParsedAddress, keyed: boolean): AddressLookup => {
    const first = lookupNumber(entry, a.number, a.letter, keyed);
    if (a.numberTo === null || !first.ok) return first;
    const last = lookupNumber(entry, a.numberTo, "", keyed);
    if (!last.ok) return last;
    if (last.nyko !== first.nyko) return { ok: false, reason: "ambiguous" };
    return { ...first, match: "range", key: keyed ? `${entry.lower}|${a.number}-${a.numberTo}|${a.letter}` : "" };
  };

  const lookupParsed = (a: ParsedAddress, keyed = true): AddressLookup => {
    const found = findStreets(a.street);
    if (found.length === 0) return { ok: false, reason: "unknown-street" };
    if (a.unclearTail) return { ok: false, reason: "ambiguous" };
    if (found.length === 1) return lookupInStreet(found[0], a, keyed);
    const results = found.map((entry) => lookupInStreet(entry, a, keyed));
    const first = results[0];
    if (first.ok && results.every((r) => r.ok && r.nyko === first.nyko)) return first;
    return { ok: false, reason: "ambiguous" };
  };

  return {
    lookupParsed,
    lookup(raw) {
      const parsed = parseAddress(raw);
      if (parsed) return lookupParsed(parsed);
      // Text with no street in it (only digits or punctuation) names no street; an empty cell is missing.
      return { ok: false, reason: raw.trim() === "" ? "missing" : "unknown-street" };
    },
    area(raw) {
      const parsed = parseAddress(raw);
      if (!parsed) return null;
      const found = lookupParsed(parsed, false);
      return found.ok ? found.nyko : null;
    },
    streetCount: streets.size,
  };
}
