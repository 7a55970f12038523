import { describe, expect, it } from "vitest";
import { json } from "./support/fake-fetch.ts";
import { only, runTool } from "./support/run.ts";

describe("github.issue.label", () => {
  it("adds labels and answers every label the issue now has", async () => {
    const { outcome, requests } = await runTool("github.issue.label", { owner: "acme", repo: "widgets", number: 7, labels: ["bug", "p1"] }, () =>
      json([{ id: 1, name: "triage" }, { id: 2, name: "bug" }, { id: 3, name: "p1" }]),
    );
    const request = only(requests);
    expect(request.url).toBe("http://github.test/repos/acme/widgets/issues/7/labels");
    expect(request.method).toBe("POST");
    expect(request.headers.get("authorization")).toBe("Bearer ghp_test");
    expect(JSON.parse(request.body)).toEqual({ labels: ["bug", "p1"] });
    expect(outcome).toEqual({ ok: true, output: { labels: ["triage", "bug", "p1"] } });
  });
});
