// Security headers on API responses and on the add-in's pages, no source maps served, and a modern TLS cipher list.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect } from "node:tls";
import request from "supertest";
import { afterAll, describe, expect, it } from "vitest";
import { createApp } from "../../sync-server/app";
import { OFFICE_FRAME_ANCESTORS } from "../../sync-server/http/headers";
import { ensureLocalhostCertificate, TLS_SERVER_OPTIONS } from "../../sync-server/tls";
import { makeServer, PASSWORD } from "../helpers/server";

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function expectCommon(headers: Record<string, string>) {
  expect(headers["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
  expect(headers["referrer-policy"]).toBe("no-referrer");
  expect(headers["x-content-type-options"]).toBe("nosniff");
}

describe("security headers", () => {
  it("API responses: no-store, a CSP that allows nothing and no framing", async () => {
    const s = makeServer();
    for (const res of [
      await request(s.app).post("/api/auth/login").send({ username: "polisen", password: PASSWORD }),
      await request(s.app).get("/api/auth/me"),
      await request(s.app).get("/api/finns-inte"),
    ]) {
      expectCommon(res.headers);
      expect(res.headers["cache-control"]).toBe("no-store");
      expect(res.headers["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    }
  });

  it("the add-in's pages: a CSP framed only by Office on the web; source maps are not served", async () => {
    const addinDir = mkdtempSync(join(tmpdir(), "lb-addin-"));
    dirs.push(addinDir);
    mkdirSync(join(addinDir, "assets"));
    writeFileSync(join(addinDir, "taskpane.html"), "<!doctype html><title>x</title>");
    writeFileSync(join(addinDir, "taskpane.1234abcd.js"), "console.log(1);");
    writeFileSync(join(addinDir, "taskpane.1234abcd.js.map"), "{}");
    const s = makeServer();
    const app = createApp({ db: s.db, config: { ...s.config, addinDir }, clock: s.clock });
    const page = await request(app).get("/taskpane.html");
    expect(page.status).toBe(200);
    expectCommon(page.headers);
    const csp = page.headers["content-security-policy"] as string;
    const directives = new Map(csp.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1)]));
    expect(directives.get("frame-ancestors")).toEqual(["'self'", ...OFFICE_FRAME_ANCESTORS]);
    expect(directives.get("frame-ancestors")).toEqual(expect.arrayContaining(["https://*.officeapps.live.com", "https://*.office.com", "https://*.sharepoint.com"]));
    expect(directives.get("script-src")).toEqual(["'self'", "https://appsforoffice.microsoft.com", "https://ajax.aspnetcdn.com"]);
    expect(directives.get("object-src")).toEqual(["'none'"]);
    expect(csp).not.toContain("unsafe-eval");
    expect((await request(app).get("/taskpane.1234abcd.js")).status).toBe(200);
    const map = await request(app).get("/taskpane.1234abcd.js.map");
    expect([map.status, map.body.reason]).toEqual([404, "not-found"]);
  });
});

describe("TLS", () => {
  async function listen(options: object): Promise<{ server: Server; port: number }> {
    const dataDir = mkdtempSync(join(tmpdir(), "lb-tls-"));
    dirs.push(dataDir);
    const tls = await ensureLocalhostCertificate(dataDir, new Date());
    const server = createServer({ ...options, key: tls.key, cert: tls.cert }, (_req, res) => res.end("ok"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    return { server, port: typeof address === "object" && address ? address.port : 0 };
  }

  /** Connects offering only `ciphers`; resolves with the negotiated suite or the error. */
  function handshake(port: number, ciphers: string, maxVersion: "TLSv1.2" | "TLSv1.3"): Promise<string> {
    return new Promise((resolve) => {
      const socket = connect({ host: "127.0.0.1", port, ciphers, maxVersion, rejectUnauthorized: false }, () => {
        const name = socket.getCipher().name;
        socket.end();
        resolve(name);
      });
      socket.on("error", (err) => resolve(`refused: ${err.message}`));
    });
  }

  it("refuses a client offering only AES128-SHA, and speaks ECDHE+AEAD on TLS 1.2 and TLS 1.3", async () => {
    const { server, port } = await listen(TLS_SERVER_OPTIONS);
    try {
      expect(await handshake(port, "AES128-SHA", "TLSv1.2")).toMatch(/^refused: .*handshake failure/i);
      expect(await handshake(port, "ECDHE-RSA-AES128-SHA", "TLSv1.2")).toMatch(/^refused/);
      expect(await handshake(port, "ECDHE-RSA-AES128-GCM-SHA256", "TLSv1.2")).toBe("ECDHE-RSA-AES128-GCM-SHA256");
      expect(await handshake(port, "ECDHE-RSA-CHACHA20-POLY1305", "TLSv1.2")).toBe("ECDHE-RSA-CHACHA20-POLY1305");
      expect(await handshake(port, "AES128-SHA", "TLSv1.3")).toMatch(/^TLS_AES_/);
    } finally {
      server.close();
    }
  });

  it("the same client is accepted by Node's default cipher list (so the refusal is the server's doing)", async () => {
    const { server, port } = await listen({});
    try {
      expect(await handshake(port, "AES128-SHA", "TLSv1.2")).toBe("AES128-SHA");
    } finally {
      server.close();
    }
  });
});
