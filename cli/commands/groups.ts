import type { Command } from "commander";
import { GroupMembership } from "../../contracts/common/group.ts";
import { expectShape } from "../api/expect.ts";
import { segment } from "../api/query.ts";
import { type ApiFlags, connect, withApiOptions } from "../api/session.ts";
import { printJson } from "../io.ts";

/** `cplane groups members add|remove`: who may approve (runbooks used curl). */
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
}
