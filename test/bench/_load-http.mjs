// HTTPS calls of the load benchmark's processes: JSON in and out, over kept-alive connections, trusting the
// server's self-signed certificate.
import { Agent, request } from "node:https";

/** A caller for `base` (https://host:port) that trusts `ca` (PEM). */
export function caller(base, ca, maxSockets = Infinity) {
  const agent = new Agent({ ca, keepAlive: true, maxSockets });
  return (method, path, headers = {}, body) =>
    new Promise((resolve, reject) => {
      const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
      const req = request(new URL(path, base), { method, agent, headers: { ...(data ? { "content-type": "application/json", "content-length": data.length } : {}), ...headers } }, (res) => {
        const chunks = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let json = {};
          try {
            json = text ? JSON.parse(text) : {};
          } catch {
            json = { text };
          }
          resolve({ status: res.statusCode ?? 0, body: json });
        });
        res.on("error", reject);
      });
      req.on("error", reject);
      req.end(data);
    });
}
