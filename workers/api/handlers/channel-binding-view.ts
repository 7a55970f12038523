import type { ChannelBindingView } from "../../../contracts/common/channel-binding.ts";
import type { channelBindings } from "../../../schema/index.ts";

export function bindingView(row: typeof channelBindings.$inferSelect): ChannelBindingView {
  return { provider: row.provider, externalId: row.externalId, tenantId: row.tenantId, createdAt: row.createdAt };
}
