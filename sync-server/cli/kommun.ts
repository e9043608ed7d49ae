// `lagesbild kommun create NAMN`: a new municipality in a data directory of its own (one database, one signing key,
// one audit key: data never mixes), without demo data. Each municipality runs as its own server process with its
// own DATA_DIR and PORT (docs/hosting.md); the command writes that environment to `<dir>/kommun.env`.
//
// `lagesbild kommun backup|verify|migrate --root KATALOG` run the single-database commands (backup, audit verify,
// the migrations applied at start) over every municipality under the root, one shared loop (`forEachMunicipality`).
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { systemClock } from "../clock";
import { openReader } from "../db/database";
import { pendingMigrations } from "../db/migrate";
import { DB_FILE, openData, type OpenedData } from "../main";
import { seedMunicipality } from "../seed/municipality";
import { auditVerifyCommand, backupCommand } from "./admin";
import { flag, type ParsedArgs } from "./args";

const USAGE = [
  "Användning: lagesbild kommun create NAMN [--root KATALOG] [--port N] [--name \"Namn kommun\"] [--registers KATALOG] [--valid-from ÅÅÅÅ-MM-DD]",
  "       lagesbild kommun backup --root KATALOG --out KATALOG     säkerhetskopierar varje kommuns databas (NAMN-ÅÅÅÅ-MM-DD.db)",
  "       lagesbild kommun verify --root KATALOG [--checkpoints KATALOG]   kontrollerar varje kommuns granskningslogg (mot KATALOG/NAMN.json)",
  "       lagesbild kommun migrate --root KATALOG                  kör väntande migreringar i varje kommuns databas (stoppa servrarna först)",
].join("\n");

export function kommunCommand(args: ParsedArgs, env: NodeJS.ProcessEnv = process.env, out: (line: string) => void = console.log): number | Promise<number> {
  const [sub, id] = args.positional;
  if (sub === "backup" || sub === "verify" || sub === "migrate") return fleetCommand(sub, args, env);
  if (sub !== "create" || !id) {
    console.error(USAGE);
    return 2;
  }
  if (!/^[a-z][a-z0-9-]{1,39}$/.test(id)) {
    console.error(`Kommunens namn ska vara 2–40 tecken a–z, 0–9 och -, och börja med en bokstav (inte ${id}).`);
    return 2;
  }
  const root = resolve(flag(args, "root") ?? env.LAGESBILD_ROOT ?? "kommuner");
  const dir = join(root, id);
  if (existsSync(join(dir, DB_FILE))) {
    console.error(`Kommunen ${id} finns redan (${join(dir, DB_FILE)}).`);
    return 1;
  }
  const port = Number(flag(args, "port") ?? 3000);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error(`--port ska vara ett portnummer, inte ${flag(args, "port")}.`);
    return 2;
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const publicUrl = flag(args, "public-url") ?? `https://localhost:${port}`;
  const opened = openData({ ...env, DATA_DIR: dir, JWT_SECRET: "", AUDIT_KEY_FILE: "", PORT: String(port), SEED_DEMO: "off" });
  try {
    const { credentials, registers } = seedMunicipality(
      opened.db,
      { id, name: flag(args, "name") ?? id, registersDir: flag(args, "registers"), registersValidFrom: flag(args, "valid-from") ?? "2020-01-01" },
      systemClock,
    );
    writeFileSync(join(dir, "kommun.env"), [`DATA_DIR=${dir}`, `PORT=${port}`, `PUBLIC_URL=${publicUrl}`, "SEED_DEMO=off", ""].join("\n"), { mode: 0o600 });
    out(`Kommunen ${id} är skapad i ${dir} (egen databas, signeringsnyckel och granskningsnyckel).`);
    out(`Register: ${registers.length ? registers.join(", ") : "inga (ladda dem med POST /api/registers/{typ})"}.`);
    out("Första användarna (lösenorden visas bara nu):");
    for (const c of credentials) out(`  ${c.username} (${c.role}): ${c.password}`);
    out(`Starta: env $(cat ${join(dir, "kommun.env")} | xargs) npx lagesbild serve`);
    return 0;
  } finally {
    opened.db.close();
  }
}

/** A municipality under the root: a folder with `lagesbild.db` (or with `kommun.env` but its database missing). */
interface Municipality {
  id: string;
  dir: string;
}

/** The folders under `root` that are municipalities, by name. */
function municipalitiesIn(root: string): Municipality[] {
  return readdirSync(root)
    .sort()
    .map((id) => ({ id, dir: join(root, id) }))
    .filter((m) => statSync(m.dir).isDirectory() && (existsSync(join(m.dir, DB_FILE)) || existsSync(join(m.dir, "kommun.env"))));
}

/** `kommun.env` as variables (KEY=VALUE lines); DATA_DIR is always the municipality's own folder. */
function municipalityEnv(m: Municipality): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  const file = join(m.dir, "kommun.env");
  if (existsSync(file))
    for (const line of readFileSync(file, "utf8").split(/\r?\n/)) {
      const eq = line.indexOf("=");
      if (eq > 0 && !line.startsWith("#")) env[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
    }
  // Nothing from the operator's shell (a DATA_DIR, JWT_SECRET or AUDIT_KEY_FILE there) reaches a municipality.
  return { ...env, JWT_SECRET: "", AUDIT_KEY_FILE: env.AUDIT_KEY_FILE ?? "", DATA_DIR: m.dir, SEED_DEMO: "off", LOG_LEVEL: "silent" };
}

/** A municipality's pending migrations, read without opening it for writing; never creates a database. */
function pendingIn(m: Municipality): string[] {
  const db = openReader(join(m.dir, DB_FILE));
  try {
    return pendingMigrations(db);
  } finally {
    db.close();
  }
}

/**
 * The one loop of the fleet commands: every municipality under `--root` in turn, its database opened (checked,
 * migrated, with its own audit key) only when it exists. A failure in one is reported with its name and the loop goes
 * on; the exit code is 1 when any failed, 2 when there is no municipality at all.
 */
async function forEachMunicipality(
  root: string,
  verb: string,
  step: (m: Municipality, open: () => OpenedData) => Promise<number> | number,
): Promise<number> {
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    console.error(`Katalogen ${root} finns inte. Ange --root KATALOG (där kommunerna skapades med lagesbild kommun create).`);
    return 2;
  }
  const all = municipalitiesIn(root);
  if (all.length === 0) {
    console.error(`Inga kommuner i ${root}: ingen underkatalog har ${DB_FILE} eller kommun.env.`);
    return 2;
  }
  const failed: string[] = [];
  for (const m of all) {
    console.log(`== ${m.id} (${m.dir})`);
    let code: number;
    try {
      if (!existsSync(join(m.dir, DB_FILE))) {
        console.error(`${m.id}: kommun.env finns men ${DB_FILE} saknas; ingen ny databas skapas. Lägg tillbaka databasen eller en säkerhetskopia.`);
        code = 1;
      } else {
        const opened: OpenedData[] = [];
        try {
          code = await step(m, () => {
            const o = openData(municipalityEnv(m));
            opened.push(o);
            return o;
          });
        } finally {
          for (const o of opened) o.db.close();
        }
      }
    } catch (err) {
      console.error(`${m.id}: ${err instanceof Error ? err.message : String(err)}`);
      code = 1;
    }
    if (code !== 0) failed.push(m.id);
  }
  const ok = all.length - failed.length;
  if (failed.length === 0) {
    console.log(`${verb}: ${all.length === 1 ? "kommunen är klar" : `alla ${all.length} kommuner klara`}.`);
    return 0;
  }
  console.error(`${verb}: ${ok} av ${all.length} kommuner klara. FEL i: ${failed.join(", ")}.`);
  return 1;
}

function refusePending(m: Municipality): number | undefined {
  const pending = pendingIn(m);
  if (pending.length === 0) return undefined;
  console.error(
    `${m.id}: databasen har väntande migreringar (${pending.join(", ")}) och öppnas inte av detta kommando, som annars skulle köra dem. ` +
      "Ta säkerhetskopian med den programversion som skrev databasen, och kör sedan lagesbild kommun migrate.",
  );
  return 1;
}

async function fleetCommand(sub: "backup" | "verify" | "migrate", args: ParsedArgs, env: NodeJS.ProcessEnv): Promise<number> {
  const rootFlag = flag(args, "root") ?? env.LAGESBILD_ROOT;
  if (!rootFlag) {
    console.error(`Ange --root KATALOG (eller LAGESBILD_ROOT).\n${USAGE}`);
    return 2;
  }
  const root = resolve(rootFlag);
  if (sub === "backup") {
    const outFlag = flag(args, "out");
    if (!outFlag) {
      console.error(`Ange --out KATALOG för säkerhetskopiorna.\n${USAGE}`);
      return 2;
    }
    const outDir = resolve(outFlag);
    const date = systemClock.now().toISOString().slice(0, 10);
    return forEachMunicipality(root, "Säkerhetskopiering", async (m, open) => {
      const refused = refusePending(m);
      if (refused !== undefined) return refused;
      const { db } = open();
      mkdirSync(outDir, { recursive: true, mode: 0o700 });
      return backupCommand(db, join(outDir, `${m.id}-${date}.db`));
    });
  }
  if (sub === "verify") {
    const checkpoints = flag(args, "checkpoints");
    return forEachMunicipality(root, "Granskningskontroll", (m, open) => {
      const refused = refusePending(m);
      if (refused !== undefined) return refused;
      // With --checkpoints every municipality needs its checkpoint: a missing one is a failure, not a silent skip.
      const cp = checkpoints === undefined ? undefined : join(resolve(checkpoints), `${m.id}.json`);
      return auditVerifyCommand(open().db, cp);
    });
  }
  return forEachMunicipality(root, "Migrering", (m, open) => {
    const pending = pendingIn(m);
    open();
    console.log(pending.length === 0 ? `${m.id}: inget att göra, databasen har alla migreringar.` : `${m.id}: körde ${pending.join(", ")}.`);
    return 0;
  });
}
