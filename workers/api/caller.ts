/** Who is calling the operator API, established by `authenticate` before any handler runs. */
export interface Caller {
  tenantId: string;
  principalId: string;
  keyId: string;
  capabilities: ReadonlySet<string>;
}
