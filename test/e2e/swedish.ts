// What a Swedish reader must never meet in the pane or in a sheet Lägesbild wrote: English words of the interface,
// raw identifiers of the wire format and the schema, raw status codes, and instants in ISO form (times are shown in
// Stockholm time as "YYYY-MM-DD HH:MM").
const RAW = [
  /\b(templateId|templateVersion|categories\.\w+|measures\.\w+|retiredFrom|createdAt|idempotencyKey)\b/,
  /\b(undefined|NaN|null|\[object Object\])\b/,
  /\b(identifying|denominator|aggregate|pending|approved|returned|superseded)\b/,
  /\bmanual:/,
  /\d{4}-\d\d-\d\dT\d\d:\d\d/,
  /\b(Error|Loading|Sign (in|out)|Submit|Cancel|Save|Delete)\b/,
  /procent \(procent\)/,
];

/** Each line of `text` that holds an English word or a raw identifier, with the pattern it matched. */
export function untranslated(text: string): string[] {
  const hits: string[] = [];
  for (const line of text.split("\n")) for (const re of RAW) if (re.test(line)) hits.push(`${re.source}: ${line.slice(0, 160)}`);
  return hits;
}
