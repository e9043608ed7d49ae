// createApp: one router per area, one error handler. Everything it needs is passed in.
import { sweepStagedUploads } from "./submissions/staging";
import express, { type Express } from "express";
import { existsSync } from "node:fs";
import { authenticate } from "./auth/authenticate";
import type { Clock } from "./clock";
import type { Config } from "./config";
import type { AppContext } from "./context";
import type { Db } from "./db/database";
import { errorHandler, notFoundHandler } from "./http/errors";
import { refuseSourceMaps, securityHeaders } from "./http/headers";
import { createLogger, type Logger } from "./logger";
import { manifestRouter } from "./manifest";
import { auditRouter } from "./routes/audit";
import { authRouter } from "./routes/auth";
import { keysRouter } from "./routes/keys";
import { openapiRouter } from "./routes/openapi";
import { organisationsRouter } from "./routes/organisations";
import { registersRouter } from "./routes/registers";
import { reviewRouter } from "./routes/review";
import { duplicatesRouter } from "./routes/duplicates";
import { alertsRouter } from "./routes/alerts";
import { submissionsRouter } from "./routes/submissions";
import { templatesRouter } from "./routes/templates";
import { usersRouter } from "./routes/users";
import { completenessRouter } from "./routes/completeness";
import { reportingRouter } from "./routes/reporting";
import { setupRouter } from "./routes/setup";
import { deliveriesRouter } from "./routes/deliveries";
import { exportsRouter } from "./routes/exports";
import { indicatorsRouter } from "./routes/indicators";
import { grantsRouter, subscriptionsRouter } from "./routes/subscriptions";
import { requestsRouter } from "./routes/requests";
import { interventionsRouter } from "./routes/interventions";
import { reportsRouter } from "./routes/reports";
import { createDeliveryDeps } from "./deliveries/services";
import { discardUnfinishedRounds, type DeliveryDeps } from "./deliveries/round";

export interface AppDeps {
  db: Db;
  config: Config;
  clock: Clock;
  logger?: Logger;
  /** Delivery services (cube, LP solver) shared with the scheduler; made here when absent. */
  deliveries?: DeliveryDeps;
}

export function createApp(deps: AppDeps): Express {
  const ctx: AppContext = { ...deps, logger: deps.logger ?? createLogger(deps.config.logLevel) };
  sweepStagedUploads(ctx); // abandoned chunked uploads do not outlive a restart past their lifetime
  discardUnfinishedRounds(ctx); // a round a killed process left half-saved was never visible: it is deleted, its slot runs again
  const app = express();
  app.disable("x-powered-by");
  app.set("query parser", "simple");
  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      const p = res.locals.principal as { auditId?: string; role?: string; org?: string } | undefined;
      ctx.logger.info(
        { method: req.method, route: req.baseUrl + (req.route?.path ?? ""), status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6, actor: p?.auditId, role: p?.role, org: p?.org },
        "request",
      );
    });
    next();
  });
  app.use(securityHeaders);
  // A submission's body is parsed where it is checked, off the event loop (submissions/prepare.ts).
  app.post("/api/submissions", express.raw({ limit: deps.config.bodyLimitBytes, type: ["application/json", "application/*+json"] }));
  app.use("/api", express.json({ limit: deps.config.bodyLimitBytes, strict: true, type: ["application/json", "application/*+json"] }));

  app.use("/api", openapiRouter(deps.config.publicUrl));
  app.use("/api/auth", authRouter(ctx));
  const authed = authenticate(ctx);
  app.use("/api/organisations", authed, organisationsRouter(ctx));
  app.use("/api/users", authed, usersRouter(ctx));
  app.use("/api/keys", authed, keysRouter(ctx));
  app.use("/api/templates", authed, templatesRouter(ctx));
  app.use("/api/submissions", authed, submissionsRouter(ctx));
  app.use("/api/review", authed, reviewRouter(ctx));
  app.use("/api/duplicates", authed, duplicatesRouter(ctx));
  app.use("/api/registers", authed, registersRouter(ctx));
  app.use("/api/audit", authed, auditRouter(ctx));
  const deliveries = deps.deliveries ?? createDeliveryDeps(ctx, { engine: ctx.config.disclosureEngine });
  // Heavy work (rounds, the alert table) runs as jobs on one runner: one of each kind at a time, within a budget.
  app.use("/api/alerts", authed, alertsRouter(ctx, deliveries.jobs));
  app.use("/api/indicators", authed, indicatorsRouter(ctx, deliveries));
  app.use("/api/grants", authed, grantsRouter(ctx));
  app.use("/api/subscriptions", authed, subscriptionsRouter(ctx));
  app.use("/api/deliveries", authed, deliveriesRouter(ctx, deliveries));
  app.use("/api/completeness", authed, completenessRouter(ctx));
  app.use("/api/reporting", authed, reportingRouter(ctx));
  app.use("/api/setup", authed, setupRouter(ctx));
  app.use("/api/exports", authed, exportsRouter(ctx));
  app.use("/api/requests", authed, requestsRouter(ctx, deliveries));
  app.use("/api/interventions", authed, interventionsRouter(ctx));
  app.use("/api/reports", authed, reportsRouter(ctx));
  app.use("/api", notFoundHandler);

  app.use(manifestRouter(deps.config.publicUrl));
  if (deps.config.addinDir && existsSync(deps.config.addinDir)) app.use(refuseSourceMaps, express.static(deps.config.addinDir, { index: ["taskpane.html", "index.html"] }));
  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.use(notFoundHandler);
  app.use(errorHandler(ctx.logger));
  return app;
}
