import { sha256Hex } from "../../engine/hash.ts";

/** Crockford base32: no I, L, O or U, so a code read aloud or retyped is not misread. */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const CODE_CHARS = 16;
/** How long a pending binding's code confirms it. */
export const BINDING_CODE_TTL_MS = 60 * 60 * 1000;

/** 80 random bits as `XXXX-XXXX-XXXX-XXXX`. */
export function newBindingCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(CODE_CHARS));
  const chars = [...bytes].map((b) => ALPHABET[b & 31] ?? "0").join("");
  return chars.match(/.{4}/g)?.join("-") ?? chars;
}

/** What is stored: the hash of the code as the channel may spell it (any case, with or without dashes). */
export function bindingCodeHash(code: string): string | null {
  const normalized = code.toUpperCase().replace(/[-\s]/g, "");
  if (normalized.length !== CODE_CHARS || [...normalized].some((c) => !ALPHABET.includes(c))) return null;
  return sha256Hex(`channel-binding-code:${normalized}`);
}

/**
 * The code of a `/cp bind <code>` (or `bind <code>`, as a Slack slash command's text or a GitHub `/cp` line
 * arrives) message; undefined when the text is anything else.
 */
export function bindCommandCode(text: string): string | undefined {
  const match = /^(?:\/cp\s+)?bind\s+([0-9A-Za-z-]{1,40})\s*$/i.exec(text.trim());
  return match?.[1];
}
