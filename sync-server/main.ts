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
import { startCheckpointer } from "./db/checkpointer";
import { checkDatabaseFile, checkOpenedDatabase, damaged, prepareDataDir } from "./db/start-checks";
import { createLogger } from "./logger";
import { watchEventLoop } from "./http/loop-watch";
import { auditKeyPath, ensureJwtSecret, JWT_SECRET_FILE, loadAuditKey } from "./secrets-file";
import { isSeeded, seedDemo, type DemoCredential } from "./seed/demo";
import { DEMO_DIR } from "./seed/demo-dir";
import { seedDemoPicture } from "./seed/picture";
import type { AppContext } from "./context";
import type { DeliveryDeps } from "./deliveries/round";
import { ensureLocalhostCertificate, TLS_SERVER_OPTIONS } from "./tls";
import { manifestFor, MANIFEST_FILE } from "./manifest";
import { createDeliveryDeps } from "./deliveries/services";
import { purgeExpiredLinkTokens } from "./dedup/purge";
import { startScheduler } from "./scheduler/scheduler";
import { seedBuiltinIndicators } from "./stores/indicators";

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

/** The demo's full picture on first start, with how long it took (SEED_DEMO=empty starts an empty municipality). */
async function seedPicture(ctx: AppContext, deliveries: DeliveryDeps): Promise<void> {
  console.log("Fyller demokommunen med behörigheter, prenumerationer, godkända inskick från alla parter och en leveransomgång … (SEED_DEMO=empty hoppar över det)");
  const started = Date.now();
  const s = await seedDemoPicture(ctx, deliveries, DEMO_DIR);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`Demokommunen fylld på ${seconds} s: ${s.submissions} godkända inskick (${s.records} rader), leveransomgång med ${s.round.deliveries} leveranser (data till och med ${s.round.lastPeriod}).`);
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
  const stopWatch = config.stallLogMs ? watchEventLoop(logger, config.stallLogMs) : null;
  // WAL checkpoints (a copy and a sync of every page written) run in a worker thread, never inside a request's commit.
  const checkpointer = startCheckpointer(db, { logger });
  const firstStart = config.seedDemo !== "off" && !isSeeded(db);
  if (firstStart) printCredentials(seedDemo(db, DEMO_DIR, systemClock), config.dataDir);
  // Built-in indicators a newer version of the program brings are added at every start (idempotent).
  seedBuiltinIndicators(db, systemClock.now().toISOString());
  buildAddinIfMissing(config);
  const tls = await ensureLocalhostCertificate(config.dataDir, new Date());
  const deliveries = createDeliveryDeps({ db, clock: systemClock, logger }, { engine: config.disclosureEngine });
  if (firstStart && config.seedDemo === "full") await seedPicture({ db, config, clock: systemClock, logger }, deliveries);
  // Listen first, so the app (the served manifest.xml, the OpenAPI servers) knows the port it really answers on.
  const server = createServer({ ...TLS_SERVER_OPTIONS, key: tls.key, cert: tls.cert });
  server.requestTimeout = 10 * 60_000;
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", (err: NodeJS.ErrnoException) =>
      reject(err.code === "EADDRINUSE" ? new Error(`Porten ${config.port} på ${config.host} används redan (av en annan server?). Stoppa den eller välj en annan port med PORT=…`) : err),
    );
    server.listen(config.port, config.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const url = `https://${config.host === "0.0.0.0" ? "localhost" : config.host}:${port}`;
  const publicUrl = env.PUBLIC_URL ? config.publicUrl.replace(/\/+$/, "") : url;
  const app = createApp({ db, config: { ...config, publicUrl }, clock: systemClock, logger, deliveries });
  server.on("request", app);
  // The manifest for this address, as a file to sideload (it is also served at /manifest.xml).
  const manifestFile = join(config.dataDir, "manifest.xml");
  if (existsSync(MANIFEST_FILE)) writeFileSync(manifestFile, manifestFor(publicUrl));
  console.log(
    [
      `Lägesbild kör på ${url} (databas ${join(config.dataDir, DB_FILE)}).`,
      `Certifikatet är självsignerat: ${tls.certPath}`,
      "  Lita på det för din användare (ingen sudo): öppna adressen i webbläsaren en gång och godkänn, eller importera",
      "  certifikatet i användarens certifikatlager (Windows: certmgr.msc → Betrodda rotcertifikatutfärdare; macOS: Nyckelhanterare → inloggning).",
      `  Kommandoraden: lägg till --ca ${tls.certPath} eller sätt LAGESBILD_CA=${tls.certPath}.`,
      `Tilläggets manifest för ${publicUrl}: ${manifestFile} (och ${publicUrl}/manifest.xml).`,
      `  Excel på webben: Start → Tillägg → Fler tillägg → Mina tillägg → Ladda upp mitt tillägg → välj filen ovan.`,
      "  Excel för Windows och Mac: se README, avsnittet om att sidladda tillägget (samma fil).",
      `API-beskrivning: ${publicUrl}/api/openapi.json`,
    ].join("\n"),
  );
  logger.info({ port, host: config.host }, "listening");
  // Scheduled deliveries: a tick every minute; a slot missed while the server was down is made up now. Linkage
  // tokens for double reporting are kept only for a short window (docs/double-reporting.md): purged every tick.
  const scheduler = process.env.DELIVERY_SCHEDULER === "0" ? null : startScheduler(deliveries, undefined, [(now) => purgeExpiredLinkTokens(db, now)]);
  const close = () =>
    new Promise<void>((resolve) => {
      scheduler?.stop();
      stopWatch?.();
      server.close(() => {
        void (scheduler?.idle() ?? Promise.resolve()).then(() => checkpointer.stop()).finally(() => {
          db.close();
          resolve();
        });
      });
      server.closeAllConnections();
    });
  return { server, url, close };
}
