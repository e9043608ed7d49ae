// /api/setup: the huvudman's set-up checklist (shared/protocol/setup-api.ts).
import { Router } from "express";
import { principalOf, requireUser } from "../auth/principal";
import type { AppContext } from "../context";
import { setupChecklist } from "../setup/checklist";

export function setupRouter(ctx: AppContext): Router {
  const r = Router();
  r.get("/", (_req, res) => {
    requireUser(principalOf(res), "huvudman");
    res.json(setupChecklist(ctx));
  });
  return r;
}
