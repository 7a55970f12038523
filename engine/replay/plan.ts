import type { CompiledPlan } from "../../contracts/plan.ts";
import { jsonDiff } from "../json-diff.ts";
import type { ReplayDiff } from "./types.ts";

/**
 * For the caller that re-ran interpretation and compilation: equal digests mean equal plans; otherwise
 * the fields that differ (`$.steps[1].tool.version`, `$.registryVersion`, …) say why.
 */
export function comparePlans(recorded: CompiledPlan, recompiled: CompiledPlan, limit = 100): ReplayDiff[] {
  if (recorded.digest === recompiled.digest) return [];
  return jsonDiff(recorded, recompiled, limit).map(
    (d): ReplayDiff => ({ scope: "plan", index: null, field: d.path, expected: d.expected, actual: d.actual }),
  );
}
