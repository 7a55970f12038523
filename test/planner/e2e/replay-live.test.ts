import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { type Admin, bootstrap, call, problem } from "../../support/api.ts";
import { modelStandin } from "../../support/model-standin.ts";
import { standin } from "../../support/standin.ts";
import { runText } from "../../governance/support.ts";

interface Live {
  model: { recorded: string; live: string };
  promptMatches: boolean;
  outcome: string;
  recorded: { code: string | null; steps: { key: string }[] };
  live: { code: string | null; steps: { key: string }[] };
  differences: { path: string; recorded: unknown; live: unknown }[];
}

const plan = (number: number) => ({
  kind: "plan",
  steps: [
    { key: "close", tool: "github.issue.close", input: { owner: "acme", repo: "web", number }, after: [] },
    { key: "tell", tool: "channel.reply", input: { text: `Closed acme/web#${number}` }, after: ["close"] },
  ],
});
const PROSE = "can you close the flaky-test issue in acme/web and tell the channel";

function replayLive(key: string, executionId: string) {
  return call("POST", `/v1/executions/${executionId}/replay`, { key, body: { live: true } });
}

async function traceLength(key: string, traceId: string): Promise<number> {
  return ((await (await call("GET", `/v1/traces/${traceId}`, { key })).json()) as { events: unknown[] }).events.length;
}

let admin: Admin;
let n = 0;
beforeEach(async () => {
  await standin.reset();
  admin = await bootstrap(`live-${++n}`);
});

describe("replay --live asks the model again and reports drift, executing nothing", () => {
  it("reports the steps that would differ, and changes nothing in the execution", async () => {
    await modelStandin.answer(plan(7));
    const run = await runText(admin, PROSE);
    const eventsBefore = await traceLength(admin.key, run.traceId);
    // The confirmation prompt was posted in the thread when the plan started waiting; the replay must add nothing.
    const sentBefore = (await standin.requests()).length;
    await modelStandin.answer(plan(8));

    const res = await replayLive(admin.key, run.executionId);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { outcome: string; live: Live };
    // The recorded run replays consistently from its recorded answer; the live answer is only compared.
    expect(body.outcome).toBe("consistent");
    expect(body.live).toMatchObject({ model: { recorded: "standin-model", live: "standin-model" }, promptMatches: true, outcome: "drift", recorded: { code: null }, live: { code: null } });
    expect(body.live.differences).toEqual([
      { path: "steps.close.input", recorded: { owner: "acme", repo: "web", number: 7 }, live: { owner: "acme", repo: "web", number: 8 } },
      { path: "steps.tell.input", recorded: { text: "Closed acme/web#7" }, live: { text: "Closed acme/web#8" } },
    ]);

    // The same prompt went to the model again; nothing ran, nothing was added to the trace.
    const calls = await modelStandin.calls();
    expect(calls).toHaveLength(2);
    expect(calls[1]?.body).toBe(calls[0]?.body);
    expect((await standin.requests()).slice(sentBefore).filter((r) => r.host === "github.standin" || r.path.endsWith("/chat.postMessage"))).toEqual([]);
    expect(await traceLength(admin.key, run.traceId)).toBe(eventsBefore);
    const view = (await (await call("GET", `/v1/executions/${run.executionId}`, { key: admin.key })).json()) as { status: string; steps: unknown[] };
    expect(view).toMatchObject({ status: "queued", steps: [] });
    // The live call's tokens count against the tenant's day, apart from the execution's own.
    const usage = await env.DB.prepare("SELECT purpose, tokens FROM model_token_usage WHERE tenant_id = ? ORDER BY purpose").bind(admin.tenantId).all();
    expect(usage.results).toEqual([{ purpose: "draft", tokens: 366 }, { purpose: "live_replay", tokens: 366 }]);
  });

  it("reports no drift when the model answers the same, and a changed outcome when it now asks a question", async () => {
    await modelStandin.answer(plan(7));
    const run = await runText(admin, PROSE);
    await modelStandin.answer(plan(7));
    const same = (await (await replayLive(admin.key, run.executionId)).json()) as { live: Live };
    expect(same.live).toMatchObject({ outcome: "same", differences: [] });

    await modelStandin.answer({ kind: "clarify", question: "Which issue?" });
    const clarify = (await (await replayLive(admin.key, run.executionId)).json()) as { live: Live };
    expect(clarify.live.outcome).toBe("drift");
    expect(clarify.live.differences[0]).toEqual({ path: "outcome", recorded: "planned", live: "CLARIFICATION_NEEDED" });
    expect(clarify.live.differences.map((d) => d.path)).toEqual(["outcome", "steps.close", "steps.tell"]);
  });

  it("says the live call went unanswered when the model fails, without calling it drift", async () => {
    await modelStandin.answer(plan(7));
    const run = await runText(admin, PROSE);
    await modelStandin.fail(503, 2);
    const body = (await (await replayLive(admin.key, run.executionId)).json()) as { live: Live };
    expect(body.live).toMatchObject({ outcome: "unanswered", live: { code: "MODEL_UNAVAILABLE", steps: [] }, differences: [] });
  });

  it("answers NOT_MODEL_DRAFTED for a plan the grammar read", async () => {
    const run = await runText(admin, "reply hello");
    const res = await replayLive(admin.key, run.executionId);
    expect(res.status).toBe(409);
    expect((await problem(res)).code).toBe("NOT_MODEL_DRAFTED");
    expect(await modelStandin.calls()).toEqual([]);
  });
});
