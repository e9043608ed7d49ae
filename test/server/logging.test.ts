import { Writable } from "node:stream";
import { pino } from "pino";
import request from "supertest";
import { describe, expect, it } from "vitest";
import { makeServer, PASSWORD, policeRecord, submitBody } from "../helpers/server";

describe("structured logs", () => {
  it("carry route, status and the caller's id, never passwords, tokens, user names or record values", async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, cb) {
        lines.push(chunk.toString());
        cb();
      },
    });
    const { app } = makeServer({ logger: pino({ level: "info" }, sink) });
    const login = await request(app).post("/api/auth/login").send({ username: "polisen", password: PASSWORD });
    const token = login.body.accessToken as string;
    await request(app).post("/api/submissions").set("Authorization", `Bearer ${token}`).send(submitBody([policeRecord("2026-03-02")]));
    await request(app).post("/api/auth/refresh").send({ refreshToken: login.body.refreshToken });
    const text = lines.join("");
    expect(lines.length).toBeGreaterThanOrEqual(3);
    const entry = JSON.parse(lines[1]);
    expect(entry).toMatchObject({ method: "POST", route: "/api/submissions/", status: 201, role: "actor", org: "polisen" });
    expect(text).not.toContain("username");
    for (const secret of [PASSWORD, token, login.body.refreshToken, "Skadegörelse", "2026-03-02"]) expect(text).not.toContain(secret);
  });
});
