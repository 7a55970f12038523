import { DurableObject } from "cloudflare:workers";
import type { ExecutionStatus as IndexStatus } from "../contracts/common/status.ts";
import type { GrantScope } from "../contracts/common/grant.ts";
import type { Actor, Intent, ReplyTarget } from "../contracts/intent.ts";
import type { CompiledPlan, PlanDraft } from "../contracts/plan.ts";
import type { SkillManifest } from "../contracts/skills/manifest.ts";
import type { UpstreamManifest } from "../contracts/mcp/upstream-manifest.ts";
import type { ToolRegistry } from "../contracts/tools/index.ts";
import { DEFAULT_EXECUTION_CONFIG } from "../engine/executor/config.ts";
import type { Effect, InvokeEffect } from "../engine/executor/effects.ts";
import type { EventDraft } from "../engine/executor/events.ts";
import type { MachineInput } from "../engine/executor/input.ts";
import { transition } from "../engine/executor/machine.ts";
import { inFlight, nextWakeAt } from "../engine/executor/queries.ts";
import type { ExecutionState, StepStatus } from "../engine/executor/state.ts";
import { digestOf, sha256Hex } from "../engine/hash.ts";
import { compileRejectionReply, type PlanIntentResult, type PlanRejection, planIntent } from "../engine/plan-intent.ts";
import type { PlanDraftedPayload } from "../contracts/events/plan-drafted.ts";
import type { DraftSource } from "../contracts/policy/document.ts";
import { plannerAnswerSchema } from "../engine/planner/answer-schema.ts";
import { CONFIRMATION_TTL_SECONDS, needsConfirmation, type PendingConfirmation } from "../engine/planner/confirmation.ts";
import { planFromModel, wantsModel } from "../engine/planner/plan-from-model.ts";
import { offeredTools } from "../engine/planner/offered-tools.ts";
import { plannerPrompt } from "../engine/planner/prompt.ts";
import { redactForModel } from "../engine/planner/redact.ts";
import { dailyTokenBudget } from "../runtime/model/token-budget.ts";
import { askWithinBudget } from "./planner-call.ts";
import { liveReplay } from "./live-replay.ts";
import { MAX_THREAD_BYTES, THREAD_TTL_SECONDS, type ThreadTurn, threadKeyOf, threadWindow } from "../engine/planner/thread.ts";
import { readThread, recordTurns, type ThreadRef } from "../runtime/planner/thread-store.ts";
import { type ModelConfig, modelConfigFromEnv } from "../runtime/model/config.ts";
import { decideStep } from "../engine/policy/decider.ts";
import type { PolicyDecider } from "../engine/policy/types.ts";
import { ApprovalNotices, postNotice } from "./approval-notice.ts";
import { ConfirmationNotices, promptNoticeId } from "./confirmation-notice.ts";
import type { PlanDecision } from "../contracts/common/plan-confirmation-controls.ts";
import type { ConfirmationVia } from "../contracts/events/plan-confirmation.ts";
import { confirmationCode } from "../engine/planner/confirmation-code.ts";
import { type ConfirmationAnswerCode, confirmationAnswer, confirmationPrompt, type ShownStep } from "../runtime/notices/confirmation-message.ts";
import { noticeOrigin } from "../runtime/bindings/notice-origin.ts";
import { database } from "../runtime/db.ts";
import { planConfirmationCodes } from "../schema/index.ts";
import { type Gate, type Requester, type VoteRefusal, type VoteRequest, addSeconds, askedGroups, countingApprovers, openGate, refusalOf } from "../engine/approval-gate.ts";
import { loadStartContext, type PolicyPin, pinnedOf } from "./policy-pin.ts";
import { pinnedPayload, withGrantScope } from "./grant-scope.ts";
import { tenantRegistry } from "../engine/skills/tenant-registry.ts";
import { splitSkillToolKey } from "../engine/skills/tool-contracts.ts";
import { appendEvent, headMatchesLinks, verifyChain } from "../engine/trace.ts";
import { verifyPlan } from "../engine/verify.ts";
import type { Env } from "../workers/env.ts";
import type { EgressRecord } from "../workers/skills/egress-gateway.ts";
import { egressGatewayFrom } from "../workers/skills/gateway-binding.ts";
import { createSkillRunner } from "../workers/skills/run-skill.ts";
import { createUpstreamRunner } from "../workers/mcp/upstream/run-upstream.ts";
import { providerConfigFromEnv } from "../runtime/tools/config.ts";
import { dispatch } from "../workers/tools/dispatch.ts";
import type { ToolOutcome } from "../runtime/tools/outcome.ts";
import { mintStepContext } from "../runtime/tools/step-context.ts";
import { ExecutionStore } from "./execution-store.ts";
import { type ArchiveAttempt, archiveDueAt, archiveExecution, archiveItself, purgeArchived, type PurgeResult } from "./execution-archive.ts";
import { type ArchiveRef, openArchive } from "../engine/trace-archive.ts";
import { replayArchive, viewOfArchive } from "./archived-replay.ts";
import { mirror } from "./mirror.ts";
import { segmentPayloadRef } from "./payload-key.ts";
import { deciderOf, type RecordedExecution, replayRecorded } from "./recorded-replay.ts";
import { executionView, stepOutputs } from "./view.ts";
import { log } from "../runtime/log.ts";
import { stepCredentials } from "../runtime/connections/step-credentials.ts";

export interface StartRequest {
  executionId: string;
  intentId: string;
  traceId: string;
  intent: Intent;
  /** The narrowing of the grant that authorized the intent (API callers); null or absent: not narrowed. */
  grantScope?: GrantScope | null;
}

export interface ExecutionIdentity extends StartRequest {
  tenantId: string;
  createdAt: string;
}

const EXECUTOR: Actor = { type: "service", id: "control-plane.executor" };
const APPROVAL_TIMER: Actor = { type: "service", id: "control-plane.approval-timeout" };
const CONFIRMATION_TIMER: Actor = { type: "service", id: "control-plane.confirmation-timeout" };

export type ConfirmRefusal = "NOT_REQUESTER" | "PLAN_CHANGED" | "CONFIRMATION_NOT_PENDING" | "CONFIRMATION_EXPIRED";
export type ConfirmResult = { ok: true; status: IndexStatus } | { ok: false; code: ConfirmRefusal };

/** A Confirm / Cancel for a model-drafted plan: who (the principal their channel identity or key resolved to), which plan, from where. */
export interface PlanDecisionRequest {
  by: Actor;
  decision: PlanDecision;
  planDigest: string;
  via: ConfirmationVia;
  /** A channel decision's own conversation (a signed delivery's reply target): its answer goes there. */
  answerTo?: ReplyTarget;
}

export type VoteResult =
  | { ok: true; approvals: number; quorum: number; stepState: StepStatus; executionStatus: IndexStatus }
  | { ok: false; code: VoteRefusal | "STEP_NOT_FOUND" };

export interface PendingGate extends Gate {
  executionId: string;
  tenantId: string;
  requester: Actor;
  /** Every id the requester was known by at start: an approver holding any of them is the requester. */
  requesterIdentities: string[];
  groups: string[];
}
/** If the object is evicted mid-call, this alarm resumes the calls still recorded as running. */
const WATCHDOG_MS = 30_000;
const ARCHIVE_RETRY_MS = 3_600_000;

/**
 * One execution. Holds its plan, the machine state and input log, and its trace chain in SQLite; runs
 * tool calls from its alarm; mirrors the trace to D1 and R2. Every decision is the pure machine's
 * (`engine/executor`): this class persists, performs and reports.
 */
export class ExecutionDO extends DurableObject<Env> {
  readonly #store: ExecutionStore;
  readonly #running = new Set<string>();
  #mirrorRun: Promise<void> | null = null;
  #mirrorAgain = false;
  /** The alarm this instance last set (null: none, or not known since this instance started). */
  #alarmAt: number | null = null;
  #verifiedPlanDigest: string | null = null;
  #registry: ToolRegistry | null = null;
  #policyDecider: PolicyDecider | null = null;
  #starting: Promise<{ status: IndexStatus }> | null = null;
  /** After a failed self-archive, not before this (in memory: a restarted object tries once more at once). */
  #archiveRetryAt = 0;
  readonly #notices: ApprovalNotices;
  readonly #confirmations: ConfirmationNotices;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.#store = new ExecutionStore(ctx.storage);
    // Approval requests posted to the intent's channel: outside the machine, from the gates (approval-notice.ts).
    this.#notices = new ApprovalNotices(this.#store, {
      identity: () => this.#store.get<ExecutionIdentity>("identity") ?? null,
      gates: () => this.#gates(),
      state: () => this.#state(),
      requester: () => {
        const state = this.#state();
        return state === null ? null : this.#requester(state);
      },
      verifiedPlan: () => this.#verifiedPlan(this.#requireStarted()),
      trace: (type, payload, at, actor, stepId) => this.#appendTrace(type, payload, at, actor, stepId, false),
      env: () => this.env,
    });
    // The confirmation prompt of a model-drafted plan and the answers to Confirm / Cancel from the channel.
    this.#confirmations = new ConfirmationNotices(this.#store, {
      target: () => this.#store.get<ExecutionIdentity>("identity")?.intent.replyTo ?? null,
      verifiedOrigin: async () => {
        const identity = this.#requireStarted();
        return noticeOrigin(database(this.env.DB), identity.tenantId, identity.intent);
      },
      registerCode: async (planDigest, code, expiresAt) => {
        const identity = this.#requireStarted();
        await database(this.env.DB)
          .insert(planConfirmationCodes)
          .values({ tenantId: identity.tenantId, code, executionId: identity.executionId, planDigest, expiresAt, createdAt: new Date().toISOString() })
          .onConflictDoNothing();
      },
      send: (target, message, id) => postNotice(this.env, this.#requireStarted().tenantId, target, message, id),
      trace: (type, payload, at, actor) => this.#appendTrace(type, payload, at, actor, undefined, false),
    });
    // An empty object (new, or purged after archiving) stays empty until start creates its tables.
    void ctx.blockConcurrencyWhile(async () => this.#store.migrate());
  }

  // Every entry point drops the parsed copies of stored documents: within one call they save re-parsing a
  // large state many times; between calls the storage (which tests may edit directly) is the truth.

  /**
   * Idempotent: a second start (a redelivered handoff) changes nothing. Starts that arrive while one is under way
   * (the queue's delivery and an operator's ensureStarted) wait for it: planning may ask the model, once.
   */
  async start(request: StartRequest): Promise<{ status: IndexStatus }> {
    this.#starting ??= this.#start(request).finally(() => {
      this.#starting = null;
    });
    return this.#starting;
  }

  async #start(request: StartRequest): Promise<{ status: IndexStatus }> {
    this.#store.forget();
    const existing = this.#store.get<ExecutionIdentity>("identity");
    if (existing) return { status: this.#indexStatus() };

    // The tenant's active skills join the registry; recorded, so verify and replay rebuild the same one.
    const started = await loadStartContext(this.env, request.intent, new Date().toISOString(), request.executionId);
    const archived = started.archived;
    if (archived !== null) {
      log.warn("start of an archived execution: nothing runs", { executionId: request.executionId, status: archived });
      return { status: archived };
    }
    const { skills, upstreams } = started;
    const scoped = withGrantScope(started.pin, request.grantScope);
    if (this.#store.get<ExecutionIdentity>("identity")) return { status: this.#indexStatus() };
    const registry = tenantRegistry(skills, upstreams);
    this.#registry = registry;
    const now = new Date().toISOString();
    const identity: ExecutionIdentity = { ...request, tenantId: request.intent.tenantId, createdAt: now };
    let planned: PlanIntentResult = planIntent(request.intent, registry);
    // Text the grammar cannot read goes to the planner's model, here in the execution (never on a webhook's ack path).
    const model = wantsModel(request.intent, planned) ? this.#modelConfig() : null;
    let drafted: PlanDraftedPayload | null = null;
    if (model !== null) {
      // The model is offered only the tools this requester could be allowed; the list is recorded for replay.
      const offered = offeredTools(registry, pinnedOf(scoped), scoped.context, request.intent.actor, scoped.grantScope);
      // An answer to the planner's own question is read with the thread's earlier turns (tenant-scoped, bounded).
      const thread = this.#threadOf(request.intent);
      const turns = thread === null ? [] : await this.#threadTurns(thread, request.executionId);
      const use = { id: request.executionId, tenantId: request.intent.tenantId, executionId: request.executionId, purpose: "draft" as const, at: now };
      const called = await askWithinBudget(this.env, model, use, plannerPrompt(request.intent, registry, offered, turns), plannerAnswerSchema(registry, offered));
      if (this.#store.get<ExecutionIdentity>("identity")) return { status: this.#indexStatus() };
      drafted = {
        intentId: request.intentId,
        ...called,
        offeredTools: offered,
        redacted: redactForModel(request.intent.text ?? "").redactions,
        responseDigest: called.call.outcome === "answered" ? sha256Hex(called.call.raw) : null,
        ...(thread === null || turns.length === 0 ? {} : { thread: { key: thread.key, turns } }),
      };
      planned = planFromModel(request.intent, registry, called.call, offered);
      if (thread !== null) await this.#continueThread(thread, request, planned, turns.length > 0);
    }
    // Policy sees who drafted the plan: a tenant may require approval for what a model drafted.
    const draftSource: DraftSource = drafted !== null ? "model" : request.intent.steps !== undefined ? "structured" : "grammar";
    const pin: PolicyPin = { ...scoped, context: { ...scoped.context, draftSource } };
    this.#store.create();
    this.#store.transaction(() => {
      this.#store.set("identity", identity);
      this.#store.set("skills", skills);
      this.#store.set("upstreams", upstreams);
      this.#record("controlPlane.intent.received", { intentId: request.intentId, intent: request.intent }, now, request.intent.actor);
      if (drafted !== null) {
        this.#store.set("drafted", drafted);
        this.#record("controlPlane.plan.drafted", { ...drafted }, now, EXECUTOR);
      }
      let run: { draft: PlanDraft; plan: CompiledPlan } | null = planned.ok ? planned : null;
      if (!planned.ok) {
        this.#store.set("rejection", planned.rejection);
        this.#record("controlPlane.plan.rejected", { intentId: request.intentId, interpreter: planned.draft?.interpreter ?? null, reasons: planned.rejection.reasons }, now, EXECUTOR);
        run = compileRejectionReply(request.intent, planned.rejection, registry);
      }
      if (run === null) return;
      this.#store.set("draft", run.draft);
      this.#store.set("plan", run.plan);
      this.#record("controlPlane.plan.compiled", { intentId: request.intentId, plan: run.plan }, now, EXECUTOR);
      this.#store.set("policy", pin);
      this.#record("controlPlane.execution.policy_pinned", pinnedPayload(pin), now, EXECUTOR);
      if (planned.ok && needsConfirmation(run.draft, run.plan)) {
        this.#requestConfirmation(run.plan, pin, request, now);
        return;
      }
      this.#feedStart(run.plan, pin, request.intent, now);
    });
    // planIntent verified this plan just now (verifyPlan recompiles it): no need to verify it again
    // before the first step. A rejection's reply plan was only compiled, so it is verified on first use.
    if (planned.ok) this.#verifiedPlanDigest = planned.plan.digest;
    // The first tool calls start right away, after this call returns (no alarm hop); the transition that
    // records them is already committed. The alarm is the watchdog: if this object is evicted before the
    // calls are settled, it resumes them (#settle resets it to the next real deadline when they are done).
    this.#alarmAt = Date.now() + WATCHDOG_MS;
    await this.ctx.storage.setAlarm(this.#alarmAt);
    this.ctx.waitUntil(
      this.#settle().catch((error: unknown) => {
        log.warn("settle after start deferred to the alarm", { executionId: request.executionId, error: String(error) });
      }),
    );
    return { status: this.#indexStatus() };
  }

  #threadOf(intent: Intent): ThreadRef | null {
    const key = threadKeyOf(intent.replyTo);
    return key === null ? null : { tenantId: intent.tenantId, channel: intent.channel, key };
  }

  /** The thread's turns this request is read with; none when they cannot be read (the request is then read alone). */
  async #threadTurns(thread: ThreadRef, executionId: string): Promise<ThreadTurn[]> {
    try {
      const since = new Date(Date.now() - THREAD_TTL_SECONDS * 1000).toISOString();
      return threadWindow(await readThread(database(this.env.DB), thread, since, executionId));
    } catch (error) {
      log.warn("planner thread unreadable; the request is read alone", { executionId, error: String(error) });
      return [];
    }
  }

  /**
   * A clarifying question opens (or continues) the thread: the request and the question are stored as its turns. Any
   * other answer to a thread's question closes it with the request, so the next message starts afresh.
   */
  async #continueThread(thread: ThreadRef, request: StartRequest, planned: PlanIntentResult, answered: boolean): Promise<void> {
    const text = request.intent.text ?? "";
    const question = planned.ok ? undefined : planned.rejection.reasons.find((r) => r.code === "CLARIFICATION_NEEDED")?.message;
    const turns: ThreadTurn[] = question !== undefined ? [{ role: "user", text }, { role: "assistant", text: question }] : answered ? [{ role: "user", text }] : [];
    try {
      await recordTurns(database(this.env.DB), thread, request.executionId, turns.map((t) => ({ ...t, text: t.text.slice(0, MAX_THREAD_BYTES) })), new Date().toISOString());
    } catch (error) {
      log.warn("planner thread not recorded", { executionId: request.executionId, error: String(error) });
    }
  }

  /** The machine starts: from start(), or from confirm() for a model-drafted plan its requester confirmed. */
  #feedStart(plan: CompiledPlan, pin: PolicyPin, intent: Intent, now: string): void {
    const requesterPrincipal = pin.requester?.principal ?? null;
    const codeVersion = this.env.CF_VERSION_METADATA?.id ?? null;
    this.#feed(
      { kind: "start", plan, requester: intent.actor, ...(requesterPrincipal === null ? {} : { requesterPrincipal }), config: DEFAULT_EXECUTION_CONFIG, policy: pin.ref, codeVersion },
      now,
    );
  }

  /** Null when no model is configured; a configuration that names a provider it cannot reach is logged and reads as none. */
  #modelConfig(): ModelConfig | null {
    try {
      dailyTokenBudget(this.env);
      return modelConfigFromEnv(this.env);
    } catch (error) {
      log.error("planner model misconfigured; only the grammar reads text", { error: String(error) });
      return null;
    }
  }

  #requestConfirmation(plan: CompiledPlan, pin: PolicyPin, request: StartRequest, now: string): void {
    const pending: PendingConfirmation = { status: "pending", planDigest: plan.digest, requestedAt: now, expiresAt: addSeconds(now, CONFIRMATION_TTL_SECONDS) };
    this.#store.set("confirmation", pending);
    this.#record("controlPlane.plan.confirmation_requested", {
      planId: plan.planId,
      planDigest: plan.digest,
      expiresAt: pending.expiresAt,
      steps: plan.steps.map((s) => ({ key: s.key, tool: `${s.tool.key}@${s.tool.version}`, risk: s.risk, input: s.input })),
    }, now, EXECUTOR);
    // Shown where the requester asked: the exact compiled steps with what the pinned policy will ask of each.
    const target = request.intent.replyTo;
    if (target.kind === "none") return;
    const code = confirmationCode(request.executionId, plan.digest);
    const subject = { executionId: request.executionId, planDigest: plan.digest, code, expiresAt: pending.expiresAt, steps: this.#shownSteps(plan, pin, request.intent.actor) };
    this.#confirmations.owe(promptNoticeId(plan.digest), { kind: "prompt", planDigest: plan.digest, message: confirmationPrompt(subject, target.kind), code: { code, expiresAt: pending.expiresAt } });
  }

  /** Each step as the pinned policy would decide it now, with its arguments as compiled (references unresolved). */
  #shownSteps(plan: CompiledPlan, pin: PolicyPin, requester: Actor): ShownStep[] {
    const keys = new Map(plan.steps.map((s) => [s.stepId, s.key]));
    return plan.steps.map((step) => {
      const decision = decideStep(pinnedOf(pin), pin.context, this.#toolRegistry(), step, { planId: plan.planId, requester, input: step.input });
      const spec = decision.explanation.approval;
      return {
        key: step.key,
        tool: `${step.tool.key}@${step.tool.version}`,
        input: step.input,
        after: step.dependsOn.map((id) => keys.get(id) ?? id),
        tier: decision.verdict.tier,
        verdict: decision.verdict.verdict,
        approval: spec === null ? null : { group: spec.group, quorum: spec.quorum, excludeRequester: spec.excludeRequester },
      };
    });
  }

  #resolveConfirmation(pending: PendingConfirmation, decision: "confirmed" | "expired" | "cancelled", by: Actor, via: ConfirmationVia, now: string): void {
    this.#store.set("confirmation", { ...pending, status: decision });
    this.#record("controlPlane.plan.confirmation_resolved", { planDigest: pending.planDigest, decision, by, via }, now, by);
  }

  /**
   * The requester releases a model-drafted plan: only their principal (or, for a requester with no principal,
   * their own actor id), only for the plan digest they were shown, only before it expires.
   */
  async confirm(request: { by: Actor; planDigest: string }): Promise<ConfirmResult> {
    return this.decidePlan({ ...request, decision: "confirm", via: "api" });
  }

  /**
   * Confirm or cancel a model-drafted plan, from the API or a channel control. Only the requester, only for the plan
   * digest they were shown, only while it waits. Every outcome, refusals included, is traced; one that came from a
   * channel is also answered in the conversation it came from.
   */
  async decidePlan(request: PlanDecisionRequest): Promise<ConfirmResult> {
    this.#store.forget();
    const identity = this.#requireStarted();
    const result = this.#store.transaction((): ConfirmResult => {
      const now = new Date().toISOString();
      const checked = this.#checkPlanDecision(identity, request, now);
      const answer = (code: ConfirmationAnswerCode) => {
        if (request.via !== "api") this.#oweAnswer(code, checked.pending?.planDigest ?? request.planDigest, request.answerTo);
      };
      if (!checked.ok) {
        this.#record("controlPlane.plan.confirmation_refused", { code: checked.code, decision: request.decision, planDigest: request.planDigest.slice(0, 200), by: request.by, via: request.via }, now, request.by);
        answer(checked.code);
        return { ok: false, code: checked.code };
      }
      const { pending, pin } = checked;
      if (request.decision === "cancel") {
        this.#resolveConfirmation(pending, "cancelled", request.by, request.via, now);
        answer("CANCELLED");
        return { ok: true, status: "cancelled" };
      }
      this.#resolveConfirmation(pending, "confirmed", request.by, request.via, now);
      answer("CONFIRMED");
      this.#feedStart(this.#verifiedPlan(identity), pin, identity.intent, now);
      return { ok: true, status: "queued" };
    });
    if (request.via === "api") {
      await this.#settle();
    } else {
      // A channel's delivery waits for the answer in the thread, not for the steps: they go on after it is acknowledged.
      await this.#confirmations.run().catch((error: unknown) => log.warn("confirmation answer deferred to the alarm", { error: String(error) }));
      this.ctx.waitUntil(
        this.#settle().catch((error: unknown) => {
          log.warn("settle after a channel confirmation deferred to the alarm", { executionId: identity.executionId, error: String(error) });
        }),
      );
    }
    return result.ok ? { ok: true, status: this.#indexStatus() } : result;
  }

  /** An answer in the requester's thread to a Confirm / Cancel from the channel, or to an expiry. Only the prompt's channel hears it. */
  #oweAnswer(code: ConfirmationAnswerCode, planDigest: string, answerTo?: ReplyTarget): void {
    const identity = this.#requireStarted();
    const target = answerTo ?? identity.intent.replyTo;
    if (target.kind === "none") return;
    this.#confirmations.owe(this.#confirmations.nextAnswerId(), {
      kind: "answer",
      planDigest,
      message: confirmationAnswer(code, { executionId: identity.executionId }),
      ...(answerTo === undefined ? {} : { target }),
    });
  }

  #checkPlanDecision(identity: ExecutionIdentity, request: PlanDecisionRequest, now: string):
    | { ok: true; pending: PendingConfirmation; pin: PolicyPin }
    | { ok: false; code: ConfirmRefusal; pending?: PendingConfirmation } {
    const pending = this.#store.get<PendingConfirmation>("confirmation");
    const plan = this.#store.get<CompiledPlan>("plan");
    const pin = this.#store.get<PolicyPin>("policy");
    if (pending === undefined || plan === undefined || pin === undefined) return { ok: false, code: "CONFIRMATION_NOT_PENDING" };
    if (pending.status === "expired") return { ok: false, code: "CONFIRMATION_EXPIRED", pending };
    if (pending.status !== "pending") return { ok: false, code: "CONFIRMATION_NOT_PENDING", pending };
    const requester = pin.requester?.principal ?? identity.intent.actor;
    if (request.by.id !== requester.id) return { ok: false, code: "NOT_REQUESTER", pending };
    if (pending.expiresAt <= now) {
      this.#resolveConfirmation(pending, "expired", CONFIRMATION_TIMER, "timer", now);
      return { ok: false, code: "CONFIRMATION_EXPIRED", pending };
    }
    if (request.planDigest !== pending.planDigest || plan.digest !== pending.planDigest) return { ok: false, code: "PLAN_CHANGED", pending };
    return { ok: true, pending, pin };
  }

  async started(): Promise<boolean> {
    this.#store.forget();
    return this.#store.get<ExecutionIdentity>("identity") !== undefined;
  }

  async cancel(by: Actor): Promise<{ status: IndexStatus; ignored: string | null }> {
    this.#store.forget();
    this.#requireStarted();
    const pending = this.#store.get<PendingConfirmation>("confirmation");
    if (pending?.status === "pending") {
      this.#store.transaction(() => this.#resolveConfirmation(pending, "cancelled", by, "api", new Date().toISOString()));
      await this.#settle();
      return { status: this.#indexStatus(), ignored: null };
    }
    const result = this.#store.transaction(() => this.#feed({ kind: "cancel", by }, new Date().toISOString()));
    await this.#settle();
    return { status: this.#indexStatus(), ignored: result?.ignored?.code ?? null };
  }

  async view() {
    this.#store.forget();
    const identity = this.#requireStarted();
    return executionView(identity, this.#indexStatus(), this.#state(), this.#store.get<PlanRejection>("rejection") ?? null, this.#store.get<CompiledPlan>("plan") ?? null);
  }

  /** JSON of `{ [stepKey]: output }` for the steps that succeeded (outputs are arbitrary JSON, which RPC types cannot express). */
  async stepOutputsJson(): Promise<string> {
    this.#store.forget();
    this.#requireStarted();
    return JSON.stringify(stepOutputs(this.#state()));
  }

  /** JSON of `{ event, payload, mirrored }[]`: payloads are arbitrary JSON, which RPC types cannot express. */
  async traceJson(): Promise<string> {
    this.#store.forget();
    this.#requireStarted();
    return JSON.stringify(this.#store.events().map(({ event, payload, mirrored }) => ({ event, payload, mirrored })));
  }

  /**
   * JSON of `{ chain, head, tampered?, report? }`: the chain of this object's own trace is verified first, and the
   * head D1's index recorded (`indexedHead`, read by the caller) must be one of its links (`head`: a chain rewritten
   * or cut short here since it was indexed fails); then every payload it keeps and the documents replay re-runs from
   * are checked against their events' digests, since replaying tampered evidence proves nothing; the report (a
   * ReplayReport) is present only when chain and payloads hold.
   */
  async replayJson(request: { indexedHead?: { seq: number; hash: string } } = {}): Promise<string> {
    this.#store.forget();
    const identity = this.#requireStarted();
    const stored = this.#store.events();
    const chain = verifyChain(stored.map((e) => e.event));
    if (!chain.ok) return JSON.stringify({ chain });
    const head = headMatchesLinks(request.indexedHead, stored.map((e) => e.event.hash));
    return JSON.stringify({ chain, head, ...replayRecorded(this.#recorded(identity, stored), this.env.CF_VERSION_METADATA?.id ?? null) });
  }

  /** JSON of a LiveReplayAnswer (durable-objects/live-replay.ts): the planner's model asked again, its plan compared, nothing run. */
  async liveReplayJson(): Promise<string> {
    this.#store.forget();
    const identity = this.#requireStarted();
    const answer = await liveReplay({
      env: this.env,
      model: this.#modelConfig(),
      intent: identity.intent,
      executionId: identity.executionId,
      drafted: this.#store.get<PlanDraftedPayload>("drafted"),
      registry: this.#toolRegistry(),
      useId: `live:${crypto.randomUUID()}`,
      at: new Date().toISOString(),
    });
    return JSON.stringify(answer);
  }

  /** What replay reads, from this object's own storage. */
  #recorded(identity: ExecutionIdentity, links: ReturnType<ExecutionStore["events"]>): RecordedExecution {
    return {
      identity,
      plan: this.#store.get<CompiledPlan>("plan"),
      pin: this.#store.get<PolicyPin>("policy"),
      drafted: this.#store.get<PlanDraftedPayload>("drafted"),
      rejection: this.#store.get<PlanRejection>("rejection") ?? null,
      registry: this.#toolRegistry(),
      decide: () => this.#decider(),
      links,
      inputs: () => this.#store.inputs(),
      state: () => this.#state(),
    };
  }

  /** The registry this execution planned with: built-in tools plus the skill and upstream manifests recorded at start. */
  #toolRegistry(): ToolRegistry {
    this.#registry ??= tenantRegistry(this.#store.get<SkillManifest[]>("skills") ?? [], this.#store.get<UpstreamManifest[]>("upstreams") ?? []);
    return this.#registry;
  }

  /** Called by the egress gateway for each request a skill step's sandbox makes, allowed or blocked. */
  async recordEgress(record: EgressRecord): Promise<void> {
    this.#store.forget();
    this.#requireStarted();
    const { stepId, ...payload } = record;
    const at = new Date().toISOString();
    this.#store.transaction(() => this.#appendTrace("controlPlane.skill.egress", payload, at, { type: "tool", id: `${payload.skill}@${payload.version}` }, stepId, false));
  }

  /** Retention, first half: this finished execution's record as one R2 object (execution-archive.ts). */
  async archive(request: { before: string }): Promise<ArchiveAttempt> {
    this.#store.forget();
    return archiveExecution(this.env, this.#store, this.#indexStatus(), request.before);
  }

  /** Retention, second half, once the index holds the archive's key: the object's storage is deleted. */
  async purge(ref: ArchiveRef): Promise<PurgeResult> {
    this.#store.forget();
    const result = await purgeArchived(this.env, this.#store, this.ctx.storage, ref);
    if (result.ok && result.emptied) {
      this.#alarmAt = null;
      this.#verifiedPlanDigest = null;
      this.#registry = null;
      this.#policyDecider = null;
    }
    return result;
  }

  /**
   * JSON of an archived execution's checks and replay (archived-replay.ts), or `{ archive }` naming what is
   * wrong with the archive. Reads the archive from R2 and nothing from, or into, this (emptied) object's storage.
   */
  async replayArchivedJson(request: { tenantId: string; executionId: string; ref: ArchiveRef }): Promise<string> {
    const stored = await this.env.TRACES.get(request.ref.key);
    const opened = openArchive(stored === null ? null : await stored.text(), request);
    if (!opened.ok) return JSON.stringify({ archive: opened });
    return JSON.stringify(replayArchive(opened.archive, this.env.CF_VERSION_METADATA?.id ?? null));
  }

  /** JSON of the view of an archived execution (execution.get), or `{ archive }` naming what is wrong with the archive. */
  async archivedViewJson(request: { tenantId: string; executionId: string; ref: ArchiveRef; status: IndexStatus }): Promise<string> {
    const stored = await this.env.TRACES.get(request.ref.key);
    const opened = openArchive(stored === null ? null : await stored.text(), request);
    return JSON.stringify(opened.ok ? { view: viewOfArchive(opened.archive, request.status) } : { archive: opened });
  }

  override async alarm(): Promise<void> {
    this.#store.forget();
    this.#alarmAt = null;
    if (await this.#archiveIfDue()) return;
    const state = this.#state();
    if (state !== null) {
      const due = nextWakeAt(state);
      const now = new Date().toISOString();
      if (due !== null && due <= now) this.#store.transaction(() => this.#feed({ kind: "wake" }, now));
      this.#store.transaction(() => this.#expireGates(now));
    }
    const pending = this.#store.get<PendingConfirmation>("confirmation");
    if (pending?.status === "pending" && pending.expiresAt <= new Date().toISOString()) {
      this.#store.transaction(() => {
        this.#resolveConfirmation(pending, "expired", CONFIRMATION_TIMER, "timer", new Date().toISOString());
        // The requester saw a prompt in the thread: they hear that it lapsed, and that nothing ran.
        this.#oweAnswer("CONFIRMATION_EXPIRED", pending.planDigest);
      });
    }
    await this.#settle({ mirror: "always" });
  }

  /**
   * Runs every recorded call not yet running here, mirrors, and sets the next alarm. While calls are in
   * flight the mirror waits (it would compete with them for the same thread, once per outcome): it runs
   * when the execution comes to rest (done, or waiting for people or a retry) and from the alarm, which
   * comes within seconds while anything is unmirrored, so the D1 index never lags a long call for long.
   */
  async #settle(options: { mirror?: "always" } = {}): Promise<void> {
    const state = this.#state();
    const recorded = state === null ? [] : inFlight(state);
    const calls = recorded.filter((c) => !this.#running.has(`${c.stepId}#${c.attempt}`));
    const mirror = recorded.length === 0 || options.mirror === "always" ? this.#mirror() : undefined;
    const notices = this.#notices.run().then((sent) => (sent ? this.#mirror() : undefined));
    const confirmations = this.#confirmations.run().then((sent) => (sent ? this.#mirror() : undefined));
    await Promise.all([...calls.map((call) => this.#invoke(call)), mirror, notices, confirmations]);
    await this.#scheduleAlarm();
  }

  async #invoke(call: InvokeEffect): Promise<void> {
    const id = `${call.stepId}#${call.attempt}`;
    this.#running.add(id);
    let outcome: ToolOutcome;
    try {
      outcome = await this.#perform(call);
    } finally {
      this.#running.delete(id);
    }
    this.#store.transaction(() =>
      this.#feed({ kind: "tool_outcome", stepId: call.stepId, attempt: call.attempt, outcome }, new Date().toISOString()),
    );
    await this.#settle();
  }

  async #perform(call: InvokeEffect): Promise<ToolOutcome> {
    const identity = this.#requireStarted();
    const plan = this.#verifiedPlan(identity);
    const context = mintStepContext({
      executionId: identity.executionId,
      tenantId: identity.tenantId,
      plan,
      stepId: call.stepId,
      attempt: call.attempt,
      resolvedInput: call.input,
      verdict: call.verdict,
      planVerified: true,
      ...(call.approval && call.verdict.approval
        ? { approvals: { quorum: call.verdict.approval.quorum, approvers: call.approval.approvers.map((a) => `${a.type}:${a.id}`) } }
        : {}),
      replyTo: identity.intent.replyTo,
    });
    const skills = createSkillRunner({
      env: this.env,
      loader: this.env.LOADER,
      gateway: egressGatewayFrom(this.ctx.exports),
      manifests: this.#store.get<SkillManifest[]>("skills") ?? [],
    });
    const config = providerConfigFromEnv(this.env);
    const upstreams = createUpstreamRunner({
      env: this.env,
      http: config.http,
      manifests: this.#store.get<UpstreamManifest[]>("upstreams") ?? [],
      traceId: identity.traceId,
    });
    const credentials = stepCredentials(this.env, config);
    return dispatch(context, { config, fetch: (input, init) => fetch(input, init), skills, upstreams, credentials });
  }

  /** The stored plan, re-verified against the stored intent once per wake: tampered storage runs nothing. */
  #verifiedPlan(identity: ExecutionIdentity): CompiledPlan {
    const plan = this.#store.get<CompiledPlan>("plan");
    if (plan === undefined) throw new Error("no plan to run");
    if (this.#verifiedPlanDigest !== plan.digest) {
      const draft = this.#store.get<PlanDraft>("draft");
      const verified = verifyPlan(plan, identity.intent, this.#toolRegistry(), draft === undefined ? {} : { draft });
      if (!verified.ok) throw new Error(`stored plan failed verification: ${verified.reasons.map((r) => r.code).join(", ")}`);
      this.#verifiedPlanDigest = plan.digest;
    }
    return plan;
  }

  /** Feeds one input to the machine and records input, state and events; runs inside a storage transaction. */
  #feed(input: MachineInput, now: string) {
    const result = transition(this.#state(), input, now, { decide: this.#decider() });
    this.#store.appendInput({ now, input });
    if (result.ignored !== null) return result;
    this.#store.set("state", result.state);
    const actor = input.kind === "cancel" ? input.by : EXECUTOR;
    for (const event of result.events) this.#recordDraft(event, now, actor);
    this.#applyEffects(result.effects, now);
    return result;
  }

  #applyEffects(effects: readonly Effect[], now: string): void {
    for (const effect of effects) {
      if (effect.kind === "completed") this.#store.set("completedAt", new Date().toISOString());
      if (effect.kind === "request_approval") this.#openGate(effect, now);
      // invoke: performed by #settle from the persisted state; schedule_wake: #scheduleAlarm reads the state.
    }
  }

  /** The pinned policy's decider; executions started before policies were pinned keep the interim one. */
  #decider(): PolicyDecider {
    const pin = this.#store.get<PolicyPin>("policy");
    if (pin === undefined) return deciderOf(undefined, this.#toolRegistry());
    this.#policyDecider ??= deciderOf(pin, this.#toolRegistry());
    return this.#policyDecider;
  }

  /** The full approval requirement (group, deadlines) comes from the same decision that produced the verdict. */
  #openGate(effect: Extract<Effect, { kind: "request_approval" }>, now: string): void {
    const pin = this.#store.get<PolicyPin>("policy");
    const state = this.#state();
    const planned = state?.plan.steps.find((s) => s.stepId === effect.stepId);
    if (pin === undefined || state === null || planned === undefined) return;
    const decision = decideStep(pinnedOf(pin), pin.context, this.#toolRegistry(), planned, { planId: state.plan.planId, requester: state.requester, input: effect.input });
    const spec = decision.explanation.approval;
    if (spec === null) return;
    this.#setGates({ ...this.#gates(), [effect.stepId]: openGate(effect, spec, now) });
  }

  /** The requester as the gate compares it: the intent's actor and the ids pinned at start (policy-pin.ts). */
  #requester(state: ExecutionState): Requester {
    return { actor: state.requester, identities: this.#store.get<PolicyPin>("policy")?.requester?.identities ?? [] };
  }

  #gates(): Record<string, Gate> {
    return this.#store.get<Record<string, Gate>>("gates") ?? {};
  }

  #setGates(gates: Record<string, Gate>): void {
    this.#store.set("gates", gates);
  }

  /**
   * One approver's decision. The whole check-record-resolve runs in one synchronous transaction of this
   * single-writer object, so concurrent decisions resolve to exactly one outcome.
   */
  async vote(request: VoteRequest): Promise<VoteResult> {
    this.#store.forget();
    this.#requireStarted();
    const result = this.#store.transaction((): VoteResult | { ok: true; approvals: number; quorum: number } => {
      const state = this.#state();
      const gates = this.#gates();
      const gate = gates[request.stepId];
      const step = state?.steps.find((s) => s.stepId === request.stepId);
      if (state === null || step === undefined) return { ok: false, code: "STEP_NOT_FOUND" };
      const refusal = step.state === "waiting_approval" ? refusalOf(gate, this.#requester(state), request) : "STEP_NOT_AWAITING_APPROVAL";
      if (refusal !== null || gate === undefined) return { ok: false, code: refusal ?? "STEP_NOT_AWAITING_APPROVAL" };
      const now = new Date().toISOString();
      const updated: Gate = {
        ...gate,
        votes: [...gate.votes, { approver: request.approver.actor, identities: [...request.approver.identities], decision: request.decision, at: now, via: request.via }],
        usedTokens: request.tokenId === undefined ? gate.usedTokens : [...gate.usedTokens, request.tokenId],
      };
      const approvers = countingApprovers(updated);
      this.#appendTrace("controlPlane.execution.step.vote_recorded", {
        key: gate.key,
        by: request.approver.actor,
        identities: [...request.approver.identities],
        decision: request.decision,
        via: request.via,
        actionDigest: gate.actionDigest,
        approvals: approvers.length,
        quorum: gate.spec.quorum,
        ...(request.comment === undefined ? {} : { comment: request.comment }),
      }, now, request.approver.actor, gate.stepId, false);
      const resolved = request.decision === "reject" || approvers.length >= gate.spec.quorum;
      const { [gate.stepId]: _done, ...rest } = gates;
      this.#setGates(resolved ? rest : { ...gates, [gate.stepId]: updated });
      if (request.decision === "reject") {
        this.#feed({ kind: "approval_resolved", stepId: gate.stepId, decision: "rejected", by: request.approver.actor }, now);
      } else if (resolved) {
        this.#feed({ kind: "approval_resolved", stepId: gate.stepId, decision: "approved", by: request.approver.actor, approvers }, now);
      }
      return { ok: true, approvals: approvers.length, quorum: gate.spec.quorum };
    });
    await this.#settle();
    if (!result.ok) return result;
    const step = this.#state()?.steps.find((s) => s.stepId === request.stepId);
    return { ...result, stepState: step?.state ?? "waiting_approval", executionStatus: this.#indexStatus() };
  }

  /** JSON of PendingGate[]: steps waiting for people, with what an approver needs to decide (inputs are arbitrary JSON). */
  async pendingApprovalsJson(): Promise<string> {
    this.#store.forget();
    const identity = this.#requireStarted();
    const state = this.#state();
    if (state === null) return "[]";
    const requester = this.#requester(state);
    const pending: PendingGate[] = Object.values(this.#gates()).map((gate) => ({
      ...gate,
      executionId: identity.executionId,
      tenantId: identity.tenantId,
      requester: requester.actor,
      requesterIdentities: [...requester.identities],
      groups: askedGroups(gate),
    }));
    return JSON.stringify(pending);
  }

  /** Deadlines passed: escalate to the next group, or after the last one apply the fallback (expire). */
  #expireGates(now: string): void {
    const gates = this.#gates();
    for (const gate of Object.values(gates)) {
      if (gate.deadline > now) continue;
      const next = gate.spec.escalation[gate.level];
      if (next !== undefined) {
        const escalated: Gate = { ...gate, level: gate.level + 1, deadline: addSeconds(now, next.timeoutSeconds) };
        this.#setGates({ ...this.#gates(), [gate.stepId]: escalated });
        this.#appendTrace("controlPlane.execution.step.escalated", { key: gate.key, level: escalated.level, approvers: [next.group], reason: "timeout", expiresAt: escalated.deadline }, now, APPROVAL_TIMER, gate.stepId, false);
        continue;
      }
      const { [gate.stepId]: _expired, ...rest } = this.#gates();
      this.#setGates(rest);
      this.#feed({ kind: "approval_resolved", stepId: gate.stepId, decision: "expired", by: APPROVAL_TIMER }, now);
    }
  }

  #recordDraft(event: EventDraft, now: string, actor: Actor): void {
    this.#appendTrace(event.type, event.payload, now, actor, event.stepId, true);
  }

  #record(type: string, payload: Record<string, unknown>, now: string, actor: Actor): void {
    this.#appendTrace(type, payload, now, actor, undefined, false);
  }

  /** `<publisher>/<skill>@<version>` for events of a skill tool's step; `core` for everything else. */
  #capabilitySource(stepId: string | undefined): string {
    const tool = stepId === undefined ? undefined : this.#store.get<CompiledPlan>("plan")?.steps.find((s) => s.stepId === stepId)?.tool;
    const skill = tool === undefined ? undefined : splitSkillToolKey(tool.key);
    return skill === undefined || tool === undefined ? "core" : `${skill.skill}@${tool.version}`;
  }

  #appendTrace(type: string, payload: Record<string, unknown>, at: string, actor: Actor, stepId: string | undefined, fromMachine: boolean) {
    const identity = this.#requireStarted();
    const payloadDigest = digestOf(payload);
    const last = this.#store.lastEvent();
    const event = appendEvent(last, {
      traceId: identity.traceId,
      executionId: identity.executionId,
      tenantId: identity.tenantId,
      type,
      at,
      actor,
      ...(identity.intent.session === undefined ? {} : { sessionId: identity.intent.session }),
      ...(stepId === undefined ? {} : { stepId }),
      capabilitySource: this.#capabilitySource(stepId),
      payloadDigest,
      payloadRef: segmentPayloadRef(identity.tenantId, identity.traceId, last === undefined ? 0 : last.seq + 1, payloadDigest),
    });
    this.#store.appendEvent(event, payload, fromMachine);
    log.info("trace", { ...event });
  }

  /** One mirror run at a time; calls made meanwhile are folded into one more run after it. */
  async #mirror(): Promise<void> {
    if (this.#mirrorRun !== null) {
      this.#mirrorAgain = true;
      return this.#mirrorRun;
    }
    this.#mirrorRun = (async () => {
      do {
        this.#mirrorAgain = false;
        await this.#mirrorOnce();
      } while (this.#mirrorAgain);
    })().finally(() => {
      this.#mirrorRun = null;
    });
    return this.#mirrorRun;
  }

  async #mirrorOnce(): Promise<void> {
    const identity = this.#store.get<ExecutionIdentity>("identity");
    if (!identity) return;
    const plan = this.#store.get<CompiledPlan>("plan");
    try {
      await mirror(this.env, this.#store, {
        executionId: identity.executionId,
        tenantId: identity.tenantId,
        status: this.#indexStatus(),
        planId: plan?.planId ?? null,
        planDigest: plan?.digest ?? null,
        updatedAt: new Date().toISOString(),
        completedAt: this.#store.get<string>("completedAt") ?? null,
      });
    } catch (error) {
      log.warn("mirror deferred", { executionId: identity.executionId, error: String(error) });
    }
  }

  /** A finished execution past the retention window archives itself and empties its storage (execution-archive.ts). */
  async #archiveIfDue(): Promise<boolean> {
    const status = this.#indexStatus();
    const due = archiveDueAt(this.env, this.#store, status);
    if (due === null || Math.max(due, this.#archiveRetryAt) > Date.now()) return false;
    try {
      if (await archiveItself(this.env, this.#store, this.ctx.storage, status, Date.now())) {
        this.#verifiedPlanDigest = null;
        this.#registry = null;
        this.#policyDecider = null;
        return true;
      }
    } catch (error) {
      log.warn("self-archive failed; retried later, or by the sweep", { error: String(error) });
    }
    this.#store.forget();
    this.#archiveRetryAt = Date.now() + ARCHIVE_RETRY_MS;
    return false;
  }

  async #scheduleAlarm(): Promise<void> {
    const state = this.#state();
    const candidates: number[] = [];
    const wake = state === null ? null : nextWakeAt(state);
    if (wake !== null) candidates.push(Date.parse(wake));
    if (state !== null && inFlight(state).length > 0) candidates.push(Date.now() + WATCHDOG_MS);
    if (this.#store.unmirroredCount() > 0) candidates.push(Date.now() + 5_000);
    for (const gate of Object.values(this.#gates())) candidates.push(Date.parse(gate.deadline));
    const confirmation = this.#store.get<PendingConfirmation>("confirmation");
    if (confirmation?.status === "pending") candidates.push(Date.parse(confirmation.expiresAt));
    const notice = this.#notices.nextWakeAt(Date.now());
    if (notice !== null) candidates.push(notice);
    const confirmationNotice = this.#confirmations.nextWakeAt(Date.now());
    if (confirmationNotice !== null) candidates.push(confirmationNotice);
    const archive = archiveDueAt(this.env, this.#store, this.#indexStatus());
    if (archive !== null) candidates.push(Math.max(archive, this.#archiveRetryAt));
    const at = candidates.length === 0 ? null : Math.min(...candidates);
    // While calls are in flight, an alarm already due sooner stands (when it fires, alarm() settles and sets
    // the next one): setting the watchdog again after every outcome was a storage write per step. At rest it
    // is replaced: a finished execution's next alarm is its archive, and a standing watchdog would wake every
    // execution once more, for nothing, 30 s after its start (bench:ingest's drain slowed by it).
    const watching = state !== null && inFlight(state).length > 0;
    if (watching && at !== null && this.#alarmAt !== null && this.#alarmAt <= at && this.#alarmAt > Date.now()) return;
    if (at === null) {
      if (this.#alarmAt !== null) await this.ctx.storage.deleteAlarm();
    } else {
      await this.ctx.storage.setAlarm(at);
    }
    this.#alarmAt = at;
  }

  #state(): ExecutionState | null {
    return this.#store.get<ExecutionState>("state") ?? null;
  }

  #indexStatus(): IndexStatus {
    if (this.#store.get<PlanRejection>("rejection")) return "rejected";
    const confirmation = this.#store.get<PendingConfirmation>("confirmation")?.status;
    if (confirmation === "expired" || confirmation === "cancelled") return "cancelled";
    const state = this.#state();
    if (state === null) return "queued";
    if (state.status === "running" && state.steps.every((s) => s.attempts === 0 && s.state !== "running")) return "queued";
    return state.status;
  }

  #requireStarted(): ExecutionIdentity {
    const identity = this.#store.get<ExecutionIdentity>("identity");
    if (!identity) throw new Error("execution not started");
    return identity;
  }
}
