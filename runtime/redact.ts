import type { ReplyTargetView } from "../contracts/common/execution.ts";
import type { ReplyTarget } from "../contracts/intent.ts";

/**
 * Fields that hold a bearer credential for a provider: Slack's `response_url` lets whoever holds it post
 * into the channel for 30 minutes. The runtime keeps and uses them; no answer to a reader carries them.
 */
const CREDENTIAL_FIELDS: ReadonlySet<string> = new Set(["responseUrl", "response_url"]);

/** A reply target as readers see it: where replies go, without the credential to post there. */
export function replyTargetView(target: ReplyTarget): ReplyTargetView {
  if (target.kind !== "slack") return target;
  const { responseUrl: _credential, ...shown } = target;
  return shown;
}

/** A copy of `value` (parsed JSON) without credential fields at any depth, and whether any was removed. */
export function withoutCredentials(value: unknown): { value: unknown; redacted: boolean } {
  let redacted = false;
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v !== "object" || v === null) return v;
    const out: Record<string, unknown> = {};
    for (const [name, field] of Object.entries(v)) {
      if (CREDENTIAL_FIELDS.has(name)) redacted = true;
      else out[name] = walk(field);
    }
    return out;
  };
  const shown = walk(value);
  return { value: shown, redacted };
}
