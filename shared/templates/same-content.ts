// Whether two template versions say the same thing apart from their version number: publishing such a version
// would only make a copy, so it is refused (the pane and the server use this one rule).
import { canonicalJson } from "../protocol/canonical-json";
import type { Template } from "./schema";

/** True when `a` and `b` differ in nothing but `version` (key order and absent optional fields do not count). */
export function sameTemplateContent(a: Template, b: Template): boolean {
  return canonicalJson({ ...a, version: 0 }) === canonicalJson({ ...b, version: 0 });
}
