import type { Command } from "commander";
import { GroupMembership } from "../../contracts/common/group.ts";
import { PrincipalListOutput } from "../../contracts/queries/principal-list.ts";
import { expectShape } from "../api/expect.ts";
import { collectPages } from "../api/pages.ts";
import { queryString, segment } from "../api/query.ts";
import { type ApiFlags, connect, withApiOptions } from "../api/session.ts";
import { table } from "../format/table.ts";
import { printJson } from "../io.ts";
import { parseLimit } from "./executions.ts";

/** `cplane groups members add|remove` and `cplane principals list`: who may approve (runbooks used curl). */
export function registerGroups(root: Command): void {
  const members = root.command("groups").description("Group membership (approval rules name groups)").command("members").description("Add or remove a group's members");
  for (const change of ["add", "remove"] as const) {
    withApiOptions(
      members
        .command(change)
        .description(change === "add" ? "Add a principal to a group (POST /v1/groups/{group}/members)" : "Remove a principal from a group (DELETE /v1/groups/{group}/members/{principalId})")
        .argument("<group>", "e.g. approvers")
        .argument("<principalId>"),
    ).action(async (group: string, principalId: string, options: ApiFlags) => {
      const session = await connect(options);
      const request =
        change === "add"
          ? { method: "POST" as const, path: `/v1/groups/${segment(group)}/members`, body: { principalId } }
          : { method: "DELETE" as const, path: `/v1/groups/${segment(group)}/members/${segment(principalId)}` };
      const out = expectShape(GroupMembership, await session.call(request, `${change === "add" ? "adding to" : "removing from"} ${group}`), `groups members ${change}`);
      if (session.json) return printJson(out);
      process.stdout.write(`${change === "add" ? "added" : "removed"} ${out.principalId} ${change === "add" ? "to" : "from"} ${out.group} (${out.members} members)\n`);
    });
  }

  withApiOptions(
    root
      .command("principals")
      .description("Principals of the tenant")
      .command("list")
      .description("List principals (GET /v1/principals), e.g. channel users to add to approvers")
      .option("--channel-identity <id>", "only the principal with this channel identity, e.g. slack:T1:U1")
      .option("--limit <n>", "at most this many", "50"),
  ).action(async (options: ApiFlags & { channelIdentity?: string; limit: string }) => {
    const limit = parseLimit(options.limit);
    const session = await connect(options);
    const items = await collectPages(
      session,
      PrincipalListOutput,
      (cursor) => `/v1/principals${queryString({ channelIdentity: options.channelIdentity, limit: Math.min(limit, 100), cursor })}`,
      "listing principals",
      limit,
    );
    if (session.json) return printJson({ items });
    process.stdout.write(`${table(["PRINCIPAL", "TYPE", "NAME", "CHANNEL IDENTITY", "GROUPS"], items.map((p) => [p.principalId, p.type, p.displayName, p.channelIdentity ?? "-", p.groups.join(",") || "-"]))}\n`);
  });
}
