// A small PNG reader for tests: checks the signature, reads the size and inflates 8-bit RGB/RGBA pixels
// (non-interlaced, all five row filters), so that a test can look at what a rendered picture shows.
import { inflateSync } from "node:zlib";

export const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export interface DecodedPng {
  width: number;
  height: number;
  /** RGBA, row by row. */
  pixels: Uint8Array;
}

export function pngSize(png: Uint8Array): { width: number; height: number } {
  if (!PNG_SIGNATURE.every((b, i) => png[i] === b)) throw new Error("not a PNG");
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

export function decodePng(png: Uint8Array): DecodedPng {
  const { width, height } = pngSize(png);
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const bitDepth = png[24];
  const colourType = png[25];
  const interlace = png[28];
  if (bitDepth !== 8 || (colourType !== 6 && colourType !== 2) || interlace !== 0) throw new Error(`unsupported PNG: depth ${bitDepth}, colour type ${colourType}, interlace ${interlace}`);
  const channels = colourType === 6 ? 4 : 3;
  const idat: Uint8Array[] = [];
  for (let at = 8; at < png.length; ) {
    const len = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    if (type === "IDAT") idat.push(png.subarray(at + 8, at + 8 + len));
    at += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const rows = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? rows[y * stride + x - channels] : 0;
      const b = y > 0 ? rows[(y - 1) * stride + x] : 0;
      const c = x >= channels && y > 0 ? rows[(y - 1) * stride + x - channels] : 0;
      const p = a + b - c;
      const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
      const predictor = [0, a, b, (a + b) >> 1, pa <= pb && pa <= pc ? a : pb <= pc ? b : c][filter];
      if (predictor === undefined) throw new Error(`bad filter ${filter}`);
      rows[y * stride + x] = (line[x] + predictor) & 0xff;
    }
  }
  const pixels = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    pixels[i * 4] = rows[i * channels];
    pixels[i * 4 + 1] = rows[i * channels + 1];
    pixels[i * 4 + 2] = rows[i * channels + 2];
    pixels[i * 4 + 3] = channels === 4 ? rows[i * channels + 3] : 255;
  }
  return { width, height, pixels };
}

/** Pixels in a rectangle darker than `max` on every channel (text is near black; fills and hatching are not). */
export function darkPixels(img: DecodedPng, box: { x: number; y: number; width: number; height: number }, max = 60): number {
  let n = 0;
  for (let y = Math.max(0, box.y); y < Math.min(img.height, box.y + box.height); y++)
    for (let x = Math.max(0, box.x); x < Math.min(img.width, box.x + box.width); x++) {
      const i = (y * img.width + x) * 4;
      if (img.pixels[i] <= max && img.pixels[i + 1] <= max && img.pixels[i + 2] <= max && img.pixels[i + 3] > 0) n++;
    }
  return n;
}
