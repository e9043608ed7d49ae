// Renders a simple column or line chart as a PNG (for hosts that cannot make a native chart, such as ExcelJS).
// Axes, bars or lines, light gridlines; no text (the sheet carries the title and the numbers).
import { encodePng, toBase64 } from "./png";
import { createImage, drawLine, fillRect, parseHexColour, type Rgba } from "./raster";

export interface ChartImageInput {
  kind: "column" | "line";
  /** One array per series, one value per category; null is a gap. */
  series: (number | null)[][];
  width?: number;
  height?: number;
}

const PALETTE = ["#0F6CBD", "#C4314B", "#13A10E", "#8764B8", "#CA5010", "#038387"].map((c) => parseHexColour(c));
const AXIS: Rgba = [96, 96, 96, 255];
const GRID: Rgba = [225, 225, 225, 255];

export function renderChartPng(input: ChartImageInput): Uint8Array {
  const width = input.width ?? 480;
  const height = input.height ?? 288;
  const img = createImage(width, height);
  const left = 24;
  const bottom = height - 20;
  const top = 12;
  const right = width - 12;
  const values = input.series.flat().filter((v): v is number => typeof v === "number" && Number.isFinite(v));
  const max = Math.max(0, ...values);
  const min = Math.min(0, ...values);
  const span = max - min || 1;
  const yOf = (v: number) => bottom - ((v - min) / span) * (bottom - top);
  for (let g = 1; g <= 4; g++) drawLine(img, left, bottom - ((bottom - top) * g) / 4, right, bottom - ((bottom - top) * g) / 4, GRID);
  const categories = Math.max(1, ...input.series.map((s) => s.length));
  const slot = (right - left) / categories;
  input.series.forEach((series, si) => {
    const colour = PALETTE[si % PALETTE.length];
    if (input.kind === "column") {
      const barWidth = Math.max(1, (slot * 0.8) / input.series.length);
      series.forEach((v, ci) => {
        if (v === null || !Number.isFinite(v)) return;
        const x = left + ci * slot + slot * 0.1 + si * barWidth;
        const y0 = yOf(Math.max(v, 0));
        const y1 = yOf(Math.min(v, 0));
        fillRect(img, x, y0, barWidth, Math.max(1, y1 - y0), colour);
      });
    } else {
      let prev: [number, number] | null = null;
      series.forEach((v, ci) => {
        if (v === null || !Number.isFinite(v)) {
          prev = null;
          return;
        }
        const point: [number, number] = [left + ci * slot + slot / 2, yOf(v)];
        if (prev) drawLine(img, prev[0], prev[1], point[0], point[1], colour, 2);
        fillRect(img, point[0] - 2, point[1] - 2, 5, 5, colour);
        prev = point;
      });
    }
  });
  drawLine(img, left, top, left, bottom, AXIS);
  drawLine(img, left, yOf(0), right, yOf(0), AXIS);
  return encodePng(img);
}

export function renderChartPngBase64(input: ChartImageInput): string {
  return toBase64(renderChartPng(input));
}
