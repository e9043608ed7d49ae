// Interventions (insatser): what the huvudman and the partners do in some areas to move some indicators, kept as a
// versioned register so that each one can be followed up against published figures. Every text is scanned for
// identifiers (safe-text): an intervention describes an activity, never a person.
import { z } from "zod";
import { deliveryCellSchema, indicatorSummarySchema } from "./delivery";
import { isoDateSchema } from "./iso-date";
import { nykoCodeSchema } from "./record";
import { withoutIdentifiers } from "./safe-text";

/** The closed list of kinds, with the Swedish label the sheets show. */
export const INTERVENTION_KINDS = {
  "trygghetsvandring": "Trygghetsvandring",
  "belysning-miljo": "Belysning och fysisk miljö",
  "kamerabevakning": "Kamerabevakning",
  "klotter-sanering": "Klottersanering och städning",
  "ordningsvakter": "Ordningsvakter eller väktare",
  "polisnarvaro": "Polisiär närvaro",
  "faltarbete": "Fältarbete och uppsökande verksamhet",
  "fritid-ungdom": "Fritidsverksamhet för unga",
  "skola-forebyggande": "Förebyggande arbete i skolan",
  "foraldravandring": "Föräldravandring",
  "samverkan": "Samverkan och platssamverkan",
  "annat": "Annat",
} as const;
export type InterventionKind = keyof typeof INTERVENTION_KINDS;
export const interventionKindSchema = z.enum(Object.keys(INTERVENTION_KINDS) as [InterventionKind, ...InterventionKind[]]);

const orgIdSchema = z.string().min(1).max(64);
const text = (max: number) => withoutIdentifiers(z.string().trim().min(1).max(max));

/** What a user registers; every edit sends the whole of it again and becomes a new version. */
export const interventionInputSchema = z
  .object({
    name: text(200),
    kind: interventionKindSchema,
    /** The organisations that carry it out (a partner registering one must be among them). */
    orgs: z.array(orgIdSchema).min(1).max(20),
    /** The target areas: NYKO codes, all of one level. */
    areas: z.array(nykoCodeSchema).min(1).max(200),
    startDate: isoDateSchema,
    /** Null while it goes on. */
    endDate: isoDateSchema.nullable(),
    description: withoutIdentifiers(z.string().trim().max(4000)).default(""),
    /** The indicators it aims to move. */
    indicators: z.array(z.string().min(1).max(100)).min(1).max(20),
    /** Comparison areas of the same level; empty: every other area of that level. */
    comparisonAreas: z.array(nykoCodeSchema).max(500).default([]),
  })
  .strict()
  .refine((i) => i.endDate === null || i.endDate >= i.startDate, { message: "Slutdatum kan inte ligga före startdatum.", path: ["endDate"] });
export type InterventionInput = z.input<typeof interventionInputSchema>;
export type InterventionContent = z.output<typeof interventionInputSchema>;

/** An edit: the whole content again and the version it was made from (a stale base is refused, 409). */
export const interventionUpdateSchema = z.object({ baseVersion: z.number().int().min(1), intervention: interventionInputSchema }).strict();
export type InterventionUpdate = z.input<typeof interventionUpdateSchema>;

export const interventionStatusSchema = z.enum(["active", "archived"]);
export type InterventionStatus = z.infer<typeof interventionStatusSchema>;

export const interventionSchema = z.object({
  id: z.number().int(),
  version: z.number().int(),
  status: interventionStatusSchema,
  /** The organisation that registered it; its users (and the huvudman) may change it. */
  owner: z.string(),
  createdAt: z.string(),
  /** When this version was made. */
  changedAt: z.string(),
  name: z.string(),
  kind: interventionKindSchema,
  orgs: z.array(z.string()),
  areas: z.array(z.string()),
  /** NYKO level of the target areas (1–3). */
  level: z.number().int().min(1).max(3),
  startDate: z.string(),
  endDate: z.string().nullable(),
  description: z.string(),
  indicators: z.array(z.string()),
  comparisonAreas: z.array(z.string()),
});
export type Intervention = z.infer<typeof interventionSchema>;

export const interventionListSchema = z.object({ interventions: z.array(interventionSchema) });
export const interventionVersionsSchema = z.object({ versions: z.array(interventionSchema) });

export const archiveInterventionSchema = z.object({ baseVersion: z.number().int().min(1) }).strict();

/** The published cells an intervention is evaluated on: disclosure-controlled, never the huvudman's unsuppressed view. */
export const interventionCellsSchema = z.object({
  interventionId: z.number().int(),
  version: z.number().int(),
  source: z.string(),
  definitions: z.array(indicatorSummarySchema),
  cells: z.array(deliveryCellSchema),
});
export type InterventionCells = z.infer<typeof interventionCellsSchema>;
