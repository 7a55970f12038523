import type { Actor, ReplyTarget } from "../contracts/intent.ts";
import { digestOf } from "../engine/hash.ts";
import type { ConfirmationMessage } from "../runtime/notices/confirmation-message.ts";
import { log } from "../runtime/log.ts";
import type { ExecutionStore } from "./execution-store.ts";

/** One owed message: built when it was owed (from the verified plan and pinned policy), sent from run(). */
export interface ConfirmationNoticeRecord {
  kind: "prompt" | "answer";
  planDigest: string;
  message: ConfirmationMessage;
  /** For a prompt: the short code registered (tenant-scoped, in D1) before the prompt shows it. */
  code?: { code: string; expiresAt: string };
  /** For an answer to a channel decision: that delivery's own conversation (signed), instead of the intent's. */
  target?: SendTarget;
  status: "due" | "sending" | "retry" | "sent" | "failed";
  attempts: number;
  nextAttemptAt: string | null;
}

export type SendTarget = Exclude<ReplyTarget, { kind: "none" }>;
export type Sent = { ok: true; messageId: string | null } | { ok: false; code: string; message: string; retryable: boolean; retryAfterMs?: number };
type Origin = { ok: true } | { ok: false; code: string; message: string };

/** What the ExecutionDO lends the confirmation notices: where to post, how, and its trace. */
export interface ConfirmationNoticeHost {
  target(): ReplyTarget | null;
  /** The requester's channel as a signed delivery proved it, or an API intent's still-bound reply target. */
  verifiedOrigin(): Promise<Origin>;
  registerCode(planDigest: string, code: string, expiresAt: string): Promise<void>;
  send(target: SendTarget, message: ConfirmationMessage, idempotencyKey: string): Promise<Sent>;
  trace(type: string, payload: Record<string, unknown>, at: string, actor: Actor): void;
}

export const CONFIRMATION_NOTICES_KEY = "confirmationNotices";
const MAX_ATTEMPTS = 4;
const RETRY_BASE_MS = 2_000;
const RETRY_MAX_MS = 5 * 60_000;
const WATCHDOG_MS = 30_000;
const NOTIFIER: Actor = { type: "service", id: "control-plane.confirmation-notice" };

export function promptNoticeId(planDigest: string): string {
  return `plan-confirmation:${planDigest}`;
}

/**
 * The confirmation prompt of a model-drafted plan and the answers to Confirm / Cancel from the channel, posted where
 * the requester asked. Like approval notices (approval-notice.ts): each attempt is traced before the provider is
 * called and its outcome after, a notice recorded as sent is never posted again, a retryable failure is retried from
 * the alarm a bounded number of times, and nothing here feeds the machine.
 */
export class ConfirmationNotices {
  readonly #store: ExecutionStore;
  readonly #host: ConfirmationNoticeHost;
  readonly #inflight = new Map<string, Promise<void>>();

  constructor(store: ExecutionStore, host: ConfirmationNoticeHost) {
    this.#store = store;
    this.#host = host;
  }

  /** Owes a message (inside the caller's storage transaction); the next run() sends it. */
  owe(id: string, record: Pick<ConfirmationNoticeRecord, "kind" | "planDigest" | "message" | "code" | "target">): void {
    if (this.#records()[id] !== undefined) return;
    this.#set(id, { ...record, status: "due", attempts: 0, nextAttemptAt: null });
  }

  /** An id for the next answer in this execution. */
  nextAnswerId(): string {
    const answers = Object.values(this.#records()).filter((r) => r.kind === "answer").length;
    return `plan-confirmation-answer:${answers + 1}`;
  }

  async run(): Promise<boolean> {
    const now = new Date().toISOString();
    for (const [id, record] of Object.entries(this.#records())) {
      const target = this.#targetOf(record);
      if (target === null || this.#inflight.has(id) || !due(record, now)) continue;
      this.#inflight.set(id, this.#attempt(id, target).finally(() => this.#inflight.delete(id)));
    }
    const running = [...this.#inflight.values()];
    if (running.length === 0) return false;
    await Promise.all(running);
    return true;
  }

  nextWakeAt(nowMs: number): number | null {
    const times: number[] = [];
    for (const [id, record] of Object.entries(this.#records())) {
      if (this.#targetOf(record) === null) continue;
      if (this.#inflight.has(id)) times.push(nowMs + WATCHDOG_MS);
      else if (record.status === "due" || record.status === "sending") times.push(nowMs + 1_000);
      else if (record.status === "retry" && record.nextAttemptAt !== null) times.push(Date.parse(record.nextAttemptAt));
    }
    return times.length === 0 ? null : Math.min(...times);
  }

  #targetOf(record: ConfirmationNoticeRecord): SendTarget | null {
    const target = record.target ?? this.#host.target();
    return target === null || target.kind === "none" ? null : target;
  }

  #records(): Record<string, ConfirmationNoticeRecord> {
    return this.#store.get<Record<string, ConfirmationNoticeRecord>>(CONFIRMATION_NOTICES_KEY) ?? {};
  }

  #set(id: string, record: ConfirmationNoticeRecord): void {
    this.#store.set(CONFIRMATION_NOTICES_KEY, { ...this.#records(), [id]: record });
  }

  async #attempt(id: string, target: SendTarget): Promise<void> {
    try {
      const record = this.#records()[id];
      if (record === undefined) return;
      const attempt = record.attempts + 1;
      const base = { noticeId: id, attempt };
      if (attempt > MAX_ATTEMPTS) {
        this.#store.transaction(() => this.#failed(id, record, { ...base, attempt: record.attempts }, { code: "NOTICE_OUTCOME_UNKNOWN", message: "the last attempt was interrupted", retryable: false }));
        return;
      }
      // An answer's own target came from the signed delivery it answers; everything else goes where the intent verifiably came from.
      const origin = record.target !== undefined ? { ok: true as const } : await this.#host.verifiedOrigin();
      if (!origin.ok) {
        this.#store.transaction(() => this.#failed(id, record, base, { ...origin, retryable: false }));
        return;
      }
      // The code must find its execution before anyone can read it.
      if (record.code !== undefined) await this.#host.registerCode(record.planDigest, record.code.code, record.code.expiresAt);
      this.#store.transaction(() => {
        this.#set(id, { ...record, status: "sending", attempts: attempt, nextAttemptAt: null });
        this.#host.trace("controlPlane.plan.confirmation_notice_sending", {
          ...base,
          kind: record.kind,
          channel: target.kind,
          planDigest: record.planDigest,
          format: record.message.format,
          messageDigest: digestOf(record.message),
          text: record.message.text.slice(0, 20_000),
        }, new Date().toISOString(), NOTIFIER);
      });
      const sent = await this.#host.send(target, record.message, id);
      this.#store.transaction(() => {
        const current = this.#records()[id] ?? record;
        if (sent.ok) {
          this.#set(id, { ...current, status: "sent", attempts: attempt, nextAttemptAt: null });
          this.#host.trace("controlPlane.plan.confirmation_notice_sent", { ...base, messageId: sent.messageId }, new Date().toISOString(), NOTIFIER);
        } else {
          this.#failed(id, { ...current, attempts: attempt }, base, sent);
        }
      });
    } catch (error) {
      log.warn("plan confirmation notice deferred", { noticeId: id, error: String(error) });
    }
  }

  #failed(id: string, record: ConfirmationNoticeRecord, base: { noticeId: string; attempt: number }, failure: { code: string; message: string; retryable: boolean; retryAfterMs?: number }): void {
    const at = new Date().toISOString();
    const attempt = Math.max(1, base.attempt);
    const again = failure.retryable && attempt < MAX_ATTEMPTS;
    const delay = Math.min(RETRY_MAX_MS, Math.max(failure.retryAfterMs ?? 0, RETRY_BASE_MS * 2 ** (attempt - 1)));
    const nextAttemptAt = again ? new Date(Date.parse(at) + delay).toISOString() : null;
    this.#set(id, { ...record, status: again ? "retry" : "failed", attempts: attempt, nextAttemptAt });
    this.#host.trace("controlPlane.plan.confirmation_notice_failed", {
      noticeId: base.noticeId,
      attempt,
      code: failure.code,
      message: failure.message.slice(0, 2000),
      retryable: failure.retryable,
      nextAttemptAt,
    }, at, NOTIFIER);
  }
}

function due(record: ConfirmationNoticeRecord, now: string): boolean {
  if (record.status === "due" || record.status === "sending") return true;
  return record.status === "retry" && record.nextAttemptAt !== null && record.nextAttemptAt <= now;
}
