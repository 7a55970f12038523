import { describe, expect, it } from "vitest";
import { json } from "./support/fake-fetch.ts";
import { only, runTool } from "./support/run.ts";

const input = { owner: "acme", repo: "widgets", number: 7, body: "Looks good" };

describe("github.issue.comment", () => {
  it("posts the comment under the configured API URL with GitHub's headers", async () => {
    const { outcome, requests } = await runTool("github.issue.comment", input, () =>
      json({ id: 99, html_url: "https://github.com/acme/widgets/issues/7#issuecomment-99", body: "Looks good" }, 201),
    );
    const request = only(requests);
    expect(request.url).toBe("http://github.test/repos/acme/widgets/issues/7/comments");
    expect(request.method).toBe("POST");
    expect(request.headers.get("authorization")).toBe("Bearer ghp_test");
    expect(request.headers.get("accept")).toBe("application/vnd.github+json");
    expect(request.headers.get("x-github-api-version")).toBe("2022-11-28");
    expect(request.headers.get("user-agent")).toBe("control-plane");
    expect(JSON.parse(request.body)).toEqual({ body: "Looks good" });
    expect(outcome).toEqual({ ok: true, output: { commentId: 99, url: "https://github.com/acme/widgets/issues/7#issuecomment-99" } });
  });

  it("treats GitHub's 403 with an exhausted rate limit as retryable until the reset", async () => {
    const reset = String(Date.parse("2026-01-01T00:01:00Z") / 1000);
    const { outcome } = await runTool("github.issue.comment", input, () =>
      json({ message: "API rate limit exceeded" }, 403, { "x-ratelimit-remaining": "0", "x-ratelimit-reset": reset }),
    );
    expect(outcome).toMatchObject({ ok: false, retryable: true, code: "RATE_LIMITED", retryAfterMs: 60_000 });
  });

  it("treats a secondary rate limit (403 with Retry-After) as retryable", async () => {
    const { outcome } = await runTool("github.issue.comment", input, () =>
      json({ message: "You have exceeded a secondary rate limit" }, 403, { "retry-after": "60" }),
    );
    expect(outcome).toMatchObject({ ok: false, retryable: true, code: "RATE_LIMITED", retryAfterMs: 60_000 });
  });

  it("a comment URL that is not a URL fails the contract's output schema", async () => {
    const { outcome } = await runTool("github.issue.comment", input, () => json({ id: 99, html_url: "not a url" }, 201));
    expect(outcome).toMatchObject({ ok: false, retryable: false, code: "OUTPUT_INVALID" });
  });
});
