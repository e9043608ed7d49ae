// An area map of one indicator per NYKO-3 area: classes in a sequential palette, a title, a legend with the value
// ranges, suppressed areas hatched grey and marked `..`, missing areas (not reported by every expected partner)
// dotted pale orange and marked `saknas`, and each area's name and value where they fit. The SVG is
// the one source: `map.png` and the picture in every indicator sheet are this SVG rendered (sync-server/pictures/
// svg-png.ts on the server, the browser's canvas in the task pane).
//
// Each area carries its state (`class="area state-<state>"`, `data-state`); how a state is drawn and explained in
// the legend is the table AREA_STATES, so a new state (for example areas where someone has not reported) is a row
// there and a case in `areaState`.
import { escapeXml } from "../../shared/charts/chart-svg";
import { cellStatus, MISSING_MARK, SUPPRESSED_MARK, type DeliveryCell } from "../../shared/protocol/delivery";
import { svgToPng } from "../pictures/svg-png";
import type { MapFeature } from "./geojson";

const PALETTE = ["#EFF3FF", "#BDD7E7", "#6BAED6", "#3182BD", "#08519C"];
/** Classes from this one on are dark: their labels are white. */
const DARK_FROM = 3;
const NO_VALUE = "#FFFFFF";
const SUPPRESSED = "#BDBDBD";
const MISSING = "#FDD9A8";
export const MAP_FONT_FAMILY = "DejaVu Sans, Segoe UI, Arial, sans-serif";
const TEXT = "#1A1A1A";

export type AreaState = "value" | "suppressed" | "missing" | "no-value";

/** How each state other than "value" is drawn: its fill, the mark in the area, and its legend line. */
export const AREA_STATES: Record<Exclude<AreaState, "value">, { fill: string; mark: string; legend: string }> = {
  suppressed: { fill: "url(#hatch)", mark: SUPPRESSED_MARK, legend: `${SUPPRESSED_MARK} undertryckt (röjandekontroll)` },
  // Not reported by every expected partner: never a number, never shaded like a suppressed area.
  missing: { fill: "url(#missing)", mark: MISSING_MARK, legend: `${MISSING_MARK}: ej inrapporterat av alla parter (inte 0)` },
  "no-value": { fill: NO_VALUE, mark: "–", legend: "– inget värde" },
};

export function areaState(cell: DeliveryCell | undefined): AreaState {
  if (!cell) return "no-value";
  const status = cellStatus(cell);
  if (status !== "value") return status;
  if (cell.value === null) return "no-value";
  return "value";
}

export interface MapInput {
  features: readonly MapFeature[];
  cells: readonly DeliveryCell[];
  indicator: string;
  title: string;
  period: string;
  unit: string;
  width?: number;
  /** The NYKO level of the features and cells (default 3). */
  level?: number;
}

interface Classified {
  feature: MapFeature;
  cell: DeliveryCell | undefined;
  state: AreaState;
  /** Palette class of a value, else -1. */
  klass: number;
}

/** Equal-count class breaks over the published values (at most five classes). */
export function classBreaks(values: readonly number[]): number[] {
  const sorted = [...new Set(values)].sort((a, b) => a - b);
  if (sorted.length <= PALETTE.length) return sorted;
  return PALETTE.map((_, k) => sorted[Math.min(sorted.length - 1, Math.floor(((k + 1) * sorted.length) / PALETTE.length) - 1)]);
}

function classify(input: MapInput): { items: Classified[]; breaks: number[] } {
  const byNyko = new Map(input.cells.filter((c) => c.level === (input.level ?? 3) && c.indicator === input.indicator && c.period === input.period).map((c) => [c.nyko, c]));
  const values = [...byNyko.values()].filter((c) => areaState(c) === "value").map((c) => c.value as number);
  const breaks = classBreaks(values);
  const items = input.features.map((feature) => {
    const cell = byNyko.get(feature.nyko);
    const state = areaState(cell);
    const klass = state === "value" ? Math.max(0, breaks.findIndex((b) => (cell!.value as number) <= b)) : -1;
    return { feature, cell, state, klass };
  });
  return { items, breaks };
}

function frame(features: readonly MapFeature[], width: number, height: number, pad: number) {
  let minE = Infinity, minN = Infinity, maxE = -Infinity, maxN = -Infinity;
  for (const f of features) for (const poly of f.polygons) for (const [e, n] of poly[0]) {
    minE = Math.min(minE, e); maxE = Math.max(maxE, e); minN = Math.min(minN, n); maxN = Math.max(maxN, n);
  }
  const scale = Math.min((width - 2 * pad) / (maxE - minE || 1), (height - 2 * pad) / (maxN - minN || 1));
  return (e: number, n: number): [number, number] => [pad + (e - minE) * scale, pad + (maxN - n) * scale];
}

function fmt(v: number): string {
  return (Math.round(v * 10) / 10).toLocaleString("sv-SE");
}

/** Width of a text in DejaVu Sans, roughly (average advance 0.6 em, generous so a label that "fits" does). */
export function textWidth(text: string, fontSize: number): number {
  return text.length * fontSize * 0.62;
}

/** The area and area-weighted centroid of a ring, in pixels. */
function ringGeometry(ring: [number, number][]) {
  let a = 0, cx = 0, cy = 0;
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity; // for a degenerate ring's centre
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x0, y0] = ring[j];
    const [x1, y1] = ring[i];
    const cross = x0 * y1 - x1 * y0;
    a += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
    minX = Math.min(minX, x1); maxX = Math.max(maxX, x1); minY = Math.min(minY, y1); maxY = Math.max(maxY, y1);
  }
  const centre: [number, number] = Math.abs(a) < 1e-9 ? [(minX + maxX) / 2, (minY + maxY) / 2] : [cx / (3 * a), cy / (3 * a)];
  return { area: Math.abs(a) / 2, centre };
}

const LABEL_SIZE = 10;
const LINE_HEIGHT = LABEL_SIZE * 1.25;

function inside(ring: readonly [number, number][], x: number, y: number): boolean {
  let odd = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x0, y0] = ring[j];
    const [x1, y1] = ring[i];
    if (y0 > y !== y1 > y && x < x0 + ((y - y0) / (y1 - y0)) * (x1 - x0)) odd = !odd;
  }
  return odd;
}

/** The lines of an area's label whose box lies inside the area (name and value, or the value alone, or nothing). */
function labelLines(name: string, value: string, ring: readonly [number, number][], [cx, cy]: [number, number]): string[] {
  const fits = (lines: string[]) => {
    const w = Math.max(...lines.map((l) => textWidth(l, LABEL_SIZE))) / 2 + 2;
    const h = (lines.length * LINE_HEIGHT) / 2 + 1;
    const probes: [number, number][] = [[-1, -1], [0, -1], [1, -1], [-1, 0], [1, 0], [-1, 1], [0, 1], [1, 1]];
    return probes.every(([dx, dy]) => inside(ring, cx + dx * w, cy + dy * h));
  };
  for (const lines of [[name, value], [value]]) if (fits(lines)) return lines;
  return [];
}

export function mapSvg(input: MapInput): string {
  const width = input.width ?? 800;
  const mapH = Math.round(width * 0.8);
  const { items, breaks } = classify(input);
  const legend: { fill: string; label: string; state: AreaState }[] = breaks.map((b, k) => ({
    fill: PALETTE[k],
    label: k === 0 ? `≤ ${fmt(b)}` : `${fmt(breaks[k - 1])} – ${fmt(b)}`,
    state: "value",
  }));
  for (const [state, s] of Object.entries(AREA_STATES)) legend.push({ fill: s.fill, label: s.legend, state: state as AreaState });
  const legendH = 30 + legend.length * 18;
  const height = mapH + 30 + legendH;
  const xy = frame(input.features, width, mapH, 20);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${MAP_FONT_FAMILY}" fill="${TEXT}">`,
    `<rect width="${width}" height="${height}" fill="#FFFFFF"/>`,
    `<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="${SUPPRESSED}"/><line x1="0" y1="0" x2="0" y2="6" stroke="#555" stroke-width="1.5"/></pattern>` +
      `<pattern id="missing" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="${MISSING}"/><circle cx="4" cy="4" r="1.3" fill="#A6611A"/></pattern></defs>`,
    `<text class="title" x="20" y="22" font-size="16" font-weight="bold">${escapeXml(`${input.title}, ${input.period}`)}</text>`,
    `<g transform="translate(0,30)">`,
  ];
  const labels: string[] = [];
  for (const it of items) {
    const rings = it.feature.polygons.map((poly) => poly.map((ring) => ring.map(([e, n]) => xy(e, n))));
    const d = rings.flatMap((poly) => poly.map((ring) => "M" + ring.map((p) => p.map((v) => v.toFixed(1)).join(",")).join("L") + "Z")).join("");
    const fill = it.state === "value" ? PALETTE[it.klass] : AREA_STATES[it.state].fill;
    const value = it.state === "value" ? fmt(it.cell!.value as number) : AREA_STATES[it.state].mark;
    const name = it.feature.name ?? it.feature.nyko;
    parts.push(
      `<path class="area state-${it.state}" data-state="${it.state}" data-nyko="${escapeXml(it.feature.nyko)}" d="${d}" fill="${fill}" fill-rule="evenodd" stroke="#333" stroke-width="0.6"><title>${escapeXml(`${it.feature.nyko} ${it.feature.name ?? ""}: ${value}`)}</title></path>`,
    );
    // The label goes in the largest polygon; the state's mark (`..`) is always drawn, big, where nothing else fits.
    const largest = rings.map((poly) => ({ ring: poly[0], ...ringGeometry(poly[0]) })).sort((a, b) => b.area - a.area)[0];
    if (!largest) continue;
    const [cx, cy] = largest.centre;
    const lines = labelLines(name, value, largest.ring, largest.centre);
    const light = it.state === "value" && it.klass >= DARK_FROM;
    const halo = light ? "" : ` stroke="#FFFFFF" stroke-width="2.5" stroke-linejoin="round" paint-order="stroke"`;
    if (lines.length) {
      const top = cy - ((lines.length - 1) * LINE_HEIGHT) / 2 + LABEL_SIZE * 0.35;
      // The last line is the value (bold), or the state's mark (larger, so that `..` is seen).
      const last = it.state === "value" ? ' font-weight="bold"' : ' font-weight="bold" font-size="13"';
      const tspans = lines.map((l, k) => `<tspan x="${cx.toFixed(1)}" y="${(top + k * LINE_HEIGHT).toFixed(1)}"${k === lines.length - 1 ? last : ""}>${escapeXml(l)}</tspan>`).join("");
      labels.push(`<text class="label state-${it.state}" data-state="${it.state}" font-size="${LABEL_SIZE}" text-anchor="middle" fill="${light ? "#FFFFFF" : TEXT}"${halo}>${tspans}</text>`);
    } else if (it.state !== "value") {
      labels.push(`<text class="mark state-${it.state}" data-state="${it.state}" x="${cx.toFixed(1)}" y="${(cy + 5).toFixed(1)}" font-size="14" font-weight="bold" text-anchor="middle"${halo}>${escapeXml(AREA_STATES[it.state].mark)}</text>`);
    }
  }
  parts.push(...labels, "</g>");
  const ly = mapH + 40;
  parts.push(`<text class="legend-title" x="20" y="${ly}" font-size="13" font-weight="bold">${escapeXml(input.unit)}</text>`);
  legend.forEach((l, k) => {
    const y = ly + 10 + k * 18;
    parts.push(`<g class="legend state-${l.state}" data-state="${l.state}"><rect x="20" y="${y}" width="24" height="14" fill="${l.fill}" stroke="#333" stroke-width="0.6"/><text x="52" y="${y + 12}" font-size="12">${escapeXml(l.label)}</text></g>`);
  });
  parts.push("</svg>");
  return parts.join("\n");
}

/** The same map as PNG: the SVG rendered. */
export function mapPng(input: MapInput): Buffer {
  return svgToPng(mapSvg(input)).png;
}
