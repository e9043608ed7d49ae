// The add-in's icon: a blue rounded square with three white bars, drawn at any size with the PNG encoder.
import { encodePng } from "./png";
import { createImage, fillRect, type Rgba } from "./raster";

const BLUE: Rgba = [15, 108, 189, 255];
const WHITE: Rgba = [255, 255, 255, 255];

export function renderIconPng(size: number): Uint8Array {
  const img = createImage(size, size, [0, 0, 0, 0]);
  const r = Math.max(1, Math.round(size / 8)); // corner radius
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const dx = Math.max(r - x - 0.5, x + 0.5 - (size - r), 0);
      const dy = Math.max(r - y - 0.5, y + 0.5 - (size - r), 0);
      if (dx * dx + dy * dy <= r * r) fillRect(img, x, y, 1, 1, BLUE);
    }
  const base = Math.round(size * 0.8);
  const w = Math.max(1, Math.round(size * 0.16));
  const heights = [0.3, 0.5, 0.62];
  heights.forEach((h, i) => {
    const x = Math.round(size * 0.18) + i * Math.round(size * 0.24);
    const top = base - Math.round(size * h);
    fillRect(img, x, top, w, base - top, WHITE);
  });
  return encodePng(img);
}

export const ICON_SIZES = [16, 32, 64, 80] as const;
