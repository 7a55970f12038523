import { type ImpactReport, isBreaking } from "./contract-diff.ts";

/** The human-readable report of `npm run contracts:impact`. */
export function formatImpact(report: ImpactReport, baseline: string): string[] {
  if (report.impacts.length === 0) return [`No contract changes since ${baseline}.`];
  const lines = [`Contract changes since ${baseline}:`, ""];
  for (const impact of report.impacts) {
    const tag = isBreaking(impact) ? "BREAKING" : "compatible";
    if (impact.change === "added") lines.push(`+ ${impact.key}@${impact.after.meta.version} added (${tag})`);
    else if (impact.change === "removed") lines.push(`- ${impact.key}@${impact.before.meta.version} removed (${tag})`);
    else {
      lines.push(`~ ${impact.key} ${impact.before.meta.version} → ${impact.after.meta.version} (${tag})`);
      for (const c of impact.changes) lines.push(`    ${c.breaking ? "breaking  " : "compatible"} ${c.path}: ${c.message}`);
    }
  }
  if (report.unversioned.length > 0) {
    lines.push("", "Changed without a version bump (bump minor for compatible changes):");
    for (const i of report.unversioned) lines.push(`  ${i.key}`);
  }
  if (report.violations.length > 0) {
    lines.push("", "Breaking changes without a major version bump:");
    for (const i of report.violations) {
      lines.push(`  ${i.key}${i.change === "removed" ? " (removed; keep it, deprecated, or publish its replacement under a new key)" : ""}`);
    }
  }
  return lines;
}
