// Whether two template versions say the same thing apart from their version number: publishing such a version
// would only make a copy, so it is refused (the pane and the server use this one rule).
import type { Template } from "./schema";

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, canonical(v)]),
    );
  return value;
}

/** True when `a` and `b` differ in nothing but `version` (key order and absent optional fields do not count). */
export function sameTemplateContent(a: Template, b: Template): boolean {
  return JSON.stringify(canonical({ ...a, version: 0 })) === JSON.stringify(canonical({ ...b, version: 0 }));
}
