import { digestOf } from "../../engine/hash.ts";
import { splitPayloadRef } from "../../durable-objects/payload-key.ts";

/**
 * What reading one event's payload found. `verified`: present and its canonical digest is the event's
 * `payloadDigest`. `missing`: the object it lives in is gone. `tampered`: the object is there but the
 * payload is absent from it or does not hash to the digest the chain recorded; it is never served.
 */
export type PayloadRead = { status: "verified"; payload: unknown } | { status: "missing" } | { status: "tampered"; reason: string };

/**
 * Reads full payloads by reference for one request and checks each against the digest its chain link
 * recorded: a segment object (many payloads by digest) is fetched once however many of its events are served.
 */
export function payloadReader(bucket: R2Bucket) {
  const objects = new Map<string, Promise<{ value: unknown } | undefined>>();
  const object = (key: string) => {
    let pending = objects.get(key);
    if (pending === undefined) {
      pending = bucket.get(key).then(async (found) => {
        if (found === null) return undefined;
        try {
          return { value: JSON.parse(await found.text()) as unknown };
        } catch {
          return { value: undefined };
        }
      });
      objects.set(key, pending);
    }
    return pending;
  };
  return {
    async read(ref: string, payloadDigest: string): Promise<PayloadRead> {
      const { objectKey, digest } = splitPayloadRef(ref);
      const found = await object(objectKey);
      if (found === undefined) return { status: "missing" };
      if (digest !== null && digest !== payloadDigest) return { status: "tampered", reason: "the reference names another digest than the event" };
      const value = digest === null ? found.value : entryOf(found.value, digest);
      if (value === undefined) return { status: "tampered", reason: digest === null ? "the payload object is not JSON" : "the segment has no payload with this digest" };
      return digestMatches(value, payloadDigest) ? { status: "verified", payload: value } : { status: "tampered", reason: "the payload does not match its digest" };
    },
  };
}

function entryOf(segment: unknown, digest: string): unknown {
  if (typeof segment !== "object" || segment === null || !Object.hasOwn(segment, digest)) return undefined;
  return (segment as Record<string, unknown>)[digest];
}

/** A value with no canonical form (edited into something JSON cannot hash the same) does not match either. */
function digestMatches(value: unknown, payloadDigest: string): boolean {
  try {
    return digestOf(value) === payloadDigest;
  } catch {
    return false;
  }
}
