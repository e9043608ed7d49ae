// /api/audit: read and verify the trail (admin and huvudman).
import { Router } from "express";
import { auditQuerySchema } from "../../shared/protocol/api";
import { listAudit, verifyAuditChain } from "../audit/log";
import { principalOf, requireUser } from "../auth/principal";
import type { AppContext } from "../context";
import { parseInput } from "../http/validate";

export function auditRouter(ctx: AppContext): Router {
  const r = Router();
  r.get("/", (req, res) => {
    requireUser(principalOf(res), "admin", "huvudman");
    const q = parseInput(auditQuerySchema, req.query);
    res.json({ entries: listAudit(ctx.db, q.afterSeq, q.limit) });
  });
  r.get("/verify", (_req, res) => {
    requireUser(principalOf(res), "admin", "huvudman");
    res.json(verifyAuditChain(ctx.db));
  });
  return r;
}
