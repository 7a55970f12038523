import type { Command } from "commander";
import { PolicyPublishOutput } from "../../contracts/commands/policy-publish.ts";
import { PolicyView } from "../../contracts/common/policy.ts";
import { PolicyExplainOutput } from "../../contracts/queries/policy-explain.ts";
import { PolicyListOutput } from "../../contracts/queries/policy-list.ts";
import { expectShape } from "../api/expect.ts";
import { segment } from "../api/query.ts";
import { type ApiFlags, connect, withApiOptions } from "../api/session.ts";
import { CliError, EXIT } from "../exit.ts";
import { explanation, policiesTable, policyHead, policyShow } from "../format/policy.ts";
import { printJson, readJson } from "../io.ts";

/** `cplane policy …`: versioned governance documents and why they decide what they decide. */
export function registerPolicy(root: Command): void {
  const policy = root.command("policy").description("Show, publish, activate and explain policy");

  withApiOptions(
    policy
      .command("show")
      .description("Show a policy version with its document (GET /v1/policies/{version}); default: the active one")
      .argument("[version]", "a version number, default-N, or active", "active"),
  ).action(async (version: string, options: ApiFlags) => {
    const session = await connect(options);
    const out = expectShape(PolicyView, await session.call({ method: "GET", path: `/v1/policies/${segment(version)}` }, `reading policy ${version}`), "policy show");
    if (session.json) return printJson(out);
    process.stdout.write(`${policyShow(out)}\n`);
  });

  withApiOptions(policy.command("list").description("List policy versions and which is active (GET /v1/policies)")).action(async (options: ApiFlags) => {
    const session = await connect(options);
    const out = expectShape(PolicyListOutput, await session.call({ method: "GET", path: "/v1/policies" }, "listing policies"), "policy list");
    if (session.json) return printJson(out);
    process.stdout.write(`${policiesTable(out.items)}\n`);
  });

  withApiOptions(
    policy
      .command("publish")
      .description("Publish a policy document as the next version (POST /v1/policies); does not activate it")
      .argument("<file>", "the policy document (JSON), or {\"document\": …}"),
  ).action(async (file: string, options: ApiFlags) => {
    const json = await readJson(file, "policy document");
    const document = typeof json === "object" && json !== null && "document" in json ? json.document : json;
    const session = await connect(options);
    const answer = await session.call({ method: "POST", path: "/v1/policies", body: { document } }, `publishing ${file}`);
    const out = expectShape(PolicyPublishOutput, answer, "policy publish");
    if (session.json) return printJson(out);
    process.stdout.write(`${out.created ? "published" : "already published as"} version ${out.version}\n${policyHead(out)}\n`);
  });

  withApiOptions(
    policy
      .command("activate")
      .description("Put a published version in force (POST /v1/policies/{version}/activate)")
      .argument("<version>")
      .option("--reason <text>", "recorded with the activation"),
  ).action(async (version: string, options: ApiFlags & { reason?: string }) => {
    const session = await connect(options);
    const body = options.reason === undefined ? {} : { reason: options.reason };
    const out = expectShape(PolicyView, await session.call({ method: "POST", path: `/v1/policies/${segment(version)}/activate`, body }, `activating policy ${version}`), "policy activate");
    if (session.json) return printJson(out);
    process.stdout.write(`activated version ${out.version}\n${policyHead(out)}\n`);
  });

  withApiOptions(
    policy
      .command("explain")
      .description("What the active policy would decide for a step, and why (POST /v1/policy/explain)")
      .requiredOption("--tool <key>", "tool key, optionally key@version")
      .option("--input <json>", "the step's arguments as a JSON object", "{}")
      .option("--channel <channel>", "channel the request would come from", "api"),
  ).action(async (options: ApiFlags & { tool: string; input: string; channel: string }) => {
    const input = parseObject(options.input);
    const session = await connect(options);
    const body = { tool: options.tool, input, channel: options.channel };
    const out = expectShape(PolicyExplainOutput, await session.call({ method: "POST", path: "/v1/policy/explain", body }, "explaining policy"), "policy explain");
    if (session.json) return printJson(out);
    process.stdout.write(`${explanation(out)}\n`);
  });
}

function parseObject(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new CliError(EXIT.usage, `--input is not JSON: ${text}`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new CliError(EXIT.usage, "--input must be a JSON object");
  return Object.fromEntries(Object.entries(value));
}
