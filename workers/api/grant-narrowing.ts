import type { GrantRequest, GrantScope } from "../../contracts/common/grant.ts";
import { digestOf } from "../../engine/hash.ts";
import { isWildcard, toolPatternMatches } from "../../engine/policy/tool-pattern.ts";

/** A requested grant in its stored shape: unnarrowed dimensions are `null`; lists sorted so equal grants compare equal. */
export function scopeOf(grant: GrantRequest): GrantScope {
  if (typeof grant === "string") return { capability: grant, tools: null, channels: null, constraints: null };
  return {
    capability: grant.capability,
    tools: grant.tools === undefined ? null : [...new Set(grant.tools)].sort(),
    channels: grant.channels === undefined ? null : [...new Set(grant.channels)].sort(),
    constraints: grant.constraints ?? null,
  };
}

function patternCovered(held: string, requested: string): boolean {
  if (held === requested || held === "*") return true;
  if (!isWildcard(requested)) return toolPatternMatches(held, requested);
  // `github.issue.*` is inside `github.*`; `*` is inside nothing narrower.
  return requested !== "*" && isWildcard(held) && requested.startsWith(held.slice(0, -1));
}

/**
 * Why `requested` would be wider than `held` (the calling key's own grant of the same capability), or null.
 * A narrowed caller can only hand on the capability at least as narrowly: every tool pattern inside one of
 * its own, channels a subset of its own, and every one of its own constraints kept.
 */
export function widerThanHeld(requested: GrantScope, held: GrantScope): string | null {
  if (held.tools !== null) {
    if (requested.tools === null) return `tools: the calling key may only grant ${held.capability} for ${held.tools.join(", ")}`;
    const outside = requested.tools.filter((p) => !held.tools?.some((h) => patternCovered(h, p)));
    if (outside.length > 0) return `tools outside the calling key's grant: ${outside.join(", ")}`;
  }
  if (held.channels !== null) {
    if (requested.channels === null) return `channels: the calling key may only grant ${held.capability} for ${held.channels.join(", ")}`;
    const outside = requested.channels.filter((c) => !held.channels?.includes(c));
    if (outside.length > 0) return `channels outside the calling key's grant: ${outside.join(", ")}`;
  }
  if (held.constraints !== null) {
    const kept = new Set((requested.constraints ?? []).map(digestOf));
    if (!held.constraints.every((c) => kept.has(digestOf(c)))) return "constraints: every argument constraint of the calling key's grant must be kept";
  }
  return null;
}
