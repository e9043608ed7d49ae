// The `lagesbild` command: a small dispatcher of subcommands.
import { startServer, openData } from "../main";
import { parseArgs } from "./args";
import { auditCommand, backupCommand, keyCommand, userCommand } from "./admin";
import { checkCommand } from "./check";
import { deliveryCommand } from "./delivery";
import { fetchCommand } from "./fetch";
import { linkkeyCommand } from "./linkkey";
import { submitCommand } from "./submit";

const USAGE = `Användning: lagesbild <kommando>
  serve                               startar servern (https://localhost:3000)
  check …                             kontrollerar en fil mot en mall
  delivery --org ORG --json [--server URL --key NYCKEL | --db FIL]   skriver ut senaste leveransen som JSON
  submit FIL --server URL --key NYCKEL  skickar en .xlsx/.csv-export utan Excel (--dry-run, --json)
  fetch --server URL --key NYCKEL --out FIL.xlsx  hämtar organisationens senaste leverans
  user add NAMN --role R --org ORG    skapar en användare (user passwd NAMN, user disable NAMN)
  key create ORG [--name N]           skapar en API-nyckel (key revoke ID|PREFIX)
  linkkey generate                    skapar en ny länknyckel för dubbelrapportering (sparas inte)
  backup FIL                          säkerhetskopierar databasen medan servern kör
  audit verify [--checkpoint FIL]     kontrollerar granskningsloggens kedja och sigill (och mot en kontrollpunkt)
  audit checkpoint FIL                skriver en undertecknad kontrollpunkt att förvara utanför servern
Inställningar (miljövariabler): PORT, HOST, DATA_DIR, JWT_SECRET, AUDIT_KEY_FILE, PUBLIC_URL, LOG_LEVEL, BODY_LIMIT_BYTES, SEED_DEMO, BUILD_ADDIN`;

export async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "serve": {
      const { close } = await startServer(process.env);
      const stop = () => void close().then(() => process.exit(0));
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
      return new Promise<number>(() => {});
    }
    case "check":
      return checkCommand(rest);
    case "delivery":
      return deliveryCommand(rest);
    case "submit":
      return submitCommand(rest);
    case "fetch":
      return fetchCommand(rest);
    case "linkkey":
      return linkkeyCommand(rest);
    case "user":
    case "key":
    case "backup":
    case "audit": {
      const { db } = openData(process.env);
      try {
        const args = parseArgs(rest);
        if (command === "user") return userCommand(db, args);
        if (command === "key") return keyCommand(db, args);
        if (command === "backup") return await backupCommand(db, args.positional[0]);
        return auditCommand(db, args);
      } finally {
        db.close();
      }
    }
    case undefined:
    case "help":
    case "--help":
      console.log(USAGE);
      return command === undefined ? 2 : 0;
    default:
      console.error(`Okänt kommando: ${command}\n${USAGE}`);
      return 2;
  }
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  },
);
