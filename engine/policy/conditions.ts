import type { ArgPredicate, RuleMatch, TimeWindow } from "../../contracts/policy/document.ts";
import type { PolicyRequest } from "./request.ts";
import { toolPatternMatches } from "./tool-pattern.ts";

/** Three-valued: `unknown` when the request lacks the context the condition needs. */
export type Outcome = "match" | "no_match" | "unknown";

export interface ConditionResult {
  condition: string;
  outcome: Outcome;
  detail: string;
  /** Set when `unknown`: which context was missing. */
  missing?: string;
}

/** One result per condition the rule states, in a fixed order; a rule with no conditions matches everything. */
export function evaluateConditions(match: RuleMatch, request: PolicyRequest): ConditionResult[] {
  const results: ConditionResult[] = [];
  const tool = request.tool;
  if (match.tools) {
    const hit = match.tools.find((p) => toolPatternMatches(p, request.toolKey));
    results.push(listResult("tools", request.toolKey, hit !== undefined, match.tools));
  }
  if (match.tags) results.push(toolFact("tags", tool?.tags ?? null, match.tags, (t) => t.some((tag) => match.tags?.includes(tag) === true)));
  if (match.sideEffects) {
    const sideEffects = match.sideEffects;
    results.push(toolFact("sideEffects", tool ? [tool.sideEffect] : null, sideEffects, (v) => v.some((s) => (sideEffects as readonly string[]).includes(s))));
  }
  if (match.risks) {
    const risks = match.risks;
    results.push(toolFact("risks", tool ? [tool.risk] : null, risks, (v) => v.some((r) => (risks as readonly string[]).includes(r))));
  }
  if (match.actorTypes) results.push(listResult("actorTypes", request.actor.type, match.actorTypes.includes(request.actor.type), match.actorTypes));
  if (match.actorIds) results.push(listResult("actorIds", request.actor.id, match.actorIds.includes(request.actor.id), match.actorIds));
  if (match.actorRoles) {
    const roles = request.actor.roles;
    results.push(
      roles === undefined
        ? { condition: "actorRoles", outcome: "unknown", detail: "the requester's roles are not known", missing: "actor.roles" }
        : listResult("actorRoles", `[${roles.join(", ")}]`, roles.some((r) => match.actorRoles?.includes(r) === true), match.actorRoles),
    );
  }
  if (match.channels) {
    const channel = request.channel;
    results.push(
      channel === undefined
        ? { condition: "channels", outcome: "unknown", detail: "the request's channel is not known", missing: "channel" }
        : listResult("channels", channel, match.channels.includes(channel), match.channels),
    );
  }
  if (match.draftSources) {
    const source = request.draftSource;
    results.push(
      source === undefined
        ? { condition: "draftSources", outcome: "unknown", detail: "who drafted the plan is not known", missing: "draftSource" }
        : listResult("draftSources", source, match.draftSources.includes(source), match.draftSources),
    );
  }
  if (match.tenants) results.push(listResult("tenants", request.tenantId, match.tenants.includes(request.tenantId), match.tenants));
  if (match.timeWindow) results.push(windowResult(match.timeWindow, request.at));
  for (const predicate of match.args ?? []) results.push(argResult(predicate, request.input));
  return results;
}

function listResult(condition: string, value: string, hit: boolean, list: readonly string[]): ConditionResult {
  return {
    condition,
    outcome: hit ? "match" : "no_match",
    detail: `${value} is ${hit ? "" : "not "}in [${list.join(", ")}]`,
  };
}

function toolFact(
  condition: string,
  values: readonly string[] | null,
  list: readonly string[],
  test: (values: readonly string[]) => boolean,
): ConditionResult {
  if (values === null) return { condition, outcome: "unknown", detail: "the tool is not registered", missing: "tool" };
  return listResult(condition, `[${values.join(", ")}]`, test(values), list);
}

const DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;

function windowResult(window: TimeWindow, at: string | undefined): ConditionResult {
  const ms = at === undefined ? Number.NaN : Date.parse(at);
  if (Number.isNaN(ms)) return { condition: "timeWindow", outcome: "unknown", detail: "the decision time is not known", missing: "at" };
  const date = new Date(ms);
  const day = DAYS[date.getUTCDay()] ?? "sun";
  const minute = date.getUTCHours() * 60 + date.getUTCMinutes();
  const from = clockMinutes(window.from);
  const to = clockMinutes(window.to);
  const inHours = from <= to ? minute >= from && minute < to : minute >= from || minute < to;
  const inDays = window.days === undefined || window.days.includes(day);
  const hit = inHours && inDays;
  return {
    condition: "timeWindow",
    outcome: hit ? "match" : "no_match",
    detail: `${at} (${day}) is ${hit ? "" : "not "}within ${window.days?.join(",") ?? "every day"} ${window.from}-${window.to} UTC`,
  };
}

function clockMinutes(clock: string): number {
  const [h, m] = clock.split(":").map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

type Lookup = { found: true; value: unknown } | { found: false };

function lookup(input: Record<string, unknown>, path: string): Lookup {
  let current: unknown = input;
  for (const part of path.split(".")) {
    if (current === null || typeof current !== "object" || Array.isArray(current) || !Object.hasOwn(current, part)) {
      return { found: false };
    }
    current = (current as Record<string, unknown>)[part];
  }
  return { found: true, value: current };
}

function argResult(predicate: ArgPredicate, input: Record<string, unknown>): ConditionResult {
  const condition = `args.${predicate.path} ${predicate.op}`;
  const found = lookup(input, predicate.path);
  if (predicate.op === "exists" || predicate.op === "absent") {
    const hit = predicate.op === "exists" ? found.found : !found.found;
    return { condition, outcome: hit ? "match" : "no_match", detail: `args.${predicate.path} is ${found.found ? "present" : "absent"}` };
  }
  if (!found.found) {
    return { condition, outcome: "unknown", detail: `args.${predicate.path} is absent`, missing: `args.${predicate.path}` };
  }
  const value = found.value;
  const shown = JSON.stringify(value) ?? "undefined";
  const hit = applyOperator(predicate, value);
  if (hit === null) {
    return { condition, outcome: "unknown", detail: `args.${predicate.path} = ${shown} has the wrong type for ${predicate.op}`, missing: `args.${predicate.path}` };
  }
  return { condition, outcome: hit ? "match" : "no_match", detail: `args.${predicate.path} = ${shown.slice(0, 200)}` };
}

/** null when the value's type does not fit the operator. */
function applyOperator(predicate: ArgPredicate, value: unknown): boolean | null {
  switch (predicate.op) {
    case "eq":
      return value === predicate.value;
    case "neq":
      return value !== predicate.value;
    case "in":
      return predicate.values.some((v) => v === value);
    case "not_in":
      return !predicate.values.some((v) => v === value);
    case "gt":
    case "gte":
    case "lt":
    case "lte": {
      if (typeof value !== "number") return null;
      const v = predicate.value;
      return predicate.op === "gt" ? value > v : predicate.op === "gte" ? value >= v : predicate.op === "lt" ? value < v : value <= v;
    }
    case "prefix":
    case "suffix":
    case "contains": {
      if (typeof value !== "string") return null;
      const v = predicate.value;
      return predicate.op === "prefix" ? value.startsWith(v) : predicate.op === "suffix" ? value.endsWith(v) : value.includes(v);
    }
    case "exists":
    case "absent":
      return null;
  }
}
