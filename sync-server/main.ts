// The server process: config → data directory → open db → migrate → seed demo on first start → createApp → HTTPS.
import { existsSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:https";
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createApp } from "./app";
import { systemClock } from "./clock";
import { configFromEnv, type Config } from "./config";
import { hasSealedAudit, sealLegacyAudit } from "./audit/log";
import { useAuditKey } from "./audit/key";
import { inTransaction, openDatabase, type Db } from "./db/database";
import { migrate } from "./db/migrate";
import { checkDatabaseFile, checkOpenedDatabase, damaged, prepareDataDir } from "./db/start-checks";
import { createLogger } from "./logger";
import { auditKeyPath, ensureJwtSecret, JWT_SECRET_FILE, loadAuditKey } from "./secrets-file";
import { isSeeded, seedDemo, type DemoCredential } from "./seed/demo";
import { DEMO_DIR } from "./seed/demo-dir";
import { ensureLocalhostCertificate, TLS_SERVER_OPTIONS } from "./tls";
import { createDeliveryDeps } from "./deliveries/services";
import { startScheduler } from "./scheduler/scheduler";

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
export const DB_FILE = "lagesbild.db";

export interface OpenedData {
  db: Db;
  config: Config;
}

/**
 * Opens the data directory's database, checked and migrated, with its audit key. Used by the server and the
 * administration commands. A missing, emptied, damaged or read-only database is refused (StartRefusedError).
 */
export function openData(env: NodeJS.ProcessEnv = process.env): OpenedData {
  const base = configFromEnv(env);
  prepareDataDir(base.dataDir);
  const dbPath = join(base.dataDir, DB_FILE);
  const keyPath = auditKeyPath(base.dataDir, env);
  checkDatabaseFile(dbPath, [join(base.dataDir, JWT_SECRET_FILE), keyPath]);
  const config: Config = { ...base, jwtSecret: ensureJwtSecret(base.dataDir, base.jwtSecret) };
  let db: Db;
  try {
    db = openDatabase(dbPath);
  } catch (err) {
    throw damaged(dbPath, (err as Error).message);
  }
  try {
    checkOpenedDatabase(db, dbPath);
    migrate(db);
    useAuditKey(db, loadAuditKey(keyPath, !hasSealedAudit(db)));
    inTransaction(db, () => sealLegacyAudit(db, systemClock));
  } catch (err) {
    db.close();
    throw err;
  }
  return { db, config };
}

function printCredentials(creds: DemoCredential[], dataDir: string): void {
  const lines = ["Demoanvändare (visas bara vid första starten; finns också i data-katalogen):", ...creds.map((c) => `  ${c.role.padEnd(8)} ${c.org.padEnd(20)} användare: ${c.username.padEnd(20)} lösenord: ${c.password}`)];
  writeFileSync(join(dataDir, "demo-inloggningar.txt"), lines.join("\n") + "\n", { mode: 0o600 });
  console.log(lines.join("\n"));
}

function buildAddinIfMissing(config: Config): void {
  if (existsSync(config.addinDir) || process.env.BUILD_ADDIN === "0") return;
  if (!existsSync(join(REPO_ROOT, "webpack.config.mjs"))) return;
  console.log("Bygger tillägget (dist/addin) …");
  const webpackCli = join(REPO_ROOT, "node_modules", "webpack-cli", "bin", "cli.js");
  const r = spawnSync(process.execPath, [webpackCli, "--mode", "production"], { cwd: REPO_ROOT, stdio: "inherit" });
  if (r.status !== 0) console.warn("Tillägget kunde inte byggas; servern startar med bara API:t.");
}

export async function startServer(env: NodeJS.ProcessEnv = process.env): Promise<{ server: Server; url: string; close(): Promise<void> }> {
  const { db, config } = openData(env);
  const logger = createLogger(config.logLevel);
  if (config.seedDemo && !isSeeded(db)) printCredentials(seedDemo(db, DEMO_DIR, systemClock), config.dataDir);
  buildAddinIfMissing(config);
  const tls = await ensureLocalhostCertificate(config.dataDir, new Date());
  const deliveries = createDeliveryDeps({ db, clock: systemClock, logger }, { engine: config.disclosureEngine });
  const app = createApp({ db, config, clock: systemClock, logger, deliveries });
  const server = createServer({ ...TLS_SERVER_OPTIONS, key: tls.key, cert: tls.cert }, app);
  server.requestTimeout = 10 * 60_000;
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const url = `https://${config.host === "0.0.0.0" ? "localhost" : config.host}:${port}`;
  console.log(
    [
      `Lägesbild kör på ${url} (databas ${join(config.dataDir, DB_FILE)}).`,
      `Certifikatet är självsignerat: ${tls.certPath}`,
      "  Lita på det för din användare (ingen sudo): öppna adressen i webbläsaren en gång och godkänn, eller importera",
      "  certifikatet i användarens certifikatlager (Windows: certmgr.msc → Betrodda rotcertifikatutfärdare; macOS: Nyckelhanterare → inloggning).",
      `Sidladda tillägget: Excel → Infoga → Tillägg → Ladda upp mitt tillägg → ${existsSync(join(config.addinDir, "manifest.xml")) ? join(config.addinDir, "manifest.xml") : "manifest.xml"}`,
      `API-beskrivning: ${url}/api/openapi.json`,
    ].join("\n"),
  );
  logger.info({ port, host: config.host }, "listening");
  // Scheduled deliveries: a tick every minute; a slot missed while the server was down is made up now.
  const scheduler = process.env.DELIVERY_SCHEDULER === "0" ? null : startScheduler(deliveries);
  const close = () =>
    new Promise<void>((resolve) => {
      scheduler?.stop();
      server.close(() => {
        void (scheduler?.idle() ?? Promise.resolve()).finally(() => {
          db.close();
          resolve();
        });
      });
      server.closeAllConnections();
    });
  return { server, url, close };
}
