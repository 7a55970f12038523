/** Why an input changed nothing. Reported, never thrown: duplicates and late arrivals are normal. */
export type IgnoredCode =
  | "NOT_STARTED"
  | "ALREADY_STARTED"
  | "INVALID_PLAN"
  | "INVALID_CONFIG"
  | "EXECUTION_FINISHED"
  | "UNKNOWN_STEP"
  | "UNKNOWN_ATTEMPT"
  | "STALE_ATTEMPT"
  | "DUPLICATE_OUTCOME"
  | "STEP_NOT_WAITING_APPROVAL"
  | "QUORUM_NOT_MET";

export interface Ignored {
  code: IgnoredCode;
  message: string;
}
