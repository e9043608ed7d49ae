// /api/exports: a delivery as CSV, GeoJSON (EPSG:3006 or WGS 84) and an area map (SVG, PNG); the huvudman's export
// of the de-identified approved records. Exports are made from the organisation's stored delivery, whose tables
// passed `discloseForReader` when the round was made (so an export never shows another pattern than the delivery);
// every export is written to the audit trail.
import { Router, type Response } from "express";
import { exportQuerySchema } from "../../shared/protocol/api";
import type { Delivery } from "../../shared/protocol/delivery";
import { AppError } from "../../shared/protocol/errors";
import { appendAudit } from "../audit/log";
import { principalOf, requireOrgAccess, requireUser, type Principal } from "../auth/principal";
import type { AppContext } from "../context";
import { nykoRegisterAt } from "../registers/current";
import { deliveryCsv, recordsCsv } from "../exports/csv";
import { indicatorGeoJson, parseAreaPolygons } from "../exports/geojson";
import { mapPng, mapSvg } from "../exports/map";
import { parseInput } from "../http/validate";
import { getDelivery } from "../stores/deliveries";
import { registerAt } from "../stores/registers";
import { effectiveRecords } from "../stores/submissions";
import { stockholmDate } from "../../shared/periods/stockholm";

type ExportQuery = ReturnType<typeof exportQuerySchema.parse>;

function deliveryFor(ctx: AppContext, p: Principal, q: ExportQuery): Delivery {
  const org = q.org ?? p.org;
  requireOrgAccess(p, org);
  const d = getDelivery(ctx.db, org, q.number === undefined ? undefined : Number(q.number));
  if (!d) throw new AppError(404, "not-found", { message: "Ingen leverans finns." });
  return d;
}

function audit(ctx: AppContext, p: Principal, kind: string, details: Record<string, unknown>): void {
  appendAudit(ctx.db, ctx.clock, { actor: p.auditId, action: `export.${kind}`, details });
}

function fileName(d: Delivery, ext: string, extra = ""): string {
  return `leverans-${d.org}-${d.number}${extra}${d.unsuppressed ? "-EJ-FOR-SPRIDNING" : ""}.${ext}`;
}

function attach(res: Response, type: string, name: string): void {
  res.setHeader("Content-Type", type);
  res.setHeader("Content-Disposition", `attachment; filename="${name.replace(/[^A-Za-z0-9._-]/g, "_")}"`);
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

export function exportsRouter(ctx: AppContext): Router {
  const r = Router();
  const features = () => {
    const date = stockholmDate(ctx.clock.now());
    const row = registerAt(ctx.db, "polygons", date);
    if (!row) throw new AppError(404, "not-found", { message: "Inget polygonregister är inläst." });
    const register = nykoRegisterAt(ctx.db, date);
    return parseAreaPolygons(row.payload, (c) => register.nameOf(c));
  };
  r.get("/delivery.csv", (req, res) => {
    const p = principalOf(res);
    const q = parseInput(exportQuerySchema, req.query);
    const d = deliveryFor(ctx, p, q);
    const body = deliveryCsv(d, { decimalComma: q.decimal === "comma" });
    audit(ctx, p, "delivery-csv", { org: d.org, number: d.number, cells: d.cells.length, unsuppressed: d.unsuppressed });
    attach(res, "text/csv; charset=utf-8", fileName(d, "csv"));
    res.send(body);
  });
  r.get("/delivery.geojson", (req, res) => {
    const p = principalOf(res);
    const q = parseInput(exportQuerySchema, req.query);
    const d = deliveryFor(ctx, p, q);
    const pick = pickIndicatorPeriod(d, q);
    const crs = q.crs ?? "4326";
    const body = indicatorGeoJson(features(), d.cells, { ...pick, crs });
    audit(ctx, p, "delivery-geojson", { org: d.org, number: d.number, indicator: pick.indicator, period: pick.period, crs, unsuppressed: d.unsuppressed });
    attach(res, "application/geo+json; charset=utf-8", fileName(d, "geojson", `-${pick.indicator}-${pick.period}-${crs}`));
    res.send(JSON.stringify(body));
  });
  // The same PNG as JSON (base64 with its size), for the add-in, which inserts it into the indicator's sheet.
  r.get("/map.json", (req, res) => {
    const p = principalOf(res);
    const q = parseInput(exportQuerySchema, req.query);
    const d = deliveryFor(ctx, p, q);
    const pick = pickIndicatorPeriod(d, q);
    const png = Buffer.from(mapPng({ features: features(), cells: d.cells, ...pick }));
    audit(ctx, p, "map-png", { org: d.org, number: d.number, indicator: pick.indicator, period: pick.period, unsuppressed: d.unsuppressed });
    // IHDR: width and height are the big-endian words at bytes 16 and 20 of a PNG.
    res.json({ indicator: pick.indicator, period: pick.period, title: pick.title, pngBase64: png.toString("base64"), widthPx: png.readUInt32BE(16), heightPx: png.readUInt32BE(20) });
  });
  r.get(["/map.svg", "/map.png"], (req, res) => {
    const p = principalOf(res);
    const q = parseInput(exportQuerySchema, req.query);
    const d = deliveryFor(ctx, p, q);
    const pick = pickIndicatorPeriod(d, q);
    const png = req.path.endsWith(".png");
    const input = { features: features(), cells: d.cells, ...pick };
    audit(ctx, p, png ? "map-png" : "map-svg", { org: d.org, number: d.number, indicator: pick.indicator, period: pick.period, unsuppressed: d.unsuppressed });
    if (png) {
      attach(res, "image/png", fileName(d, "png", `-${pick.indicator}-${pick.period}`));
      res.send(Buffer.from(mapPng(input)));
    } else {
      attach(res, "image/svg+xml; charset=utf-8", fileName(d, "svg", `-${pick.indicator}-${pick.period}`));
      res.send(mapSvg(input));
    }
  });
  r.get("/records.csv", (req, res) => {
    const p = principalOf(res);
    requireUser(p, "huvudman");
    const q = parseInput(exportQuerySchema, req.query);
    const records = [...effectiveRecords(ctx.db, { templateId: q.templateId, org: q.org })];
    const body = recordsCsv(records, { decimalComma: q.decimal === "comma" });
    audit(ctx, p, "records-csv", { templateId: q.templateId ?? null, org: q.org ?? null, records: records.length });
    attach(res, "text/csv; charset=utf-8", `godkanda-poster${q.templateId ? `-${q.templateId}` : ""}.csv`);
    res.send(body);
  });
  return r;
}
