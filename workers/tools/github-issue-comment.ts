import { githubIssueComment } from "../../contracts/tools/github-issue-comment.ts";
import { defineAdapter } from "./adapter.ts";
import { succeeded } from "../../runtime/tools/outcome.ts";

export const githubIssueCommentAdapter = defineAdapter({
  tool: githubIssueComment,
  needs: () => ["github"],
  targets: ({ input }) => [{ provider: "github", owner: input.owner, repo: input.repo }],
  async run({ input, clients }) {
    const comment = await clients.github().comment(input, input.body);
    return comment.ok ? succeeded({ commentId: comment.value.id, url: comment.value.html_url }) : comment;
  },
});
