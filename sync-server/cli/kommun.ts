// `lagesbild kommun create NAMN`: a new municipality in a data directory of its own (one database, one signing key,
// one audit key: data never mixes), without demo data. Each municipality runs as its own server process with its
// own DATA_DIR and PORT (docs/hosting.md); the command writes that environment to `<dir>/kommun.env`.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { systemClock } from "../clock";
import { DB_FILE, openData } from "../main";
import { seedMunicipality } from "../seed/municipality";
import { flag, type ParsedArgs } from "./args";

const USAGE = "Användning: lagesbild kommun create NAMN [--root KATALOG] [--port N] [--name \"Namn kommun\"] [--registers KATALOG] [--valid-from ÅÅÅÅ-MM-DD]";

export function kommunCommand(args: ParsedArgs, env: NodeJS.ProcessEnv = process.env, out: (line: string) => void = console.log): number {
  const [sub, id] = args.positional;
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
