import { expect } from "vitest";
import type { SkillCheckCode, SkillCheckName } from "../../../contracts/skills/report.ts";
import type { InstallDecision } from "../../../engine/skills/check-install.ts";

/** Refused, first by `name` with `code`, and no check before it failed. */
export function expectRefused(decision: InstallDecision, name: SkillCheckName, code: SkillCheckCode): void {
  expect(decision.ok).toBe(false);
  if (decision.ok) return;
  expect(decision.firstFailure).toMatchObject({ name, code });
  const entry = decision.checks.find((check) => check.name === name);
  expect(entry).toMatchObject({ outcome: "fail", ok: false, code });
}

export function outcomes(decision: InstallDecision): Record<string, string> {
  return Object.fromEntries(decision.checks.map((check) => [check.name, check.outcome]));
}
