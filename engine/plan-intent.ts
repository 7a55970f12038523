import type { Intent } from "../contracts/intent.ts";
import type { CompiledPlan, PlanDraft } from "../contracts/plan.ts";
import type { ToolRegistry } from "../contracts/tools/index.ts";
import { compile } from "./compile.ts";
import { interpret } from "./interpret/index.ts";
import { verifyPlan } from "./verify.ts";

export interface PlanRejection {
  stage: "interpret" | "compile" | "verify";
  reasons: { code: string; message: string }[];
  /** What to tell the sender, in their thread. */
  reply: string;
}

export type PlanIntentResult =
  | { ok: true; draft: PlanDraft; plan: CompiledPlan }
  | { ok: false; draft: PlanDraft | null; rejection: PlanRejection };

/**
 * Intent → draft → compiled, verified plan: the whole road from a message to something the executor
 * may run. Pure, so the executor and replay take the same road and must arrive at the same plan.
 */
export function planIntent(intent: Intent, registry: ToolRegistry): PlanIntentResult {
  const interpreted = interpret(intent, registry);
  if (!interpreted.ok) {
    return {
      ok: false,
      draft: null,
      rejection: { stage: "interpret", reasons: [{ code: interpreted.code, message: interpreted.reason.slice(0, 2000) }], reply: interpreted.reply },
    };
  }
  return planDraft(intent, interpreted.draft, registry);
}

/** A draft (from the grammar, the steps given, or a model) through compile and verify, the same for every source. */
export function planDraft(intent: Intent, draft: PlanDraft, registry: ToolRegistry): PlanIntentResult {
  const compiled = compile(intent, draft, registry);
  if (!compiled.ok) {
    const reasons = compiled.errors.map((e) => ({ code: e.code, message: (e.stepKey ? `${e.stepKey}: ${e.message}` : e.message).slice(0, 2000) }));
    return { ok: false, draft, rejection: { stage: "compile", reasons, reply: rejectionReply(reasons) } };
  }
  const verified = verifyPlan(compiled.plan, intent, registry, { draft });
  if (!verified.ok) {
    const reasons = verified.reasons.map((r) => ({ code: r.code, message: r.message.slice(0, 2000) }));
    return { ok: false, draft, rejection: { stage: "verify", reasons, reply: rejectionReply(reasons) } };
  }
  return { ok: true, draft, plan: compiled.plan };
}

function rejectionReply(reasons: readonly { message: string }[]): string {
  const lines = reasons.slice(0, 5).map((r) => `• ${r.message}`);
  return `I could not plan that, so nothing was done:\n${lines.join("\n")}\nSend \`help\` for the commands I understand.`;
}

/** Names the plan that carries a rejection's reply: the reply is a side effect, so it too is a compiled step. */
export const REJECTION_REPLY_INTERPRETER = { name: "control-plane.rejection-reply", version: "1.0.0" } as const;

/**
 * The one-step plan that answers a rejected intent in its own thread (low risk, through policy like any
 * step), or null when the intent has nowhere to reply.
 */
export function rejectionReplyDraft(intent: Intent, rejection: PlanRejection): PlanDraft | null {
  if (intent.replyTo.kind === "none") return null;
  return {
    interpreter: { ...REJECTION_REPLY_INTERPRETER },
    steps: [{ key: "reply", tool: "channel.reply", input: { text: rejection.reply.slice(0, 4000) }, after: [] }],
  };
}

export function compileRejectionReply(intent: Intent, rejection: PlanRejection, registry: ToolRegistry) {
  const draft = rejectionReplyDraft(intent, rejection);
  if (draft === null) return null;
  const compiled = compile(intent, draft, registry);
  return compiled.ok ? { draft, plan: compiled.plan } : null;
}
