import type { GrantScope } from "../../contracts/common/grant.ts";
import type { Actor } from "../../contracts/intent.ts";

/** Who is calling the operator API, established by `authenticate` before any handler runs. */
export interface Caller {
  tenantId: string;
  principalId: string;
  /** The principal's own type from the principals table: what the caller is, whatever a body claims. */
  principalType: Actor["type"];
  keyId: string;
  capabilities: ReadonlySet<string>;
  /** Each held capability with its narrowing (`null` fields: not narrowed). */
  grants: ReadonlyMap<string, GrantScope>;
}
