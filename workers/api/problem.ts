import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { log } from "../../runtime/log.ts";

export interface FieldError {
  path: string;
  message: string;
}

/** Thrown anywhere; rendered once, by `renderProblem`, as RFC 9457 problem+json. */
export class ProblemError extends Error {
  readonly status: ContentfulStatusCode;
  readonly code: string;
  readonly errors: FieldError[] | undefined;
  /** Extra response headers, e.g. `Retry-After` on a 429. */
  readonly headers: Record<string, string> | undefined;

  constructor(status: ContentfulStatusCode, code: string, detail: string, errors?: FieldError[], headers?: Record<string, string>) {
    super(detail);
    this.name = "ProblemError";
    this.status = status;
    this.code = code;
    this.errors = errors;
    this.headers = headers;
  }
}

const titles: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
  501: "Not Implemented",
  503: "Service Unavailable",
};

export function problemBody(status: number, code: string, detail: string, errors?: FieldError[]) {
  return {
    type: `https://control-plane.dev/problems/${code.toLowerCase().replaceAll("_", "-")}`,
    title: titles[status] ?? "Error",
    status,
    code,
    detail,
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}

export function problemResponse(status: number, code: string, detail: string, errors?: FieldError[], headers?: Record<string, string>): Response {
  return new Response(JSON.stringify(problemBody(status, code, detail, errors)), {
    status,
    headers: { ...headers, "content-type": "application/problem+json" },
  });
}

/** The one `onError`: known problems keep their status and code; anything else is a bare 500 that leaks nothing. */
export function renderProblem(err: Error, _c: Context): Response {
  if (err instanceof ProblemError) return problemResponse(err.status, err.code, err.message, err.errors, err.headers);
  log.error("unhandled error", { error: String(err), stack: err.stack });
  return problemResponse(500, "INTERNAL", "An unexpected error occurred.");
}
