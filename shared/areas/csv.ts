// The one CSV splitter: the registers' semicolon-separated UTF-8 text (BOM, CRLF and quoted fields tolerated), and
// the partners' exports the command line reads (there blank lines are kept, so sheet row numbers stay right).

export interface CsvRow {
  /** 1-based line number in the file where the row starts. */
  line: number;
  fields: string[];
}

export interface CsvTable {
  header: string[];
  rows: CsvRow[];
}

/** Splits the text into records of fields, blank lines included (RFC 4180 quoting; CR LF, LF or CR line ends). */
export function csvRecords(text: string, separator = ";"): CsvRow[] {
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
    all.push({ line: rowLine, fields });
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
  return all;
}

/** Splits the text into rows of fields. Blank lines are skipped. The first non-blank row is the header. */
export function parseCsv(text: string, separator = ";"): CsvTable {
  const [head, ...rows] = csvRecords(text, separator).filter((r) => !(r.fields.length === 1 && r.fields[0].trim() === ""));
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
