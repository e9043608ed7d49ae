// A new municipality without demo data: its huvudman organisation, the built-in templates and indicators, its
// registers from a folder (the demo file names: nyko-omraden.csv, adressregister.csv, …), and its first users
// (one admin, one huvudman) with generated passwords. Partners and their users are added afterwards
// (`POST /api/organisations`, `lagesbild user add`).
import { BUILTIN_TEMPLATES } from "../../shared/templates/builtin";
import { appendAudit } from "../audit/log";
import { generatePassword, hashPassword } from "../auth/passwords";
import type { Clock } from "../clock";
import type { Db } from "../db/database";
import { loadRegistersFromDir } from "./registers-dir";
import { seedBuiltinIndicators } from "../stores/indicators";
import { countOrganisations, insertOrganisation } from "../stores/organisations";
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
    if (m.registersDir) loaded.push(...loadRegistersFromDir(db, m.registersDir, m.registersValidFrom, at));
    for (const t of BUILTIN_TEMPLATES) insertTemplate(db, JSON.stringify(t), t.id, t.version, "system", at);
    seedBuiltinIndicators(db, at);
    for (const c of credentials) insertUser(db, { username: c.username, role: c.role, org: c.org, passwordHash: hashPassword(c.password) }, at);
    appendAudit(db, clock, { actor: "cli", action: "municipality.create", details: { id: m.id, registers: loaded, users: credentials.map((c) => c.username) } });
  }).immediate();
  return { credentials, registers: loaded };
}
