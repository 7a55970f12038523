/**
 * What the planner's model must never read, found in a request's text: credentials a person pasted (provider
 * tokens, API keys, bearer headers, private keys, passwords), approval links and signed tokens (whoever holds
 * one can decide a step), webhook URLs that post on their own, and secrets in URLs. Each is replaced by a
 * marker naming its kind, so the model still sees that something was there. Pure and deterministic: replay
 * and `--live` rebuild the same prompt. Approval links come before signed tokens, which they contain.
 */
const PATTERNS: readonly { kind: string; pattern: RegExp; keep?: string }[] = [
  { kind: "private-key", pattern: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g },
  { kind: "approval-link", pattern: /(?:\b[a-z][a-z0-9+.-]*:\/\/[^\s<>"'`]*)?\/approve\/[A-Za-z0-9._~%-]{8,}/gi },
  { kind: "webhook-url", pattern: /\bhttps?:\/\/hooks\.slack\.com\/[^\s<>"'`]+/gi },
  { kind: "url-credentials", pattern: /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@:<>"'`]+:[^\s/@<>"'`]+@/gi, keep: "$1" },
  { kind: "url-secret", pattern: /([?&#](?:access_token|id_token|refresh_token|token|api_key|apikey|key|secret|client_secret|sig|signature|password|code|auth)=)[^&\s#<>"'`]+/gi, keep: "$1" },
  // A word of prose ("basic understanding", "token Verification") is no credential: lower-case or capitalised words stay.
  // (Case-sensitive, so that the word tests below are.)
  { kind: "authorization", pattern: /\b((?:[Aa]uthorization\s*:\s*)?(?:[Bb]earer|BEARER|[Bb]asic|BASIC|[Tt]oken)\s+)(?![a-z]+\b)(?![A-Z][a-z]+\b)[A-Za-z0-9._~+/=-]{12,}/g, keep: "$1" },
  { kind: "slack-token", pattern: /\bx(?:ox[abposre]|app)-[A-Za-z0-9-]{8,}/g },
  { kind: "github-token", pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})/g },
  { kind: "api-key", pattern: /\bcpk_[0-9a-f]{8}_[A-Za-z0-9_-]{16,}/g },
  { kind: "api-key", pattern: /\bsk-(?:proj-|ant-)?[A-Za-z0-9_-]{20,}/g },
  { kind: "api-key", pattern: /\b[rsp]k_(?:live|test)_[A-Za-z0-9]{16,}/g },
  { kind: "api-key", pattern: /\bAIza[0-9A-Za-z_-]{30,}/g },
  { kind: "api-key", pattern: /\bSK[0-9a-fA-F]{32}\b/g },
  { kind: "cloud-key", pattern: /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g },
  { kind: "meta-token", pattern: /\bEAA[A-Za-z0-9]{30,}/g },
  { kind: "signed-token", pattern: /\beyJ[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]{6,}(?:\.[A-Za-z0-9_-]+)?/g },
  { kind: "password", pattern: /\b((?:password|passwd|passphrase|secret|api[_-]?key|access[_-]?token|client[_-]?secret)\s*[:=]\s*)[^\s,;]+/gi, keep: "$1" },
];

export interface Redacted {
  text: string;
  /** Kinds found, each with how often, in a fixed order: recorded with the planner's call. */
  redactions: { kind: string; count: number }[];
}

export function redactForModel(text: string): Redacted {
  const counts = new Map<string, number>();
  let out = text;
  for (const { kind, pattern, keep } of PATTERNS) {
    out = out.replace(pattern, (...match: string[]) => {
      counts.set(kind, (counts.get(kind) ?? 0) + 1);
      const kept = keep === undefined ? "" : (match[1] ?? "");
      return `${kept}[redacted ${kind}]`;
    });
  }
  return { text: out, redactions: [...counts].map(([kind, count]) => ({ kind, count })) };
}
