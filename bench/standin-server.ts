import { serveLoopback } from "../scripts/lib/loopback-server.ts";

/** A local stand-in for the provider APIs: answers Slack's chat.postMessage like Slack and GitHub's issue comments like GitHub, anything else with 200. */
export async function startStandin(): Promise<{ url: string; requests: () => number; close: () => Promise<void> }> {
  let count = 0;
  const server = await serveLoopback(({ url, body }) => {
    count++;
    if (url.endsWith("/chat.postMessage")) {
      return { json: { ok: true, channel: (JSON.parse(body || "{}") as { channel?: string }).channel ?? "C000", ts: `1700000000.${String(count).padStart(6, "0")}` } };
    }
    if (/\/issues\/\d+\/comments$/.test(url)) return { json: { id: count, html_url: `https://github.test${url}#c${count}` } };
    return { json: { ok: true } };
  });
  return { url: server.url, requests: () => count, close: server.close };
}
