// /api/requests: requests for public documents (allmän handling). A huvudman user only: partners, API keys and
// admin get 403 (the register holds who asked, and the review works on unsuppressed data).
import { Router, type Response } from "express";
import { composeRequestSchema, decideRequestSchema, registerRequestSchema } from "../../shared/protocol/requests";
import { principalOf, requireUser, type Principal } from "../auth/principal";
import type { AppContext } from "../context";
import type { DeliveryDeps } from "../deliveries/round";
import { intParam, parseInput } from "../http/validate";
import { decideRequest } from "../requests/decide";
import { composeRelease, registerRequest, requestRegister, requestView } from "../requests/register";
import { releaseFileOf, reviewRequest } from "../requests/review";

function huvudman(res: Response): Principal {
  const p = principalOf(res);
  requireUser(p, "huvudman");
  return p;
}

export function requestsRouter(ctx: AppContext, deps: DeliveryDeps): Router {
  const r = Router();
  r.get("/", (_req, res) => {
    huvudman(res);
    res.json(requestRegister(ctx));
  });
  r.post("/", (req, res) => {
    const p = huvudman(res);
    res.status(201).json(registerRequest(ctx, p, parseInput(registerRequestSchema, req.body)));
  });
  r.get("/:id", (req, res) => {
    huvudman(res);
    res.json(requestView(ctx, intParam(req.params.id)));
  });
  r.put("/:id/composition", (req, res) => {
    const p = huvudman(res);
    res.json(composeRelease(ctx, p, intParam(req.params.id), parseInput(composeRequestSchema, req.body)));
  });
  r.post("/:id/review", async (req, res) => {
    const p = huvudman(res);
    res.json(await reviewRequest(ctx, deps, p, intParam(req.params.id)));
  });
  r.post("/:id/decision", (req, res) => {
    const p = huvudman(res);
    res.json(decideRequest(ctx, p, intParam(req.params.id), parseInput(decideRequestSchema, req.body)));
  });
  for (const kind of ["xlsx", "csv"] as const) {
    r.get(`/:id/release.${kind}`, (req, res) => {
      huvudman(res);
      const id = intParam(req.params.id);
      const body = releaseFileOf(ctx, id, kind);
      res.setHeader("Content-Type", kind === "xlsx" ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8");
      res.setHeader("Content-Disposition", `attachment; filename="utlamnande-${id}.${kind}"`);
      res.send(body);
    });
  }
  return r;
}
