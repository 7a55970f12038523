import { env } from "cloudflare:workers";

export interface RecordedRequest {
  method: string;
  url: string;
  host: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface ScriptedAnswer {
  /** Substring of the request URL this answer is for. */
  match: string;
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** How many requests it answers (default 1). */
  times?: number;
  /** How long it waits before answering. */
  delayMs?: number;
}

/** The provider stand-in (test/standin/provider-standin.js) every outbound fetch of the Worker reaches. */
export const standin = {
  async requests(): Promise<RecordedRequest[]> {
    return (await env.STANDIN.fetch("http://standin.control/requests")).json();
  },
  async reset(): Promise<void> {
    await env.STANDIN.fetch("http://standin.control/reset", { method: "POST" });
  },
  async script(answers: ScriptedAnswer[]): Promise<void> {
    await env.STANDIN.fetch("http://standin.control/script", { method: "POST", body: JSON.stringify(answers) });
  },
};
