import { z } from "zod";
import { defineTool } from "./define.ts";
import { GithubIssueRef } from "./github-issue-ref.ts";

export const githubIssueClose = defineTool({
  kind: "tool",
  key: "github.issue.close",
  version: "1.0.0",
  description: "Close a GitHub issue, as completed or not planned.",
  input: GithubIssueRef.extend({ reason: z.enum(["completed", "not_planned"]).optional() }),
  output: z.object({ number: z.number().int().positive(), state: z.literal("closed"), url: z.url() }),
  risk: "high",
  sideEffect: "write",
  idempotency: "natural",
  tags: ["github", "issue"],
});
