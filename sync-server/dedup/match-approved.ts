// On approval: move the submission's linkage tokens out of its stored records into link_tokens (a submission
// received more than the window ago has none left: the purge that runs first stripped them), then pair its records with counting records of other organisations
// that share a token (shared/dedup findDuplicatePairs: one partner per record and other organisation).
// Call inside the approval's transaction, after supersession is resolved.
import { findDuplicatePairs, type LinkedRecord } from "../../shared/dedup/match";
import type { Db } from "../db/database";
import { periodOfDate } from "../../shared/periods/period";
import { getSubmissionRow } from "../stores/submissions";
import { candidatesSharingTokens, hasMergedPartnerIn, insertDuplicate, insertLinkTokens, recordLinkedCoverage, recordsWithLinks, stripLinks, tokensOf, type RecordRef } from "../stores/duplicates";
import { linkClassResolver } from "./link-class";
import { purgeLinkTokens } from "./purge";
import { linkTokensExpireAt } from "./window";

export interface MatchOutcome {
  /** Records of the submission that carried tokens inside the window. */
  linked: number;
  /** New pairs found. */
  pairs: number;
}

/**
 * Moves the `link` field of every stored record of the submission into link_tokens, and records per half-month and
 * link class how many rows were matched now (link_coverage: what GET /api/duplicates/coverage reads).
 */
function extractTokens(db: Db, submission: string, org: string, now: Date): RecordRef[] {
  const linked: RecordRef[] = [];
  const classOf = linkClassResolver(db);
  const tally = new Map<string, { halfMonth: string; linkClass: string; rows: number }>();
  for (const { row, record } of recordsWithLinks(db, submission)) {
    const ref = { submission, row };
    if (record.link?.length && record.date) {
      insertLinkTokens(db, ref, org, record.date, record.link);
      linked.push(ref);
      const halfMonth = periodOfDate("halfmonth", record.date);
      const linkClass = classOf(record);
      const k = `${halfMonth}|${linkClass}`;
      const t = tally.get(k) ?? { halfMonth, linkClass, rows: 0 };
      t.rows++;
      tally.set(k, t);
    }
  }
  stripLinks(db, submission);
  const received = getSubmissionRow(db, submission)?.created_at;
  if (received)
    for (const t of tally.values()) recordLinkedCoverage(db, { submission, org, ...t, keptUntil: linkTokensExpireAt(received), matchedAt: now.toISOString() });
  return linked;
}

export function matchApprovedSubmission(db: Db, submission: string, org: string, now: Date): MatchOutcome {
  purgeLinkTokens(db, now);
  const own = extractTokens(db, submission, org, now);
  if (own.length === 0) return { linked: 0, pairs: 0 };
  // Other organisations' counting records sharing a token and not yet merged with a counting record of `org`.
  const others = candidatesSharingTokens(db, submission).filter((c) => !hasMergedPartnerIn(db, c, org));
  if (others.length === 0) return { linked: own.length, pairs: 0 };
  const refs: RecordRef[] = [];
  const linked: LinkedRecord[] = [];
  // Earlier records first, so ties go to them.
  for (const c of others) {
    refs.push({ submission: c.submission, row: c.row });
    linked.push({ id: refs.length - 1, org: c.org, link: tokensOf(db, c) });
  }
  const firstOwn = refs.length;
  for (const ref of own) {
    refs.push(ref);
    linked.push({ id: refs.length - 1, org, link: tokensOf(db, ref) });
  }
  const at = now.toISOString();
  let pairs = 0;
  for (const p of findDuplicatePairs(linked)) {
    const [older, newer] = p.a < p.b ? [p.a, p.b] : [p.b, p.a];
    if (older >= firstOwn || newer < firstOwn) continue; // only pairs of one earlier record and one of this submission
    pairs += insertDuplicate(db, refs[older], refs[newer], at);
  }
  return { linked: own.length, pairs };
}
