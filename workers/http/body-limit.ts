import type { MiddlewareHandler } from "hono";
import { problemResponse } from "../api/problem.ts";
import { readBoundedBody } from "../../runtime/http/body.ts";

/**
 * Reads a request's body through the one bounded reader before any handler does: over `limit` (declared or
 * counted while streaming) it answers 413 problem+json having read at most `limit` bytes, and the handler
 * never runs. Otherwise the handler reads the same bytes from memory.
 */
export function boundedBody(limit: number): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.raw.body === null) return next();
    const read = await readBoundedBody(c.req.raw, limit);
    if (!read.ok) return problemResponse(413, "PAYLOAD_TOO_LARGE", `Request bodies here are limited to ${limit} bytes.`);
    c.req.raw = new Request(c.req.raw, { body: read.bytes });
    return next();
  };
}
