// The zod schema of one template version: what a partner's sheet must look like and what of it may leave.
import { z } from "zod";
import { columnKeySchema } from "../protocol/record";

export const columnTypeSchema = z.enum([
  "text",
  "integer",
  "decimal",
  "date",
  "time",
  "enum",
  "nyko",
  "address",
  "coordinate",
  "period",
]);
export type ColumnType = z.infer<typeof columnTypeSchema>;

export const columnRoleSchema = z.enum([
  "kept",
  "identifying",
  "location",
  "date",
  "time",
  "category",
  "measure",
  "denominator",
]);
export type ColumnRole = z.infer<typeof columnRoleSchema>;

/** Types that may leave the workbook: closed types only. Free text never can. */
export const CLOSED_TYPES: readonly ColumnType[] = ["enum", "date", "time", "integer", "decimal", "nyko", "period"];

export const enumValueSchema = z.object({
  value: z.string().min(1).max(80),
  synonyms: z.array(z.string()).default([]),
  /** Incident class for double reporting (e.g. "brand", "skadegorelse"); rows of other values are not linked. */
  linkClass: z.string().regex(/^[a-z]+$/).optional(),
});
export type EnumValue = z.infer<typeof enumValueSchema>;

export const columnSchema = z
  .object({
    key: columnKeySchema,
    header: z.string().min(1),
    aliases: z.array(z.string()).default([]),
    type: columnTypeSchema,
    required: z.boolean().default(false),
    role: columnRoleSchema,
    values: z.array(enumValueSchema).optional(),
    /** Coordinates: which axis and which reference system. */
    axis: z.enum(["N", "E"]).optional(),
    crs: z.enum(["EPSG:3006", "EPSG:4326"]).optional(),
    /** Periods: month `2025-03`, school year `2024/25` or calendar year `2025` (a survey round, a yearly register count). */
    periodKind: z.enum(["month", "schoolyear", "year"]).optional(),
    /** Excel number format used when the template is written as a sheet. */
    numberFormat: z.string().optional(),
  })
  .superRefine((c, ctx) => {
    if (c.type === "enum" && (!c.values || c.values.length === 0))
      ctx.addIssue({ code: "custom", message: `column ${c.key}: an enum needs values` });
    if (c.type === "coordinate" && (!c.axis || !c.crs))
      ctx.addIssue({ code: "custom", message: `column ${c.key}: a coordinate needs axis and crs` });
    if (c.type === "period" && !c.periodKind)
      ctx.addIssue({ code: "custom", message: `column ${c.key}: a period needs periodKind` });
    const leaves = c.role === "kept" || c.role === "category" || c.role === "measure" || c.role === "denominator";
    if (leaves && !CLOSED_TYPES.includes(c.type))
      ctx.addIssue({ code: "custom", message: `column ${c.key}: only closed types can be kept, not ${c.type}` });
    if (c.role === "category" && c.type !== "enum")
      ctx.addIssue({ code: "custom", message: `column ${c.key}: a category must be an enum` });
    if ((c.role === "measure" || c.role === "denominator") && c.type !== "integer" && c.type !== "decimal")
      ctx.addIssue({ code: "custom", message: `column ${c.key}: a measure must be a number` });
    if (c.role === "location" && !["address", "coordinate", "nyko"].includes(c.type))
      ctx.addIssue({ code: "custom", message: `column ${c.key}: a location is an address, coordinate or NYKO code` });
  });
export type TemplateColumn = z.infer<typeof columnSchema>;

export const orgKindSchema = z.enum(["polis", "raddningstjanst", "vaktbolag", "bostadsbolag", "skola", "socialtjanst", "kommun", "annan"]);
export type OrgKind = z.infer<typeof orgKindSchema>;

export const templateSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]{1,59}$/),
    version: z.number().int().min(1),
    title: z.string().min(1),
    orgKind: orgKindSchema,
    rowKind: z.enum(["event", "aggregate"]),
    sheetNameHint: z.string().min(1).max(31),
    /** Whether the record keeps the hour of the event or the day only. */
    timeGranularity: z.enum(["hour", "day"]).default("hour"),
    columns: z.array(columnSchema).min(1),
    /** Aggregate templates: rows that agree on period, area and every category say the same thing; a second one is an error. */
    uniqueRows: z.boolean().optional(),
    /**
     * Aggregate templates of survey answers: the rows that agree on period, area and every category except
     * `category` (one question in one area and round) split `total` respondents over the values of `category`;
     * each value at most once, every row with the same `total`, and their `count`s adding up to it.
     */
    breakdown: z.object({ category: columnKeySchema, count: columnKeySchema, total: columnKeySchema }).strict().optional(),
  })
  .superRefine((t, ctx) => {
    const keys = new Set<string>();
    for (const c of t.columns) {
      if (keys.has(c.key)) ctx.addIssue({ code: "custom", message: `duplicate column key ${c.key}` });
      keys.add(c.key);
    }
    if (t.rowKind === "event" && !t.columns.some((c) => c.role === "date"))
      ctx.addIssue({ code: "custom", message: "an event template needs a date column" });
    if (t.rowKind === "aggregate" && !t.columns.some((c) => c.type === "period"))
      ctx.addIssue({ code: "custom", message: "an aggregate template needs a period column" });
    if ((t.uniqueRows || t.breakdown) && t.rowKind !== "aggregate")
      ctx.addIssue({ code: "custom", message: "unique rows and breakdowns are rules of aggregate templates" });
    if (t.breakdown) {
      const col = (key: string) => t.columns.find((c) => c.key === key);
      if (col(t.breakdown.category)?.role !== "category") ctx.addIssue({ code: "custom", message: `breakdown: ${t.breakdown.category} is no category column` });
      if (col(t.breakdown.count)?.role !== "measure") ctx.addIssue({ code: "custom", message: `breakdown: ${t.breakdown.count} is no measure column` });
      if (col(t.breakdown.total)?.role !== "denominator") ctx.addIssue({ code: "custom", message: `breakdown: ${t.breakdown.total} is no denominator column` });
    }
  });
export type Template = z.infer<typeof templateSchema>;
export type TemplateInput = z.input<typeof templateSchema>;
