import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** A local stand-in for the provider APIs: answers Slack's chat.postMessage like Slack and GitHub's issue comments like GitHub, anything else with 200. */
export async function startStandin(): Promise<{ url: string; requests: () => number; close: () => Promise<void> }> {
  let count = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      count++;
      const body = Buffer.concat(chunks).toString("utf8");
      const answer = req.url?.endsWith("/chat.postMessage")
        ? { ok: true, channel: (JSON.parse(body || "{}") as { channel?: string }).channel ?? "C000", ts: `1700000000.${String(count).padStart(6, "0")}` }
        : /\/issues\/\d+\/comments$/.test(req.url ?? "")
          ? { id: count, html_url: `https://github.test${req.url ?? ""}#c${count}` }
          : { ok: true };
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => count,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
