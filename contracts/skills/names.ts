import semver from "semver";
import { z } from "zod";

const SLUG = /^[a-z][a-z0-9-]{0,38}$/;
const slugMessage = "lower-case letters, digits and `-`, starting with a letter, up to 39 characters";

export const PublisherId = z.string().regex(SLUG, slugMessage).describe("Publisher namespace, e.g. `acme`");
export type PublisherId = z.infer<typeof PublisherId>;

export const SkillName = z.string().regex(SLUG, slugMessage).describe("Skill name, unique within its publisher");

export const SkillKey = z
  .string()
  .max(79)
  .regex(/^[a-z][a-z0-9-]{0,38}\/[a-z][a-z0-9-]{0,38}$/, "expected `<publisher>/<name>`, both lower-case slugs")
  .describe("Skill key `<publisher>/<name>`, e.g. `acme/echo`");
export type SkillKey = z.infer<typeof SkillKey>;

/** Strict SemVer 2.0.0 (no leading `v`, no loose forms), so every party compares the same string. */
export const SemVer = z
  .string()
  .max(100)
  .regex(
    /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/,
    "expected a SemVer 2.0.0 version such as `1.2.3`",
  );

export const SemVerRange = z
  .string()
  .min(1)
  .max(200)
  .refine((range) => semver.validRange(range) !== null, "expected a semver range such as `^1.0.0`")
  .describe("semver range (node-semver syntax)");

/**
 * An egress host: an exact lower-case hostname (`api.example.com`), or `*.example.com`, which
 * matches any host below `example.com` but not `example.com` itself. No scheme, port, path or IP
 * literal: the last label must start with a letter, and a wildcard needs at least two labels after
 * it, so `*.com` is refused.
 */
export const EgressHost = z
  .string()
  .max(253)
  .regex(
    /^(?:\*\.)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/,
    "expected a lower-case host such as `api.example.com` or `*.example.com`",
  );

/** Publisher key ids appear in file names, so they are restricted to characters safe there. */
export const PublisherKeyId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, "letters, digits, `.`, `_` and `-`, up to 128 characters")
  .describe("Identifier of a publisher signing key");

/** Unpadded base64url of `bytes` bytes, in its one canonical form (unused trailing bits zero). */
export function base64UrlOfLength(bytes: number) {
  const chars = Math.ceil((bytes * 8) / 6);
  const spareBits = chars * 6 - bytes * 8;
  const lastChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    .split("")
    .filter((_, i) => i % (1 << spareBits) === 0)
    .join("")
    .replace("-", "\\-");
  return z
    .string()
    .regex(new RegExp(`^[A-Za-z0-9_-]{${chars - 1}}[${lastChars}]$`), `expected ${bytes} bytes as unpadded base64url`);
}

export const Ed25519PublicKey = base64UrlOfLength(32).describe("Ed25519 public key, unpadded base64url");
export const Ed25519Signature = base64UrlOfLength(64).describe("Ed25519 signature, unpadded base64url");
