// Administration without the add-in: users, API keys, backup and audit verification, on the data directory's database.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { roleSchema } from "../../shared/protocol/api";
import { createCheckpoint, parseCheckpoint, verifyAuditTrail, type Checkpoint } from "../audit/checkpoint";
import { appendAudit } from "../audit/log";
import { createApiKey } from "../auth/apikeys";
import { generatePassword, hashPassword } from "../auth/passwords";
import { systemClock } from "../clock";
import { configFromEnv } from "../config";
import { inTransaction, type Db } from "../db/database";
import { getApiKeyRow, getApiKeyRowByPrefix, revokeApiKey } from "../stores/keys";
import { getOrganisation } from "../stores/organisations";
import { revokeAllForUser } from "../stores/refresh";
import { DB_FILE, openData, type OpenedData } from "../main";
import { getUserRowByName, insertUser, updateUser } from "../stores/users";
import { flag, type ParsedArgs } from "./args";

const ACTOR = "cli";

/**
 * The data directory's database for an administration command. Without `init` a missing database is refused (a
 * mistyped or unset DATA_DIR must not leave a fresh empty database behind); the refusal is the returned message.
 */
export function adminDatabase(env: NodeJS.ProcessEnv, init: boolean): OpenedData | string {
  const { dataDir } = configFromEnv(env);
  const file = join(dataDir, DB_FILE);
  if (!init && !existsSync(file)) {
    return [
      `Ingen databas finns i DATA_DIR (${dataDir}): ${DB_FILE} saknas där, och kommandot skapar ingen ny.`,
      `Ange DATA_DIR=<katalogen där servern har sina data>${env.DATA_DIR ? "" : " (DATA_DIR är inte satt, så ./data används)"},`,
      "eller starta servern en gång (npm start skapar databasen med demodata), eller lägg till --init för att skapa en tom databas här.",
    ].join("\n");
  }
  return openData(env);
}

export function userCommand(db: Db, args: ParsedArgs): number {
  const [sub, username] = args.positional;
  if (!username) {
    console.error("Användning: lagesbild user add NAMN --role actor|huvudman|admin --org ORG [--password LÖSEN] | passwd NAMN [--password LÖSEN] | disable NAMN");
    return 2;
  }
  const now = systemClock.now().toISOString();
  if (sub === "add") {
    const role = roleSchema.safeParse(flag(args, "role"));
    const org = flag(args, "org");
    if (!role.success || !org) {
      console.error("Ange --role actor|huvudman|admin och --org ORG.");
      return 2;
    }
    if (!getOrganisation(db, org)) return fail(`Organisationen ${org} finns inte.`);
    if (getUserRowByName(db, username)) return fail(`Användaren ${username} finns redan.`);
    const password = flag(args, "password") ?? generatePassword();
    if (password.length < 10) return fail("Lösenordet måste ha minst 10 tecken.");
    const hash = hashPassword(password);
    const user = inTransaction(db, () => {
      const u = insertUser(db, { username, role: role.data, org, passwordHash: hash }, now);
      appendAudit(db, systemClock, { actor: ACTOR, action: "user.create", details: { user: u.id, role: u.role, org } });
      return u;
    });
    console.log(`Användaren ${user.username} (${user.role}, ${user.org}) är skapad.${flag(args, "password") ? "" : ` Lösenord: ${password}`}`);
    return 0;
  }
  const row = getUserRowByName(db, username);
  if (!row) return fail(`Användaren ${username} finns inte.`);
  if (sub === "passwd") {
    const password = flag(args, "password") ?? generatePassword();
    if (password.length < 10) return fail("Lösenordet måste ha minst 10 tecken.");
    const hash = hashPassword(password);
    inTransaction(db, () => {
      updateUser(db, row.id, { passwordHash: hash });
      revokeAllForUser(db, row.id, now);
      appendAudit(db, systemClock, { actor: ACTOR, action: "user.update", details: { user: row.id, fields: ["password"] } });
    });
    console.log(`Lösenordet för ${username} är bytt.${flag(args, "password") ? "" : ` Nytt lösenord: ${password}`}`);
    return 0;
  }
  if (sub === "disable") {
    inTransaction(db, () => {
      updateUser(db, row.id, { disabled: true });
      revokeAllForUser(db, row.id, now);
      appendAudit(db, systemClock, { actor: ACTOR, action: "user.update", details: { user: row.id, fields: ["disabled"] } });
    });
    console.log(`Användaren ${username} är avstängd och utloggad från alla enheter.`);
    return 0;
  }
  return fail(`Okänt underkommando: user ${sub ?? ""}`);
}

export function keyCommand(db: Db, args: ParsedArgs): number {
  const [sub, target] = args.positional;
  const now = systemClock.now().toISOString();
  if (sub === "create" && target) {
    if (!getOrganisation(db, target)) return fail(`Organisationen ${target} finns inte.`);
    const name = flag(args, "name") ?? "automatisk leverans";
    const k = inTransaction(db, () => {
      const created = createApiKey(db, target, name, ACTOR, now);
      appendAudit(db, systemClock, { actor: ACTOR, action: "key.create", details: { key: created.row.prefix, org: target } });
      return created;
    });
    console.log(`API-nyckel för ${target} (id ${k.row.id}, prefix ${k.row.prefix}). Den visas bara nu:\n${k.key}`);
    return 0;
  }
  if (sub === "revoke" && target) {
    // A prefix is eight hex digits and may be all decimal digits, so it is tried before the numeric id.
    const byPrefix = getApiKeyRowByPrefix(db, target.replace(/^lb_/, "").split("_")[0]);
    const row = byPrefix ?? (/^[0-9]+$/.test(target) ? getApiKeyRow(db, Number(target)) : undefined);
    if (!row) return fail(`Nyckeln ${target} finns inte.`);
    inTransaction(db, () => {
      revokeApiKey(db, row.id, now);
      appendAudit(db, systemClock, { actor: ACTOR, action: "key.revoke", details: { key: row.prefix, org: row.org_id } });
    });
    console.log(`Nyckeln ${row.prefix} (${row.org_id}) är återkallad.`);
    return 0;
  }
  console.error("Användning: lagesbild key create ORG [--name NAMN] | key revoke ID|PREFIX");
  return 2;
}

/** A consistent online backup through SQLite's backup API, safe while the server runs. */
export async function backupCommand(db: Db, file: string | undefined): Promise<number> {
  if (!file) {
    console.error("Användning: lagesbild backup FIL");
    return 2;
  }
  if (existsSync(file)) return fail(`${file} finns redan; välj ett nytt filnamn.`);
  await db.backup(file);
  inTransaction(db, () => appendAudit(db, systemClock, { actor: ACTOR, action: "export.backup", details: { file } }));
  console.log(`Säkerhetskopian är skriven till ${file}. Återställ: stoppa servern, ersätt data/lagesbild.db med kopian (ta bort lagesbild.db-wal och -shm) och starta igen. Granskningsnyckeln (data/audit-key) hör till kopian: spara den också, men på annat ställe.`);
  return 0;
}

/** `audit verify [--checkpoint FILE]` and `audit checkpoint FILE`. */
export function auditCommand(db: Db, args: ParsedArgs): number {
  const [sub, file] = args.positional;
  if (sub === "verify") return auditVerifyCommand(db, flag(args, "checkpoint"));
  if (sub === "checkpoint" && file) return auditCheckpointCommand(db, file);
  console.error("Användning: lagesbild audit verify [--checkpoint FIL] | audit checkpoint FIL");
  return 2;
}

/** Writes a signed checkpoint of the chain's head to a new file, for the huvudman to keep outside the server. */
export function auditCheckpointCommand(db: Db, file: string): number {
  if (existsSync(file)) return fail(`${file} finns redan; välj ett nytt filnamn.`);
  const cp = createCheckpoint(db, systemClock, ACTOR);
  writeFileSync(file, JSON.stringify(cp, null, 2) + "\n", { mode: 0o600, flag: "wx" });
  console.log(
    `Kontrollpunkt för post ${cp.seq} är skriven till ${file}. Förvara filen utanför servern (till exempel hos huvudmannen); ` +
      `kontrollera senare med: lagesbild audit verify --checkpoint ${file}`,
  );
  return 0;
}

export function auditVerifyCommand(db: Db, checkpointFile?: string): number {
  const checkpoints: Checkpoint[] = [];
  if (checkpointFile !== undefined) {
    if (!existsSync(checkpointFile)) return fail(`Kontrollpunktsfilen ${checkpointFile} finns inte.`);
    const cp = parseCheckpoint(readFileSync(checkpointFile, "utf8"));
    if (!cp.ok) return fail(`${checkpointFile}: ${cp.message}`);
    checkpoints.push(cp.value);
  }
  const r = verifyAuditTrail(db, checkpoints);
  if (r.ok) {
    const against = checkpoints.length ? ` och stämmer med kontrollpunkten (post ${checkpoints[0].seq})` : "";
    console.log(`Granskningsloggen är hel: ${r.entries} poster, kedjan och sigillen stämmer${against}.`);
    return 0;
  }
  console.error(`Granskningsloggen är INTE hel (${r.problems.length} fel i ${r.entries} poster):`);
  for (const p of r.problems) console.error(`  post ${p.seq}: ${p.message}`);
  return 1;
}

function fail(message: string): number {
  console.error(message);
  return 1;
}
