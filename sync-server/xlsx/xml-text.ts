// The few pieces of XML a spreadsheet part needs, read straight from the text: character and entity references,
// line-end normalisation, attribute values, and OOXML's `_xHHHH_` escapes.

const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** Text as an XML parser gives it: references resolved, CR LF and lone CR read as LF. */
export function xmlText(raw: string): string {
  let text = raw;
  if (text.includes("\r")) text = text.replace(/\r\n?/g, "\n");
  if (!text.includes("&")) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z]+);/g, (whole, ref: string) => {
    if (ref.charCodeAt(0) !== 35) return NAMED[ref] ?? whole;
    const code = ref.charCodeAt(1) === 120 ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** OOXML's escapes for characters XML cannot hold (`_x000D_`), as ExcelJS reads them in `<t>` of shared strings. */
export function ooxmlUnescape(text: string): string {
  return text.includes("_x") ? text.replace(/_x([0-9A-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
}

/** The value of attribute `name` in the start tag `tag` (from `<` to `>`), references resolved; undefined when absent. */
export function attribute(tag: string, name: string): string | undefined {
  let from = 0;
  for (;;) {
    const at = tag.indexOf(name, from);
    if (at < 0) return undefined;
    from = at + name.length;
    const before = tag.charCodeAt(at - 1);
    if (before !== 32 && before !== 9 && before !== 10 && before !== 13) continue;
    let p = from;
    while (tag.charCodeAt(p) === 32) p++;
    if (tag.charCodeAt(p) !== 61) continue; // "="
    p++;
    while (tag.charCodeAt(p) === 32) p++;
    const quote = tag[p];
    if (quote !== '"' && quote !== "'") continue;
    const end = tag.indexOf(quote, p + 1);
    if (end < 0) return undefined;
    return xmlText(tag.slice(p + 1, end));
  }
}

/** Every start tag `<name …>` or `<name …/>` in `xml` (not `<nameSomething`), as the text from `<` to `>`. */
export function* startTags(xml: string, name: string, from = 0, to = xml.length): Generator<string> {
  const open = `<${name}`;
  for (let at = xml.indexOf(open, from); at >= 0 && at < to; at = xml.indexOf(open, at + open.length)) {
    const next = xml.charCodeAt(at + open.length);
    if (next !== 32 && next !== 62 && next !== 47 && next !== 9 && next !== 10 && next !== 13) continue;
    const end = xml.indexOf(">", at);
    if (end < 0) return;
    yield xml.slice(at, end + 1);
  }
}

/** The text of every `<t>` element in `xml` from `from` to `to` (`<t/>` gives ""), references resolved. */
export function textsOf(xml: string, from: number, to: number): string[] {
  const texts: string[] = [];
  for (let at = xml.indexOf("<t", from); at >= 0 && at < to; at = xml.indexOf("<t", at + 2)) {
    const next = xml.charCodeAt(at + 2);
    if (next !== 62 && next !== 32 && next !== 47 && next !== 9 && next !== 10 && next !== 13) continue;
    const close = xml.indexOf(">", at);
    if (xml.charCodeAt(close - 1) === 47) {
      texts.push("");
      continue;
    }
    const end = xml.indexOf("</t>", close);
    texts.push(xmlText(xml.slice(close + 1, end < 0 ? to : end)));
  }
  return texts;
}
