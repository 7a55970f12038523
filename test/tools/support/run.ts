import type { ReplyTarget } from "../../../contracts/intent.ts";
import type { ProviderConfig } from "../../../runtime/tools/config.ts";
import { dispatch } from "../../../workers/tools/dispatch.ts";
import { now, testConfig } from "./config.ts";
import { fakeFetch, type Responder } from "./fake-fetch.ts";
import { contextFor } from "./plan.ts";

/** Dispatches one step of `tool` against a fake provider; returns the outcome, the requests and the context. */
export async function runTool(
  tool: string,
  input: Record<string, unknown>,
  respond: Responder,
  options: { replyTo?: ReplyTarget; config?: Partial<ProviderConfig> } = {},
) {
  const { fetch, requests } = fakeFetch(respond);
  const context = contextFor(tool, input, options.replyTo === undefined ? {} : { replyTo: options.replyTo });
  const outcome = await dispatch(context, { config: testConfig(options.config), fetch, now: () => now });
  return { outcome, requests, context };
}

export function only<T>(items: readonly T[]): T {
  if (items.length !== 1 || items[0] === undefined) throw new Error(`expected exactly one item, got ${items.length}`);
  return items[0];
}
