import { serveLoopback } from "../../scripts/lib/loopback-server.ts";
import { standinAnswer } from "./standin-model.ts";

/** The model name the stand-in answers as, so every report and trace says it was not a real model. */
export const STANDIN_MODEL = "control-plane-eval-standin";

export interface ModelStandin {
  /** Base URL up to `/v1`, what MODEL_BASE_URL takes. */
  baseUrl: string;
  /** Chat completions answered so far. */
  calls(): number;
  close(): Promise<void>;
}

/**
 * A loopback OpenAI-compatible server (`POST /v1/chat/completions`) whose "model" is the keyword reader in
 * standin-model.ts. It reads what a real model would read, the planner's system prompt (for the tool keys it
 * lists) and the request, and answers with the JSON the schema asks for. Token counts are estimates (4 chars
 * a token), marked as such by the model name.
 */
export async function startModelStandin(port = 0): Promise<ModelStandin> {
  let calls = 0;
  const server = await serveLoopback(
    ({ method, url, body: text }) => {
      const path = new URL(url || "/", "http://standin").pathname;
      if (method !== "POST" || !path.endsWith("/chat/completions")) {
        return { status: 404, json: { error: { message: `the model stand-in serves only POST …/chat/completions, not ${method || "?"} ${path}` } } };
      }
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        return { status: 400, json: { error: { message: "the body is not JSON" } } };
      }
      calls += 1;
      const { system, user } = messagesOf(body);
      const request = /^Request \(channel [^)]*\):\n([\s\S]*)$/.exec(user)?.[1] ?? user;
      const content = JSON.stringify(standinAnswer(request, toolsListed(system)));
      const promptTokens = Math.ceil((system.length + user.length) / 4);
      const completionTokens = Math.ceil(content.length / 4);
      return {
        json: {
          id: `chatcmpl-standin-${calls}`,
          object: "chat.completion",
          created: 1700000000,
          model: STANDIN_MODEL,
          choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
          usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
        },
      };
    },
    { port },
  );
  return { baseUrl: `${server.url}/v1`, calls: () => calls, close: server.close };
}

function messagesOf(body: unknown): { system: string; user: string } {
  const messages = typeof body === "object" && body !== null && "messages" in body && Array.isArray(body.messages) ? (body.messages as unknown[]) : [];
  const textOf = (role: string) =>
    messages
      .filter((m): m is { role: string; content: unknown } => typeof m === "object" && m !== null && "role" in m && m.role === role && "content" in m)
      .map((m) => (typeof m.content === "string" ? m.content : Array.isArray(m.content) ? m.content.map((p: { text?: string }) => p.text ?? "").join("") : ""))
      .join("\n");
  return { system: textOf("system"), user: textOf("user") };
}

/** The tool keys listed under `Tools:` in the planner's system prompt (engine/planner/prompt.ts), as `- key (risk …`. */
function toolsListed(system: string): Set<string> {
  return new Set([...system.matchAll(/^- ([a-z][\w.-]*) \(risk /gm)].map((m) => m[1] ?? ""));
}

/** `node eval/planner/standin.ts [port]`: the stand-in on its own, for trying the planner with `npm start` and no model. */
if (import.meta.main) {
  const standin = await startModelStandin(Number(process.argv[2] ?? 11435));
  console.log(`STAND-IN planner model (a keyword reader, not a language model) at ${standin.baseUrl}`);
  console.log(`.dev.vars: MODEL_PROVIDER="openai-compatible" MODEL_BASE_URL="${standin.baseUrl}" MODEL_NAME="${STANDIN_MODEL}"`);
}
