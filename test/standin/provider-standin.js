// A local stand-in for the Slack, GitHub, Meta Graph, Twilio and generic HTTP APIs, used by the
// integration tests as the Worker's outbound service: every outbound fetch of the Worker under test
// lands here. It records each request and answers like the provider would, or with a scripted answer.
// Test control lives on the host `standin.control`: GET /requests, POST /reset, POST /script.
// Requests for `mcp.standin` are recorded and forwarded to the upstream MCP server worker (UPSTREAM_MCP).

const requests = [];
/** Scripted answers: { match: substring of the URL, status, body, headers, times, delayMs } consumed in order. */
let scripts = [];

function record(request, body) {
  const url = new URL(request.url);
  requests.push({ method: request.method, url: request.url, host: url.host, path: url.pathname, headers: Object.fromEntries(request.headers), body });
}

async function scripted(url) {
  const index = scripts.findIndex((s) => url.includes(s.match));
  if (index < 0) return undefined;
  const script = scripts[index];
  script.times = (script.times ?? 1) - 1;
  if (script.times <= 0) scripts.splice(index, 1);
  if (script.delayMs) await new Promise((resolve) => setTimeout(resolve, script.delayMs));
  const body = typeof script.body === "string" ? script.body : JSON.stringify(script.body ?? {});
  return new Response(body, { status: script.status ?? 200, headers: { "content-type": "application/json", ...script.headers } });
}

/**
 * An OpenAI-compatible chat completion whose message content is `content`: the planner's model stand-in. Tests
 * script the content (test/support/model-standin.ts); unscripted, the stand-in model refuses, and says why.
 */
function chatCompletion(content, model = "standin-model") {
  return {
    id: `chatcmpl-standin-${requests.length}`,
    object: "chat.completion",
    created: 1700000000,
    model,
    choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
    usage: { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 },
  };
}

function providerAnswer(url, body, request) {
  const path = url.pathname;
  const auth = request.headers.get("authorization") ?? "";
  // Registration checks (POST /v1/connections/whatsapp): a credential containing "refused" is refused.
  let read = /^\/v\d+\.\d+\/(\d+)$/.exec(path);
  if (read && request.method === "GET") {
    if (auth.includes("refused")) return Response.json({ error: { message: "Invalid OAuth access token.", code: 190 } }, { status: 401 });
    return Response.json({ id: read[1], display_phone_number: "+1 555-000-0000", verified_name: "Standin Co" });
  }
  read = /^\/2010-04-01\/Accounts\/([^/]+)\/IncomingPhoneNumbers\.json$/.exec(path);
  if (read) {
    if (atob(auth.replace(/^Basic /, "")).includes("refused")) return Response.json({ code: 20003, message: "Authenticate" }, { status: 401 });
    const number = url.searchParams.get("PhoneNumber");
    return Response.json({ incoming_phone_numbers: number === "+15550009999" ? [] : [{ phone_number: number }] });
  }
  if (path.endsWith("/chat/completions")) {
    return Response.json(chatCompletion(JSON.stringify({ kind: "refuse", reason: "The stand-in model has no scripted answer." })));
  }
  if (path.endsWith("/oauth.v2.access")) {
    // Slack OAuth v2: `code-<team id>` installs the bot in that team; any other code is refused as Slack refuses it.
    const form = new URLSearchParams(body);
    const team = /^code-([A-Z0-9]+)$/.exec(form.get("code") ?? "")?.[1];
    if (team === undefined || form.get("client_secret") !== "test-slack-client-secret") return Response.json({ ok: false, error: "invalid_code" });
    return Response.json({ ok: true, access_token: `xoxb-${team}-installed`, token_type: "bot", scope: "chat:write", bot_user_id: `U${team}`, app_id: "A0STANDIN", team: { id: team, name: `Team ${team}` } });
  }
  if (path.endsWith("/chat.postMessage")) {
    const sent = JSON.parse(body || "{}");
    return Response.json({ ok: true, channel: sent.channel ?? "C000", ts: `1700000000.${String(requests.length).padStart(6, "0")}` });
  }
  if (url.host.startsWith("hooks.") || path.startsWith("/commands/")) return new Response("ok");
  let match = /^\/app\/installations\/(\d+)\/access_tokens$/.exec(path);
  // GitHub App: installation tokens live an hour; each mint is a new token.
  if (match) return Response.json({ token: `ghs_${match[1]}_${requests.length}`, expires_at: new Date(Date.now() + 3600_000).toISOString() }, { status: 201 });
  match = /^\/app\/installations\/(\d+)$/.exec(path);
  if (match) return Response.json({ id: Number(match[1]), account: { login: `acct${match[1]}`, type: "Organization" }, created_at: new Date().toISOString(), suspended_at: null });
  match = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/.exec(path);
  if (match) return Response.json({ id: 1000 + requests.length, html_url: `https://github.test/${match[1]}/${match[2]}/issues/${match[3]}#c${requests.length}` }, { status: 201 });
  match = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/labels$/.exec(path);
  if (match) return Response.json((JSON.parse(body || "{}").labels ?? []).map((name) => ({ name })));
  match = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)$/.exec(path);
  if (match) return Response.json({ number: Number(match[3]), state: "closed", html_url: `https://github.test/${match[1]}/${match[2]}/issues/${match[3]}` });
  if (/\/messages$/.test(path) && !path.includes("/Accounts/")) return Response.json({ messages: [{ id: `wamid.standin${requests.length}` }] });
  if (/\/Accounts\/[^/]+\/Messages\.json$/.test(path)) return Response.json({ sid: `SM${String(requests.length).padStart(32, "0")}` }, { status: 201 });
  return Response.json({ ok: true, path, echo: body });
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.host === "standin.control") {
      if (url.pathname === "/requests") return Response.json(requests);
      if (url.pathname === "/reset") {
        requests.length = 0;
        scripts = [];
        return new Response("ok");
      }
      if (url.pathname === "/script") {
        scripts.push(...(await request.json()));
        return new Response("ok");
      }
      return new Response("unknown control path", { status: 404 });
    }
    const body = await request.text();
    record(request, body);
    // The upstream MCP server of test/mcp/upstream-*.test.ts (test/standin/upstream-mcp-server.ts).
    if (url.host === "mcp.standin") return env.UPSTREAM_MCP.fetch(request.url, { method: request.method, headers: request.headers, body: request.method === "GET" ? undefined : body });
    return (await scripted(request.url)) ?? providerAnswer(url, body, request);
  },
};
