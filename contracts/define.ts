import type { z } from "zod";

/** The shapes every contract of the registry takes. Contracts use nothing of ours but this file. */

export type Stability = "experimental" | "beta" | "stable" | "deprecated";

export interface ContractMeta {
  /** e.g. `controlPlane.execution.get`; capabilities use `control-plane.core` style keys. */
  key: string;
  /** semver, e.g. `1.0.0` */
  version: string;
  stability: Stability;
  owners: string[];
  tags: string[];
  description: string;
  /** Why the contract exists, in one or two sentences. */
  goal: string;
  /** What a caller should know: preconditions, side effects, invariants it keeps. */
  context: string;
}

export interface DeclaredError {
  /** Stable upper-snake code, e.g. `EXECUTION_NOT_FOUND`. */
  code: string;
  status: number;
  when: string;
}

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** Path parameters are written `{name}` and are merged into the input object by the router. */
export interface HttpBinding {
  method: HttpMethod;
  path: string;
  /** Status of a successful answer; 200 unless set (e.g. 201 for a created resource, 202 for accepted work). */
  successStatus?: 200 | 201 | 202;
}

export interface OperationContract<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  kind: "command" | "query";
  meta: ContractMeta;
  /**
   * One object schema for the whole input. The router builds it from path parameters plus
   * the JSON body (POST/PUT/PATCH/DELETE) or the query string (GET).
   */
  input: I;
  output: O;
  errors: DeclaredError[];
  /** Key of the capability a caller's grants must include. */
  capability: string;
  /**
   * How the caller proves who it is. `api-key` (the default) is a tenant's key with grants;
   * `bootstrap-token` is the operator's ADMIN_BOOTSTRAP_TOKEN, accepted only by bootstrap.
   */
  auth?: "api-key" | "bootstrap-token";
  http: HttpBinding;
  /** Keys of event contracts this operation may emit. */
  emits: string[];
}

export interface EventContract<P extends z.ZodType = z.ZodType> {
  kind: "event";
  meta: ContractMeta;
  payload: P;
}

export interface CapabilityContract {
  kind: "capability";
  meta: ContractMeta;
}

export type AnyContract = OperationContract | EventContract | CapabilityContract;

export function defineOperation<I extends z.ZodType, O extends z.ZodType>(
  contract: OperationContract<I, O>,
): OperationContract<I, O> {
  return contract;
}

export function defineEvent<P extends z.ZodType>(contract: EventContract<P>): EventContract<P> {
  return contract;
}

export function defineCapability(contract: CapabilityContract): CapabilityContract {
  return contract;
}

/** Errors any operation can answer, whatever it declares; the router produces them. */
export const commonErrors: DeclaredError[] = [
  { code: "UNAUTHENTICATED", status: 401, when: "no API key, or the key is unknown, expired or revoked" },
  { code: "FORBIDDEN", status: 403, when: "the key's grants do not include the contract's capability" },
  { code: "VALIDATION_FAILED", status: 400, when: "the input does not match the contract's input schema" },
  { code: "MALFORMED_JSON", status: 400, when: "the request body is not JSON, or not sent as application/json" },
  { code: "PAYLOAD_TOO_LARGE", status: 413, when: "the request body exceeds the size limit" },
  { code: "NOT_IMPLEMENTED", status: 501, when: "the contract is declared but its handler is not built yet" },
];
