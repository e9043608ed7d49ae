// The de-identified record: the only shape of incident data that may leave an actor's workbook.
// See ../../../shared/DESIGN.md, "What a de-identified record may hold".
import { z } from "zod";

/** A NYKO code as the register writes it (digits only). Level is read from the register, never from length. */
export const nykoCodeSchema = z.string().regex(/^[0-9]{1,12}$/);

/** Category and measure keys are template column keys: lower-case identifiers. */
export const columnKeySchema = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/);

/** A closed-list category value, canonical as the template spells it (never free text: checked against the template). */
export const categoryValueSchema = z.string().min(1).max(80);

/**
 * Linkage tokens for double reporting (see docs/double-reporting.md): keyed hashes (HMAC-SHA-256, truncated
 * to 128 bits, hex) of normalised address + incident class + overlapping time bucket. The key is held by the
 * partners and never by the server; the server keeps tokens only for a short window.
 */
export const linkTokenSchema = z.string().regex(/^[0-9a-f]{32}$/);

export const deidentifiedRecordSchema = z
  .object({
    templateId: z.string().min(1).max(60),
    templateVersion: z.number().int().min(1),
    org: z.string().min(1).max(60),
    /** Event date, YYYY-MM-DD, Europe/Stockholm (event rows). */
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
    /** Clock hour 0–23, or null when the template keeps the day only or the time is missing. */
    hour: z.number().int().min(0).max(23).nullable(),
    /** Period of an aggregate row: month `2025-03` or school year `2024/25`; null for event rows. */
    period: z.string().regex(/^(\d{4}|\d{4}-\d{2}|\d{4}\/\d{2})$/).nullable(),
    /** Closed-list values, by template column key. */
    categories: z.record(columnKeySchema, categoryValueSchema),
    /** NYKO code at level 3 or coarser, or null when the row could not be located. */
    nyko: nykoCodeSchema.nullable(),
    /** Numeric measures and denominators, by template column key. */
    measures: z.record(columnKeySchema, z.number().finite()),
    /** Optional linkage tokens for double reporting. */
    link: z.array(linkTokenSchema).max(8).optional(),
  })
  .strict();

export type DeidentifiedRecord = z.infer<typeof deidentifiedRecordSchema>;

/** A record as the add-in and `lagesbild check --records` hold it locally: plus the sheet row it came from. Never sent. */
export type LocalRecord = DeidentifiedRecord & { sourceRow: number };

/** Strips everything local-only so only the record itself is sent. */
export function toWireRecord(record: LocalRecord | DeidentifiedRecord): DeidentifiedRecord {
  const { templateId, templateVersion, org, date, hour, period, categories, nyko, measures, link } = record;
  const wire: DeidentifiedRecord = { templateId, templateVersion, org, date, hour, period, categories, nyko, measures };
  if (link && link.length > 0) wire.link = link;
  return wire;
}
