import { splitSkillToolKey } from "../../engine/skills/tool-contracts.ts";
import { splitUpstreamToolKey } from "../../engine/upstream/tool-key.ts";
import { noStepContext, type ToolAdapter, type ToolDeps } from "./adapter.ts";
import { channelReplyAdapter } from "./channel-reply.ts";
import { githubIssueCloseAdapter } from "./github-issue-close.ts";
import { githubIssueCommentAdapter } from "./github-issue-comment.ts";
import { githubIssueLabelAdapter } from "./github-issue-label.ts";
import { httpRequestAdapter } from "./http-request.ts";
import { finalFailure, type ToolOutcome } from "../../runtime/tools/outcome.ts";
import { slackMessagePostAdapter } from "./slack-message-post.ts";
import { isMintedStepContext, type StepContext } from "../../runtime/tools/step-context.ts";
import { whatsappMessageSendAdapter } from "./whatsapp-message-send.ts";

export type { ToolDeps } from "./adapter.ts";

const adapters: ReadonlyMap<string, ToolAdapter> = new Map(
  [
    channelReplyAdapter,
    slackMessagePostAdapter,
    githubIssueCommentAdapter,
    githubIssueLabelAdapter,
    githubIssueCloseAdapter,
    whatsappMessageSendAdapter,
    httpRequestAdapter,
  ].map((adapter) => [adapter.key, adapter]),
);

/** `key@version` of every tool this runtime can run. */
export const dispatchableTools: readonly string[] = [...adapters.values()].map((a) => `${a.key}@${a.version}`);

/**
 * Runs one attempt of a step: the only way to a tool. Never throws; every failure is an outcome.
 * Anything but a context minted by the executor is refused with `NO_STEP_CONTEXT`.
 */
export async function dispatch(context: StepContext, deps: ToolDeps): Promise<ToolOutcome> {
  if (!isMintedStepContext(context)) return noStepContext;
  const adapter = adapters.get(context.step.tool.key);
  if (adapter === undefined && deps.skills !== undefined && splitSkillToolKey(context.step.tool.key) !== undefined) {
    return deps.skills.run(context);
  }
  if (adapter === undefined && deps.upstreams !== undefined && splitUpstreamToolKey(context.step.tool.key) !== undefined) {
    return deps.upstreams.run(context);
  }
  if (adapter === undefined) return finalFailure("UNKNOWN_TOOL", `no built-in tool ${context.step.tool.key}`);
  return adapter.invoke(context, deps);
}
