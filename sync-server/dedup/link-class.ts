// The link class (brand, skadegorelse) of a stored record, from its template version's category values.
import { linkClassOf } from "../../shared/dedup/link-tokens";
import type { DeidentifiedRecord } from "../../shared/protocol/record";
import type { Template } from "../../shared/templates/schema";
import type { Db } from "../db/database";
import { allTemplateVersions } from "../stores/templates";

/** The class a record was linked in; "okänd" for one whose template no longer names a class for its values. */
export type LinkClassOf = (record: Pick<DeidentifiedRecord, "templateId" | "templateVersion" | "categories">) => string;

/** Reads the template versions once, on the first record asked about. */
export function linkClassResolver(db: Db): LinkClassOf {
  let templates: Map<string, Template> | null = null;
  return (record) => {
    templates ??= new Map(allTemplateVersions(db).map((t) => [`${t.id}@${t.version}`, t]));
    const t = templates.get(`${record.templateId}@${record.templateVersion}`);
    return (t && linkClassOf(t, record.categories)) ?? "okänd";
  };
}
