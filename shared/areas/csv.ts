// A small reader for the registers' semicolon-separated UTF-8 text (BOM, CRLF and quoted fields tolerated).

export interface CsvRow {
  /** 1-based line number in the file where the row starts. */
  line: number;
  fields: string[];
}

export interface CsvTable {
  header: string[];
  rows: CsvRow[];
}

/** Splits the text into rows of fields. Blank lines are skipped. The first non-blank row is the header. */
export function parseCsv(text: string, separator = ";"): CsvTable {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const all: CsvRow[] = [];
  let fields: string[] = [];
  let field = "";
  let line = 1;
  let rowLine = 1;
  let quoted = false;
  let i = 0;
  const endRow = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0].trim() === "")) all.push({ line: rowLine, fields });
    fields = [];
    field = "";
  };
  while (i < src.length) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (ch === "\n") line++;
        field += ch;
      }
      i++;
      continue;
    }
    if (ch === '"' && field === "") quoted = true;
    else if (ch === separator) {
      fields.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      endRow();
      if (ch === "\r" && src[i + 1] === "\n") i++;
      line++;
      rowLine = line;
    } else field += ch;
    i++;
  }
  if (field !== "" || fields.length > 0) endRow();
  const [head, ...rows] = all;
  return { header: head ? head.fields.map((h) => h.trim().toLowerCase()) : [], rows };
}

/** Column positions by name; the missing names are returned so the caller can report them. */
export function columnIndex(header: string[], names: readonly string[]): { index: Record<string, number>; missing: string[] } {
  const index: Record<string, number> = {};
  const missing: string[] = [];
  for (const name of names) {
    const at = header.indexOf(name);
    if (at < 0) missing.push(name);
    else index[name] = at;
  }
  return { index, missing };
}
