import { z } from "zod";
import { invalidCursor } from "../common/errors.ts";
import { Cursor, page, pageLimit } from "../common/pagination.ts";
import { ChannelIdentity, PrincipalView } from "../common/principal.ts";
import { defineOperation } from "../define.ts";
import { ActorType } from "../intent.ts";

export const PrincipalListInput = z.strictObject({
  type: ActorType.optional().describe("Only principals of this type"),
  channelIdentity: ChannelIdentity.optional().describe("Only the principal with this channel identity"),
  limit: pageLimit(100, 50),
  cursor: Cursor.optional(),
});
export type PrincipalListInput = z.infer<typeof PrincipalListInput>;

export const PrincipalListOutput = page(PrincipalView);
export type PrincipalListOutput = z.infer<typeof PrincipalListOutput>;

export const principalList = defineOperation({
  kind: "query",
  meta: {
    key: "controlPlane.principal.list",
    version: "1.0.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["admin", "governance", "principals"],
    description: "List the principals of the caller's tenant: people and services, including channel users.",
    goal:
      "Lets an operator find the principal a Slack, GitHub or WhatsApp user became, so it can be added to a group " +
      "such as `approvers` and approval requests reach that person on their channel.",
    context:
      "A channel user becomes a `human` principal (keyed by channel identity) the first time a bound channel delivers " +
      "a message from them; such a principal has no group and no API key until an admin gives it some. Ordered by " +
      "creation time, then id. Only the caller's own tenant is listed.",
  },
  input: PrincipalListInput,
  output: PrincipalListOutput,
  errors: [invalidCursor],
  capability: "control-plane.admin",
  http: { method: "GET", path: "/v1/principals" },
  emits: [],
});
