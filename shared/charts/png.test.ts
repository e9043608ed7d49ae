import { describe, it, expect } from "vitest";
import { adler32, crc32, encodePng, fromBase64, toBase64, zlibStored, PNG_SIGNATURE } from "./png";
import { createImage, fillRect, getPixel } from "./raster";
import { renderChartPng } from "./chart-image";

const ascii = (s: string) => new Uint8Array([...s].map((c) => c.charCodeAt(0)));

/** Reads the stored blocks back (an independent decoder for the one block type we write). */
function inflateStored(z: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [];
  let o = 2;
  for (;;) {
    const final = z[o] & 1;
    const len = z[o + 1] | (z[o + 2] << 8);
    const nlen = z[o + 3] | (z[o + 4] << 8);
    expect(len ^ 0xffff).toBe(nlen);
    parts.push(z.subarray(o + 5, o + 5 + len));
    o += 5 + len;
    if (final) break;
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let p = 0;
  for (const part of parts) {
    out.set(part, p);
    p += part.length;
  }
  return out;
}

describe("png", () => {
  it("computes the standard check values of CRC-32 and Adler-32", () => {
    expect(crc32(ascii("123456789"))).toBe(0xcbf43926);
    expect(adler32(ascii("Wikipedia"))).toBe(0x11e60398);
  });

  it("writes a valid zlib header and splits data over stored blocks", () => {
    const data = new Uint8Array(70_000).map((_, i) => i % 251);
    const z = zlibStored(data);
    expect(((z[0] << 8) | z[1]) % 31).toBe(0);
    expect(inflateStored(z)).toEqual(data);
  });

  it("encodes an image whose chunks carry correct CRCs", () => {
    const img = createImage(3, 2, [255, 0, 0, 255]);
    fillRect(img, 1, 0, 1, 1, [0, 0, 255, 255]);
    expect(getPixel(img, 1, 0)).toEqual([0, 0, 255, 255]);
    const png = encodePng(img);
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    let o = 8;
    const types: string[] = [];
    while (o < png.length) {
      const len = (png[o] << 24) | (png[o + 1] << 16) | (png[o + 2] << 8) | png[o + 3];
      const type = String.fromCharCode(...png.subarray(o + 4, o + 8));
      const crc = ((png[o + 8 + len] << 24) | (png[o + 9 + len] << 16) | (png[o + 10 + len] << 8) | png[o + 11 + len]) >>> 0;
      expect(crc).toBe(crc32(png, o + 4, o + 8 + len));
      if (type === "IDAT") {
        const raw = inflateStored(png.subarray(o + 8, o + 8 + len));
        expect(raw.length).toBe(2 * (1 + 3 * 4));
        expect([...raw.subarray(5, 9)]).toEqual([0, 0, 255, 255]);
      }
      types.push(type);
      o += 12 + len;
    }
    expect(types).toEqual(["IHDR", "IDAT", "IEND"]);
  });

  it("round-trips base64", () => {
    for (const n of [0, 1, 2, 3, 4, 5, 100]) {
      const bytes = new Uint8Array(n).map((_, i) => (i * 37) & 0xff);
      expect(fromBase64(toBase64(bytes))).toEqual(bytes);
    }
    expect(toBase64(ascii("Man"))).toBe("TWFu");
    expect(toBase64(ascii("Ma"))).toBe("TWE=");
  });

  it("renders column and line charts of the requested size", () => {
    for (const kind of ["column", "line"] as const) {
      const png = renderChartPng({ kind, series: [[1, 5, null, 3], [2, 2, 4, 0]], width: 120, height: 80 });
      expect((png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19]).toBe(120);
      expect((png[20] << 24) | (png[21] << 16) | (png[22] << 8) | png[23]).toBe(80);
    }
  });
});
