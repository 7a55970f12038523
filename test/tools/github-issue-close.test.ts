import { describe, expect, it } from "vitest";
import { json } from "./support/fake-fetch.ts";
import { only, runTool } from "./support/run.ts";

const closed = { number: 7, state: "closed", html_url: "https://github.com/acme/widgets/issues/7" };

describe("github.issue.close", () => {
  it("PATCHes the issue to closed with the reason", async () => {
    const { outcome, requests } = await runTool("github.issue.close", { owner: "acme", repo: "widgets", number: 7, reason: "not_planned" }, () => json(closed));
    const request = only(requests);
    expect(request.url).toBe("http://github.test/repos/acme/widgets/issues/7");
    expect(request.method).toBe("PATCH");
    expect(request.headers.get("authorization")).toBe("Bearer ghp_test");
    expect(JSON.parse(request.body)).toEqual({ state: "closed", state_reason: "not_planned" });
    expect(outcome).toEqual({ ok: true, output: { number: 7, state: "closed", url: "https://github.com/acme/widgets/issues/7" } });
  });

  it("sends no reason when none is given", async () => {
    const { requests } = await runTool("github.issue.close", { owner: "acme", repo: "widgets", number: 7 }, () => json(closed));
    expect(JSON.parse(only(requests).body)).toEqual({ state: "closed" });
  });

  it("an issue GitHub left open is OUTPUT_INVALID", async () => {
    const { outcome } = await runTool("github.issue.close", { owner: "acme", repo: "widgets", number: 7 }, () => json({ ...closed, state: "open" }));
    expect(outcome).toMatchObject({ ok: false, retryable: false, code: "OUTPUT_INVALID" });
  });
});
