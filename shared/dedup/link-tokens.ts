// Linkage tokens for double reporting (design and privacy argument: docs/double-reporting.md).
// A token is HMAC-SHA-256(K, class | place | time bucket), truncated to 128 bits. K is handed to the partners by the
// huvudman outside the system; the server never holds it, so it cannot test guesses of an address or a time.
// Two reports of one incident share at least one token when they are close enough in place and time:
// - fires ("brand"): place = a 100 m grid cell of the point (4 grids offset 50 m in N and E), time = 2-hour buckets
//   (2 grids offset 1 hour): any two reports within 50 m on each axis and within 1 hour share a token;
// - vandalism ("skadegorelse"): place = the normalised address, time = 2-day buckets (2 grids offset 1 day): any two
//   reports at the same address on the same or adjacent dates share a token.
import type { Template } from "../templates/schema";
import { epochDay } from "../grid/dates";
import { parseIsoDate } from "../protocol/iso-date";
import { hmacSha256, toHex, utf8 } from "./sha256";

export const LINK_SCHEME_VERSION = "v1";

export interface LinkClassRule {
  place: "point" | "address";
  /** Bucket width in minutes; two grids offset by half a bucket. */
  bucketMinutes: number;
  /** Cell size in metres for point places; grids offset by half a cell on each axis. */
  cellMetres?: number;
}

export const LINK_RULES: Record<string, LinkClassRule> = {
  brand: { place: "point", bucketMinutes: 120, cellMetres: 100 },
  skadegorelse: { place: "address", bucketMinutes: 2 * 1440 },
};

export interface LinkPlace {
  /** Normalised address key (street|number|letter), if the row has an address the register knows. */
  addressKey: string | null;
  /** A point in SWEREF 99 TM: the row's own coordinates, or its address point in the register. */
  point: { n: number; e: number } | null;
}

export interface LinkRow {
  linkClass: string;
  date: string;
  /** Minutes after midnight, or null when the row has the day only. */
  minutes: number | null;
  place: LinkPlace;
}

/** Parses the shared key as the huvudman hands it out: at least 32 bytes, hex or base64. */
export function parseLinkKey(text: string): Uint8Array | null {
  const t = text.trim();
  if (/^[0-9a-fA-F]{64,}$/.test(t) && t.length % 2 === 0) {
    const out = new Uint8Array(t.length / 2);
    for (let i = 0; i < out.length; i++) out[i] = parseInt(t.slice(i * 2, i * 2 + 2), 16);
    return out;
  }
  if (/^[A-Za-z0-9+/]{43,}={0,2}$/.test(t) && t.length % 4 === 0) {
    const bytes = base64Bytes(t);
    return bytes.length >= 32 ? bytes : null;
  }
  return null;
}

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

function base64Bytes(text: string): Uint8Array {
  const clean = text.replace(/=+$/, "");
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of clean) {
    value = (value << 6) | B64.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((value >> bits) & 0xff);
    }
  }
  return Uint8Array.from(out);
}

function timeBuckets(row: LinkRow, rule: LinkClassRule): string[] {
  const day = parseIsoDate(row.date);
  if (!day) return [];
  const width = rule.bucketMinutes;
  // Day-only rows sit at noon; with day-wide buckets this is exact, with hour buckets a day-only row is not linked.
  if (row.minutes === null && width < 1440) return [];
  const t = epochDay(day) * 1440 + (row.minutes ?? 720);
  return [`a${Math.floor(t / width)}`, `b${Math.floor((t + width / 2) / width)}`];
}

function placeKeys(row: LinkRow, rule: LinkClassRule): string[] {
  if (rule.place === "address") return row.place.addressKey ? [`adr:${row.place.addressKey}`] : [];
  const p = row.place.point;
  if (!p) return [];
  const cell = rule.cellMetres ?? 100;
  const keys: string[] = [];
  for (const on of [0, cell / 2]) for (const oe of [0, cell / 2]) keys.push(`pt${on}/${oe}:${Math.floor((p.n + on) / cell)}:${Math.floor((p.e + oe) / cell)}`);
  return keys;
}

/** Makes the token function for one shared key. */
export function linkTokenizer(key: Uint8Array): (row: LinkRow) => string[] {
  const mac = hmacSha256(key);
  return (row) => {
    const rule = LINK_RULES[row.linkClass];
    if (!rule) return [];
    const times = timeBuckets(row, rule);
    const places = placeKeys(row, rule);
    const tokens: string[] = [];
    for (const place of places)
      for (const time of times) tokens.push(toHex(mac(utf8(`${LINK_SCHEME_VERSION}|${row.linkClass}|${place}|${time}`))).slice(0, 32));
    return tokens;
  };
}

/** The link class of a row: the class of the first category value that has one. */
export function linkClassOf(template: Template, categories: Record<string, string>): string | null {
  for (const c of template.columns) {
    if (c.role !== "category") continue;
    const value = categories[c.key];
    const cls = c.values?.find((v) => v.value === value)?.linkClass;
    if (cls) return cls;
  }
  return null;
}
