// The `lagesbild` command: a small dispatcher of subcommands. Each command's code is loaded only when it runs, so
// `lagesbild --help` starts as fast as Node itself.
import { parseArgs } from "./args";

const USAGE = `Användning: lagesbild <kommando>
  serve                               startar servern (https://localhost:3000)
  check …                             kontrollerar en fil mot en mall
  delivery --org ORG --json [--server URL --key NYCKEL | --db FIL]   skriver ut senaste leveransen som JSON
  submit FIL --server URL --key NYCKEL  skickar en .xlsx/.csv-export utan Excel (--dry-run, --json)
  fetch --server URL --key NYCKEL --out FIL.xlsx  hämtar organisationens senaste leverans
  arsrapport --year ÅÅÅÅ --out FIL.xlsx --server URL --user NAMN   huvudmannens årsrapport (lösenord i LAGESBILD_PASSWORD)
  user add NAMN --role R --org ORG    skapar en användare (user passwd NAMN, user disable NAMN)
  key create ORG [--name N]           skapar en API-nyckel (key revoke ID|PREFIX)
  kommun create NAMN [--root KATALOG] [--port N] [--registers KATALOG]   ny kommun i en egen datakatalog, utan demodata
  kommun backup --root KATALOG --out KATALOG    säkerhetskopierar alla kommuners databaser (NAMN-ÅÅÅÅ-MM-DD.db)
  kommun verify --root KATALOG [--checkpoints KATALOG]   kontrollerar alla kommuners granskningsloggar; namnger den som inte är hel
  kommun migrate --root KATALOG                 kör väntande migreringar i alla kommuners databaser (stoppa servrarna först)
  linkkey generate                    skapar en ny länknyckel för dubbelrapportering (sparas inte)
  backup FIL                          säkerhetskopierar databasen medan servern kör
  audit verify [--checkpoint FIL]     kontrollerar granskningsloggens kedja och sigill (och mot en kontrollpunkt)
  audit checkpoint FIL                skriver en undertecknad kontrollpunkt att förvara utanför servern
Administrationskommandona (user, key, backup, audit) arbetar på databasen i DATA_DIR och skapar ingen ny
  (lägg till --init för att skapa en tom databas; npm start skapar en med demodata).
Servercertifikat: --ca FIL eller LAGESBILD_CA=FIL (demons certifikat: data/tls/localhost-cert.pem).
Inställningar (miljövariabler): PORT, HOST, DATA_DIR, JWT_SECRET, AUDIT_KEY_FILE, PUBLIC_URL, LOG_LEVEL, BODY_LIMIT_BYTES, SEED_DEMO, BUILD_ADDIN,
  LAGESBILD_SERVER, LAGESBILD_API_KEY, LAGESBILD_CA, LAGESBILD_USER, LAGESBILD_PASSWORD`;

/** Runs the server until SIGINT or SIGTERM; then it stops taking requests, closes the database and frees the port. */
async function serve(): Promise<number> {
  // The handlers come first: a signal during start-up waits for the server to be up and then closes it.
  let stopRequested: (() => void) | null = null;
  const stopped = new Promise<void>((resolve) => (stopRequested = resolve));
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    // A second signal while closing ends the process at once.
    if (++signals > 1) process.exit(128 + (signal === "SIGINT" ? 2 : 15));
    stopRequested?.();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  const { startServer } = await import("../main");
  const { close } = await startServer(process.env);
  await stopped;
  await close();
  return 0;
}

async function admin(command: string, rest: string[]): Promise<number> {
  const { adminDatabase, auditCommand, backupCommand, keyCommand, userCommand } = await import("./admin");
  const args = parseArgs(rest);
  const opened = adminDatabase(process.env, args.flags.has("init"));
  if (typeof opened === "string") {
    console.error(opened);
    return 2;
  }
  const { db } = opened;
  try {
    if (command === "user") return userCommand(db, args);
    if (command === "key") return keyCommand(db, args);
    if (command === "backup") return await backupCommand(db, args.positional[0]);
    return auditCommand(db, args);
  } finally {
    db.close();
  }
}

export async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "serve":
      return serve();
    case "check":
      return (await import("./check")).checkCommand(rest);
    case "delivery":
      return (await import("./delivery")).deliveryCommand(rest);
    case "submit":
      return (await import("./submit")).submitCommand(rest);
    case "fetch":
      return (await import("./fetch")).fetchCommand(rest);
    case "arsrapport":
      return (await import("./arsrapport")).arsrapportCommand(rest);
    case "kommun":
      return (await import("./kommun")).kommunCommand(parseArgs(rest));
    case "linkkey":
      return (await import("./linkkey")).linkkeyCommand(rest);
    case "user":
    case "key":
    case "backup":
    case "audit":
      return admin(command, rest);
    case undefined:
    case "help":
    case "--help":
    case "-h":
      console.log(USAGE);
      return command === undefined ? 2 : 0;
    default:
      console.error(`Okänt kommando: ${command}\n${USAGE}`);
      return 2;
  }
}

/** Resolves once everything written to `stream` so far has been handed to the OS (a pipe is written asynchronously). */
function drained(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || !stream.writable) return resolve();
    stream.write("", () => resolve());
  });
}

/** Exits with `code` only after stdout and stderr have written all their output, to a pipe as to a file. */
export async function exitAfterOutput(code: number): Promise<never> {
  process.exitCode = code;
  await Promise.all([drained(process.stdout), drained(process.stderr)]);
  process.exit(code);
}

run(process.argv.slice(2)).then(
  (code) => exitAfterOutput(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    return exitAfterOutput(1);
  },
);
