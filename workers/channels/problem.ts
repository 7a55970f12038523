/** RFC 9457 bodies for the webhook routes. Each is a constant: nothing about the request leaks into it. */
function problem(status: number, code: string, title: string, detail: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ type: "about:blank", title, status, code, detail }), {
    status,
    headers: { ...headers, "content-type": "application/problem+json" },
  });
}

export const webhookProblems = {
  /** The same body for every verification failure, so a caller cannot tell which check failed. */
  unauthorized: () => problem(401, "WEBHOOK_UNAUTHORIZED", "Unauthorized", "The request could not be authenticated."),
  forbidden: () => problem(403, "WEBHOOK_FORBIDDEN", "Forbidden", "The subscription request was refused."),
  tooLarge: () => problem(413, "PAYLOAD_TOO_LARGE", "Content Too Large", "The request body exceeds 1 MiB."),
  malformed: () => problem(400, "MALFORMED_PAYLOAD", "Bad Request", "The payload is not a delivery this endpoint understands."),
  conflict: () => problem(409, "DELIVERY_CONFLICT", "Conflict", "This delivery id was already received with a different payload."),
  /** Nothing was recorded: the provider's retry after `Retry-After` is a first delivery, not a repeat. */
  rateLimited: (retryAfterSeconds: number) =>
    problem(429, "RATE_LIMITED", "Too Many Requests", "This tenant sent more deliveries than its rate limit allows; retry later.", {
      "retry-after": String(retryAfterSeconds),
    }),
  unavailable: () => problem(503, "INGEST_UNAVAILABLE", "Service Unavailable", "The delivery could not be recorded; retry later."),
};
