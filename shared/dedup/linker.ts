// Glue between the check pipeline and the linkage tokens: place and time of a row, from the row's own point or the
// register point of its address. Everything here stays in the partner's workbook; only the tokens leave.
import type { AreaRegisters } from "../areas";
import type { LinkInput } from "../pipeline/check";
import { linkClassOf, linkTokenizer } from "./link-tokens";

export function createLinker(key: Uint8Array, registers: AreaRegisters): (input: LinkInput) => string[] {
  const points = new Map<string, { n: number; e: number }>();
  for (const p of registers.addressPoints) {
    if (p.n === null || p.e === null) continue;
    const street = p.street.normalize("NFC").toLowerCase();
    const k = `${street}|${p.number}|${p.letter.toLowerCase()}`;
    if (!points.has(k)) points.set(k, { n: p.n, e: p.e });
    const bare = `${street}|${p.number}|`;
    if (!points.has(bare)) points.set(bare, { n: p.n, e: p.e });
  }
  const pointOf = (addressKey: string) => {
    const hit = points.get(addressKey) ?? points.get(addressKey.toLowerCase());
    if (hit) return hit;
    const [street, number] = addressKey.split("|");
    return points.get(`${street}|${number}|`) ?? null;
  };
  const tokens = linkTokenizer(key);
  return (input) => {
    const linkClass = linkClassOf(input.template, input.record.categories);
    if (!linkClass || !input.record.date) return [];
    const point = input.point ?? (input.addressKey ? pointOf(input.addressKey) : null);
    return tokens({ linkClass, date: input.record.date, minutes: input.minutes, place: { addressKey: input.addressKey, point } });
  };
}
