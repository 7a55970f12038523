import type { AnyContract, ContractMeta, DeclaredError, HttpBinding } from "../../contracts/define.ts";
import { contractSchemas, type JsonSchema } from "../../contracts/json-schema.ts";

/**
 * Everything about a contract that a client can depend on, as plain JSON. These are committed under
 * generated/docs/control-plane/schemas/, so the impact check can read any past ref with `git show`.
 */
export interface ContractSnapshot {
  kind: AnyContract["kind"];
  meta: ContractMeta;
  capability?: string;
  auth?: "api-key" | "bootstrap-token";
  http?: HttpBinding;
  errors?: DeclaredError[];
  emits?: string[];
  input?: JsonSchema;
  output?: JsonSchema;
  payload?: JsonSchema;
}

export function snapshotOf(contract: AnyContract): ContractSnapshot {
  const schemas = contractSchemas(contract);
  if (contract.kind === "command" || contract.kind === "query") {
    return {
      kind: contract.kind,
      meta: contract.meta,
      capability: contract.capability,
      auth: contract.auth ?? "api-key",
      http: { ...contract.http, successStatus: contract.http.successStatus ?? 200 },
      errors: contract.errors,
      emits: contract.emits,
      ...schemas,
    };
  }
  return { kind: contract.kind, meta: contract.meta, ...schemas };
}

/** File name of a snapshot inside the schemas folder. */
export function snapshotFileName(key: string, version: string): string {
  return `${key}@${version}.json`;
}

export function renderSnapshot(snapshot: ContractSnapshot): string {
  return `${JSON.stringify(snapshot, null, 2)}\n`;
}
