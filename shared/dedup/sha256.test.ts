import { createHash, createHmac } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hmacSha256, sha256, toHex, utf8 } from "./sha256";

describe("sha256 / hmacSha256", () => {
  it("encodes UTF-8 like Buffer", () => {
    fc.assert(fc.property(fc.string({ unit: "grapheme" }), (t) => {
      expect(Array.from(utf8(t))).toEqual([...Buffer.from(t, "utf8")]);
    }));
  });
  it("matches node:crypto on known and random inputs", () => {
    expect(toHex(sha256(utf8("abc")))).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ minLength: 1, maxLength: 100 }), (data, key) => {
        expect(toHex(sha256(data))).toBe(createHash("sha256").update(data).digest("hex"));
        expect(toHex(hmacSha256(key)(data))).toBe(createHmac("sha256", key).update(data).digest("hex"));
      }),
      { numRuns: 300 },
    );
  });
});
