import { z } from "zod";
import { defineTool } from "./define.ts";
import { GithubIssueRef } from "./github-issue-ref.ts";

export const githubIssueComment = defineTool({
  kind: "tool",
  key: "github.issue.comment",
  version: "1.0.0",
  description: "Comment on a GitHub issue or pull request.",
  input: GithubIssueRef.extend({ body: z.string().min(1).max(65536) }),
  output: z.object({ commentId: z.number().int().positive(), url: z.url() }),
  risk: "medium",
  sideEffect: "external_message",
  idempotency: "none",
  tags: ["github", "issue"],
});
