import { z } from "zod";
import { ActorType, ChannelKind } from "../intent.ts";
import { RiskTier, SideEffectClass } from "../tools/define.ts";

export const POLICY_SCHEMA = "control-plane.policy/1";

export const RuleId = z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/, "lower-case letters, digits, `_`, `.`, `-`");
export const GroupName = z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/, "lower-case letters, digits, `_`, `.`, `-`");

/** An exact tool key, a prefix ending in `.*` or `/*`, or `*` for every tool. */
export const ToolPattern = z.string().regex(/^(\*|[A-Za-z0-9_./-]+(\.\*|\/\*)?)$/, "a tool key, `prefix.*`, `prefix/*` or `*`");

const ArgPath = z.string().regex(/^[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+){0,9}$/, "dot-separated property names");
const Scalar = z.union([z.string().max(1000), z.number(), z.boolean(), z.null()]);

/** Declarative operators over the step's resolved input; never code. */
export const ArgPredicate = z.discriminatedUnion("op", [
  z.strictObject({ path: ArgPath, op: z.enum(["eq", "neq"]), value: Scalar }),
  z.strictObject({ path: ArgPath, op: z.enum(["in", "not_in"]), values: z.array(Scalar).min(1).max(100) }),
  z.strictObject({ path: ArgPath, op: z.enum(["gt", "gte", "lt", "lte"]), value: z.number() }),
  z.strictObject({ path: ArgPath, op: z.enum(["prefix", "suffix", "contains"]), value: z.string().max(1000) }),
  z.strictObject({ path: ArgPath, op: z.enum(["exists", "absent"]) }),
]);
export type ArgPredicate = z.infer<typeof ArgPredicate>;

const Clock = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, "HH:MM");
export const Weekday = z.enum(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]);

/** UTC; `from` inclusive, `to` exclusive; `from` after `to` spans midnight. */
export const TimeWindow = z.strictObject({
  days: z.array(Weekday).min(1).max(7).optional(),
  from: Clock,
  to: Clock,
});
export type TimeWindow = z.infer<typeof TimeWindow>;

export const DraftSource = z.enum(["grammar", "structured", "model"]);
export type DraftSource = z.infer<typeof DraftSource>;

/** Every condition present must hold; a list condition holds when any of its values does. */
export const RuleMatch = z.strictObject({
  tools: z.array(ToolPattern).min(1).max(100).optional(),
  tags: z.array(z.string().min(1).max(100)).min(1).max(50).optional(),
  sideEffects: z.array(SideEffectClass).min(1).optional(),
  /** The tool's declared default tier, before any rule. */
  risks: z.array(RiskTier).min(1).optional(),
  actorTypes: z.array(ActorType).min(1).optional(),
  actorIds: z.array(z.string().min(1).max(200)).min(1).max(200).optional(),
  actorRoles: z.array(GroupName).min(1).max(50).optional(),
  channels: z.array(ChannelKind).min(1).optional(),
  /** Who drafted the step: the command grammar, steps given as data (API, CLI, MCP), or the planner's model. */
  draftSources: z.array(DraftSource).min(1).optional(),
  tenants: z.array(z.string().min(1).max(100)).min(1).max(100).optional(),
  timeWindow: TimeWindow.optional(),
  args: z.array(ArgPredicate).min(1).max(20).optional(),
});
export type RuleMatch = z.infer<typeof RuleMatch>;

export const Escalation = z.strictObject({
  group: GroupName,
  /** How long this group has before the next one (or the fallback). */
  timeoutSeconds: z.number().int().min(60).max(30 * 86_400),
});

export const ApprovalSpec = z.strictObject({
  group: GroupName.default("approvers"),
  quorum: z.number().int().min(1).max(10).default(1),
  excludeRequester: z.boolean().default(true),
  timeoutSeconds: z.number().int().min(60).max(30 * 86_400).default(86_400),
  escalation: z.array(Escalation).max(5).default([]),
  /** What happens after the last deadline: `expire` blocks the step and the execution fails. */
  fallback: z.enum(["expire"]).default("expire"),
});
export type ApprovalSpec = z.infer<typeof ApprovalSpec>;

export const Override = z.strictObject({ reason: z.string().trim().min(10).max(500) });

export const PolicyRule = z
  .strictObject({
    id: RuleId,
    description: z.string().max(500).optional(),
    match: RuleMatch.default({}),
    effect: z.enum(["allow", "require_approval", "deny"]),
    /** Raises the step's tier to at least this; lowering below the tool's default needs `override`. */
    tier: RiskTier.optional(),
    override: Override.optional(),
    approval: ApprovalSpec.optional(),
  })
  .superRefine((rule, ctx) => {
    if (rule.approval !== undefined && rule.effect !== "require_approval") {
      ctx.addIssue({ code: "custom", path: ["approval"], message: "only a `require_approval` rule takes `approval`" });
    }
    if (rule.override !== undefined && rule.tier === undefined) {
      ctx.addIssue({ code: "custom", path: ["override"], message: "an override names the `tier` it lowers to" });
    }
    if (rule.effect === "deny" && (rule.tier !== undefined || rule.override !== undefined)) {
      ctx.addIssue({ code: "custom", path: ["tier"], message: "a `deny` rule takes no tier or override" });
    }
  });
export type PolicyRule = z.infer<typeof PolicyRule>;

/**
 * How much a tenant may run: past the budget every step of a new execution is blocked (BUDGET_EXCEEDED).
 * `executionsPerHour` counts the tenant's executions created in the hour before this one (see docs/governance.md).
 */
export const PolicyBudget = z.strictObject({
  executionsPerHour: z.number().int().min(1).max(1_000_000),
});
export type PolicyBudget = z.infer<typeof PolicyBudget>;

export const PolicyDocument = z
  .strictObject({
    schema: z.literal(POLICY_SCHEMA),
    name: z.string().min(1).max(200),
    description: z.string().max(2000).optional(),
    rules: z.array(PolicyRule).max(200),
    budget: PolicyBudget.optional(),
  })
  .superRefine((doc, ctx) => {
    const seen = new Set<string>();
    doc.rules.forEach((rule, i) => {
      if (seen.has(rule.id)) ctx.addIssue({ code: "custom", path: ["rules", i, "id"], message: `duplicate rule id ${rule.id}` });
      seen.add(rule.id);
    });
  });
export type PolicyDocument = z.infer<typeof PolicyDocument>;
export type PolicyDocumentInput = z.input<typeof PolicyDocument>;
