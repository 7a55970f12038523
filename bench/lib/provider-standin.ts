import { serveLoopback } from "../../scripts/lib/loopback-server.ts";

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
  const server = await serveLoopback(
    ({ method, url, body }) => {
      const path = new URL(url || "/", "http://standin").pathname;
      if (path.endsWith("/chat.postMessage")) {
        const sent = JSON.parse(body || "{}") as { channel?: string; text?: string };
        slackPosts.push(sent.text ?? "");
        slackPostTimes.push(performance.now());
        return { json: { ok: true, channel: sent.channel ?? "C0", ts: `1700000000.${String(slackPosts.length).padStart(6, "0")}` } };
      }
      other.push(`${method || "?"} ${path}`);
      return { status: 404, json: { ok: false, error: "unknown_method" } };
    },
    { keepAliveTimeoutMs: 120_000 },
  );
  return { url: server.url, slackPosts, slackPostTimes, other, close: server.close };
}
