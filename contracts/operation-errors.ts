import { commonErrors, type DeclaredError, type OperationContract } from "./define.ts";

/**
 * Every error an operation can answer: its declared errors, then the router's common errors that can
 * actually happen on its binding. A declared code shadows a common one of the same code.
 */
export function operationErrors(op: OperationContract): DeclaredError[] {
  const declared = new Set(op.errors.map((e) => e.code));
  const hasBody = op.http.method !== "GET";
  const common = commonErrors.filter((e) => {
    if (declared.has(e.code)) return false;
    if (e.code === "FORBIDDEN") return op.auth !== "bootstrap-token";
    if (e.code === "MALFORMED_JSON" || e.code === "PAYLOAD_TOO_LARGE") return hasBody;
    return true;
  });
  return [...op.errors, ...common];
}

/** Errors by HTTP status, ascending, codes in declaration order within a status. */
export function errorsByStatus(errors: readonly DeclaredError[]): [number, DeclaredError[]][] {
  const groups = new Map<number, DeclaredError[]>();
  for (const e of errors) groups.set(e.status, [...(groups.get(e.status) ?? []), e]);
  return [...groups.entries()].sort(([a], [b]) => a - b);
}
