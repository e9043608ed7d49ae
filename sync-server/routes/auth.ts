// /api/auth: sign in (throttled), rotate the refresh token, sign out, who am I.
import { Router } from "express";
import { loginRequestSchema, logoutRequestSchema, refreshRequestSchema } from "../../shared/protocol/api";
import { authenticate } from "../auth/authenticate";
import { principalOf } from "../auth/principal";
import { login, logout, refresh } from "../auth/sessions";
import { LoginThrottle } from "../auth/throttle";
import type { AppContext } from "../context";
import { parseInput } from "../http/validate";

export function authRouter(ctx: AppContext): Router {
  const r = Router();
  // One throttle per server: failed sign-ins per account name and per client address.
  const throttle = new LoginThrottle();
  r.post("/login", async (req, res) => {
    const body = parseInput(loginRequestSchema, req.body);
    // The connection's address (express's req.ip: behind a proxy, set "trust proxy" so it is the client's).
    const address = req.ip ?? req.socket.remoteAddress ?? "okänd";
    res.json(await login(ctx, body.username, body.password, body.device ?? "okänd enhet", { throttle, address }));
  });
  r.post("/refresh", (req, res) => {
    const body = parseInput(refreshRequestSchema, req.body);
    res.json(refresh(ctx, body.refreshToken));
  });
  r.post("/logout", (req, res) => {
    const body = parseInput(logoutRequestSchema, req.body);
    logout(ctx, body.refreshToken);
    res.json({ status: "ok" });
  });
  r.get("/me", authenticate(ctx), (_req, res) => {
    const { auditId: _a, ...p } = principalOf(res);
    res.json(p);
  });
  return r;
}
