// `lagesbild arsrapport --year ÅÅÅÅ --out FIL.xlsx --server URL --user NAMN [--ca CERT.pem] [--json]`
// The huvudman's yearly analysis as a real .xlsx, written by the same shared writer as the pane's "Årsrapport"
// button (shared/reports/year-report.ts) through the ExcelJS workbook (charts and maps as pictures). The inputs are
// published, disclosure-controlled cells only (GET /api/reports/year), with the alert table (GET /api/alerts).
// The report and the alert table are the huvudman's, read by a huvudman *user* (an API key acts as an actor): the
// password is read from LAGESBILD_PASSWORD, never from the command line; the user from --user or LAGESBILD_USER.
// Exit codes: 0 written, 2 bad usage, 3 the server refused (no delivery of the year, wrong password, …),
// 4 the server could not be reached after retries.
import { existsSync, readFileSync } from "node:fs";
import type { AlertRow } from "../../shared/protocol/duplicates-api";
import { YEAR_REPORT_PATH } from "../../shared/protocol/year-report";
import { gatherYearReport, type YearReportSource } from "../../shared/reports/gather";
import { writeYearReport, YearReportError, type WrittenYearReport, type YearReportData, type YearStats } from "../../shared/reports/year-report";
import { ExcelJsWorkbook } from "../workbook/exceljs-workbook";
import { flag, parseArgs } from "./args";
import { ServerRefusedError, type HttpClient } from "./http-client";
import { clientFor, EXIT, processIo, type CliIo } from "./server-session";
import { reportFailure } from "./submit";
import { yearReportStats } from "../../shared/reports/stats";

const USAGE = "Användning: lagesbild arsrapport --year ÅÅÅÅ --out FIL.xlsx --server URL --user NAMN [--ca CERT.pem] [--json]  (lösenordet i LAGESBILD_PASSWORD)";

/** The server's inputs, alert table and (when offered) interventions, over an HTTP client signed in as the huvudman. */
export function yearReportSource(client: HttpClient): YearReportSource {
  return {
    yearInputs: (year) => client.getJson<unknown>(YEAR_REPORT_PATH(year)),
    alerts: () => client.getJson<{ alerts: AlertRow[]; lastWeek?: string }>("/api/alerts?weeks=52"),
    interventions: () => client.getJson<unknown>("/api/interventions"),
  };
}

/** Writes the report into a new workbook at `out`. */
export async function writeYearReportFile(data: YearReportData, out: string, stats: YearStats = yearReportStats()): Promise<WrittenYearReport> {
  const workbook = new ExcelJsWorkbook();
  const written = await writeYearReport(workbook, data, stats);
  await workbook.save(out);
  return written;
}

/** Signs in as a user and returns its access token (refused: ServerRefusedError, exit 3). */
async function signIn(io: CliIo, server: string, ca: string | undefined, username: string, password: string): Promise<string> {
  const anon = clientFor({ server, apiKey: "", ca }, io);
  const res = await anon.postJson<{ accessToken?: string }>("/api/auth/login", { username, password, device: "lagesbild arsrapport" });
  if (typeof res.body.accessToken !== "string") throw new ServerRefusedError(res.status, "unexpected-response", "Inloggningen gav ingen åtkomsttoken.");
  return res.body.accessToken;
}

export async function arsrapportCommand(argv: string[], io: CliIo = processIo()): Promise<number> {
  const args = parseArgs(argv);
  const out = flag(args, "out");
  const yearText = flag(args, "year");
  const json = args.flags.has("json");
  const usage = (why?: string) => {
    io.stderr.write(`${why ? `${why}\n` : ""}${USAGE}\n`);
    return EXIT.usage;
  };
  if (!out || !yearText || args.flags.has("help")) return usage();
  if (!/^\d{4}$/.test(yearText)) return usage(`Året ska skrivas ÅÅÅÅ, till exempel 2026 (fick ${yearText}).`);
  if (!/\.xlsx$/i.test(out)) return usage("Utfilen måste sluta på .xlsx.");
  const server = flag(args, "server") ?? io.env.LAGESBILD_SERVER;
  const username = flag(args, "user") ?? io.env.LAGESBILD_USER;
  const password = io.env.LAGESBILD_PASSWORD;
  if (!server) return usage("Ange servern med --server URL (eller LAGESBILD_SERVER).");
  if (!username) return usage("Ange huvudmannens användare med --user NAMN (eller LAGESBILD_USER).");
  if (!password) return usage("Ange lösenordet i miljövariabeln LAGESBILD_PASSWORD (aldrig på kommandoraden).");
  const caFile = flag(args, "ca") ?? io.env.LAGESBILD_CA;
  let ca: string | undefined;
  if (caFile) {
    try {
      ca = readFileSync(caFile, "utf8");
    } catch {
      return usage(`Certifikatfilen ${caFile} kan inte läsas.`);
    }
  }
  const year = Number(yearText);
  try {
    const token = await signIn(io, server, ca, username, password);
    const client = clientFor({ server, apiKey: token, ca }, io);
    const data = await gatherYearReport(yearReportSource(client), year);
    const existed = existsSync(out);
    const written = await writeYearReportFile(data, out);
    if (json) io.stdout.write(JSON.stringify({ ok: true, out, year, ...written }) + "\n");
    else {
      io.stdout.write(
        [
          `Årsrapport ${year} skrevs till ${out}${existed ? " (filen ersattes)" : ""}.`,
          `  ${written.sheets.join(", ")}`,
          `  ${written.summaryRows} rader i sammanfattningen, ${written.maps} kartor, ${written.charts} diagram, ${written.alarms} larm, ${written.partners} parter, ${written.interventions} insatser.`,
        ].join("\n") + "\n",
      );
    }
    return EXIT.ok;
  } catch (e) {
    // Nothing of the year published, or no complete month: the server's (or the writer's) Swedish sentence alone.
    const why = e instanceof ServerRefusedError ? (e.details as { why?: unknown; message?: unknown } | null) : null;
    if (e instanceof ServerRefusedError && e.status === 404 && why && typeof why.message === "string") {
      if (json) io.stdout.write(JSON.stringify({ ok: false, refused: { status: e.status, reason: e.reason, details: e.details } }) + "\n");
      io.stderr.write(`${why.message}\n`);
      return EXIT.refused;
    }
    if (e instanceof YearReportError) {
      if (json) io.stdout.write(JSON.stringify({ ok: false, error: e.message }) + "\n");
      io.stderr.write(`${e.message}\n`);
      return EXIT.refused;
    }
    return reportFailure(e, io, json);
  }
}
