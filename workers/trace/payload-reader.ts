import { splitPayloadRef } from "../../durable-objects/payload-key.ts";

/**
 * Reads full payloads by reference for one request: a segment object (many payloads by digest) is
 * fetched once however many of its events are served.
 */
export function payloadReader(bucket: R2Bucket) {
  const objects = new Map<string, Promise<unknown>>();
  const object = (key: string) => {
    let pending = objects.get(key);
    if (pending === undefined) {
      pending = bucket.get(key).then((found) => (found === null ? undefined : found.json()));
      objects.set(key, pending);
    }
    return pending;
  };
  return {
    /** The payload, or undefined when its object is gone (pruned, or not mirrored yet). */
    async read(ref: string): Promise<unknown> {
      const { objectKey, digest } = splitPayloadRef(ref);
      const value = await object(objectKey);
      if (digest === null || value === undefined) return value;
      return Object.hasOwn(value as object, digest) ? (value as Record<string, unknown>)[digest] : undefined;
    },
  };
}
