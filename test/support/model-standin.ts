import { type RecordedRequest, standin } from "./standin.ts";

/** The planner's model is the provider stand-in's `/v1/chat/completions` (testModelConfig). */
const COMPLETIONS = "model.standin/v1/chat/completions";

/** An OpenAI-compatible chat completion whose message is `content`, exactly as a model would have written it. */
function completion(content: string) {
  return {
    id: "chatcmpl-scripted",
    object: "chat.completion",
    created: 1700000000,
    model: "standin-model",
    choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
    usage: { prompt_tokens: 321, completion_tokens: 45, total_tokens: 366 },
  };
}

export const modelStandin = {
  /** The next planner call (the next `times` calls) answers `content` (an object is sent as its JSON text). */
  answer(content: unknown, options: { delayMs?: number; times?: number } = {}): Promise<void> {
    const text = typeof content === "string" ? content : JSON.stringify(content);
    return standin.script([{ match: COMPLETIONS, body: completion(text), ...options }]);
  },
  /** The next `times` planner calls fail with `status` (retry-after-ms keeps the SDK's backoff short). */
  fail(status: number, times: number): Promise<void> {
    return standin.script([{ match: COMPLETIONS, status, body: { error: { message: "stand-in failure" } }, headers: { "retry-after-ms": "10" }, times }]);
  },
  async calls(): Promise<RecordedRequest[]> {
    return (await standin.requests()).filter((r) => r.url.includes(COMPLETIONS));
  },
};
