import { serveLoopback } from "../loopback-server.ts";

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
  const server = await serveLoopback(({ method, url: path, body }) => {
    received.push({ method, path, body });
    const issue = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)$/.exec(path);
    if (issue !== null && method === "PATCH") {
      const [, owner = "", repo = "", number = "0"] = issue;
      return { json: { number: Number(number), state: "closed", html_url: `https://github.com/${owner}/${repo}/issues/${number}` } };
    }
    if (path.startsWith("/commands/")) return { text: "ok" };
    return { json: { ok: true, channel: "C0OPS", ts: `1700000000.${String(received.length).padStart(6, "0")}` } };
  });
  return { url: server.url, received, close: server.close };
}
