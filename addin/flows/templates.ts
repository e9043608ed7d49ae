// Templates as the flows need them: which versions an organisation may use today.
import type { PublishedTemplate } from "../../shared/protocol/api";
import type { Template } from "../../shared/templates/schema";

/** Today's date in Sweden, YYYY-MM-DD. */
export function stockholmDate(now: Date): string {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/** True when the version is still accepted on `now` (a version retired from a date is refused from that date on). */
export function isUsable(p: PublishedTemplate, now: Date): boolean {
  return !p.retiredFrom || stockholmDate(now) < p.retiredFrom;
}

/** The newest usable version of each template id, in a stable order. */
export function usableTemplates(published: readonly PublishedTemplate[], now: Date): Template[] {
  const latest = new Map<string, Template>();
  for (const p of published) {
    if (!isUsable(p, now)) continue;
    const current = latest.get(p.template.id);
    if (!current || current.version < p.template.version) latest.set(p.template.id, p.template);
  }
  return [...latest.values()].sort((a, b) => a.id.localeCompare(b.id));
}
