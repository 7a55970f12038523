import type { GrantScope } from "../../contracts/common/grant.ts";

/** Who is calling the operator API, established by `authenticate` before any handler runs. */
export interface Caller {
  tenantId: string;
  principalId: string;
  keyId: string;
  capabilities: ReadonlySet<string>;
  /** Each held capability with its narrowing (`null` fields: not narrowed). */
  grants: ReadonlyMap<string, GrantScope>;
}
