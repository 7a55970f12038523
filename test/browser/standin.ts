import { serveLoopback } from "../../scripts/lib/loopback-server.ts";

export interface StandinRequest {
  method: string;
  path: string;
}

/** Local stand-in for GitHub (closing an issue) and Slack (replies), recording every call it gets. */
export async function startStandin(): Promise<{ url: string; requests: StandinRequest[]; close: () => Promise<void> }> {
  const requests: StandinRequest[] = [];
  const server = await serveLoopback(({ method, url: path }) => {
    requests.push({ method, path });
    const issue = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)$/.exec(path);
    return issue
      ? { json: { number: Number(issue[3]), state: "closed", html_url: `https://github.test/${issue[1]}/${issue[2]}/issues/${issue[3]}` } }
      : { json: { ok: true, channel: "C1", ts: `1700000000.${String(requests.length).padStart(6, "0")}` } };
  });
  return { url: server.url, requests, close: server.close };
}
