// `lagesbild delivery --org ORG --json [--number N] [--server URL --key KEY [--ca CERT.pem] | --db FILE]`
// Prints an organisation's delivery (the latest, or number N) as JSON in the shared/protocol/delivery.ts format.
// With --server the API is asked with an API key (the key's own organisation); with --db the database file is read
// directly (the huvudman's administration, on the server machine). The server, key and certificate may come from
// LAGESBILD_SERVER, LAGESBILD_API_KEY and LAGESBILD_CA, as for submit and fetch.
// Exit codes: 0 printed, 1 none found, 2 bad usage, 3 refused, 4 the server could not be reached.
import { existsSync } from "node:fs";
import { deliverySchema, type Delivery } from "../../shared/protocol/delivery";
import { openDatabase } from "../db/database";
import { getDelivery } from "../stores/deliveries";
import { flag, parseArgs } from "./args";
import { ServerRefusedError } from "./http-client";
import { clientFor, connectionArgs, EXIT, processIo } from "./server-session";
import { reportFailure } from "./submit";

const USAGE = "Användning: lagesbild delivery --org ORG --json [--number N] [--server URL --key NYCKEL [--ca CERT.pem] | --db FIL]";

/** Reads a delivery from a database file. */
export function deliveryFromDb(file: string, org: string, number?: number): Delivery | null {
  const db = openDatabase(file);
  try {
    return getDelivery(db, org, number);
  } finally {
    db.close();
  }
}

export async function deliveryCommand(argv: string[], out: (text: string) => void = (t) => console.log(t)): Promise<number> {
  const args = parseArgs(argv);
  const io = processIo();
  const org = flag(args, "org");
  const numberText = flag(args, "number");
  const dbFile = flag(args, "db");
  if (!org || !args.flags.has("json") || (numberText !== undefined && !/^[0-9]+$/.test(numberText)) || (dbFile && args.flags.has("server"))) {
    console.error(USAGE);
    return EXIT.usage;
  }
  const number = numberText === undefined ? undefined : Number(numberText);
  let delivery: unknown;
  if (dbFile) {
    if (!existsSync(dbFile)) {
      console.error(`Databasfilen finns inte: ${dbFile}`);
      return EXIT.usage;
    }
    delivery = deliveryFromDb(dbFile, org, number);
    if (!delivery) {
      console.error(`Ingen leverans finns för ${org}.`);
      return 1;
    }
  } else {
    // The server, key and certificate as every server command takes them (flags, or LAGESBILD_* variables).
    const conn = connectionArgs(args, io.env);
    if (typeof conn === "string") {
      console.error(`${conn}\n${USAGE}`);
      return EXIT.usage;
    }
    try {
      delivery = await clientFor(conn, io).getJson<unknown>(`/api/deliveries/${number === undefined ? "latest" : number}?org=${encodeURIComponent(org)}`);
    } catch (e) {
      if (e instanceof ServerRefusedError && e.status === 404) {
        console.error(`Ingen leverans finns för ${org}.`);
        return 1;
      }
      return reportFailure(e, io, false);
    }
  }
  const parsed = deliverySchema.safeParse(delivery);
  if (!parsed.success) {
    console.error("Leveransen följer inte formatet i shared/protocol/delivery.ts.");
    return EXIT.refused;
  }
  out(JSON.stringify(parsed.data, null, 2));
  return EXIT.ok;
}
