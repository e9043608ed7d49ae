// A new municipality without demo data: its huvudman organisation, the built-in templates and indicators, its
// registers from a folder (the demo file names: nyko-omraden.csv, adressregister.csv, …), and its first users
// (one admin, one huvudman) with generated passwords. Partners and their users are added afterwards
// (`POST /api/organisations`, `lagesbild user add`).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { REGISTER_FILES } from "../../shared/areas";
import { BUILTIN_TEMPLATES } from "../../shared/templates/builtin";
import { appendAudit } from "../audit/log";
import { generatePassword, hashPassword } from "../auth/passwords";
import type { Clock } from "../clock";
import type { Db } from "../db/database";
import { checkRegister } from "../registers/load";
import { seedBuiltinIndicators } from "../stores/indicators";
import { countOrganisations, insertOrganisation } from "../stores/organisations";
import { insertRegister } from "../stores/registers";
import { insertTemplate } from "../stores/templates";
import { insertUser } from "../stores/users";
import type { DemoCredential } from "./demo";

export interface NewMunicipality {
  /** The huvudman organisation's id (the municipality's short name). */
  id: string;
  name: string;
  /** Folder of register files; absent: the registers are loaded later (`POST /api/registers/{kind}`). */
  registersDir?: string;
  registersValidFrom: string;
}

export function seedMunicipality(db: Db, m: NewMunicipality, clock: Clock): { credentials: DemoCredential[]; registers: string[] } {
  if (countOrganisations(db) > 0) throw new Error("Databasen har redan organisationer; en ny kommun skapas bara i en tom datakatalog.");
  const at = clock.now().toISOString();
  const credentials: DemoCredential[] = [
    { username: "admin", role: "admin", org: m.id, password: generatePassword() },
    { username: "huvudman", role: "huvudman", org: m.id, password: generatePassword() },
  ];
  const loaded: string[] = [];
  db.transaction(() => {
    insertOrganisation(db, { id: m.id, name: m.name, kind: "kommun", isHuvudman: true }, at);
    const registers = [
      { kind: "nyko-areas", file: REGISTER_FILES.nykoCsv, format: "csv" },
      { kind: "addresses", file: REGISTER_FILES.addressCsv, format: "csv" },
      { kind: "polygons", file: REGISTER_FILES.polygonsGeojson, format: "geojson" },
      { kind: "boundary", file: REGISTER_FILES.boundaryGeojson, format: "geojson" },
      { kind: "population", file: REGISTER_FILES.populationCsv, format: "csv" },
    ] as const;
    for (const r of m.registersDir ? registers : []) {
      const path = join(m.registersDir!, r.file);
      if (!existsSync(path)) continue;
      const payload = readFileSync(path, "utf8");
      const { year } = checkRegister(db, { kind: r.kind, validFrom: m.registersValidFrom, format: r.format, payload });
      insertRegister(db, { kind: r.kind, valid_from: m.registersValidFrom, year, format: r.format, payload, loaded_at: at, loaded_by: "system" });
      loaded.push(r.kind);
    }
    for (const t of BUILTIN_TEMPLATES) insertTemplate(db, JSON.stringify(t), t.id, t.version, "system", at);
    seedBuiltinIndicators(db, at);
    for (const c of credentials) insertUser(db, { username: c.username, role: c.role, org: c.org, passwordHash: hashPassword(c.password) }, at);
    appendAudit(db, clock, { actor: "cli", action: "municipality.create", details: { id: m.id, registers: loaded, users: credentials.map((c) => c.username) } });
  }).immediate();
  return { credentials, registers: loaded };
}
