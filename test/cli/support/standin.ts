import { serveLoopback } from "../../../scripts/lib/loopback-server.ts";

export interface StandinRequest {
  method: string;
  path: string;
  body: string;
}

/** A local stand-in for the providers' APIs: answers like Slack's chat.postMessage and records what it got. */
export async function startStandin(): Promise<{ url: string; requests: StandinRequest[]; close: () => Promise<void> }> {
  const requests: StandinRequest[] = [];
  const server = await serveLoopback(({ method, url: path, body }) => {
    requests.push({ method, path, body });
    return { json: { ok: true, channel: "C1", ts: `1700000000.${String(requests.length).padStart(6, "0")}` } };
  });
  return { url: server.url, requests, close: server.close };
}
