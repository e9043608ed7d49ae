// A tiny RGBA canvas: filled rectangles and lines, enough for bar and line charts and icons.
import type { RgbaImage } from "./png";

export type Rgba = [number, number, number, number];

export function parseHexColour(hex: string, alpha = 255): Rgba {
  const m = /^#?([0-9a-fA-F]{6})$/.exec(hex);
  if (!m) throw new Error(`Invalid colour: ${hex}`);
  const n = parseInt(m[1], 16);
  return [(n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff, alpha];
}

export function createImage(width: number, height: number, background: Rgba = [255, 255, 255, 255]): RgbaImage {
  const pixels = new Uint8Array(width * height * 4);
  for (let i = 0; i < pixels.length; i += 4) pixels.set(background, i);
  return { width, height, pixels };
}

export function setPixel(img: RgbaImage, x: number, y: number, c: Rgba): void {
  const xi = Math.round(x);
  const yi = Math.round(y);
  if (xi < 0 || yi < 0 || xi >= img.width || yi >= img.height) return;
  img.pixels.set(c, (yi * img.width + xi) * 4);
}

export function getPixel(img: RgbaImage, x: number, y: number): Rgba {
  const i = (y * img.width + x) * 4;
  return [img.pixels[i], img.pixels[i + 1], img.pixels[i + 2], img.pixels[i + 3]];
}

export function fillRect(img: RgbaImage, x: number, y: number, w: number, h: number, c: Rgba): void {
  const x0 = Math.max(0, Math.round(x));
  const y0 = Math.max(0, Math.round(y));
  const x1 = Math.min(img.width, Math.round(x + w));
  const y1 = Math.min(img.height, Math.round(y + h));
  for (let yy = y0; yy < y1; yy++) for (let xx = x0; xx < x1; xx++) img.pixels.set(c, (yy * img.width + xx) * 4);
}

/** A line of the given thickness (Bresenham, stamped with a square brush). */
export function drawLine(img: RgbaImage, x0: number, y0: number, x1: number, y1: number, c: Rgba, thickness = 1): void {
  const steps = Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0), 1);
  const half = (thickness - 1) / 2;
  for (let i = 0; i <= steps; i++) {
    const x = x0 + ((x1 - x0) * i) / steps;
    const y = y0 + ((y1 - y0) * i) / steps;
    fillRect(img, x - half, y - half, thickness, thickness, c);
  }
}
