// Contracts of the yearly analysis (GET /api/reports/year): what the server gathers
// for the huvudman's year report. The cells are the published ones only: taken from the deliveries made to readers
// below the huvudman (each cell as its latest round published it), never from the huvudman's unsuppressed view.
import { z } from "zod";
import { deliveryCellSchema, indicatorSummarySchema, reportingSchema } from "./delivery";

export const yearQuerySchema = z
  .object({
    year: z.string().regex(/^\d{4}$/, { message: "inget giltigt år (skriv ÅÅÅÅ, till exempel 2026)" }),
  })
  .strict();



export const yearReportInputsSchema = z.object({
  year: z.number().int(),
  /** When the server gathered the inputs. */
  gatheredAt: z.string(),
  source: z.string(),
  /** T of primary suppression in the newest round used. */
  threshold: z.number().int(),
  /** The rounds whose deliveries the cells come from (the newest last). */
  rounds: z.array(z.object({ id: z.number().int(), ranAt: z.string() })),
  definitions: z.array(indicatorSummarySchema),
  /** Published cells (`value`, `..`, `saknas`) of the year and the year before, never an unsuppressed value. */
  cells: z.array(deliveryCellSchema),
  /** How far the partners had reported at the newest round used. */
  reporting: reportingSchema.nullable(),
  /** The NYKO areas valid today (names for the rows and the map). */
  areas: z.array(z.object({ code: z.string(), level: z.number().int(), name: z.string(), parent: z.string().nullable() })),
  /** Always false: the report is made from published cells only. */
  unsuppressed: z.literal(false),
  /** The months compared (January–lastMonth of the year), from the newest round's reporting; null: none complete. */
  window: z.object({ year: z.number().int(), lastMonth: z.number().int().min(1).max(12) }).nullable(),
  /** An area map (SVG) per indicator of the window's published values; null where nothing is published by area. */
  maps: z.record(z.string(), z.string().nullable()),
});
export type YearReportInputs = z.infer<typeof yearReportInputsSchema>;

export const YEAR_REPORT_PATH = (year: number): string => `/api/reports/year?year=${year}`;
