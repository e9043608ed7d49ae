// Benchmark: pictures rendered from the SVG (sync-server/pictures/svg-png.ts): the demo's NYKO-3 area map and a
// year's half-month chart, as the map export, `lagesbild fetch` and the ExcelJS chart render them.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { chartSvg } from "../../shared/charts/chart-svg";
import type { DeliveryCell } from "../../shared/protocol/delivery";
import { parseAreaPolygons } from "../../sync-server/exports/geojson";
import { mapSvg } from "../../sync-server/exports/map";
import { svgToPng } from "../../sync-server/pictures/svg-png";
import { DEMO_DIR } from "../../sync-server/seed/demo-dir";

function time(label: string, times: number, f: () => unknown): void {
  f(); // warm-up (fonts load once)
  const t = performance.now();
  for (let i = 0; i < times; i++) f();
  console.log(`${label.padEnd(40)} ${((performance.now() - t) / times).toFixed(1)} ms`);
}

export async function run(): Promise<void> {
  const features = parseAreaPolygons(readFileSync(join(DEMO_DIR, "nyko3-omraden.geojson"), "utf8"), () => "Område med namn");
  const cells: DeliveryCell[] = features.map((f, i) => ({ indicator: "x", nyko: f.nyko, level: 3, periodType: "month", period: "2026-03", value: i % 7 === 0 ? null : i % 11, suppressed: i % 7 === 0 }));
  const map = mapSvg({ features, cells, indicator: "x", title: "Skadegörelse och klotter", period: "2026-03", unit: "antal" });
  console.log(`map: ${features.length} areas, SVG ${map.length.toLocaleString("sv-SE")} characters`);
  time("map SVG written", 20, () => mapSvg({ features, cells, indicator: "x", title: "t", period: "2026-03", unit: "antal" }));
  time("map.png (800 px)", 10, () => svgToPng(map));
  time("map picture in a sheet (960 px)", 10, () => svgToPng(map, { width: 960 }));
  const chart = chartSvg({
    kind: "line",
    title: "Skadegörelse och klotter, hela kommunen per halvmånad",
    categoryTitle: "Period (halvmånad)",
    valueTitle: "antal",
    categories: Array.from({ length: 24 }, (_, i) => `2026-${String(1 + (i >> 1)).padStart(2, "0")}-H${1 + (i % 2)}`),
    series: [{ name: "Hela kommunen", values: Array.from({ length: 24 }, (_, i) => (i === 5 ? null : 10 + ((i * 7) % 13))) }],
  });
  time("chart picture (1120 px)", 10, () => svgToPng(chart, { width: 1120 }));
}
