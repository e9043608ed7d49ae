// Exports: a delivery as CSV, GeoJSON (EPSG:3006 or WGS 84) and an area map (SVG, PNG); the huvudman's export of
// the de-identified approved records. Exports are made from the organisation's stored delivery, whose tables
// passed `discloseForReader` when the round was made (so an export never shows another pattern than the delivery);
// every export is written to the audit trail.
import type { exportQuerySchema } from "../../shared/protocol/api";
import type { Delivery } from "../../shared/protocol/delivery";
import { AppError } from "../../shared/protocol/errors";
import { stockholmDate } from "../../shared/periods/stockholm";
import { appendAudit } from "../audit/log";
import { requireOrgAccess, requireUnsuppressedReader, type Principal } from "../auth/principal";
import type { AppContext } from "../context";
import { inTransaction } from "../db/database";
import { nykoRegisterAt } from "../registers/current";
import { getDelivery } from "../stores/deliveries";
import { getOrganisation } from "../stores/organisations";
import { registerAt } from "../stores/registers";
import { effectiveRecords } from "../stores/submissions";
import { latestVersion } from "../stores/templates";
import { deliveryCsv, recordsCsv } from "./csv";
import { indicatorGeoJson, parseAreaPolygons } from "./geojson";
import { mapPng, mapSvg } from "./map";

export type ExportQuery = ReturnType<typeof exportQuerySchema.parse>;

/** A file to send: its content type, a file name and the bytes or text. */
export interface ExportFile {
  type: string;
  name: string;
  body: string | Buffer;
}

function deliveryFor(ctx: AppContext, p: Principal, q: ExportQuery): Delivery {
  const org = q.org ?? p.org;
  requireOrgAccess(p, org);
  const d = getDelivery(ctx.db, org, q.number === undefined ? undefined : Number(q.number));
  if (!d) throw new AppError(404, "not-found", { message: "Ingen leverans finns." });
  requireUnsuppressedReader(p, d);
  return d;
}

function audit(ctx: AppContext, p: Principal, kind: string, details: Record<string, unknown>): void {
  inTransaction(ctx.db, () => appendAudit(ctx.db, ctx.clock, { actor: p.auditId, action: `export.${kind}`, details }));
}

function fileName(d: Delivery, ext: string, extra = ""): string {
  return `leverans-${d.org}-${d.number}${extra}${d.unsuppressed ? "-EJ-FOR-SPRIDNING" : ""}.${ext}`;
}

/** The indicator and period of a map export: as asked, or the delivery's first indicator and its latest NYKO-3 period. */
function pickIndicatorPeriod(d: Delivery, q: ExportQuery): { indicator: string; period: string; title: string; unit: string } {
  const indicator = q.indicator ?? d.cells.find((c) => c.level === 3)?.indicator;
  const def = d.definitions.find((x) => x.id === indicator);
  if (!indicator || !def) throw new AppError(404, "not-found", { message: "Indikatorn finns inte i leveransen." });
  const periods = d.cells.filter((c) => c.indicator === indicator && c.level === 3).map((c) => c.period);
  const period = q.period ?? periods.sort().at(-1);
  if (!period || !periods.includes(period)) throw new AppError(404, "not-found", { message: "Leveransen har inga NYKO 3-celler för den perioden." });
  return { indicator, period, title: def.title, unit: def.unit };
}

/** The NYKO-3 polygons in force today, named from the NYKO register. */
function features(ctx: AppContext) {
  const date = stockholmDate(ctx.clock.now());
  const row = registerAt(ctx.db, "polygons", date);
  if (!row) throw new AppError(404, "not-found", { message: "Inget polygonregister är inläst." });
  const register = nykoRegisterAt(ctx.db, date);
  return parseAreaPolygons(row.payload, (c) => register.nameOf(c));
}

export function exportDeliveryCsv(ctx: AppContext, p: Principal, q: ExportQuery): ExportFile {
  const d = deliveryFor(ctx, p, q);
  const body = deliveryCsv(d, { decimalComma: q.decimal === "comma" });
  audit(ctx, p, "delivery-csv", { org: d.org, number: d.number, cells: d.cells.length, unsuppressed: d.unsuppressed });
  return { type: "text/csv; charset=utf-8", name: fileName(d, "csv"), body };
}

export function exportDeliveryGeoJson(ctx: AppContext, p: Principal, q: ExportQuery): ExportFile {
  const d = deliveryFor(ctx, p, q);
  const pick = pickIndicatorPeriod(d, q);
  const crs = q.crs ?? "4326";
  const body = indicatorGeoJson(features(ctx), d.cells, { ...pick, crs });
  audit(ctx, p, "delivery-geojson", { org: d.org, number: d.number, indicator: pick.indicator, period: pick.period, crs, unsuppressed: d.unsuppressed });
  return { type: "application/geo+json; charset=utf-8", name: fileName(d, "geojson", `-${pick.indicator}-${pick.period}-${crs}`), body: JSON.stringify(body) };
}

export function exportMap(ctx: AppContext, p: Principal, q: ExportQuery, format: "svg" | "png"): ExportFile {
  const d = deliveryFor(ctx, p, q);
  const pick = pickIndicatorPeriod(d, q);
  const input = { features: features(ctx), cells: d.cells, ...pick };
  audit(ctx, p, `map-${format}`, { org: d.org, number: d.number, indicator: pick.indicator, period: pick.period, unsuppressed: d.unsuppressed });
  const name = fileName(d, format, `-${pick.indicator}-${pick.period}`);
  return format === "png" ? { type: "image/png", name, body: mapPng(input) } : { type: "image/svg+xml; charset=utf-8", name, body: mapSvg(input) };
}

/** The huvudman's export of the records that count, optionally of one template or organisation. */
export function exportRecordsCsv(ctx: AppContext, p: Principal, q: ExportQuery): ExportFile {
  // Only names that exist reach the audit trail: an unknown template or organisation is 404 (never recorded text).
  if (q.templateId !== undefined && latestVersion(ctx.db, q.templateId) === 0) throw new AppError(404, "not-found", { message: "Mallen finns inte." });
  if (q.org !== undefined && !getOrganisation(ctx.db, q.org)) throw new AppError(404, "not-found", { message: "Organisationen finns inte." });
  const records = [...effectiveRecords(ctx.db, { templateId: q.templateId, org: q.org })];
  const body = recordsCsv(records, { decimalComma: q.decimal === "comma" });
  audit(ctx, p, "records-csv", { templateId: q.templateId ?? null, org: q.org ?? null, records: records.length });
  return { type: "text/csv; charset=utf-8", name: `godkanda-poster${q.templateId ? `-${q.templateId}` : ""}.csv`, body };
}
