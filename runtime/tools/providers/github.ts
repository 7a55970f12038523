import { z } from "zod";
import type { GithubConfig } from "../config.ts";
import { readAnswer, type Result } from "./answer.ts";
import { parseResetEpoch, parseRetryAfter } from "./retry-after.ts";
import { send, type Answer, type Provider, type ProviderError } from "./send.ts";
import { joinUrl, type Transport } from "./transport.ts";

export interface IssueRef {
  owner: string;
  repo: string;
  number: number;
}

/**
 * GitHub REST API. GitHub takes no idempotency key: labels and closing are naturally idempotent, and a
 * comment is protected only by the executor's write-before-call and its guard on succeeded steps.
 */
export interface GithubClient {
  comment(issue: IssueRef, body: string): Promise<Result<{ id: number; html_url: string }>>;
  addLabels(issue: IssueRef, labels: readonly string[]): Promise<Result<{ name: string }[]>>;
  close(issue: IssueRef, reason: "completed" | "not_planned" | undefined): Promise<Result<{ number: number; state: string; html_url: string }>>;
}

const Comment = z.object({ id: z.number(), html_url: z.string() });
const Labels = z.array(z.object({ name: z.string() }));
const Issue = z.object({ number: z.number(), state: z.string(), html_url: z.string() });
const GithubError = z.object({ message: z.string() });

const github: Provider = { name: "GITHUB", readError };

export function githubClient(config: GithubConfig, transport: Transport): GithubClient {
  const headers = {
    authorization: `Bearer ${config.token}`,
    accept: "application/vnd.github+json",
    "content-type": "application/json",
    "x-github-api-version": "2022-11-28",
    // GitHub refuses requests without a User-Agent.
    "user-agent": "control-plane",
  };
  const issueUrl = (issue: IssueRef, ...rest: string[]) =>
    joinUrl(config.apiUrl, "repos", issue.owner, issue.repo, "issues", String(issue.number), ...rest);

  return {
    async comment(issue, body) {
      const sent = await send(transport, github, { url: issueUrl(issue, "comments"), method: "POST", headers, body: JSON.stringify({ body }) });
      return sent.ok ? readAnswer(github, Comment, sent.answer) : sent;
    },
    async addLabels(issue, labels) {
      const sent = await send(transport, github, { url: issueUrl(issue, "labels"), method: "POST", headers, body: JSON.stringify({ labels }) });
      return sent.ok ? readAnswer(github, Labels, sent.answer) : sent;
    },
    async close(issue, reason) {
      const body = JSON.stringify({ state: "closed", ...(reason === undefined ? {} : { state_reason: reason }) });
      const sent = await send(transport, github, { url: issueUrl(issue), method: "PATCH", headers, body });
      return sent.ok ? readAnswer(github, Issue, sent.answer) : sent;
    },
  };
}

// GitHub has no error codes, only a message; the status is the stable part. Its rate limits answer 403
// (or 429) with x-ratelimit-remaining: 0 or a Retry-After, and say when to come back.
function readError(answer: Answer, now: number): ProviderError {
  const parsed = GithubError.safeParse(answer.body);
  const error: ProviderError = { code: `HTTP_${answer.status}`, ...(parsed.success ? { message: parsed.data.message } : {}) };
  const retryAfter = answer.headers.get("retry-after");
  const exhausted = answer.headers.get("x-ratelimit-remaining") === "0";
  if ((answer.status !== 403 && answer.status !== 429) || (retryAfter === null && !exhausted)) return error;
  const retryAfterMs = parseRetryAfter(retryAfter, now) ?? parseResetEpoch(answer.headers.get("x-ratelimit-reset"), now);
  return { ...error, kind: "rate_limited", ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
}
