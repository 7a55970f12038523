import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface StandinRequest {
  method: string;
  path: string;
}

/** Local stand-in for GitHub (closing an issue) and Slack (replies), recording every call it gets. */
export async function startStandin(): Promise<{ url: string; requests: StandinRequest[]; close: () => Promise<void> }> {
  const requests: StandinRequest[] = [];
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const path = req.url ?? "";
      requests.push({ method: req.method ?? "", path });
      const issue = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)$/.exec(path);
      const body = issue
        ? { number: Number(issue[3]), state: "closed", html_url: `https://github.test/${issue[1]}/${issue[2]}/issues/${issue[3]}` }
        : { ok: true, channel: "C1", ts: `1700000000.${String(requests.length).padStart(6, "0")}` };
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
