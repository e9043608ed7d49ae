// A table from cell text to a value, for the per-sheet caches of the check (parsed cells, located addresses).
// A sheet's repeated texts are the same few strings seen many times; a Map walks its bucket comparing the text with
// other texts scattered through memory. This table is one array of slots, each holding a text, a hash of it, its value
// and its entry number side by side (open addressing), so a repeated text is found with one read of memory in the
// common case; a text is compared only with texts of the same hash, and the same string is found by identity.

/**
 * A hash of text: every character of text up to 32 long (cell values, addresses); of longer text its length, its
 * first and last 16 characters and 8 from the middle.
 */
export function textHash(text: string): number {
  const n = text.length;
  let h = Math.imul(n ^ 0x9e3779b9, 0x85ebca6b);
  if (n <= 32) {
    for (let i = 0; i < n; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  } else {
    for (let i = 0; i < 16; i++) h = Math.imul(h ^ text.charCodeAt(i) ^ (text.charCodeAt(n - 1 - i) << 16), 0x01000193);
    for (let i = (n >> 1) - 4, end = i + 8; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  }
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  return h ^ (h >>> 13);
}

const FIRST_SLOTS = 1024;
/** Fields per slot: text, hash, value, entry number. */
const WIDTH = 4;

export class TextTable<V> {
  /** WIDTH fields per slot; a slot without text is free. At most half the slots are taken. */
  private slots: unknown[] = new Array<unknown>(FIRST_SLOTS * WIDTH).fill(undefined);
  private mask = FIRST_SLOTS - 1;
  /** Texts added, in order (entry numbers count them). */
  size = 0;

  /** The slot of `text`, or -1. */
  find(text: string): number {
    const h = textHash(text);
    const slots = this.slots;
    for (let i = (h ^ (h >>> 15)) & this.mask; ; i = (i + 1) & this.mask) {
      const held = slots[i * WIDTH];
      if (held === undefined) return -1;
      if (slots[i * WIDTH + 1] === h && held === text) return i;
    }
  }

  /** Adds `text` (not in the table) with its value, as the next entry number (0, 1, 2, … in order of adding); returns its slot. */
  add(text: string, value: V): number {
    const entry = this.size++;
    if (this.size * 2 > this.mask + 1) this.grow();
    return this.place(text, textHash(text), value, entry);
  }

  /** The value in a slot found by `find`. */
  value(slot: number): V {
    return this.slots[slot * WIDTH + 2] as V;
  }

  /** The entry number of the text in a slot found by `find`. */
  entry(slot: number): number {
    return this.slots[slot * WIDTH + 3] as number;
  }

  clear(): void {
    this.slots = new Array<unknown>(FIRST_SLOTS * WIDTH).fill(undefined);
    this.mask = FIRST_SLOTS - 1;
    this.size = 0;
  }

  private place(text: string, h: number, value: unknown, entry: number): number {
    const slots = this.slots;
    let i = (h ^ (h >>> 15)) & this.mask;
    while (slots[i * WIDTH] !== undefined) i = (i + 1) & this.mask;
    slots[i * WIDTH] = text;
    slots[i * WIDTH + 1] = h;
    slots[i * WIDTH + 2] = value;
    slots[i * WIDTH + 3] = entry;
    return i;
  }

  /** Doubles the slots, moving every text by its kept hash (no text is read again). */
  private grow(): void {
    const old = this.slots;
    this.slots = new Array<unknown>(old.length * 2).fill(undefined);
    this.mask = this.mask * 2 + 1;
    for (let i = 0; i < old.length; i += WIDTH) if (old[i] !== undefined) this.place(old[i] as string, old[i + 1] as number, old[i + 2], old[i + 3] as number);
  }
}
