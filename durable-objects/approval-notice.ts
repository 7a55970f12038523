import type { Actor, Intent, ReplyTarget } from "../contracts/intent.ts";
import { noticeOrigin } from "../runtime/bindings/notice-origin.ts";
import { database } from "../runtime/db.ts";
import type { CompiledPlan } from "../contracts/plan.ts";
import type { ExecutionState } from "../engine/executor/state.ts";
import { digestOf } from "../engine/hash.ts";
import { type DmRecipient, LINK_PLACEHOLDER, dmLink, dmMessage, newlyAskedGroups, slackDmRecipients } from "../workers/approvals/notice-dm.ts";
import { approvalNoticeMessage, groupsAt, noticeId, type NoticeMessage, type NoticeSubject } from "../runtime/notices/notice-message.ts";
import type { NoticeSent } from "../runtime/notices/notice-send.ts";
import { sendTenantNotice } from "./tenant-notice.ts";
import type { Env } from "../workers/env.ts";
import { type Gate, isRequester, type Requester } from "../engine/approval-gate.ts";
import type { ExecutionStore } from "./execution-store.ts";
import { log } from "../runtime/log.ts";

/** Where a notice stands. Kept under one storage key; written only when an attempt starts and when it ends. */
export interface NoticeRecord {
  status: "sending" | "retry" | "sent" | "failed";
  attempts: number;
  nextAttemptAt: string | null;
}

export const NOTICES_KEY = "approvalNotices";
/** Per thread notice id: the approvers sent a direct message for that level, chosen once. */
export const DM_PLANS_KEY = "approvalNoticeDms";
/** A notice is tried at most this many times; each retry waits 2 s, 4 s, 8 s… (or the provider's Retry-After). */
export const MAX_NOTICE_ATTEMPTS = 4;
const RETRY_BASE_MS = 2_000;
const RETRY_MAX_MS = 5 * 60_000;
/** While a send runs here, the alarm stays set this far ahead, so an eviction mid-send is resumed. */
const WATCHDOG_MS = 30_000;

const NOTIFIER: Actor = { type: "service", id: "control-plane.approval-notice" };

/** What the ExecutionDO lends the notices: its records, never its machine. */
export interface NoticeHost {
  /** Null until the execution started. */
  identity(): { executionId: string; tenantId: string; intent: Pick<Intent, "replyTo" | "source"> } | null;
  gates(): Record<string, Gate>;
  state(): ExecutionState | null;
  /** Who asked, as the gate compares it (the actor and the ids pinned at start); null until started. */
  requester(): Requester | null;
  /** The stored plan, verified against the stored intent; throws when it does not verify. */
  verifiedPlan(): CompiledPlan;
  /** Appends a trace event that is not the machine's (replay does not compare it). */
  trace(type: string, payload: Record<string, unknown>, at: string, actor: Actor, stepId: string): void;
  env(): Env;
}

type SendTarget = Exclude<ReplyTarget, { kind: "none" }>;

/** One attempt's message, where it goes, and what of it the trace keeps. */
type Prepared =
  | { ok: true; target: SendTarget; message: NoticeMessage; traced: { channel: string; text: string; recipient?: string } }
  | { ok: false; code: string; message: string };

/**
 * Approval requests posted where the intent came from, one per step and gate level (the first group,
 * then each escalation). Which notices are owed is derived from the open gates: opening or escalating a
 * gate writes nothing more. Each attempt is traced before the provider is called and its outcome after;
 * a notice recorded as sent is never posted again; a retryable failure is retried from the alarm a
 * bounded number of times. Nothing here feeds the machine or touches a gate: a notice that fails leaves
 * the step waiting exactly as before.
 */
export class ApprovalNotices {
  readonly #store: ExecutionStore;
  readonly #host: NoticeHost;
  readonly #inflight = new Map<string, Promise<void>>();

  constructor(store: ExecutionStore, host: NoticeHost) {
    this.#store = store;
    this.#host = host;
  }

  /** Sends every notice due now and waits for those already being sent; true when anything was recorded. */
  async run(): Promise<boolean> {
    const target = this.#target();
    if (target === null || target.kind === "none") return false;
    const now = new Date().toISOString();
    for (const gate of this.#owed()) {
      const id = noticeId(gate.stepId, gate.level);
      if (!this.#inflight.has(id) && this.#due(this.#records()[id], now)) this.#start(id, this.#attempt(id, gate, async () => this.#threadNotice(id, gate, target)));
      if (target.kind === "slack" && !this.#inflight.has(`${id}:dms`)) this.#startDms(id, gate, target, now);
    }
    const running = [...this.#inflight.values()];
    if (running.length === 0) return false;
    await Promise.all(running);
    return true;
  }

  /** The earliest time a notice needs the alarm, or null. */
  nextWakeAt(nowMs: number): number | null {
    const target = this.#target();
    if (target === null || target.kind === "none") return null;
    const records = this.#records();
    const times: number[] = [];
    for (const gate of this.#owed()) {
      const id = noticeId(gate.stepId, gate.level);
      const record = records[id];
      if (this.#inflight.has(id)) times.push(nowMs + WATCHDOG_MS);
      else if (record === undefined || record.status === "sending") times.push(nowMs + 1_000);
      else if (record.status === "retry" && record.nextAttemptAt !== null) times.push(Date.parse(record.nextAttemptAt));
      for (const dm of this.#dmPlans()[id] ?? []) {
        const dmRecord = records[dmId(id, dm)];
        if (dmRecord?.status === "retry" && dmRecord.nextAttemptAt !== null) times.push(Date.parse(dmRecord.nextAttemptAt));
        else if (dmRecord?.status === "sending" && !this.#inflight.has(`${id}:dms`)) times.push(nowMs + 1_000);
      }
    }
    return times.length === 0 ? null : Math.min(...times);
  }

  /** Gates whose step still waits: a notice is owed for each one's current level. */
  #owed(): Gate[] {
    const gates = Object.values(this.#host.gates());
    const state = gates.length === 0 ? null : this.#host.state();
    if (state === null) return [];
    const waiting = new Set(state.steps.filter((s) => s.state === "waiting_approval").map((s) => s.stepId));
    return gates.filter((g) => waiting.has(g.stepId));
  }

  #due(record: NoticeRecord | undefined, now: string): boolean {
    if (record === undefined) return true;
    // `sending` with nothing running here: this object was evicted mid-send; the attempt is resumed.
    if (record.status === "sending") return true;
    return record.status === "retry" && record.nextAttemptAt !== null && record.nextAttemptAt <= now;
  }

  #target(): ReplyTarget | null {
    return this.#host.identity()?.intent.replyTo ?? null;
  }

  #identity(): { executionId: string; tenantId: string } {
    const identity = this.#host.identity();
    if (identity === null) throw new Error("execution not started");
    return identity;
  }

  #records(): Record<string, NoticeRecord> {
    return this.#store.get<Record<string, NoticeRecord>>(NOTICES_KEY) ?? {};
  }

  #setRecord(id: string, record: NoticeRecord): void {
    this.#store.set(NOTICES_KEY, { ...this.#records(), [id]: record });
  }

  #start(id: string, task: Promise<void>): void {
    this.#inflight.set(id, task.finally(() => this.#inflight.delete(id)));
  }

  /**
   * Direct messages for the groups first asked at this level (optional extra to the thread notice):
   * each approver with a Slack identity in the intent's workspace gets their own signed link, privately.
   * Who is chosen once per level; each message is its own notice, traced without its link.
   */
  #startDms(id: string, gate: Gate, target: Extract<ReplyTarget, { kind: "slack" }>, now: string): void {
    const planned = this.#dmPlans()[id];
    const due = planned?.filter((r) => this.#due(this.#records()[dmId(id, r)], now));
    if (planned !== undefined && due?.length === 0) return;
    this.#start(`${id}:dms`, (async () => {
      try {
        if (!(await this.#verifiedOrigin()).ok) return;
        let recipients = planned;
        if (recipients === undefined) {
          const requester = this.#host.requester();
          const found = await slackDmRecipients(this.#host.env(), this.#identity().tenantId, newlyAskedGroups(gate), target.teamId);
          // The requester is never asked to approve their own step when the rule excludes them, through any identity.
          const asApprover = (r: DmRecipient) => ({ actor: { type: "human" as const, id: r.principalId }, identities: [r.principalId, `slack:${target.teamId}:${r.userId}`], roles: [] });
          const chosen = found.filter((r) => !(gate.spec.excludeRequester && requester !== null && isRequester(requester, asApprover(r))));
          this.#store.transaction(() => this.#store.set(DM_PLANS_KEY, { ...this.#dmPlans(), [id]: chosen }));
          recipients = chosen;
        }
        const sendNow = recipients.filter((r) => this.#due(this.#records()[dmId(id, r)], new Date().toISOString()));
        await Promise.all(sendNow.map((r) => this.#attempt(dmId(id, r), gate, async () => this.#directMessage(gate, target, r))));
      } catch (error) {
        log.warn("approval direct messages deferred", { noticeId: id, error: String(error) });
      }
    })());
  }

  #dmPlans(): Record<string, DmRecipient[]> {
    return this.#store.get<Record<string, DmRecipient[]>>(DM_PLANS_KEY) ?? {};
  }

  /**
   * Notices go only where the requester verifiably is: the channel a signed delivery came from, or an API
   * intent's reply target that is (still) a confirmed binding of the tenant. Anything else posts nothing.
   */
  async #verifiedOrigin(): Promise<{ ok: true } | { ok: false; code: string; message: string }> {
    const identity = this.#host.identity();
    if (identity === null) return { ok: false, code: "NOTICE_ERROR", message: "execution not started" };
    return noticeOrigin(database(this.#host.env().DB), identity.tenantId, identity.intent);
  }

  async #threadNotice(id: string, gate: Gate, target: SendTarget): Promise<Prepared> {
    const origin = await this.#verifiedOrigin();
    if (!origin.ok) return origin;
    const subject = this.#subject(id, gate);
    if (!subject.ok) return subject;
    const message = approvalNoticeMessage(subject.subject, target.kind, { publicBaseUrl: this.#host.env().PUBLIC_BASE_URL });
    return { ok: true, target, message, traced: { channel: target.kind, text: message.text } };
  }

  async #directMessage(gate: Gate, thread: Extract<ReplyTarget, { kind: "slack" }>, recipient: DmRecipient): Promise<Prepared> {
    const subject = this.#subject(dmId(noticeId(gate.stepId, gate.level), recipient), gate);
    if (!subject.ok) return subject;
    const { executionId, tenantId } = this.#identity();
    const requester = this.#host.requester();
    if (requester === null) return { ok: false, code: "NOTICE_ERROR", message: "no requester recorded" };
    const link = await dmLink(this.#host.env(), { gate, executionId, tenantId, requester, principalId: recipient.principalId, nowMs: Date.now() });
    if (!link.ok) return link;
    const message = dmMessage(subject.subject, link.link);
    // The link is a bearer credential bound to one approver: it goes to them, never into the trace.
    const text = message.text.split(link.link).join(LINK_PLACEHOLDER);
    if (text.includes("/approve/")) return { ok: false, code: "NOTICE_ERROR", message: "the direct message could not be traced without its link" };
    return {
      ok: true,
      target: { kind: "slack", teamId: thread.teamId, channelId: recipient.userId },
      message,
      traced: { channel: "slack_dm", text, recipient: recipient.principalId },
    };
  }

  async #attempt(id: string, gate: Gate, prepare: () => Promise<Prepared>): Promise<void> {
    try {
      const previous = this.#records()[id]?.attempts ?? 0;
      const attempt = previous + 1;
      const base = { key: gate.key, noticeId: id, level: gate.level, attempt };
      const at = new Date().toISOString();
      if (attempt > MAX_NOTICE_ATTEMPTS) {
        // Evicted mid-send on the last attempt: whether it went out is unknown; it is not tried again.
        this.#store.transaction(() => this.#failed(id, gate, { ...base, attempt: previous }, { code: "NOTICE_OUTCOME_UNKNOWN", message: "the last attempt was interrupted", retryable: false }, at));
        return;
      }
      // A message that cannot be built is a final failure, recorded like any other (no retry loop).
      const prepared = await prepare().catch((error: unknown): Prepared => ({ ok: false, code: "NOTICE_ERROR", message: String(error) }));
      if (!prepared.ok) {
        this.#store.transaction(() => this.#failed(id, gate, base, { code: prepared.code, message: prepared.message, retryable: false }, new Date().toISOString()));
        return;
      }
      const { message, target, traced } = prepared;
      this.#store.transaction(() => {
        this.#setRecord(id, { status: "sending", attempts: attempt, nextAttemptAt: null });
        this.#host.trace("controlPlane.execution.step.approval_notice_sending", {
          ...base,
          channel: traced.channel,
          ...(traced.recipient === undefined ? {} : { recipient: traced.recipient }),
          groups: groupsAt(gate.spec, gate.level),
          actionDigest: gate.actionDigest,
          format: message.format,
          messageDigest: digestOf(message),
          text: traced.text,
        }, new Date().toISOString(), NOTIFIER, gate.stepId);
      });
      const sent: NoticeSent = await postNotice(this.#host.env(), this.#identity().tenantId, target, message, id);
      const done = new Date().toISOString();
      this.#store.transaction(() => {
        if (sent.ok) {
          this.#setRecord(id, { status: "sent", attempts: attempt, nextAttemptAt: null });
          this.#host.trace("controlPlane.execution.step.approval_notice_sent", { ...base, messageId: sent.messageId }, done, NOTIFIER, gate.stepId);
        } else {
          this.#failed(id, gate, base, sent, done);
        }
      });
    } catch (error) {
      // Never the step's concern: the record (if any) stays, and the alarm tries again within the bound.
      log.warn("approval notice deferred", { noticeId: id, error: String(error) });
    }
  }

  #failed(id: string, gate: Gate, base: { key: string; noticeId: string; level: number; attempt: number }, failure: { code: string; message: string; retryable: boolean; retryAfterMs?: number }, at: string): void {
    const again = failure.retryable && base.attempt < MAX_NOTICE_ATTEMPTS;
    const delay = Math.min(RETRY_MAX_MS, Math.max(failure.retryAfterMs ?? 0, RETRY_BASE_MS * 2 ** (Math.max(1, base.attempt) - 1)));
    const nextAttemptAt = again ? new Date(Date.parse(at) + delay).toISOString() : null;
    this.#setRecord(id, { status: again ? "retry" : "failed", attempts: base.attempt, nextAttemptAt });
    this.#host.trace("controlPlane.execution.step.approval_notice_failed", {
      ...base,
      attempt: Math.max(1, base.attempt),
      code: failure.code,
      message: failure.message.slice(0, 2000),
      retryable: failure.retryable,
      nextAttemptAt,
    }, at, NOTIFIER, gate.stepId);
  }

  /**
   * What the notice says, taken only after checking that the gate asks about a step of the verified plan,
   * with the action digest that step and the gate's arguments give: anything else posts nothing.
   */
  #subject(id: string, gate: Gate): { ok: true; subject: NoticeSubject } | { ok: false; code: string; message: string } {
    let plan: CompiledPlan;
    try {
      plan = this.#host.verifiedPlan();
    } catch (error) {
      return { ok: false, code: "PLAN_UNVERIFIED", message: String(error) };
    }
    const planned = plan.steps.find((s) => s.stepId === gate.stepId);
    const bound =
      planned !== undefined &&
      planned.key === gate.key &&
      planned.tool.key === gate.tool.key &&
      planned.tool.version === gate.tool.version &&
      digestOf({ planId: plan.planId, stepId: gate.stepId, tool: planned.tool, input: gate.input }) === gate.actionDigest;
    if (!bound) return { ok: false, code: "NOTICE_UNBOUND", message: `the gate of ${gate.key} does not match the verified plan step` };
    const verdict = this.#host.state()?.steps.find((s) => s.stepId === gate.stepId)?.verdict ?? null;
    return {
      ok: true,
      subject: {
        executionId: this.#identity().executionId,
        noticeId: id,
        stepId: gate.stepId,
        key: gate.key,
        tool: gate.tool,
        input: gate.input,
        actionDigest: gate.actionDigest,
        reason: gate.reason,
        tier: verdict?.tier ?? null,
        spec: gate.spec,
        level: gate.level,
        deadline: gate.deadline,
      },
    };
  }
}

/** Posts one notice (an approval request, or a plan confirmation prompt or answer) through the provider clients; never throws. */
/** With the tenant's own install for the target (durable-objects/tenant-notice.ts), as a step would. */
export function postNotice(env: Env, tenantId: string, target: SendTarget, message: NoticeMessage, idempotencyKey: string): Promise<NoticeSent> {
  return sendTenantNotice(env, tenantId, target, message, idempotencyKey);
}

function dmId(threadNoticeId: string, recipient: DmRecipient): string {
  return `${threadNoticeId}:dm:${recipient.principalId}`;
}
