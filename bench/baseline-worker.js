// The ingest benchmark's baseline: the least a Slack webhook endpoint can do. It verifies the v0
// signature over the raw body exactly as workers/channels/slack.ts does (bounded timestamp skew,
// constant-time HMAC check through WebCrypto) and answers 200 without recording anything.

const encoder = new TextEncoder();
let cachedKey;

function hexToBytes(hex) {
  if (!/^[0-9a-f]{64}$/.test(hex)) return undefined;
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export default {
  async fetch(request, env) {
    const body = new Uint8Array(await request.arrayBuffer());
    const signature = request.headers.get("x-slack-signature") ?? "";
    const timestamp = request.headers.get("x-slack-request-timestamp") ?? "";
    if (!/^\d{1,12}$/.test(timestamp) || !signature.startsWith("v0=")) return new Response(null, { status: 401 });
    if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return new Response(null, { status: 401 });
    const mac = hexToBytes(signature.slice(3));
    if (mac === undefined) return new Response(null, { status: 401 });
    cachedKey ??= await crypto.subtle.importKey("raw", encoder.encode(env.SLACK_SIGNING_SECRET), { name: "HMAC", hash: "SHA-256" }, false, ["verify"]);
    const prefix = encoder.encode(`v0:${timestamp}:`);
    const data = new Uint8Array(prefix.byteLength + body.byteLength);
    data.set(prefix, 0);
    data.set(body, prefix.byteLength);
    const ok = await crypto.subtle.verify("HMAC", cachedKey, mac, data);
    return new Response(null, { status: ok ? 200 : 401 });
  },
};
