export { INTERIM_POLICY, INTERIM_POLICY_HASH, INTERIM_POLICY_REF, decide as interimDecide } from "./interim.ts";
export {
  ApprovalRule,
  type PolicyContext,
  type PolicyDecider,
  PolicyRef,
  PolicyTier,
  PolicyVerdict,
  VerdictKind,
} from "./types.ts";
