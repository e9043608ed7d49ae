// An area map of one indicator per NYKO-3 area: classes in a sequential palette, a legend, suppressed areas
// hatched grey and marked `..`, and missing areas (not reported by every expected partner) dotted pale orange and
// marked `saknas`: three different things, never shaded alike. SVG (text and all) and a PNG (the same map without text, for hosts that need a bitmap).
import { encodePng } from "../../shared/charts/png";
import { createImage, drawLine, parseHexColour, setPixel, type Rgba } from "../../shared/charts/raster";
import { cellStatus, MISSING_MARK, SUPPRESSED_MARK, type DeliveryCell } from "../../shared/protocol/delivery";
import type { MapFeature } from "./geojson";

const PALETTE = ["#EFF3FF", "#BDD7E7", "#6BAED6", "#3182BD", "#08519C"];
const NO_VALUE = "#FFFFFF";
const SUPPRESSED = "#BDBDBD";
const MISSING = "#FDD9A8";
const MISSING_DOT: Rgba = [166, 97, 26, 255];

/** What an area shows: a class of values, suppressed (`..`), missing (`saknas`), or no cell at all. */
export type AreaState = "value" | "suppressed" | "missing" | "none";

export interface MapInput {
  features: readonly MapFeature[];
  cells: readonly DeliveryCell[];
  indicator: string;
  title: string;
  period: string;
  unit: string;
  width?: number;
}

interface Classified {
  feature: MapFeature;
  cell: DeliveryCell | undefined;
  state: AreaState;
  colour: string;
}

function areaState(cell: DeliveryCell | undefined): AreaState {
  if (!cell) return "none";
  const s = cellStatus(cell);
  return s === "value" && cell.value === null ? "none" : s;
}

/** Equal-count class breaks over the published values (at most five classes). */
export function classBreaks(values: readonly number[]): number[] {
  const sorted = [...new Set(values)].sort((a, b) => a - b);
  if (sorted.length <= PALETTE.length) return sorted;
  return PALETTE.map((_, k) => sorted[Math.min(sorted.length - 1, Math.floor(((k + 1) * sorted.length) / PALETTE.length) - 1)]);
}

function classify(input: MapInput): { items: Classified[]; breaks: number[] } {
  const byNyko = new Map(input.cells.filter((c) => c.level === 3 && c.indicator === input.indicator && c.period === input.period).map((c) => [c.nyko, c]));
  const values = [...byNyko.values()].filter((c) => areaState(c) === "value").map((c) => c.value as number);
  const breaks = classBreaks(values);
  const items = input.features.map((feature) => {
    const cell = byNyko.get(feature.nyko);
    const state = areaState(cell);
    let colour = NO_VALUE;
    if (state === "suppressed") colour = SUPPRESSED;
    else if (state === "missing") colour = MISSING;
    else if (state === "value") colour = PALETTE[Math.max(0, breaks.findIndex((b) => (cell!.value as number) <= b))];
    return { feature, cell, state, colour };
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

function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function fmt(v: number): string {
  return (Math.round(v * 10) / 10).toLocaleString("sv-SE");
}

export function mapSvg(input: MapInput): string {
  const width = input.width ?? 800;
  const mapH = Math.round(width * 0.8);
  const legendH = 150;
  const { items, breaks } = classify(input);
  const xy = frame(input.features, width, mapH, 20);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${mapH + legendH + 30}" viewBox="0 0 ${width} ${mapH + legendH + 30}" font-family="Segoe UI, Arial, sans-serif">`,
    `<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="${SUPPRESSED}"/><line x1="0" y1="0" x2="0" y2="6" stroke="#555" stroke-width="1.5"/></pattern>` +
      `<pattern id="missing" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="${MISSING}"/><circle cx="4" cy="4" r="1.3" fill="#A6611A"/></pattern></defs>`,
    `<text x="20" y="22" font-size="16" font-weight="bold">${escapeXml(`${input.title}, ${input.period}`)}</text>`,
    `<g transform="translate(0,30)">`,
  ];
  for (const it of items) {
    const d = it.feature.polygons
      .flatMap((poly) => poly.map((ring) => "M" + ring.map(([e, n]) => xy(e, n).map((v) => v.toFixed(1)).join(",")).join("L") + "Z"))
      .join("");
    const fill = it.state === "suppressed" ? "url(#hatch)" : it.state === "missing" ? "url(#missing)" : it.colour;
    const shown = it.state === "suppressed" ? SUPPRESSED_MARK : it.state === "missing" ? MISSING_MARK : it.state === "value" ? fmt(it.cell!.value as number) : "–";
    parts.push(`<path d="${d}" fill="${fill}" fill-rule="evenodd" stroke="#333" stroke-width="0.6" data-state="${it.state}"><title>${escapeXml(`${it.feature.nyko} ${it.feature.name ?? ""}: ${shown}`)}</title></path>`);
    if (it.state === "suppressed" || it.state === "missing") {
      const ring = it.feature.polygons[0][0];
      const [cx, cy] = xy(ring.reduce((s, p) => s + p[0], 0) / ring.length, ring.reduce((s, p) => s + p[1], 0) / ring.length);
      parts.push(`<text x="${cx.toFixed(1)}" y="${cy.toFixed(1)}" font-size="${it.state === "missing" ? 10 : 14}" font-weight="bold" text-anchor="middle">${it.state === "missing" ? MISSING_MARK : SUPPRESSED_MARK}</text>`);
    }
  }
  parts.push("</g>");
  const ly = mapH + 40;
  parts.push(`<text x="20" y="${ly}" font-size="13" font-weight="bold">${escapeXml(input.unit)}</text>`);
  const legend: { fill: string; label: string }[] = breaks.map((b, k) => ({ fill: PALETTE[k], label: k === 0 ? `≤ ${fmt(b)}` : `${fmt(breaks[k - 1])}–${fmt(b)}` }));
  legend.push(
    { fill: "url(#hatch)", label: `${SUPPRESSED_MARK} undertryckt (röjandekontroll)` },
    { fill: "url(#missing)", label: `${MISSING_MARK}: ej inrapporterat av alla parter (inte 0)` },
    { fill: NO_VALUE, label: "inget värde" },
  );
  legend.forEach((l, k) => {
    const y = ly + 10 + k * 18;
    parts.push(`<rect x="20" y="${y}" width="24" height="14" fill="${l.fill}" stroke="#333" stroke-width="0.6"/><text x="52" y="${y + 12}" font-size="12">${escapeXml(l.label)}</text>`);
  });
  parts.push("</svg>");
  return parts.join("\n");
}

/** The same map as PNG (no text: the legend's swatches only, suppressed areas hatched). */
export function mapPng(input: MapInput): Uint8Array {
  const width = input.width ?? 640;
  const mapH = Math.round(width * 0.8);
  const img = createImage(width, mapH + 30);
  const { items, breaks } = classify(input);
  const xy = frame(input.features, width, mapH, 10);
  for (const it of items) {
    const colour = parseHexColour(it.colour);
    const rings = it.feature.polygons.flatMap((poly) => poly.map((ring) => ring.map(([e, n]) => xy(e, n))));
    fillRings(img, rings, (x, y) =>
      it.state === "suppressed" && (x + y) % 6 < 2 ? [85, 85, 85, 255] : it.state === "missing" && x % 6 === 0 && y % 6 === 0 ? MISSING_DOT : colour,
    );
  }
  const border: Rgba = [51, 51, 51, 255];
  for (const it of items)
    for (const poly of it.feature.polygons)
      for (const ring of poly)
        for (let k = 1; k < ring.length; k++) {
          const [x0, y0] = xy(ring[k - 1][0], ring[k - 1][1]);
          const [x1, y1] = xy(ring[k][0], ring[k][1]);
          drawLine(img, x0, y0, x1, y1, border);
        }
  const swatches = [...breaks.map((_, k) => PALETTE[k]), SUPPRESSED, MISSING];
  swatches.forEach((c, k) => {
    const col = parseHexColour(c);
    const hatched = c === SUPPRESSED;
    const dotted = c === MISSING;
    for (let y = mapH + 8; y < mapH + 22; y++)
      for (let x = 10 + k * 30; x < 34 + k * 30; x++)
        setPixel(img, x, y, hatched && (x + y) % 6 < 2 ? [85, 85, 85, 255] : dotted && x % 6 === 0 && y % 6 === 0 ? MISSING_DOT : col);
  });
  return encodePng(img);
}

/** Even-odd scanline fill of pixel-space rings. */
function fillRings(img: ReturnType<typeof createImage>, rings: [number, number][][], colourAt: (x: number, y: number) => Rgba): void {
  let minY = Infinity, maxY = -Infinity;
  for (const r of rings) for (const [, y] of r) { minY = Math.min(minY, y); maxY = Math.max(maxY, y); }
  for (let y = Math.max(0, Math.floor(minY)); y <= Math.min(img.height - 1, Math.ceil(maxY)); y++) {
    const sy = y + 0.5;
    const xs: number[] = [];
    for (const r of rings) for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
      const [x0, y0] = r[j];
      const [x1, y1] = r[i];
      if ((y0 > sy) !== (y1 > sy)) xs.push(x0 + ((sy - y0) / (y1 - y0)) * (x1 - x0));
    }
    xs.sort((a, b) => a - b);
    for (let k = 0; k + 1 < xs.length; k += 2) for (let x = Math.max(0, Math.round(xs[k])); x < Math.min(img.width, Math.round(xs[k + 1])); x++) setPixel(img, x, y, colourAt(x, y));
  }
}
