import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface Standin {
  /** e.g. `http://127.0.0.1:40123` */
  url: string;
  /** Texts posted to chat.postMessage, in arrival order. */
  slackPosts: string[];
  /** When each of them arrived (performance.now() of this process), in the same order. */
  slackPostTimes: number[];
  /** Requests to any other path. */
  other: string[];
  close(): Promise<void>;
}

/** A local Slack Web API stand-in: the benchmarked Worker's replies land here, never on the internet. */
export async function startStandin(): Promise<Standin> {
  const slackPosts: string[] = [];
  const slackPostTimes: number[] = [];
  const other: string[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const path = new URL(req.url ?? "/", "http://standin").pathname;
      if (path.endsWith("/chat.postMessage")) {
        const sent = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as { channel?: string; text?: string };
        slackPosts.push(sent.text ?? "");
        slackPostTimes.push(performance.now());
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ ok: true, channel: sent.channel ?? "C0", ts: `1700000000.${String(slackPosts.length).padStart(6, "0")}` }));
        return;
      }
      other.push(`${req.method ?? "?"} ${path}`);
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ ok: false, error: "unknown_method" }));
    });
  });
  // Node closes a keep-alive connection idle for 5 s by default; workerd may send the next call on it as it
  // closes and see "Network connection lost" for a post that arrived, which retries it: a stand-in artefact.
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    slackPosts,
    slackPostTimes,
    other,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
