// What the yearly analysis is made from (GET /api/reports/year): the published cells of the year and the year before,
// as the deliveries to readers below the huvudman carried them (each cell as the newest round published it: a value,
// `..` or `saknas`), never the huvudman's unsuppressed view; the definitions, threshold and reporting of the newest
// round; the NYKO areas; and an area map per indicator of the year's published values (SVG, drawn by the same map
// writer as every delivery map). Reading is all it does: nothing is stored, and the audit trail records the report.
import { loadNykoRegister } from "../../shared/areas";
import { stockholmDate } from "../../shared/periods/stockholm";
import { deliverySchema, type DeliveryCell } from "../../shared/protocol/delivery";
import { AppError } from "../../shared/protocol/errors";
import type { YearReportInputs } from "../../shared/protocol/year-report";
import { PublishedCells, windowText, yearValue, yearWindow } from "../../shared/reports/year-values";
import { appendAudit } from "../audit/log";
import type { Principal } from "../auth/principal";
import type { AppContext } from "../context";
import { inTransaction } from "../db/database";
import { nykoAreas } from "../registers/read";
import { publishedDeliveries } from "../stores/deliveries";
import { registerAt } from "../stores/registers";
import { parseAreaPolygons, type MapFeature } from "../exports/geojson";
import { mapSvg } from "../exports/map";

export const NO_YEAR_DELIVERY = "no-year-delivery";


const inYears = (period: string, years: readonly string[]) => years.some((y) => period.startsWith(y));

/** The published cells of `year` and `year - 1`, gathered from every delivery to a reader below the huvudman. */
function gatherPublished(ctx: AppContext, year: number) {
  const years = [String(year - 1), String(year)];
  const cells = new Map<string, DeliveryCell>();
  const definitions = new Map<string, YearReportInputs["definitions"][number]>();
  const rounds = new Map<number, string>();
  let threshold = 3;
  let reporting: YearReportInputs["reporting"] = null;
  let source = "";
  for (const row of publishedDeliveries(ctx.db)) {
    const parsed = deliverySchema.safeParse(JSON.parse(row.json));
    // Only what was published: a delivery that is somehow unsuppressed is never used.
    if (!parsed.success || parsed.data.unsuppressed) continue;
    const d = parsed.data;
    let used = false;
    for (const c of d.cells) {
      if (!inYears(c.period, years)) continue;
      cells.set(`${c.indicator}|${c.nyko ?? ""}|${c.periodType}|${c.period}`, c);
      used = true;
    }
    if (!used) continue;
    rounds.set(row.roundId, row.ranAt);
    for (const def of d.definitions) definitions.set(def.id, def);
    threshold = d.threshold;
    source = d.source;
    if (d.reporting) reporting = d.reporting;
  }
  return { cells: [...cells.values()], definitions: [...definitions.values()], rounds: [...rounds].map(([id, ranAt]) => ({ id, ranAt })), threshold, reporting, source };
}

/** NYKO-3 polygons gathered into areas of `level` (an area's polygons are its NYKO-3 areas' polygons). */
function featuresAtLevel(nyko3: readonly MapFeature[], level: number, parentAt: (code: string) => string | null, nameOf: (code: string) => string | null): MapFeature[] {
  if (level === 3) return [...nyko3];
  const out = new Map<string, MapFeature>();
  for (const f of nyko3) {
    const code = parentAt(f.nyko);
    if (!code) continue;
    const area = out.get(code) ?? { nyko: code, name: nameOf(code), polygons: [] };
    area.polygons.push(...f.polygons);
    out.set(code, area);
  }
  return [...out.values()];
}

/** The year's area map of every indicator: NYKO-2 where the indicator is published by NYKO-2, else NYKO-3. */
function yearMaps(ctx: AppContext, inputs: Pick<YearReportInputs, "definitions" | "cells">, window: { year: number; lastMonth: number }): Record<string, string | null> {
  const maps: Record<string, string | null> = {};
  const date = stockholmDate(ctx.clock.now());
  const polygons = registerAt(ctx.db, "polygons", date);
  const nykoRow = registerAt(ctx.db, "nyko-areas", date);
  const register = nykoRow ? loadNykoRegister(nykoRow.payload) : null;
  if (!polygons || !register?.ok) {
    for (const def of inputs.definitions) maps[def.id] = null;
    return maps;
  }
  const reg = register.value;
  const nyko3 = parseAreaPolygons(polygons.payload, (c) => reg.nameOf(c));
  const published = new PublishedCells(inputs.cells);
  const period = windowText(window.year, window.lastMonth);
  for (const def of inputs.definitions) {
    const level = [2, 3].find((l) => inputs.cells.some((c) => c.indicator === def.id && c.level === l));
    if (level === undefined) {
      maps[def.id] = null;
      continue;
    }
    const features = featuresAtLevel(nyko3, level, (c) => reg.nykoAtLevel(c, level), (c) => reg.nameOf(c));
    const cells: DeliveryCell[] = features.map((f) => {
      const v = yearValue(published, def.id, f.nyko, window, def.factor === "none");
      const base = { indicator: def.id, nyko: f.nyko, level, periodType: "year" as const, period };
      if (v.status === "value") return { ...base, value: v.value, suppressed: false, status: "value" };
      if (v.status === "none") return { ...base, value: null, suppressed: false, status: "value" };
      return { ...base, value: null, suppressed: v.status === "suppressed", status: v.status };
    });
    maps[def.id] = mapSvg({ features, cells, indicator: def.id, title: def.title, period, unit: def.unit, level });
  }
  return maps;
}

/** The huvudman's yearly analysis inputs for `year`; 404 with a Swedish message when nothing of the year was published. */
export function yearReportInputs(ctx: AppContext, p: Principal, year: number): YearReportInputs {
  const published = gatherPublished(ctx, year);
  if (!published.cells.some((c) => c.period.startsWith(String(year)))) {
    throw new AppError(404, "not-found", {
      why: NO_YEAR_DELIVERY,
      message: `Ingen leverans innehåller publicerade värden för ${year}. Årsrapporten görs bara av publicerade, röjandekontrollerade värden: den kan göras när en leveransomgång har publicerat perioder av ${year}.`,
    });
  }
  const window = yearWindow(year, published.reporting?.completeThrough ?? null);
  const areas = [...nykoAreas(ctx, stockholmDate(ctx.clock.now())).areas];
  const inputs: Omit<YearReportInputs, "window" | "maps"> = {
    year,
    gatheredAt: ctx.clock.now().toISOString(),
    source: published.source,
    threshold: published.threshold,
    rounds: published.rounds,
    definitions: published.definitions,
    cells: published.cells,
    reporting: published.reporting,
    areas,
    unsuppressed: false,
  };
  const maps: Record<string, string | null> = window ? yearMaps(ctx, inputs, window) : Object.fromEntries(inputs.definitions.map((d) => [d.id, null]));
  inTransaction(ctx.db, () => appendAudit(ctx.db, ctx.clock, { actor: p.auditId, action: "report.year", details: { year, cells: inputs.cells.length, rounds: inputs.rounds.map((r) => r.id) } }));
  return { ...inputs, window, maps };
}
