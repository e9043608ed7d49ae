// `lagesbild delivery --org ORG --json [--number N] [--server URL --key KEY [--ca CERT.pem] | --db FILE]`
// Prints an organisation's delivery (the latest, or number N) as JSON in the shared/protocol/delivery.ts format.
// With --server the API is asked with an API key (the key's own organisation); with --db the database file is read
// directly (the huvudman's administration, on the server machine). Exit codes: 0 printed, 1 none found, 2 bad usage, 3 refused.
import { readFileSync, existsSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { deliverySchema, type Delivery } from "../../shared/protocol/delivery";
import { openDatabase } from "../db/database";
import { getDelivery } from "../stores/deliveries";
import { flag, parseArgs } from "./args";

const USAGE = "Användning: lagesbild delivery --org ORG --json [--number N] [--server URL --key NYCKEL [--ca CERT.pem] | --db FIL]";

function getJson(url: string, key: string, ca: string | undefined): Promise<{ status: number; body: unknown }> {
  const u = new URL(url);
  const request = u.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(u, { method: "GET", headers: { "X-Api-Key": key, Accept: "application/json" }, ...(ca ? { ca } : {}) }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        try {
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as unknown });
        } catch {
          resolve({ status: res.statusCode ?? 0, body: text });
        }
      });
    });
    req.on("error", reject);
    req.end();
  });
}

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
  const org = flag(args, "org");
  const numberText = flag(args, "number");
  const server = flag(args, "server");
  const key = flag(args, "key");
  const dbFile = flag(args, "db");
  if (!org || !args.flags.has("json") || (numberText !== undefined && !/^[0-9]+$/.test(numberText)) || (!!server === !!dbFile) || (server && !key)) {
    console.error(USAGE);
    return 2;
  }
  const number = numberText === undefined ? undefined : Number(numberText);
  let delivery: unknown;
  if (dbFile) {
    if (!existsSync(dbFile)) {
      console.error(`Databasfilen finns inte: ${dbFile}`);
      return 2;
    }
    delivery = deliveryFromDb(dbFile, org, number);
    if (!delivery) {
      console.error(`Ingen leverans finns för ${org}.`);
      return 1;
    }
  } else {
    const ca = flag(args, "ca");
    const base = server!.replace(/\/+$/, "");
    const path = `/api/deliveries/${number === undefined ? "latest" : number}?org=${encodeURIComponent(org)}`;
    const res = await getJson(base + path, key!, ca ? readFileSync(ca, "utf8") : undefined);
    if (res.status === 404) {
      console.error(`Ingen leverans finns för ${org}.`);
      return 1;
    }
    if (res.status !== 200) {
      console.error(`Servern svarade ${res.status}: ${JSON.stringify(res.body)}`);
      return 3;
    }
    delivery = res.body;
  }
  const parsed = deliverySchema.safeParse(delivery);
  if (!parsed.success) {
    console.error("Leveransen följer inte formatet i shared/protocol/delivery.ts.");
    return 3;
  }
  out(JSON.stringify(parsed.data, null, 2));
  return 0;
}
