// /api/exports: a delivery as CSV, GeoJSON and an area map (SVG, and PNG rendered from that SVG); the
// huvudman's export of the de-identified approved records. Every export is audited (exports/delivery-exports.ts).
import { Router, type Response } from "express";
import { exportQuerySchema } from "../../shared/protocol/api";
import { principalOf, requireUser } from "../auth/principal";
import type { AppContext } from "../context";
import { exportDeliveryCsv, exportDeliveryGeoJson, exportMap, exportRecordsCsv, type ExportFile } from "../exports/delivery-exports";
import { parseInput } from "../http/validate";

function send(res: Response, file: ExportFile): void {
  res.setHeader("Content-Type", file.type);
  res.setHeader("Content-Disposition", `attachment; filename="${file.name.replace(/[^A-Za-z0-9._-]/g, "_")}"`);
  res.send(file.body);
}

export function exportsRouter(ctx: AppContext): Router {
  const r = Router();
  r.get("/delivery.csv", (req, res) => {
    send(res, exportDeliveryCsv(ctx, principalOf(res), parseInput(exportQuerySchema, req.query)));
  });
  r.get("/delivery.geojson", (req, res) => {
    send(res, exportDeliveryGeoJson(ctx, principalOf(res), parseInput(exportQuerySchema, req.query)));
  });
  r.get(["/map.svg", "/map.png"], (req, res) => {
    send(res, exportMap(ctx, principalOf(res), parseInput(exportQuerySchema, req.query), req.path.endsWith(".png") ? "png" : "svg"));
  });
  r.get("/records.csv", (req, res) => {
    const p = principalOf(res);
    requireUser(p, "huvudman");
    send(res, exportRecordsCsv(ctx, p, parseInput(exportQuerySchema, req.query)));
  });
  return r;
}
