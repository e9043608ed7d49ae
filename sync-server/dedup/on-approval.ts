// After the huvudman approves a submission: match its records against other organisations' (own transaction,
// audited). Kept apart from the approval itself so a matching failure never undoes an approval; the tokens of an
// unmatched submission are purged with the window all the same.
import { appendAudit } from "../audit/log";
import type { AppContext } from "../context";
import { inTransaction } from "../db/database";
import { matchApprovedSubmission, type MatchOutcome } from "./match-approved";

export function matchAfterApproval(ctx: AppContext, submission: string, org: string): MatchOutcome {
  return inTransaction(ctx.db, () => {
    const outcome = matchApprovedSubmission(ctx.db, submission, org, ctx.clock.now());
    if (outcome.linked > 0)
      appendAudit(ctx.db, ctx.clock, { actor: "system", action: "duplicate.match", details: { submission, org, linked: outcome.linked, pairs: outcome.pairs } });
    return outcome;
  });
}
