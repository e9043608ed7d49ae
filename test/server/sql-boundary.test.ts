// Only the stores run SQL: no file under sync-server/ outside stores/ (the queries) and db/ (the connection and
// the migrations) prepares or executes a statement or spells one out. Test files are not scanned: a test may
// tamper with a database directly to show that the server notices.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..");
const serverDir = join(root, "sync-server");
const ALLOWED_DIRS = new Set(["stores", "db"]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return dir === serverDir && ALLOWED_DIRS.has(name) ? [] : sourceFiles(path);
    return path.endsWith(".ts") && !path.endsWith(".test.ts") ? [path] : [];
  });
}

const SQL_PATTERNS: { name: string; re: RegExp }[] = [
  { name: "prepare(", re: /\.prepare\s*\(/ },
  { name: "exec(sql)", re: /\.exec\s*\(\s*[`"']/ },
  { name: "pragma(", re: /\.pragma\s*\(/ },
  { name: "SELECT … FROM", re: /\bSELECT\b[\s\S]{0,400}?\bFROM\b/ },
  { name: "INSERT … INTO", re: /\bINSERT\s+(?:OR\s+[A-Z]+\s+)?INTO\b/ },
  { name: "UPDATE … SET", re: /\bUPDATE\s+\w+\s+SET\b/ },
  { name: "DELETE FROM", re: /\bDELETE\s+FROM\b/ },
];

/** The SQL patterns found in a source text, each with the line it starts on. */
export function sqlIn(source: string): string[] {
  const found: string[] = [];
  for (const { name, re } of SQL_PATTERNS) {
    const global = new RegExp(re.source, "g");
    for (const m of source.matchAll(global)) found.push(`${name} (line ${source.slice(0, m.index).split("\n").length})`);
  }
  return found;
}

describe("SQL stays in sync-server/stores", () => {
  it("the scanner itself recognises statements and leaves other code alone", () => {
    expect(sqlIn(`const r = db.prepare("SELECT id FROM organisations").all();`)).toEqual(["prepare( (line 1)", "SELECT … FROM (line 1)"]);
    expect(sqlIn(`db.exec("DROP TABLE x");`)).toEqual(["exec(sql) (line 1)"]);
    expect(sqlIn("x;\n`INSERT OR IGNORE INTO link_tokens (token) VALUES (?)`")).toEqual(["INSERT … INTO (line 2)"]);
    expect(sqlIn(`"UPDATE submissions SET status = ?"; 'DELETE FROM link_tokens'`)).toEqual(["UPDATE … SET (line 1)", "DELETE FROM (line 1)"]);
    expect(sqlIn(`const m = /^Bearer\\s+(\\S+)$/i.exec(header); // select the rows from the delivery`)).toEqual([]);
  });

  it("no file under sync-server/ outside stores/ and db/ contains SQL", () => {
    const files = sourceFiles(serverDir);
    expect(files.length).toBeGreaterThan(50);
    const name = (file: string) => relative(root, file).split(sep).join("/");
    const offenders = files.flatMap((file) => sqlIn(readFileSync(file, "utf8")).map((hit) => `${name(file)}: ${hit}`));
    expect(offenders).toEqual([]);
  });

  it("routes only parse, authorise and call a use case: no store, transaction or audit entry of their own", () => {
    const routes = sourceFiles(join(serverDir, "routes"));
    expect(routes.length).toBeGreaterThan(10);
    const offenders = routes.flatMap((file) => {
      const text = readFileSync(file, "utf8");
      const bad = [/from "\.\.\/stores\//, /\bappendAudit\b/, /\binTransaction\b/, /\.transaction\(/].filter((re) => re.test(text));
      return bad.map((re) => `${relative(root, file).split(sep).join("/")}: ${re.source}`);
    });
    expect(offenders).toEqual([]);
  });
});
