import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Json } from "./output.ts";

export interface Received {
  method: string;
  path: string;
  body: string;
}

export interface ProviderStandin {
  url: string;
  received: Received[];
  close: () => Promise<void>;
}

/** Slack's and GitHub's APIs, as far as the demos need them, on loopback; records every request. */
export async function startProviderStandin(): Promise<ProviderStandin> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const path = req.url ?? "";
      const method = req.method ?? "";
      received.push({ method, path, body: Buffer.concat(chunks).toString("utf8") });
      const issue = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)$/.exec(path);
      let answer: Json;
      if (issue !== null && method === "PATCH") {
        const [, owner = "", repo = "", number = "0"] = issue;
        answer = { number: Number(number), state: "closed", html_url: `https://github.com/${owner}/${repo}/issues/${number}` };
      } else if (path.startsWith("/commands/")) {
        res.writeHead(200, { "content-type": "text/plain" });
        res.end("ok");
        return;
      } else {
        answer = { ok: true, channel: "C0OPS", ts: `1700000000.${String(received.length).padStart(6, "0")}` };
      }
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
