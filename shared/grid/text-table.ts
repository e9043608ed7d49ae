// A table from cell text to a value, for the per-sheet caches of the check (parsed cells, located addresses).
// A sheet's repeated texts are the same few strings seen many times; a Map compares a looked-up text with every other
// text in its bucket, reading strings scattered through memory. This table keeps, per slot, a hash of the text beside
// the entry's index, and per entry the text beside its value, so a repeated text is found with a few reads of
// compact arrays; a text is compared only with texts of the same hash.

/** A hash of text's length and seven of its characters (first two, a quarter, the middle, three quarters, last two): every character of text up to five long, a sample of longer text. */
export function textHash(text: string): number {
  const n = text.length;
  if (n === 0) return 0x2545f491;
  const last = n - 1;
  let h = Math.imul(n ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ text.charCodeAt(0) ^ (text.charCodeAt(last) << 16), 0xc2b2ae35);
  h = Math.imul(h ^ text.charCodeAt(n > 1 ? 1 : 0) ^ (text.charCodeAt(last > 0 ? last - 1 : 0) << 16), 0x85ebca6b);
  h = Math.imul(h ^ text.charCodeAt(n >> 1) ^ (text.charCodeAt(n >> 2) << 8) ^ (text.charCodeAt(last - (n >> 2)) << 16), 0xc2b2ae35);
  return h ^ (h >>> 13);
}

const FIRST_SLOTS = 1024;

export class TextTable<V> {
  /** Pairs (hash, entry index + 1), open addressing; at most half full. */
  private slots = new Int32Array(FIRST_SLOTS * 2);
  /** Per entry: its text at 2i, its value at 2i + 1. */
  private entries: (string | V)[] = [];
  size = 0;

  /** The entry of `text`, or -1. */
  find(text: string): number {
    const h = textHash(text);
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    for (let i = (h ^ (h >>> 15)) & mask; ; i = (i + 1) & mask) {
      const at = slots[2 * i + 1] - 1;
      if (at < 0) return -1;
      if (slots[2 * i] === h && this.entries[2 * at] === text) return at;
    }
  }

  /** Adds `text` (not in the table) with its value; returns its entry. */
  add(text: string, value: V): number {
    const at = this.size++;
    this.entries.push(text, value);
    if (this.size * 2 > this.slots.length >> 1) this.grow();
    this.place(textHash(text), at);
    return at;
  }

  value(at: number): V {
    return this.entries[2 * at + 1] as V;
  }

  clear(): void {
    this.slots = new Int32Array(FIRST_SLOTS * 2);
    this.entries = [];
    this.size = 0;
  }

  private place(h: number, at: number): void {
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    let i = (h ^ (h >>> 15)) & mask;
    while (slots[2 * i + 1] !== 0) i = (i + 1) & mask;
    slots[2 * i] = h;
    slots[2 * i + 1] = at + 1;
  }

  /** Doubles the slots, moving the placed entries by their kept hashes (no text is read again). */
  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    for (let i = 0; i < old.length; i += 2) if (old[i + 1] !== 0) this.place(old[i], old[i + 1] - 1);
  }
}
