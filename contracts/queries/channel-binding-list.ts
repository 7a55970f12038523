import { z } from "zod";
import { ChannelBindingView, ChannelProvider } from "../common/channel-binding.ts";
import { invalidCursor } from "../common/errors.ts";
import { Cursor, page, pageLimit } from "../common/pagination.ts";
import { defineOperation } from "../define.ts";

export const ChannelBindingListInput = z.strictObject({
  provider: ChannelProvider.optional(),
  limit: pageLimit(100, 50),
  cursor: Cursor.optional(),
});
export type ChannelBindingListInput = z.infer<typeof ChannelBindingListInput>;

export const ChannelBindingListOutput = page(ChannelBindingView);
export type ChannelBindingListOutput = z.infer<typeof ChannelBindingListOutput>;

export const channelBindingList = defineOperation({
  kind: "query",
  meta: {
    key: "controlPlane.channelBinding.list",
    version: "1.2.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["admin", "channels"],
    description: "List the channels bound to the caller's tenant.",
    goal: "Shows which Slack teams, repositories and numbers run as this tenant.",
    context: "Ordered by provider, then external id. Only the caller's own bindings are listed.",
  },
  input: ChannelBindingListInput,
  output: ChannelBindingListOutput,
  errors: [invalidCursor],
  capability: "control-plane.admin",
  http: { method: "GET", path: "/v1/channel-bindings" },
  emits: [],
});
