// Spelling variants of a street name, tried against the register only when the name as written is not in it.
// Each variant is an ordinary Swedish abbreviation or short form; a variant counts only if the register has it,
// and when several variants name different streets the address is ambiguous, never guessed.

/** Trailing street-type abbreviations (the dot is required for one-letter forms). */
const SUFFIX_ABBREVIATIONS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ["v", ["vägen"]],
  ["g", ["gatan"]],
  ["gr", ["gränd"]],
  ["gat", ["gatan"]],
  ["vg", ["vägen"]],
  ["pl", ["platsen", "plan"]],
  ["st", ["stigen"]],
  ["all", ["allén"]],
  ["t", ["torget"]],
];

/** Short and long forms of the same street type. */
const SUFFIX_FORMS: ReadonlyArray<readonly [string, string]> = [
  ["gata", "gatan"],
  ["väg", "vägen"],
  ["allé", "allén"],
  ["alle", "allén"],
  ["allen", "allén"],
  ["torg", "torget"],
  ["plats", "platsen"],
  ["stig", "stigen"],
  ["led", "leden"],
  ["backe", "backen"],
  ["gång", "gången"],
  ["slinga", "slingan"],
];

/** Leading abbreviations: `S:t Eriksgatan`, `V. Storgatan`, `St. Nygatan`. */
const PREFIX_ABBREVIATIONS: Readonly<Record<string, readonly string[]>> = {
  "s:t": ["sankt"],
  "st.": ["sankt", "stora"],
  "s:ta": ["sankta"],
  "s.": ["södra"],
  "n.": ["norra"],
  "ö.": ["östra"],
  "v.": ["västra"],
  "l.": ["lilla"],
  "g.": ["gamla"],
};

/** Variants of `street` (lower case, single spaces) other than itself, each at most once. */
export function streetVariants(street: string): string[] {
  const out = new Set<string>();
  const bases = [street];
  const space = street.indexOf(" ");
  if (space > 0) {
    const first = street.slice(0, space);
    const rest = street.slice(space + 1);
    for (const full of PREFIX_ABBREVIATIONS[first] ?? []) bases.push(`${full} ${rest}`);
  }
  for (const base of bases) {
    if (base !== street) out.add(base);
    for (const [abbr, fulls] of SUFFIX_ABBREVIATIONS) {
      const dotted = base.endsWith(`${abbr}.`);
      const bare = abbr.length > 1 && base.endsWith(abbr) && base.length > abbr.length + 1;
      if (!dotted && !bare) continue;
      const stem = base.slice(0, base.length - abbr.length - (dotted ? 1 : 0));
      for (const full of fulls) {
        // `Korpv.` → `korpvägen`, `Stora v.` → `stora vägen` (and `storavägen`).
        if (stem.endsWith(" ")) {
          out.add(stem + full);
          out.add(stem.trimEnd() + full);
        } else if (stem !== "") out.add(stem + full);
      }
    }
    for (const [short, long] of SUFFIX_FORMS) {
      if (base.endsWith(short) && base.length > short.length) out.add(base.slice(0, -short.length) + long);
      if (base.endsWith(long) && base.length > long.length && long !== "allén") out.add(base.slice(0, -long.length) + short);
    }
  }
  out.delete(street);
  return [...out];
}
