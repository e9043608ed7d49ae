// SHA-256 and HMAC-SHA-256 in pure TypeScript (synchronous, no node:crypto, no WebCrypto), for linkage tokens
// computed in the task pane and the command line alike. Verified against node:crypto in the test.

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
  0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
const INIT = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
const W = new Uint32Array(64);

function compress(state: Uint32Array, block: Uint8Array, offset: number): void {
  for (let i = 0; i < 16; i++) {
    const j = offset + i * 4;
    W[i] = (block[j] << 24) | (block[j + 1] << 16) | (block[j + 2] << 8) | block[j + 3];
  }
  for (let i = 16; i < 64; i++) {
    const a = W[i - 15];
    const b = W[i - 2];
    const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
    const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
    W[i] = (W[i - 16] + s0 + W[i - 7] + s1) | 0;
  }
  let a = state[0], b = state[1], c = state[2], d = state[3], e = state[4], f = state[5], g = state[6], h = state[7];
  for (let i = 0; i < 64; i++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const ch = (e & f) ^ (~e & g);
    const t1 = (h + S1 + ch + K[i] + W[i]) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const maj = (a & b) ^ (a & c) ^ (b & c);
    const t2 = (S0 + maj) | 0;
    h = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
  }
  state[0] += a; state[1] += b; state[2] += c; state[3] += d; state[4] += e; state[5] += f; state[6] += g; state[7] += h;
}

/** Hashes `data`, continuing from `state` after `prefixBlocks` 64-byte blocks were already compressed. */
function finish(state: Uint32Array, data: Uint8Array, prefixBytes: number): Uint8Array {
  const total = prefixBytes + data.length;
  const padded = new Uint8Array(Math.ceil((data.length + 9) / 64) * 64);
  padded.set(data);
  padded[data.length] = 0x80;
  const bits = total * 8;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(bits / 2 ** 32));
  view.setUint32(padded.length - 4, bits >>> 0);
  for (let o = 0; o < padded.length; o += 64) compress(state, padded, o);
  const out = new Uint8Array(32);
  const ov = new DataView(out.buffer);
  for (let i = 0; i < 8; i++) ov.setUint32(i * 4, state[i]);
  return out;
}

export function sha256(data: Uint8Array): Uint8Array {
  return finish(new Uint32Array(INIT), data, 0);
}

/** UTF-8 bytes of a string (no TextEncoder: shared/ runs without DOM or Node globals). */
export function utf8(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}

export function toHex(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += b.toString(16).padStart(2, "0");
  return s;
}

/** A keyed HMAC-SHA-256 with the key's inner and outer states precomputed (fast for many short messages). */
export function hmacSha256(key: Uint8Array): (message: Uint8Array) => Uint8Array {
  const k = new Uint8Array(64);
  k.set(key.length > 64 ? sha256(key) : key);
  const ipad = new Uint8Array(64);
  const opad = new Uint8Array(64);
  for (let i = 0; i < 64; i++) {
    ipad[i] = k[i] ^ 0x36;
    opad[i] = k[i] ^ 0x5c;
  }
  const inner = new Uint32Array(INIT);
  compress(inner, ipad, 0);
  const outer = new Uint32Array(INIT);
  compress(outer, opad, 0);
  return (message) => finish(new Uint32Array(outer), finish(new Uint32Array(inner), message, 64), 64);
}

/**
 * SHA-256 over text fed in pieces, as UTF-8 (no TextEncoder), for a hash over more text than should be held at
 * once. `copy` continues from the same point independently.
 */
export class Sha256Text {
  private state = new Uint32Array(INIT);
  private block = new Uint8Array(64);
  private used = 0;
  private bytes = 0;
  /** A high surrogate waiting for its pair at the end of the last piece. */
  private pending = 0;

  update(text: string): this {
    const block = this.block;
    let used = this.used;
    for (let i = 0; i < text.length; i++) {
      let c = text.charCodeAt(i);
      if (this.pending !== 0) {
        c = c >= 0xdc00 && c <= 0xdfff ? 0x10000 + ((this.pending - 0xd800) << 10) + (c - 0xdc00) : 0xfffd;
        this.pending = 0;
      } else if (c >= 0xd800 && c <= 0xdbff) {
        this.pending = c;
        continue;
      } else if (c >= 0xdc00 && c <= 0xdfff) c = 0xfffd;
      if (c < 0x80) {
        block[used++] = c;
        if (used === 64) used = this.flush();
      } else if (c < 0x800) used = this.put(this.put(used, 0xc0 | (c >> 6)), 0x80 | (c & 63));
      else if (c < 0x10000) used = this.put(this.put(this.put(used, 0xe0 | (c >> 12)), 0x80 | ((c >> 6) & 63)), 0x80 | (c & 63));
      else used = this.put(this.put(this.put(this.put(used, 0xf0 | (c >> 18)), 0x80 | ((c >> 12) & 63)), 0x80 | ((c >> 6) & 63)), 0x80 | (c & 63));
    }
    this.used = used;
    return this;
  }

  copy(): Sha256Text {
    const other = new Sha256Text();
    other.state.set(this.state);
    other.block.set(this.block);
    other.used = this.used;
    other.bytes = this.bytes;
    other.pending = this.pending;
    return other;
  }

  /** The digest in lower-case hex; the hasher is spent afterwards. */
  hex(): string {
    if (this.pending !== 0) {
      this.pending = 0;
      this.used = this.put(this.put(this.put(this.used, 0xef), 0xbf), 0xbd);
    }
    return toHex(finish(this.state, this.block.subarray(0, this.used), this.bytes));
  }

  private put(used: number, byte: number): number {
    this.block[used++] = byte;
    return used === 64 ? this.flush() : used;
  }

  private flush(): number {
    compress(this.state, this.block, 0);
    this.bytes += 64;
    return 0;
  }
}
