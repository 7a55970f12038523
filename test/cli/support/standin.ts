import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface StandinRequest {
  method: string;
  path: string;
  body: string;
}

/** A local stand-in for the providers' APIs: answers like Slack's chat.postMessage and records what it got. */
export async function startStandin(): Promise<{ url: string; requests: StandinRequest[]; close: () => Promise<void> }> {
  const requests: StandinRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      requests.push({ method: req.method ?? "", path: req.url ?? "", body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ ok: true, channel: "C1", ts: `1700000000.${String(requests.length).padStart(6, "0")}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
