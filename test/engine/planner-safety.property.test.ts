import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { GrantScope } from "../../contracts/common/grant.ts";
import type { Actor } from "../../contracts/intent.ts";
import { POLICY_SCHEMA, PolicyDocument } from "../../contracts/policy/document.ts";
import { replayExecution } from "../../durable-objects/replay-execution.ts";
import { DEFAULT_EXECUTION_CONFIG } from "../../engine/executor/config.ts";
import type { InvokeEffect } from "../../engine/executor/effects.ts";
import type { MachineInput } from "../../engine/executor/input.ts";
import { transition } from "../../engine/executor/machine.ts";
import type { ExecutionState } from "../../engine/executor/state.ts";
import { digestOf } from "../../engine/hash.ts";
import { compileRejectionReply } from "../../engine/plan-intent.ts";
import { needsConfirmation } from "../../engine/planner/confirmation.ts";
import { offeredTools } from "../../engine/planner/offered-tools.ts";
import { planFromModel } from "../../engine/planner/plan-from-model.ts";
import type { PinnedPolicy } from "../../engine/policy/decide.ts";
import { type DecisionContext, policyDecider } from "../../engine/policy/decider.ts";
import { DEFAULT_POLICY } from "../../engine/policy/default.ts";
import { scopedDecider, stepViolation } from "../../engine/policy/grant-scope.ts";
import type { RecordedEvent, RecordedInput } from "../../engine/replay/types.ts";
import { makeIntent } from "./support/intent.ts";
import { registryWithSkills } from "./support/tools.ts";

/**
 * The planner's safety properties over arbitrary model output, driven through the same pure layers the
 * ExecutionDO runs (offer, planFromModel, the confirmation rule, the pinned decider with the grant scope, the
 * executor machine) and replayed with the recorded answer, as the DO's replay does: no HTTP, no model.
 */
const registry = registryWithSkills;
const intent = makeIntent({ text: "could you close the flaky-test issue in acme/web and tell the channel" });
const requester: Actor = intent.actor;
const context: DecisionContext = { tenantId: intent.tenantId, channel: intent.channel, requesterRoles: [], at: "2026-03-01T12:00:00.000Z", draftSource: "model" };

/** A second tenant policy: the default tiers, and no WhatsApp messages from model drafts at all. */
const noModelWhatsApp: PinnedPolicy = {
  ref: { version: "t-2", hash: "c".repeat(64) },
  document: PolicyDocument.parse({
    schema: POLICY_SCHEMA,
    name: "no-model-whatsapp",
    rules: [
      { id: "no-model-whatsapp", match: { tools: ["whatsapp.message.send"], draftSources: ["model"] }, effect: "deny" },
      ...DEFAULT_POLICY.document.rules,
    ],
  }),
};

/** Inputs that satisfy each tool of the registry (built-ins and the skill), so many generated plans compile. */
const validInputs: Record<string, Record<string, unknown>> = {
  "channel.reply": { text: "done" },
  "github.issue.close": { owner: "acme", repo: "web", number: 7 },
  "github.issue.comment": { owner: "acme", repo: "web", number: 7, body: "looking" },
  "github.issue.label": { owner: "acme", repo: "web", number: 7, labels: ["bug"] },
  "slack.message.post": { channel: "C024BE7LR", text: "hi" },
  "whatsapp.message.send": { to: "+14155550100", text: "hi" },
  "http.request": { method: "GET", url: "https://http.standin/x" },
  "acme/triage/classify": { title: "flaky test" },
};
const toolKeys = Object.keys(validInputs);
expect(new Set(registry.list().map((t) => t.key))).toEqual(new Set(toolKeys));

const inputFor = (tool: string) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constant(validInputs[tool] ?? {}) },
    { weight: 1, arbitrary: fc.constant({ ...validInputs[tool], repo: "other" }) },
    { weight: 1, arbitrary: fc.constant({ ...validInputs[tool], text: { $ref: "s0.summary" } }) },
    { weight: 1, arbitrary: fc.dictionary(fc.constantFrom("owner", "repo", "number", "text", "title", "url"), fc.jsonValue()) },
  );
const step = (i: number) =>
  fc
    .record({ tool: fc.constantFrom(...toolKeys), after: fc.subarray(Array.from({ length: i }, (_, j) => `s${j}`)) })
    .chain(({ tool, after }) => inputFor(tool).map((input) => ({ key: `s${i}`, tool, input, after })));
const wellFormedPlan = fc
  .integer({ min: 1, max: 5 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => step(i))))
  .map((steps) => ({ kind: "plan", steps }));
/** Whatever a model might answer: mostly plans over the whole registry, and anything else. */
const modelOutput = fc.oneof(
  { weight: 8, arbitrary: wellFormedPlan.map((p) => JSON.stringify(p)) },
  { weight: 1, arbitrary: fc.json() },
  { weight: 1, arbitrary: fc.string() },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom("plan", "clarify", "refuse", "act"), steps: fc.anything(), question: fc.anything(), reason: fc.anything() }).map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: fc.constantFrom('{"kind":"clarify","question":"Which issue?"}', '{"kind":"refuse","reason":"No tool for that."}') },
);

/** The grant that submitted the intent: unnarrowed, narrowed to tools, or with an argument constraint. */
const grantScope: fc.Arbitrary<GrantScope | null> = fc.oneof(
  fc.constant(null),
  fc.subarray(["channel.*", "github.issue.comment", "github.issue.close", "slack.*", "acme/*"], { minLength: 1 }).map((tools): GrantScope => ({ capability: "control-plane.core", tools, channels: null, constraints: null })),
  fc.constant<GrantScope>({ capability: "control-plane.core", tools: null, channels: null, constraints: [{ tools: ["github.*"], args: [{ path: "repo", op: "eq", value: "web" }] }] }),
);

const APPROVERS = ["U123", "ap1", "ap2", "ap3"];
const scenario = fc.record({
  raw: modelOutput,
  scope: grantScope,
  policy: fc.constantFrom(DEFAULT_POLICY, noModelWhatsApp),
  confirms: fc.boolean(),
  /** For each approval request in turn: who approves (several: one decision with all of them); empty: rejected. */
  approvals: fc.array(fc.subarray(APPROVERS), { maxLength: 12 }),
  /** For each tool call in turn: whether it succeeds. */
  outcomes: fc.array(fc.boolean(), { maxLength: 12 }),
});
type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

const person = (id: string): Actor => (id === requester.id ? requester : { type: "human", id });

/** The DO's start and its shell loop over the pure machine, recording inputs and events as the DO does. */
function execute(s: Scenario) {
  const scope = s.scope ?? undefined;
  const offered = offeredTools(registry, s.policy, context, requester, scope);
  const call = { outcome: "answered" as const, raw: s.raw };
  const planned = planFromModel(intent, registry, call, offered);
  const run = planned.ok ? planned : compileRejectionReply(intent, planned.rejection, registry);
  const decide = scopedDecider(policyDecider(s.policy, context, registry), s.scope, context.channel, s.policy.ref);
  const confirmationRequired = planned.ok && needsConfirmation(planned.draft, planned.plan);
  const inputs: RecordedInput[] = [];
  const events: RecordedEvent[] = [];
  const invoked: InvokeEffect[] = [];
  /** stepId → the distinct approvers of an approval the machine accepted. */
  const accepted = new Map<string, Set<string>>();
  let state: ExecutionState | null = null;
  const approvals = [...s.approvals];
  const outcomes = [...s.outcomes];
  if (run !== null && (!confirmationRequired || s.confirms)) {
    const queue: MachineInput[] = [{ kind: "start", plan: run.plan, requester, config: DEFAULT_EXECUTION_CONFIG, policy: s.policy.ref, codeVersion: null }];
    let tick = 0;
    while (queue.length > 0 && tick < 200) {
      const input = queue.shift() as MachineInput;
      const now = new Date(Date.parse(context.at) + 1000 * ++tick).toISOString();
      const result: ReturnType<typeof transition> = transition(state, input, now, { decide });
      inputs.push({ now, input });
      if (result.ignored !== null) continue;
      state = result.state;
      for (const e of result.events) events.push({ type: e.type, ...(e.stepId === undefined ? {} : { stepId: e.stepId }), payloadDigest: digestOf(e.payload) });
      if (input.kind === "approval_resolved" && input.decision === "approved") {
        accepted.set(input.stepId, new Set((input.approvers ?? [input.by]).map((a) => a.id)));
      }
      for (const effect of result.effects) {
        if (effect.kind === "invoke") {
          invoked.push(effect);
          const ok = outcomes.shift() ?? true;
          queue.push({ kind: "tool_outcome", stepId: effect.stepId, attempt: effect.attempt, outcome: ok ? { ok: true, output: { id: 1 } } : { ok: false, retryable: false, code: "FAILED", message: "no" } });
        }
        if (effect.kind === "request_approval") {
          const who = (approvals.shift() ?? []).map(person);
          const last = who.at(-1);
          queue.push(last === undefined
            ? { kind: "approval_resolved", stepId: effect.stepId, decision: "rejected", by: person("ap1") }
            : { kind: "approval_resolved", stepId: effect.stepId, decision: "approved", by: last, approvers: who });
        }
      }
    }
  }
  return { planned, run, offered, confirmationRequired, inputs, events, invoked, accepted, finalState: state, decide };
}

describe("property: whatever the model answers, governance holds and the execution replays", () => {
  it("nothing runs unconfirmed, no high-risk step without its quorum, no step beyond the grant; 1,000 executions replay consistently", () => {
    const seen = { planned: 0, confirmed: 0, ranModelSteps: 0, ranHigh: 0, notOffered: 0 };
    fc.assert(
      fc.property(scenario, (s) => {
        const x = execute(s);
        if (x.planned.ok) {
          seen.planned++;
          for (const step of x.planned.plan.steps) {
            // The model can only name offered tools, and it cannot lower a step's tier: the registry's stands.
            expect(x.offered).toContain(step.tool.key);
            expect(step.risk).toBe(registry.get(step.tool.key, step.tool.version)?.risk);
          }
          // Any step above low: the requester must confirm before anything starts.
          if (x.planned.plan.steps.some((st) => st.risk !== "low")) expect(x.confirmationRequired).toBe(true);
        } else if (x.planned.rejection.reasons[0]?.code === "TOOL_NOT_OFFERED") seen.notOffered++;
        if (x.confirmationRequired && !s.confirms) {
          expect(x.inputs).toEqual([]);
          expect(x.invoked).toEqual([]);
        }
        if (x.confirmationRequired && s.confirms) seen.confirmed++;
        for (const call of x.invoked) {
          const risk = registry.get(call.tool.key, call.tool.version)?.risk;
          // Within the grant that submitted the intent, with the arguments it actually runs with.
          if (s.scope !== null) expect(stepViolation(s.scope, call.tool.key, call.input)).toBeNull();
          if (risk === "high") {
            seen.ranHigh++;
            // Both policies: two approvers for high risk, the requester not counting.
            expect([...(x.accepted.get(call.stepId) ?? [])].filter((id) => id !== requester.id).length).toBeGreaterThanOrEqual(2);
          }
          if (risk === "medium") expect(x.accepted.get(call.stepId)?.size ?? 0).toBeGreaterThanOrEqual(1);
          if (x.planned.ok) seen.ranModelSteps++;
        }
        const report = replayExecution({
          intent,
          plan: x.run?.plan ?? null,
          rejection: x.planned.ok ? null : x.planned.rejection,
          drafted: { outcome: "answered", raw: s.raw },
          offeredTools: x.offered,
          reofferedTools: offeredTools(registry, s.policy, context, requester, s.scope ?? undefined),
          inputs: x.inputs,
          events: x.events,
          finalState: x.finalState,
          registry,
          decide: x.decide,
        });
        expect(report.differences).toEqual([]);
        expect(report.outcome).toBe("consistent");
      }),
      { numRuns: 1000 },
    );
    // Not vacuous: many answers planned, were confirmed and ran, high-risk steps among them.
    expect(seen.planned).toBeGreaterThan(100);
    expect(seen.confirmed).toBeGreaterThan(30);
    expect(seen.ranModelSteps).toBeGreaterThan(50);
    expect(seen.ranHigh).toBeGreaterThan(5);
    expect(seen.notOffered).toBeGreaterThan(50);
  }, 60_000);
});
