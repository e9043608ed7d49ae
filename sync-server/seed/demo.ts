// The demo municipality: registers from a folder in the demo formats, the seven organisations, the built-in
// templates (assigned to their partners), the built-in indicators and demo users (one huvudman, one admin, one
// actor per partner).
import { BUILTIN_TEMPLATES, DEMO_ORGANISATIONS } from "../../shared/templates/builtin";
import type { Role } from "../../shared/protocol/api";
import { appendAudit } from "../audit/log";
import { generatePassword, hashPassword } from "../auth/passwords";
import type { Clock } from "../clock";
import type { Db } from "../db/database";
import { loadRegistersFromDir } from "./registers-dir";
import { seedBuiltinIndicators } from "../stores/indicators";
import { countOrganisations, insertOrganisation } from "../stores/organisations";
import { assign, insertTemplate } from "../stores/templates";
import { insertUser } from "../stores/users";

export const DEMO_REGISTER_VALID_FROM = "2020-01-01";

export interface DemoCredential {
  username: string;
  password: string;
  role: Role;
  org: string;
}

/** True when the database already holds organisations (the demo is seeded only on first start). */
export function isSeeded(db: Db): boolean {
  return countOrganisations(db) > 0;
}

export function seedDemo(db: Db, dir: string, clock: Clock, options: { passwords?: (username: string) => string } = {}): DemoCredential[] {
  const at = clock.now().toISOString();
  const passwordOf = options.passwords ?? (() => generatePassword());
  const users: { username: string; role: Role; org: string }[] = [
    { username: "huvudman", role: "huvudman", org: "kommunen" },
    { username: "admin", role: "admin", org: "kommunen" },
    ...DEMO_ORGANISATIONS.filter((o) => o.id !== "kommunen").map((o) => ({ username: o.id, role: "actor" as const, org: o.id })),
  ];
  const creds = users.map((u) => ({ ...u, password: passwordOf(u.username) }));
  const memo = new Map<string, string>();
  const hashes = creds.map((c) => memo.get(c.password) ?? memo.set(c.password, hashPassword(c.password)).get(c.password)!);

  db.transaction(() => {
    for (const o of DEMO_ORGANISATIONS) insertOrganisation(db, { id: o.id, name: o.name, kind: o.kind, isHuvudman: o.kind === "kommun" }, at);
    loadRegistersFromDir(db, dir, DEMO_REGISTER_VALID_FROM, at);
    for (const t of BUILTIN_TEMPLATES) insertTemplate(db, JSON.stringify(t), t.id, t.version, "system", at);
    for (const o of DEMO_ORGANISATIONS) for (const t of o.templates) assign(db, t, o.id, at);
    seedBuiltinIndicators(db, at);
    creds.forEach((c, i) => insertUser(db, { username: c.username, role: c.role, org: c.org, passwordHash: hashes[i] }, at));
    appendAudit(db, clock, { actor: "system", action: "seed.demo", details: { organisations: DEMO_ORGANISATIONS.length, templates: BUILTIN_TEMPLATES.length, users: creds.length } });
  }).immediate();
  return creds;
}
