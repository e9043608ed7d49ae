// The huvudman's set-up checklist: is everything in place for partners to get deliveries? Registers loaded,
// templates assigned, indicators granted, subscriptions chosen, a schedule with its next run, and the latest round,
// each with its state and where it is changed (a section of the pane and its sheet, or an endpoint).
import { registerKindSchema } from "../../shared/protocol/api";
import type { Setup, SetupPlace, SetupState } from "../../shared/protocol/setup-api";
import { stockholmDate, stockholmTime } from "../../shared/periods/stockholm";
import type { AppContext } from "../context";
import { lastRoundFigures } from "../deliveries/run-status";
import { nextSlot } from "../scheduler/slots";
import { getDeliverySettings } from "../stores/deliveries";
import { listOrganisations } from "../stores/organisations";
import { listRegisterVersions } from "../stores/registers";
import { intersectWithGrants, listGrants, listSubscriptions } from "../stores/subscriptions";
import { listAssignments } from "../stores/templates";

const place = (p: Partial<SetupPlace> & Pick<SetupPlace, "role">): SetupPlace => ({ tab: null, section: null, sheet: null, endpoint: null, ...p });

/** Where each point is changed. The huvudman's own sections are on the Administrera tab. */
const SETUP_PLACES = {
  registers: place({ role: "admin", endpoint: "POST /api/registers/{kind}" }),
  templates: place({ role: "admin", tab: "templates", section: "Mallar och versioner", endpoint: "POST /api/templates/{id}/assignments" }),
  grants: place({ role: "huvudman", tab: "admin", section: "Behörigheter", sheet: "Behörigheter" }),
  subscriptions: place({ role: "actor", tab: "settings", section: "Prenumerationer", sheet: "Inställningar", endpoint: "PUT /api/subscriptions?org={org}" }),
  schedule: place({ role: "huvudman", endpoint: "PUT /api/deliveries/settings" }),
  rounds: place({ role: "huvudman", tab: "admin", section: "Leveransomgång" }),
} as const satisfies Record<string, SetupPlace>;

function stateOf(done: number, of: number): SetupState {
  if (of > 0 && done === of) return "done";
  return done > 0 ? "partial" : "missing";
}

export function setupChecklist(ctx: AppContext): Setup {
  const { db } = ctx;
  const now = ctx.clock.now();
  const today = stockholmDate(now);

  const kinds = registerKindSchema.options;
  // The versions without their text: whether one is loaded (a population with its year; another kind valid today).
  const versions = listRegisterVersions(db);
  const loaded = kinds.filter((k) => versions.some((v) => v.kind === k && (k === "population" ? v.year !== null : v.validFrom <= today)));
  const missingKinds = kinds.filter((k) => !loaded.includes(k));

  const partners = listOrganisations(db).filter((o) => !o.isHuvudman).map((o) => o.id);
  const assigned = new Set(listAssignments(db).map((a) => a.org));
  const withTemplates = partners.filter((o) => assigned.has(o));
  const grants = listGrants(db);
  const granted = partners.filter((org) => grants.some((g) => g.org === org));
  const subs = listSubscriptions(db);
  const subscribed = granted.filter((org) => {
    const own = grants.filter((g) => g.org === org);
    return subs.some((s) => s.org === org && intersectWithGrants(s, own) !== null);
  });
  const counted = (done: string[], of: string[]) => ({ done: done.length, of: of.length, missing: of.filter((o) => !done.includes(o)) });

  const settings = getDeliverySettings(db);
  const next = nextSlot(now, settings);
  const lastRound = lastRoundFigures(db);
  return {
    at: now.toISOString(),
    registers: { state: stateOf(loaded.length, kinds.length), place: SETUP_PLACES.registers, loaded, missing: missingKinds },
    templates: { state: stateOf(withTemplates.length, partners.length), place: SETUP_PLACES.templates, ...counted(withTemplates, partners) },
    grants: { state: stateOf(granted.length, partners.length), place: SETUP_PLACES.grants, ...counted(granted, partners) },
    // Subscriptions are judged among granted partners; with nobody granted there is nothing to subscribe to.
    subscriptions: { state: granted.length === 0 ? "missing" : stateOf(subscribed.length, granted.length), place: SETUP_PLACES.subscriptions, ...counted(subscribed, granted) },
    schedule: {
      state: next ? "done" : "missing", place: SETUP_PLACES.schedule, days: [...settings.days], hour: settings.hour, minute: settings.minute,
      nextRun: next?.key ?? null, nextRunStockholm: next ? stockholmTime(next.at) : null,
    },
    rounds: { state: !lastRound ? "missing" : lastRound.status === "sent" ? "done" : "partial", place: SETUP_PLACES.rounds, lastRound },
  };
}
