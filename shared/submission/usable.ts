// Which template versions may be used on a day, by the Stockholm calendar date: a version retired from a date is
// refused from that date on. The task pane, the command line and the server's retirement check all ask here.
import type { PublishedTemplate } from "../protocol/api";
import type { Template } from "../templates/schema";
import { stockholmDate } from "../periods/stockholm";

export function isUsable(p: PublishedTemplate, at: Date): boolean {
  return p.retiredFrom === null || stockholmDate(at) < p.retiredFrom;
}

/** The newest usable version of each template id, ordered by id. */
export function usableTemplates(published: readonly PublishedTemplate[], at: Date): Template[] {
  const latest = new Map<string, Template>();
  for (const p of published) {
    if (!isUsable(p, at)) continue;
    const current = latest.get(p.template.id);
    if (!current || current.version < p.template.version) latest.set(p.template.id, p.template);
  }
  return [...latest.values()].sort((a, b) => a.id.localeCompare(b.id));
}
