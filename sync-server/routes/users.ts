// /api/users: admins only. Disabling a user or changing the password revokes the user's refresh tokens.
import { Router } from "express";
import { createUserSchema, updateUserSchema } from "../../shared/protocol/api";
import { principalOf, requireUser } from "../auth/principal";
import type { AppContext } from "../context";
import { intParam, parseInput } from "../http/validate";
import { allUsers, changeUser, createUser } from "../users/manage";

export function usersRouter(ctx: AppContext): Router {
  const r = Router();
  r.get("/", (_req, res) => {
    requireUser(principalOf(res), "admin");
    res.json(allUsers(ctx));
  });
  r.post("/", (req, res) => {
    const p = principalOf(res);
    requireUser(p, "admin");
    res.status(201).json(createUser(ctx, p, parseInput(createUserSchema, req.body)));
  });
  r.patch("/:id", (req, res) => {
    const p = principalOf(res);
    requireUser(p, "admin");
    const id = intParam(req.params.id);
    res.json(changeUser(ctx, p, id, parseInput(updateUserSchema, req.body)));
  });
  return r;
}
