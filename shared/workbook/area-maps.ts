// The area map picture in each indicator sheet, used by the add-in's refresh and by `lagesbild fetch` alike: the
// server's `map.svg` of the indicator (disclosure-controlled: suppressed areas hatched and marked `..`), inserted as
// a picture that the host renders from the SVG, below the chart where the sheet writer left room for it (`mapAt`, at
// the top of a printed page when the rest of the chart's page is too short). A map that cannot be had leaves the
// sheet as it is.
import type { Delivery } from "../protocol/delivery";
import type { WorkbookPort } from "../protocol/workbook";
import type { WrittenIndicatorSheet } from "./delivery-sheets";
import { MAP_PX } from "./wide-blocks";


/** The width and height an SVG document declares on its root element (`width`/`height`, else the viewBox). */
export function svgSize(svg: string): { width: number; height: number } | null {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0];
  if (!root) return null;
  const attr = (name: string) => Number(new RegExp(`\\s${name}="([\\d.]+)(?:px)?"`).exec(root)?.[1] ?? NaN);
  let width = attr("width");
  let height = attr("height");
  if (!(width > 0 && height > 0)) {
    const box = /\sviewBox="[\d.\s,-]*?([\d.]+)[\s,]+([\d.]+)"/.exec(root);
    width = Number(box?.[1]);
    height = Number(box?.[2]);
  }
  return width > 0 && height > 0 ? { width, height } : null;
}

/**
 * Inserts the map of every indicator that the delivery publishes at NYKO-3 into its sheet. `loadSvg` fetches the
 * indicator's map SVG; a failure there (or an SVG without a size) skips that map. Returns indicator → map inserted.
 */
export async function insertAreaMaps(
  port: WorkbookPort,
  delivery: Delivery,
  sheets: readonly WrittenIndicatorSheet[],
  loadSvg: (indicator: string) => Promise<string>,
): Promise<Map<string, boolean>> {
  const inserted = new Map<string, boolean>();
  for (const written of sheets) {
    if (!delivery.cells.some((c) => c.indicator === written.indicator && c.level === 3)) continue;
    let svg: string;
    try {
      svg = await loadSvg(written.indicator);
    } catch {
      inserted.set(written.indicator, false);
      continue;
    }
    const size = svgSize(svg);
    if (!size) {
      inserted.set(written.indicator, false);
      continue;
    }
    // As large as the box the sheet writer kept for it (`MAP_PX`), in the SVG's proportions.
    const scale = Math.min(MAP_PX.width / size.width, MAP_PX.height / size.height);
    await port.insertPicture({ sheet: written.sheet, at: written.mapAt, svg, widthPx: Math.round(size.width * scale), heightPx: Math.round(size.height * scale) });
    inserted.set(written.indicator, true);
  }
  return inserted;
}
