// A column or line chart as an SVG document: title, legend (when there is more than one series), a value axis with
// round ticks and its title, category labels (thinned out when they would overlap) and the category axis title,
// and an optional footnote line (for example what a gap in the line means). Null is a gap, never 0. Pure TS: the
// server renders it to PNG (sync-server/pictures/svg-png.ts) for hosts without native charts (ExcelJS).

export interface ChartSvgSeries {
  name: string;
  /** One value per category; null is a gap (suppressed or missing), never drawn as 0. */
  values: (number | null)[];
  /** The 95 % interval of each value (null where there is none), drawn as an error band (line) or whiskers (column). */
  low?: (number | null)[];
  high?: (number | null)[];
}

export interface ChartSvgInput {
  kind: "column" | "line";
  title: string;
  categoryTitle?: string;
  valueTitle?: string;
  categories: string[];
  series: ChartSvgSeries[];
  /** A line under the chart, e.g. what the gaps mean. */
  footnote?: string;
  width?: number;
  height?: number;
}

export const CHART_FONT_FAMILY = "DejaVu Sans, Segoe UI, Arial, sans-serif";
const PALETTE = ["#0F6CBD", "#C4314B", "#13A10E", "#8764B8", "#CA5010", "#038387"];
const TEXT = "#1A1A1A";
const MUTED = "#505050";
const GRID = "#E1E1E1";
/** Rough average advance of DejaVu Sans, in em. */
const EM_WIDTH = 0.62;

export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function fmt(v: number): string {
  return (Math.round(v * 100) / 100).toLocaleString("sv-SE");
}

/** A round step (1, 2 or 5 × 10^k) that cuts `span` into about `count` parts. */
export function niceStep(span: number, count = 5): number {
  if (!(span > 0)) return 1;
  const raw = span / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const r = raw / mag;
  return (r <= 1 ? 1 : r <= 2 ? 2 : r <= 5 ? 5 : 10) * mag;
}

/** Shortens a text to fit `width` pixels at `size`, with an ellipsis. */
function fit(text: string, width: number, size: number): string {
  const max = Math.floor(width / (size * EM_WIDTH));
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
}

export function chartSvg(input: ChartSvgInput): string {
  const width = input.width ?? 560;
  const height = input.height ?? 320;
  const title = input.title.trim();
  const legend = input.series.length > 1;
  const top = 12 + (title ? 22 : 0) + (legend ? 20 : 0);
  const bottom = height - 26 - (input.categoryTitle ? 18 : 0) - (input.footnote ? 16 : 0);
  const left = 52 + (input.valueTitle ? 18 : 0);
  const right = width - 16;

  const values = input.series.flatMap((s) => [...s.values, ...(s.low ?? []), ...(s.high ?? [])]).filter((v): v is number => typeof v === "number" && Number.isFinite(v));
  const step = niceStep(Math.max(0, ...values) - Math.min(0, ...values));
  const lo = Math.floor(Math.min(0, ...values) / step) * step;
  const hi = Math.max(lo + step, Math.ceil(Math.max(0, ...values) / step) * step);
  const yOf = (v: number) => bottom - ((v - lo) / (hi - lo)) * (bottom - top);

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${CHART_FONT_FAMILY}" fill="${TEXT}">`,
    `<rect width="${width}" height="${height}" fill="#FFFFFF"/>`,
  ];
  if (title) parts.push(`<text class="title" x="${width / 2}" y="24" font-size="15" font-weight="bold" text-anchor="middle">${escapeXml(fit(title, width - 24, 15))}</text>`);
  if (legend) {
    let x = left;
    input.series.forEach((s, i) => {
      const label = fit(s.name, 160, 11);
      parts.push(`<g class="legend"><rect x="${x}" y="${top - 19}" width="12" height="10" fill="${PALETTE[i % PALETTE.length]}"/><text x="${x + 16}" y="${top - 10}" font-size="11">${escapeXml(label)}</text></g>`);
      x += 28 + label.length * 11 * EM_WIDTH;
    });
  }

  // Value axis: gridlines and tick labels, then its title turned along the axis.
  for (let v = lo; v <= hi + step / 2; v += step) {
    const y = yOf(v).toFixed(1);
    parts.push(`<line x1="${left}" y1="${y}" x2="${right}" y2="${y}" stroke="${GRID}" stroke-width="1"/>`);
    parts.push(`<text class="tick" x="${left - 6}" y="${(yOf(v) + 4).toFixed(1)}" font-size="11" text-anchor="end" fill="${MUTED}">${escapeXml(fmt(v))}</text>`);
  }
  if (input.valueTitle) {
    const cy = (top + bottom) / 2;
    parts.push(`<text class="axis-title value-axis" x="14" y="${cy}" font-size="12" text-anchor="middle" transform="rotate(-90 14 ${cy})">${escapeXml(fit(input.valueTitle, bottom - top, 12))}</text>`);
  }

  // Category axis: labels (every k-th when they would overlap), then its title.
  const n = Math.max(1, input.categories.length, ...input.series.map((s) => s.values.length));
  const slot = (right - left) / n;
  const longest = Math.max(1, ...input.categories.map((c) => c.length));
  const every = Math.max(1, Math.ceil((longest * 10 * EM_WIDTH + 6) / slot));
  input.categories.forEach((c, i) => {
    if (i % every !== 0) return;
    parts.push(`<text class="category" x="${(left + slot * (i + 0.5)).toFixed(1)}" y="${bottom + 15}" font-size="10" text-anchor="middle" fill="${MUTED}">${escapeXml(c)}</text>`);
  });
  if (input.categoryTitle) parts.push(`<text class="axis-title category-axis" x="${(left + right) / 2}" y="${bottom + 33}" font-size="12" text-anchor="middle">${escapeXml(fit(input.categoryTitle, right - left, 12))}</text>`);

  const deferred: string[] = [];
  // The intervals first, under the data: a band along a line (broken where a bound is missing), whiskers on columns.
  const finite = (v: number | null | undefined): v is number => typeof v === "number" && Number.isFinite(v);
  input.series.forEach((s, si) => {
    if (!s.low || !s.high) return;
    const colour = PALETTE[si % PALETTE.length];
    const bar = Math.max(1, (slot * 0.8) / input.series.length);
    const xOf = (ci: number) => (input.kind === "column" ? left + ci * slot + slot * 0.1 + si * bar + bar / 2 : left + slot * (ci + 0.5));
    let run: number[] = [];
    const flush = () => {
      if (run.length > 1) {
        const upper = run.map((ci) => `${xOf(ci).toFixed(1)},${yOf(s.high![ci]!).toFixed(1)}`);
        const lower = [...run].reverse().map((ci) => `${xOf(ci).toFixed(1)},${yOf(s.low![ci]!).toFixed(1)}`);
        parts.push(`<polygon class="interval-band" points="${[...upper, ...lower].join(" ")}" fill="${colour}" fill-opacity="0.18" stroke="none"/>`);
      }
      run = [];
    };
    s.values.forEach((v, ci) => {
      const lo = s.low![ci];
      const hi = s.high![ci];
      if (!finite(v) || !finite(lo) || !finite(hi)) return flush();
      if (input.kind === "line" && run.length > 0 && run[run.length - 1] !== ci - 1) flush();
      run.push(ci);
      // Whiskers: always on columns, and on a line's lone points (a band needs two).
      const x = xOf(ci);
      const cap = Math.min(6, bar / 3);
      const whisker = `<g class="interval-whisker" stroke="${input.kind === "column" ? TEXT : colour}" stroke-width="1.2"><line x1="${x.toFixed(1)}" y1="${yOf(lo).toFixed(1)}" x2="${x.toFixed(1)}" y2="${yOf(hi).toFixed(1)}"/><line x1="${(x - cap).toFixed(1)}" y1="${yOf(lo).toFixed(1)}" x2="${(x + cap).toFixed(1)}" y2="${yOf(lo).toFixed(1)}"/><line x1="${(x - cap).toFixed(1)}" y1="${yOf(hi).toFixed(1)}" x2="${(x + cap).toFixed(1)}" y2="${yOf(hi).toFixed(1)}"/></g>`;
      if (input.kind === "column") deferred.push(whisker);
      else {
        const prevOk = ci > 0 && finite(s.values[ci - 1]) && finite(s.low![ci - 1]) && finite(s.high![ci - 1]);
        const nextOk = ci + 1 < s.values.length && finite(s.values[ci + 1]) && finite(s.low![ci + 1]) && finite(s.high![ci + 1]);
        if (!prevOk && !nextOk) parts.push(whisker);
      }
    });
    if (input.kind === "line") flush();
    else run = [];
  });

  // The data.
  input.series.forEach((s, si) => {
    const colour = PALETTE[si % PALETTE.length];
    if (input.kind === "column") {
      const bar = Math.max(1, (slot * 0.8) / input.series.length);
      s.values.forEach((v, ci) => {
        if (v === null || !Number.isFinite(v)) return;
        const y0 = yOf(Math.max(v, 0));
        const y1 = yOf(Math.min(v, 0));
        parts.push(`<rect class="bar" x="${(left + ci * slot + slot * 0.1 + si * bar).toFixed(1)}" y="${y0.toFixed(1)}" width="${bar.toFixed(1)}" height="${Math.max(0.5, y1 - y0).toFixed(1)}" fill="${colour}"/>`);
      });
    } else {
      // One polyline per unbroken run: a gap stays a gap.
      let run: string[] = [];
      const flush = () => {
        if (run.length > 1) parts.push(`<polyline class="line" points="${run.join(" ")}" fill="none" stroke="${colour}" stroke-width="2"/>`);
        run = [];
      };
      s.values.forEach((v, ci) => {
        if (v === null || !Number.isFinite(v)) return flush();
        const x = (left + slot * (ci + 0.5)).toFixed(1);
        const y = yOf(v).toFixed(1);
        run.push(`${x},${y}`);
        parts.push(`<circle class="point" cx="${x}" cy="${y}" r="2.5" fill="${colour}"/>`);
      });
      flush();
    }
  });
  // Whiskers over the columns they belong to.
  parts.push(...deferred);
  parts.push(`<line x1="${left}" y1="${top}" x2="${left}" y2="${bottom}" stroke="${MUTED}" stroke-width="1"/>`);
  parts.push(`<line x1="${left}" y1="${yOf(0).toFixed(1)}" x2="${right}" y2="${yOf(0).toFixed(1)}" stroke="${MUTED}" stroke-width="1"/>`);
  if (input.footnote) parts.push(`<text class="footnote" x="8" y="${height - 6}" font-size="10" font-style="italic" fill="${MUTED}">${escapeXml(fit(input.footnote, width - 16, 10))}</text>`);
  parts.push("</svg>");
  return parts.join("\n");
}
