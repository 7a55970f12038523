import type { ChannelBindingView } from "../../../contracts/common/channel-binding.ts";
import type { channelBindings } from "../../../schema/index.ts";
import { bindingGrantOf } from "../../ingest/binding-grant.ts";

export function bindingView(row: typeof channelBindings.$inferSelect): ChannelBindingView {
  return {
    provider: row.provider,
    externalId: row.externalId,
    tenantId: row.tenantId,
    status: row.status,
    grant: bindingGrantOf(row.grantScope),
    createdAt: row.createdAt,
    confirmedAt: row.confirmedAt,
  };
}
