// Locating one row: an address through the address register, or coordinates through the level-3 polygons.
// The result is always cut to NYKO level 3; a row that cannot be located gets a reason and no code.
import type { AddressMatch, UnlocatedReason } from "./address-index";
import { createPointIndex, type PointIndex } from "./point-index";
import { canonicalCrs, toSweref99Tm } from "./projection";
import type { AreaRegisters } from "./registers";

export type { UnlocatedReason } from "./address-index";

export type LocateResult =
  | {
      ok: true;
      /** NYKO at level 3 (or coarser, when the register's code is coarser): what a record may carry. */
      nyko: string;
      /** The level-3 code, or null when the register's code is coarser than level 3. */
      level3: string | null;
      via: "address" | "coordinates" | "nyko";
      /** For addresses: how it matched. */
      match?: AddressMatch;
      /** For addresses: the register's street, number and letter, `street|number|letter` (local only, never sent). */
      addressKey?: string;
    }
  | { ok: false; reason: UnlocatedReason };

export interface LocateInput {
  address?: unknown;
  north?: unknown;
  east?: unknown;
  /** Reference system of north/east; default SWEREF 99 TM. For WGS 84, north is latitude and east longitude. */
  crs?: string;
}

export interface Locator {
  /** An address as written in a cell; results are cached per distinct text. */
  locateAddress(value: unknown): LocateResult;
  /**
   * The area (`nyko` of `locateAddress`) of text in an address cell, or null when it cannot be located (the reason is
   * `locateAddress`'s, from the same cache). For the rows of a sheet: a repeated address costs no result object.
   */
  addressArea(text: string): string | null;
  /** A coordinate pair as written in two cells. */
  locateCoordinates(north: unknown, east: unknown, crs?: string): LocateResult;
  /**
   * A NYKO code written in a cell (aggregate rows): cut to level 3. A code the register does not have is reported
   * as `outside-municipality` (it names no area of this municipality).
   */
  locateNyko(value: unknown): LocateResult;
  /** Coordinates when given, else the address (both tried when both are given and the first fails). */
  locate(input: LocateInput): LocateResult;
}

const MISSING: LocateResult = Object.freeze({ ok: false, reason: "missing" });
const OUTSIDE: LocateResult = Object.freeze({ ok: false, reason: "outside-municipality" });

function isBlank(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v !== "string") return false;
  // Most cells start with a visible character: no need to trim them (trim's white space is ≤ 32, 160, or ≥ 5760).
  const first = v.length === 0 ? 0 : v.charCodeAt(0);
  return !(first > 32 && first !== 160 && first < 5760) && v.trim() === "";
}

/** A number from a cell: a number, or text such as `6 564 293` or `6564293,5`. */
export function coordinateValue(v: unknown): number | null {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v !== "string") return null;
  const t = v.replace(/[\s\u00a0]/g, "").replace(",", ".");
  if (!/^-?\d+(\.\d+)?$/.test(t)) return null;
  return Number(t);
}

export function createLocator(registers: AreaRegisters, options: { cacheSize?: number } = {}): Locator {
  const cacheSize = options.cacheSize ?? 200_000;
  const systems = new Map<string, string | null>();
  // Few distinct codes, many addresses: each code's level is asked of the register once.
  const levels = new Map<string, string | null>();
  const level3 = (code: string): string | null => {
    let hit = levels.get(code);
    if (hit === undefined) {
      hit = registers.nyko.levelOf(code) === 3 ? code : null;
      levels.set(code, hit);
    }
    return hit;
  };
  // Made on the first coordinate pair: a sheet of addresses never needs it.
  let snapIndex: PointIndex | null = null;

  // Address texts seen → their area (the result's nyko, or null when not located), replaced by their result when that
  // is asked for (a sheet's rows need only the area; the area of a result is its nyko). A Map: a cell's text is one
  // string object for all its cells (the reader interns shared strings), whose hash V8 computes once and keeps, so a
  // repeated address is found without reading its text, and its area without a second read elsewhere in memory.
  let seen = new Map<string, string | null | LocateResult>();
  const remember = (raw: string, known: string | null | LocateResult) => {
    if (seen.size >= cacheSize && !seen.has(raw)) seen = new Map();
    seen.set(raw, known);
  };

  /** The area of non-blank text, located on first sight. */
  const areaOf = (raw: string): string | null => {
    const known = seen.get(raw);
    if (known === undefined) {
      const found = registers.addresses.area(raw);
      remember(raw, found);
      return found;
    }
    return known === null || typeof known === "string" ? known : known.ok ? known.nyko : null;
  };

  const locateAddress = (value: unknown): LocateResult => {
    if (isBlank(value)) return MISSING;
    const raw = typeof value === "string" ? value : String(value);
    const known = seen.get(raw);
    if (known !== undefined && known !== null && typeof known !== "string") return known;
    const found = registers.addresses.lookup(raw);
    const result: LocateResult = Object.freeze(
      found.ok
        ? { ok: true, nyko: found.nyko, level3: level3(found.nyko), via: "address", match: found.match, addressKey: found.key }
        : { ok: false, reason: found.reason },
    );
    remember(raw, result);
    return result;
  };

  const locateCoordinates = (north: unknown, east: unknown, crs = "EPSG:3006"): LocateResult => {
    if (isBlank(north) || isBlank(east)) return MISSING;
    const n = coordinateValue(north);
    const e = coordinateValue(east);
    let system = systems.get(crs);
    if (system === undefined) {
      system = canonicalCrs(crs);
      systems.set(crs, system);
    }
    // Text that is not a number, or a system we cannot read, is no usable position: reported as missing.
    if (n === null || e === null || system === null) return MISSING;
    const [x, y] = toSweref99Tm(system, [e, n]);
    snapIndex ??= createPointIndex(registers.addressPoints);
    const snapped = snapIndex.nearestArea(y, x);
    const code = snapped !== null ? registers.nyko.cutToLevel(snapped, 3) : registers.areas.areaAt(x, y);
    if (code === null) return OUTSIDE;
    return { ok: true, nyko: code, level3: level3(code), via: "coordinates" };
  };

  const locateNyko = (value: unknown): LocateResult => {
    if (isBlank(value)) return MISSING;
    const code = (typeof value === "number" ? String(value) : typeof value === "string" ? value : "").trim();
    const cut = registers.nyko.cutToLevel(code, 3);
    if (cut === null) return OUTSIDE;
    return { ok: true, nyko: cut, level3: level3(cut), via: "nyko" };
  };

  return {
    locateAddress,
    addressArea: (text) => (isBlank(text) ? null : areaOf(text)),
    locateCoordinates,
    locateNyko,
    locate(input) {
      const hasCoordinates = !isBlank(input.north) || !isBlank(input.east);
      const hasAddress = !isBlank(input.address);
      if (!hasCoordinates) return locateAddress(input.address);
      const byCoordinates = locateCoordinates(input.north, input.east, input.crs);
      if (byCoordinates.ok || !hasAddress) return byCoordinates;
      const byAddress = locateAddress(input.address);
      return byAddress.ok ? byAddress : byCoordinates;
    },
  };
}
