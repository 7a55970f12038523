import { z } from "zod";
import { defineTool } from "./define.ts";
import { GithubIssueRef } from "./github-issue-ref.ts";

const Label = z.string().min(1).max(50);

export const githubIssueLabel = defineTool({
  kind: "tool",
  key: "github.issue.label",
  version: "1.0.0",
  description: "Add labels to a GitHub issue or pull request; labels it already has are kept.",
  input: GithubIssueRef.extend({ labels: z.array(Label).min(1).max(100) }),
  // GitHub answers with every label the issue now has.
  output: z.object({ labels: z.array(Label) }),
  risk: "medium",
  sideEffect: "write",
  idempotency: "natural",
  tags: ["github", "issue"],
});
