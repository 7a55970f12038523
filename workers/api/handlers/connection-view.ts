import type { ConnectionView } from "../../../contracts/common/connection.ts";
import type { ConnectionRow } from "../../../runtime/connections/store.ts";

/** Never the credential: only whether one is held. */
export function connectionView(row: ConnectionRow): ConnectionView {
  return {
    provider: row.provider,
    externalId: row.externalId,
    status: row.status,
    details: row.details ?? {},
    hasCredential: row.sealedCredential !== null,
    installedBy: row.installedBy,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
