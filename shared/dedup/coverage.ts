// Which half-months double reports could be matched in. Matching happens when a submission is approved, against the
// linkage keys other organisations' approved submissions still hold (kept until 45 days after receipt). So two
// organisations' rows of a half-month were compared exactly when both still had keys at the later approval: the
// earlier-matched submission's keys were kept at least until the later one was matched. Otherwise they could not
// be, and double reports between them count twice in that half-month. Pure: the server passes what it stored.
import type { CoverageGroup, CoveragePair, CoverageStatus, DuplicateCoverage } from "../protocol/duplicates-api";

/** One counting submission's linkable rows of one half-month and link class. */
export interface CoverageEntry {
  submission: string;
  org: string;
  halfMonth: string;
  linkClass: string;
  /** Rows whose keys were matched at approval. */
  linkedRows: number;
  /** Rows whose keys were deleted unused before the submission was approved. */
  expiredRows: number;
  /** Until when the submission's keys were kept (ISO instant). */
  keptUntil: string;
  /** When the submission was approved and matched (ISO instant); null if it never was. */
  matchedAt: string | null;
}

/** Pairs found between two organisations' records of one half-month and link class. */
export interface PairCount {
  halfMonth: string;
  linkClass: string;
  orgA: string;
  orgB: string;
  pairs: number;
}

type Verdict = Pick<CoveragePair, "compared" | "reason" | "late">;

/** Were two submissions' rows compared, and if not, why. */
export function compareEntries(x: CoverageEntry, y: CoverageEntry): Verdict {
  const expired = [x, y].find((e) => e.linkedRows === 0 || e.matchedAt === null);
  if (expired) return { compared: false, reason: "expired-before-approval", late: expired.org };
  const [earlier, later] = (x.matchedAt as string) <= (y.matchedAt as string) ? [x, y] : [y, x];
  if (Date.parse(earlier.keptUntil) >= Date.parse(later.matchedAt as string)) return { compared: true, reason: null, late: null };
  return { compared: false, reason: "window-passed", late: later.org };
}

const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

function groupStatus(orgs: number, pairs: readonly CoveragePair[]): CoverageStatus {
  if (orgs < 2) return "single";
  const compared = pairs.filter((p) => p.compared).length;
  if (compared === pairs.length) return "matched";
  return compared === 0 ? "unmatched" : "partial";
}

/** Coverage per half-month and link class, newest half-month first. */
export function duplicateCoverage(entries: readonly CoverageEntry[], counts: readonly PairCount[], windowDays: number): DuplicateCoverage {
  const groups = new Map<string, CoverageEntry[]>();
  for (const e of entries) {
    if (e.linkedRows + e.expiredRows === 0) continue;
    const k = `${e.halfMonth}|${e.linkClass}`;
    const list = groups.get(k);
    if (list) list.push(e);
    else groups.set(k, [e]);
  }
  const found = new Map<string, number>();
  for (const c of counts) {
    const k = `${c.halfMonth}|${c.linkClass}|${pairKey(c.orgA, c.orgB)}`;
    found.set(k, (found.get(k) ?? 0) + c.pairs);
  }
  const out: CoverageGroup[] = [];
  for (const [k, list] of groups) {
    const [halfMonth, linkClass] = k.split("|");
    const byOrg = new Map<string, CoverageEntry[]>();
    for (const e of list) byOrg.set(e.org, [...(byOrg.get(e.org) ?? []), e]);
    const orgIds = [...byOrg.keys()].sort();
    const pairs: CoveragePair[] = [];
    for (let i = 0; i < orgIds.length; i++)
      for (let j = i + 1; j < orgIds.length; j++) {
        const [a, b] = [orgIds[i], orgIds[j]];
        // Every submission of one with every submission of the other: compared only if all of them were.
        let verdict: Verdict = { compared: true, reason: null, late: null };
        for (const x of byOrg.get(a)!) for (const y of byOrg.get(b)!) if (verdict.compared) verdict = compareEntries(x, y);
        pairs.push({ a, b, ...verdict, duplicates: found.get(`${halfMonth}|${linkClass}|${pairKey(a, b)}`) ?? 0 });
      }
    out.push({
      halfMonth, linkClass, status: groupStatus(orgIds.length, pairs),
      orgs: orgIds.map((org) => {
        const own = byOrg.get(org)!;
        return { org, linkedRows: own.reduce((n, e) => n + e.linkedRows, 0), expiredRows: own.reduce((n, e) => n + e.expiredRows, 0), keptUntil: own.map((e) => e.keptUntil).sort().at(-1)! };
      }),
      pairs,
    });
  }
  out.sort((x, y) => (x.halfMonth === y.halfMonth ? x.linkClass.localeCompare(y.linkClass) : x.halfMonth < y.halfMonth ? 1 : -1));
  const summary: Record<CoverageStatus, number> = { matched: 0, partial: 0, unmatched: 0, single: 0 };
  for (const g of out) summary[g.status]++;
  return { windowDays, groups: out, summary };
}
