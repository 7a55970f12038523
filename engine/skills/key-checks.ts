import type { RevocationList, TrustStore, TrustedPublisherKey } from "../../contracts/skills/trust.ts";
import { fail, pass, type CheckOutcome } from "./outcome.ts";

export type KeyLookup = { outcome: CheckOutcome; key?: TrustedPublisherKey };

/** The key id is only a lookup hint until the signature verifies with the key found here. */
export function findKey(store: TrustStore, keyId: string): KeyLookup {
  const matches = store.keys.filter((key) => key.keyId === keyId);
  const [key] = matches;
  if (key === undefined) return { outcome: fail("KEY_UNKNOWN", `no trusted publisher key has id ${keyId}`) };
  // The trust store schema forbids duplicates; refuse rather than pick one if storage holds them anyway.
  if (matches.length > 1) return { outcome: fail("KEY_UNKNOWN", `${matches.length} trusted keys share the id ${keyId}`) };
  return { outcome: pass(`key ${keyId} is trusted for publisher ${key.publisher}`), key };
}

/** Written as "pass only inside the window" so an unparseable instant (NaN) refuses instead of passing. */
export function checkKeyValidity(key: TrustedPublisherKey, now: Date): CheckOutcome {
  if (!(now.getTime() >= Date.parse(key.notBefore))) return fail("KEY_NOT_YET_VALID", `key ${key.keyId} is valid from ${key.notBefore}`);
  if (!(now.getTime() < Date.parse(key.notAfter))) return fail("KEY_EXPIRED", `key ${key.keyId} expired at ${key.notAfter}`);
  return pass(`key ${key.keyId} is valid from ${key.notBefore} until ${key.notAfter}`);
}

export function checkKeyNamespace(key: TrustedPublisherKey, publisher: string, skill: string): CheckOutcome {
  if (key.publisher !== publisher) {
    return fail("KEY_NAMESPACE_MISMATCH", `key ${key.keyId} may sign only ${key.publisher}/*, not ${skill}`);
  }
  return pass(`${skill} is in the key's namespace ${key.publisher}/*`);
}

export function checkKeyRevoked(key: TrustedPublisherKey, revocations: RevocationList): CheckOutcome {
  const revoked = revocations.revokedKeys.find((entry) => entry.keyId === key.keyId);
  if (revoked !== undefined) return fail("KEY_REVOKED", `key ${key.keyId} was revoked at ${revoked.at}: ${revoked.reason}`);
  return pass(`key ${key.keyId} is not revoked`);
}
