import { githubIssueLabel } from "../../contracts/tools/github-issue-label.ts";
import { defineAdapter } from "./adapter.ts";
import { succeeded } from "../../runtime/tools/outcome.ts";

export const githubIssueLabelAdapter = defineAdapter({
  tool: githubIssueLabel,
  needs: () => ["github"],
  targets: ({ input }) => [{ provider: "github", owner: input.owner, repo: input.repo }],
  async run({ input, clients }) {
    const labels = await clients.github().addLabels(input, input.labels);
    return labels.ok ? succeeded({ labels: labels.value.map((label) => label.name) }) : labels;
  },
});
