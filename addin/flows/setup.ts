// The huvudman's set-up checklist in Swedish: each point's state, what it means, and where it is changed.
import type { Setup, SetupPlace, SetupPoint, SetupState } from "../../shared/protocol/setup-api";
import { SETUP_POINTS } from "../../shared/protocol/setup-api";
import { stockholmTime } from "../../shared/periods/stockholm";

export const STATE_TEXT: Record<SetupState, string> = { done: "Klart", partial: "Delvis", missing: "Saknas" };

const REGISTER_TEXT: Record<string, string> = {
  "nyko-areas": "NYKO-områden", addresses: "adressregister", polygons: "områdesgränser", boundary: "kommungräns", population: "befolkning",
};

const TITLE: Record<SetupPoint, string> = {
  registers: "Register inlästa",
  templates: "Mallar tilldelade",
  grants: "Behörigheter",
  subscriptions: "Prenumerationer",
  schedule: "Schema och nästa leverans",
  rounds: "Senaste leveransomgång",
};

export interface SetupLine {
  point: SetupPoint;
  state: SetupState;
  title: string;
  text: string;
  /** Where it is changed, in Swedish. */
  where: string;
  place: SetupPlace;
}

const list = (names: readonly string[]) => names.join(", ");
const ROLE_TEXT: Record<SetupPlace["role"], string> = { huvudman: "Huvudmannen", admin: "Administratören", actor: "Varje part" };
const TAB_TEXT: Record<NonNullable<SetupPlace["tab"]>, string> = { admin: "Administrera", templates: "Mallar", settings: "Inställningar", review: "Granska" };

function whereText(point: SetupPoint, p: SetupPlace): string {
  if (point === "registers") return "Administratören läser in nya register på servern (registergränssnittet).";
  if (point === "schedule") return "Huvudmannen ändrar dagar och klockslag i serverns leveransinställningar.";
  if (point === "rounds") return "Knappen Kör leveransomgång nu här nedan.";
  const at = p.tab ? `fliken ${TAB_TEXT[p.tab]}${p.section && p.section !== TAB_TEXT[p.tab] ? `, avsnittet ${p.section}` : ""}` : "";
  const sheet = p.sheet ? ` (bladet ${p.sheet})` : "";
  if (point === "subscriptions") return `${ROLE_TEXT[p.role]} väljer under ${at}${sheet}.`;
  return `${ROLE_TEXT[p.role]}: ${at}${sheet}.`;
}

const days = (d: readonly number[]) => (d.length === 1 ? `den ${d[0]}` : `den ${d.slice(0, -1).join(", ")} och ${d.at(-1)}`);
const two = (n: number) => String(n).padStart(2, "0");

function text(point: SetupPoint, s: Setup): string {
  switch (point) {
    case "registers":
      return s.registers.missing.length === 0
        ? `Alla register är inlästa (${list(s.registers.loaded.map((k) => REGISTER_TEXT[k] ?? k))}).`
        : `Saknas: ${list(s.registers.missing.map((k) => REGISTER_TEXT[k] ?? k))}.`;
    case "templates":
      return `${s.templates.done} av ${s.templates.of} parter har en mall.${s.templates.missing.length ? ` Saknar mall: ${list(s.templates.missing)}.` : ""}`;
    case "grants":
      return `${s.grants.done} av ${s.grants.of} parter har behörighet till indikatorer.${s.grants.missing.length ? ` Saknar behörighet: ${list(s.grants.missing)}.` : ""}`;
    case "subscriptions":
      return s.subscriptions.of === 0
        ? "Ingen part har behörighet ännu, så ingen kan prenumerera."
        : `${s.subscriptions.done} av ${s.subscriptions.of} parter med behörighet prenumererar.${s.subscriptions.missing.length ? ` Prenumererar inte: ${list(s.subscriptions.missing)}.` : ""}`;
    case "schedule":
      return s.schedule.nextRun
        ? `Leveranser ${days(s.schedule.days)} varje månad kl. ${two(s.schedule.hour)}:${two(s.schedule.minute)}; nästa leverans ${s.schedule.nextRunStockholm ?? stockholmTime(s.schedule.nextRun)}.`
        : "Ingen leverans är schemalagd.";
    case "rounds": {
      const r = s.rounds.lastRound;
      if (!r) return "Ingen leveransomgång har körts ännu.";
      const how = r.status === "sent" ? "skickad" : r.status === "empty" ? "inget att leverera" : "bara kommuntotaler lämnades ut";
      return `Omgång ${r.roundId}, ${stockholmTime(r.ranAt)}: ${how} (${r.deliveries} leveranser, data till och med ${r.lastPeriod ?? "–"}).`;
    }
  }
}

export function setupLines(s: Setup): SetupLine[] {
  return SETUP_POINTS.map((point) => ({ point, state: s[point].state, title: TITLE[point], text: text(point, s), where: whereText(point, s[point].place), place: s[point].place }));
}
