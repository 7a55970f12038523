import type { SkillCheckCode, SkillCheckEntry, SkillCheckName } from "../../contracts/skills/report.ts";

export interface Passed {
  outcome: "pass";
  detail: string;
}
export interface Failed<C extends SkillCheckCode> {
  outcome: "fail";
  code: C;
  detail: string;
}
export interface Skipped {
  outcome: "skipped";
  detail: string;
}

/** A check's result; `C` narrows the codes a particular check can fail with. */
export type CheckOutcome<C extends SkillCheckCode = SkillCheckCode> = Passed | Failed<C> | Skipped;

export const pass = (detail: string): Passed => ({ outcome: "pass", detail });
export const fail = <C extends SkillCheckCode>(code: C, detail: string): Failed<C> => ({ outcome: "fail", code, detail });
export const skipped = (detail: string): Skipped => ({ outcome: "skipped", detail });

export function toEntry(name: SkillCheckName, result: CheckOutcome): SkillCheckEntry {
  return result.outcome === "fail"
    ? { name, outcome: "fail", ok: false, code: result.code, detail: result.detail }
    : { name, outcome: result.outcome, ok: result.outcome === "pass", detail: result.detail };
}
