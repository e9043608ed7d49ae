// Every error the user can meet, in Swedish, in one place: server reasons (shared/protocol/errors.ts),
// network failures and the add-in's own refusals.
import type { ErrorCode } from "../shared/protocol/errors";

export type ClientReason = ErrorCode | "network-error" | "unexpected-response" | "no-host" | "not-signed-in";

const TEXT: Record<ClientReason, string> = {
  "bad-request": "Servern kunde inte tolka begäran.",
  "malformed-json": "Servern fick data som inte gick att läsa.",
  "validation-failed": "Uppgifterna klarade inte kontrollen.",
  "unknown-field": "Begäran innehöll ett okänt fält.",
  "body-too-large": "Inskicket är för stort. Det skickas i delar; försök igen.",
  unauthorized: "Du är inte inloggad. Logga in igen.",
  "token-expired": "Inloggningen har gått ut. Logga in igen.",
  "token-invalid": "Inloggningen är ogiltig. Logga in igen.",
  forbidden: "Du har inte behörighet till det här.",
  "not-found": "Det du söker finns inte (längre).",
  conflict: "Någon annan har ändrat detta under tiden. Uppdatera och försök igen.",
  "idempotency-conflict": "Inskicket har samma nyckel som ett tidigare inskick men annat innehåll. Skicka om bladet som ett nytt inskick.",
  "upload-limit": "För många eller för stora påbörjade uppladdningar väntar. Vänta tills de har skickats klart eller gått ut (efter ett dygn) och försök igen.",
  "identifying-value": "Servern hittade en identifierande uppgift och tog inte emot något.",
  "template-retired": "Mallversionen är avvecklad och tas inte längre emot. Infoga den nya versionen.",
  "template-unknown": "Mallen är okänd för servern.",
  "template-immutable": "En publicerad mallversion kan inte ändras. Publicera en ny version.",
  "template-unchanged": "Mallbladet är oförändrat sedan den senaste versionen; ingen ny version publicerades.",
  "template-retire-date": "Avvecklingsdatumet kan inte ligga bakåt i tiden. Välj dagens datum eller ett senare.",
  "template-retirement-final": "Versionen är redan avvecklad; avvecklingen kan inte längre ångras eller flyttas.",
  "submission-locked": "Inskicket är låst (redan granskat).",
  "approval-replaces-approved": "Godkännandet skulle ersätta redan godkända uppgifter och gjordes inte. Bekräfta ersättningen för att godkänna.",
  "invalid-credentials": "Fel användarnamn eller lösenord.",
  "rate-limited": "För många försök. Vänta en stund och försök igen.",
  "audit-failed": "Händelsen kunde inte loggas, så inget sparades. Försök igen.",
  "job-timeout": "Arbetet tog för lång tid och avbröts utan att något sparades. Försök igen senare.",
  "internal-error": "Ett oväntat fel uppstod på servern.",
  "network-error": "Kunde inte nå servern. Kontrollera anslutningen.",
  "unexpected-response": "Servern svarade på ett oväntat sätt.",
  "no-host": "Lägesbild behöver Excel. Öppna tillägget i Excel (Infoga → Tillägg), på skrivbordet eller på webben; i en vanlig webbläsare finns ingen arbetsbok att arbeta i.",
  "not-signed-in": "Logga in först.",
};

/** Swedish text for an error reason; unknown reasons get a generic text that still names the code. */
export function errorText(reason: string, details?: unknown): string {
  // No delivery yet: the server says why and what to do instead of "not found".
  const why = details && typeof details === "object" ? (details as { why?: unknown; message?: unknown }) : null;
  if (why && typeof why.why === "string" && typeof why.message === "string") return why.message;
  const base = (TEXT as Record<string, string>)[reason] ?? `Ett fel uppstod (${reason}).`;
  const extra = detailText(reason, details);
  return extra ? `${base} ${extra}` : base;
}

/**
 * The server's own Swedish explanation of a refusal (`details.message`, or the messages of `details.issues`), for
 * flows that show it instead of the generic text of the reason; undefined when the error carries none.
 */
export function refusalText(e: unknown): string | undefined {
  const details = e && typeof e === "object" && "details" in e ? (e as { details?: unknown }).details : undefined;
  if (!details || typeof details !== "object") return undefined;
  const d = details as { message?: unknown; issues?: unknown };
  if (typeof d.message === "string") return d.message;
  if (!Array.isArray(d.issues)) return undefined;
  const text = d.issues
    .map((i: unknown) => (i && typeof i === "object" ? (i as { message?: unknown }).message : undefined))
    .filter((m): m is string => typeof m === "string")
    .join(" ");
  return text || undefined;
}

/** Details the server gives that a person can act on (row and field of an identifying value, retire date, etc.). */
function detailText(reason: string, details: unknown): string {
  if (!details || typeof details !== "object") return "";
  const d = details as Record<string, unknown>;
  if (Array.isArray(d.issues) && d.issues.length > 0) {
    // The server's wire check: { issues: [{ row, field, code, message }], part? } (row counts records from 1 within the part).
    const issues = d.issues as Record<string, unknown>[];
    const parts = issues.slice(0, 5).map((h) => `post ${String(h.row ?? "?")}, fält ${String(h.field ?? "?")}`);
    if (issues.length > 5) parts.push(`och ${issues.length - 5} till`);
    return `(${typeof d.part === "number" ? `del ${d.part + 1}: ` : ""}${parts.join("; ")})`;
  }
  if (typeof d.row === "number" || typeof d.field === "string") {
    return `(${[d.row !== undefined ? `rad ${String(d.row)}` : "", d.field ? `fält ${String(d.field)}` : ""].filter(Boolean).join(", ")})`;
  }
  if (typeof d.retiredFrom === "string") return `(avvecklad från ${d.retiredFrom})`;
  if (Array.isArray(d.replaces) && d.replaces.length > 0) return `(${(d.replaces as Replacement[]).map(replacementText).join("; ")})`;
  return "";
}

interface Replacement {
  period: string;
  approvedRows: number;
  newRows: number;
}

/** One half-month an approval would replace, as a person reads it: `2025-01-H1: ersätter 901 godkända rader med 250`. */
export function replacementText(r: Replacement): string {
  return `${r.period}: ersätter ${r.approvedRows} godkända ${r.approvedRows === 1 ? "rad" : "rader"} med ${r.newRows}`;
}

/** Submission status names as a person reads them. */
export const STATUS_TEXT: Record<string, string> = {
  pending: "Väntar på granskning",
  approved: "Godkänd",
  returned: "Returnerad",
  superseded: "Ersatt",
};

export function statusText(status: string): string {
  return STATUS_TEXT[status] ?? status;
}
