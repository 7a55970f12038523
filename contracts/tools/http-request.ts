import { z } from "zod";
import { defineTool } from "./define.ts";

const Headers = z.record(z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, "expected an HTTP header name"), z.string());

export const httpRequest = defineTool({
  kind: "tool",
  key: "http.request",
  version: "1.0.0",
  description: "Make an HTTP request to an allowlisted host. Private and loopback addresses are refused.",
  input: z.object({
    method: z.enum(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"]),
    url: z.url({ protocol: /^https?$/ }),
    headers: Headers.optional(),
    body: z.string().max(1_000_000).optional(),
  }),
  output: z.object({ status: z.number().int().min(100).max(599), headers: Headers, body: z.string() }),
  risk: "high",
  // The target decides what a request does; policy has to assume the worst.
  sideEffect: "destructive",
  // Sent as the `Idempotency-Key` header; honoured only by targets that implement it.
  idempotency: "header",
  tags: ["http"],
});
