// "Kör leveransomgång nu" (huvudman): starts a round, follows its step while it runs (polling the round's status)
// and words the round's figures in Swedish: cells, published, suppressed (primary and secondary), deliveries, time.
import type { RoundFigures } from "../../shared/protocol/setup-api";
import { stockholmTime } from "../../shared/periods/stockholm";
import type { RoundRun } from "../admin-api";
import type { SyncClient } from "../sync-client";

const STATUS_TEXT: Record<RoundFigures["status"], string> = {
  sent: "skickad till alla mottagare",
  "audit-failed": "granskningen underkände skyddet, så mottagarna fick bara kommuntotaler",
  "fail-closed": "tabellerna kunde inte skyddas, så mottagarna fick bara kommuntotaler",
  empty: "det fanns inget att leverera",
};

const seconds = (ms: number) => `${Math.max(0, Math.round(ms / 100) / 10).toLocaleString("sv-SE")} s`;

/** Unpublished cells that are neither primary nor secondary: held back (changed since an earlier round) or withheld. */
const other = (f: RoundFigures) => f.suppressed - f.primary - f.secondary;

/** The round's figures as lines for the pane. */
export function roundFiguresLines(f: RoundFigures): string[] {
  return [
    `Omgång ${f.roundId} (${f.manual ? "körd för hand" : "schemalagd"} ${stockholmTime(f.ranAt)}): ${STATUS_TEXT[f.status]}.`,
    `${f.cells} celler: ${f.published} publicerade, ${f.suppressed} undertryckta (${f.primary} primärt, ${f.secondary} sekundärt${other(f) > 0 ? `, ${other(f)} av andra skäl` : ""}).`,
    `${f.deliveries} leveranser, data till och med ${f.lastPeriod ?? "–"}${f.durationMs === null ? "" : `; tog ${seconds(f.durationMs)}`}.`,
  ];
}

export interface RunOptions {
  /** How often the status is asked for while the round runs (default 1 s). */
  pollMs?: number;
  wait?: (ms: number) => Promise<void>;
}

/** Runs a round now; `onProgress` gets each step the round reports ("Leveransomgången skyddar tabellerna (12 s) …"). */
export async function runRoundWithProgress(client: SyncClient, onProgress: (text: string) => void, options: RunOptions = {}): Promise<{ run: RoundRun; figures: RoundFigures | null }> {
  const wait = options.wait ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let ended = false;
  const running = client.runRound().finally(() => {
    ended = true;
  });
  running.catch(() => undefined);
  while (!ended) {
    await Promise.race([running.then(() => undefined, () => undefined), wait(options.pollMs ?? 1000)]);
    if (ended) break;
    const status = await client.runStatus().catch(() => null);
    if (!ended && status?.job?.state === "running") onProgress(`Leveransomgången ${status.job.progress} (${seconds(status.job.elapsedMs)}) …`);
  }
  const run = await running;
  const { lastRound } = await client.runStatus();
  return { run, figures: lastRound && lastRound.roundId === run.roundId ? lastRound : null };
}
