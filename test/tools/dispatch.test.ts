import { describe, expect, it } from "vitest";
import { toolRegistry } from "../../contracts/tools/index.ts";
import { dispatch, dispatchableTools } from "../../workers/tools/dispatch.ts";
import { mintStepContext } from "../../runtime/tools/step-context.ts";
import { testConfig } from "./support/config.ts";
import { fakeFetch, json } from "./support/fake-fetch.ts";
import { contextFor, mintArgs, planWith } from "./support/plan.ts";

const answering = () => fakeFetch(() => json({ ok: true, channel: "C0123", ts: "1700000000.000200" }));

describe("dispatch", () => {
  it("has an adapter for every built-in tool contract, and nothing else", () => {
    expect([...dispatchableTools].sort()).toEqual(toolRegistry.list().map((t) => `${t.key}@${t.version}`).sort());
  });

  it("answers UNKNOWN_TOOL for a tool key it has no adapter for", async () => {
    const { fetch, requests } = answering();
    const context = mintStepContext(mintArgs(planWith({ tool: "acme/deploy/run", input: {} })));
    expect(await dispatch(context, { config: testConfig(), fetch })).toMatchObject({ ok: false, retryable: false, code: "UNKNOWN_TOOL" });
    expect(requests).toHaveLength(0);
  });

  it("answers UNKNOWN_TOOL for a version of a tool it does not implement", async () => {
    const { fetch } = answering();
    const context = mintStepContext(mintArgs(planWith({ tool: "slack.message.post", version: "2.0.0", input: { channel: "C0123", text: "x" } })));
    expect(await dispatch(context, { config: testConfig(), fetch })).toMatchObject({ ok: false, code: "UNKNOWN_TOOL" });
  });

  it("validates the resolved input against the tool contract", async () => {
    const { fetch, requests } = answering();
    const unresolved = contextFor("slack.message.post", { channel: "C0123", text: { $ref: "first.text" } });
    expect(await dispatch(unresolved, { config: testConfig(), fetch })).toMatchObject({ ok: false, retryable: false, code: "INPUT_INVALID" });
    expect(requests).toHaveLength(0);
  });

  it("refuses a call whose provider is not configured, before any request", async () => {
    const { fetch, requests } = answering();
    const context = contextFor("slack.message.post", { channel: "C0123", text: "x" });
    expect(await dispatch(context, { config: testConfig({ slack: undefined }), fetch })).toMatchObject({ ok: false, retryable: false, code: "NOT_CONFIGURED" });
    expect(requests).toHaveLength(0);
  });

  it("turns anything thrown into an outcome instead of throwing", async () => {
    const fetch: typeof globalThis.fetch = () => {
      throw "not even an Error";
    };
    const context = contextFor("slack.message.post", { channel: "C0123", text: "x" });
    expect(await dispatch(context, { config: testConfig(), fetch })).toMatchObject({ ok: false, retryable: true, code: "NETWORK_ERROR" });
  });

  it("works with the runtime's own fetch, called unbound", async () => {
    // In tests every outbound fetch reaches the provider stand-in, which answers: the point is that the
    // global fetch, passed around unbound, makes the call instead of throwing "Illegal invocation".
    const context = contextFor("http.request", { method: "GET", url: "http://http.standin/unbound" });
    const config = testConfig({ http: { allowedHosts: ["http.standin"], allowLoopback: false, maxResponseBytes: 4096 } });
    const outcome = await dispatch(context, { config, fetch });
    expect(outcome).toMatchObject({ ok: true, output: { status: 200 } });
  });
});
