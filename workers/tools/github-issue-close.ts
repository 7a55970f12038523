import { githubIssueClose } from "../../contracts/tools/github-issue-close.ts";
import { defineAdapter } from "./adapter.ts";
import { finalFailure, succeeded } from "../../runtime/tools/outcome.ts";

export const githubIssueCloseAdapter = defineAdapter({
  tool: githubIssueClose,
  needs: () => ["github"],
  targets: ({ input }) => [{ provider: "github", owner: input.owner, repo: input.repo }],
  async run({ input, clients }) {
    const issue = await clients.github().close(input, input.reason);
    if (!issue.ok) return issue;
    const { number, state, html_url: url } = issue.value;
    return state === "closed" ? succeeded({ number, state, url }) : finalFailure("OUTPUT_INVALID", `GitHub answered state ${state}`);
  },
});
