// The one SVG → PNG renderer on the server and the command line: resvg (a maintained SVG renderer) with the DejaVu
// fonts loaded explicitly and no system fonts, so that a picture renders alike on every machine. The map and chart
// pictures are rendered from the same SVG that `map.svg` serves and `shared/charts/chart-svg.ts` writes.
import { Resvg } from "@resvg/resvg-js";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/** The family every picture's text is set in (first in the SVGs' font-family lists). */
export const PICTURE_FONT = "DejaVu Sans";

let fontFiles: string[] | undefined;

/** The DejaVu Sans files (regular, bold, oblique) from the `dejavu-fonts-ttf` package. */
export function pictureFontFiles(): string[] {
  if (!fontFiles) {
    const dir = join(dirname(createRequire(import.meta.url).resolve("dejavu-fonts-ttf/package.json")), "ttf");
    fontFiles = ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf"].map((f) => join(dir, f));
  }
  return fontFiles;
}

export interface RenderedPng {
  png: Buffer;
  width: number;
  height: number;
}

/** Renders an SVG document to PNG on a white background, at `width` pixels wide (default: the SVG's own size). */
export function svgToPng(svg: string, options: { width?: number } = {}): RenderedPng {
  const resvg = new Resvg(svg, {
    font: {
      loadSystemFonts: false,
      fontFiles: pictureFontFiles(),
      defaultFontFamily: PICTURE_FONT,
      sansSerifFamily: PICTURE_FONT,
      serifFamily: PICTURE_FONT,
      monospaceFamily: PICTURE_FONT,
    },
    background: "#FFFFFF",
    fitTo: options.width ? { mode: "width", value: Math.round(options.width) } : { mode: "original" },
    logLevel: "off",
  });
  const image = resvg.render();
  return { png: image.asPng(), width: image.width, height: image.height };
}
