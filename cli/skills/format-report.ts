import type { SkillCheckReport } from "../../contracts/skills/report.ts";

const MARK = { pass: "pass", fail: "FAIL", skipped: "skip" } as const;

/** A check report as aligned text: one line per check, then the verdict. */
export function formatReport(report: SkillCheckReport, subject: string): string {
  const width = Math.max(...report.checks.map((check) => check.name.length));
  const lines = report.checks.map((check) => {
    const code = check.code === undefined ? "" : `${check.code}: `;
    return `  ${MARK[check.outcome]}  ${check.name.padEnd(width)}  ${code}${check.detail}`;
  });
  const verdict = report.ok
    ? `${subject}: every check passed`
    : `${subject}: refused, ${report.firstFailure === undefined ? "a check failed" : `${report.firstFailure.code} (${report.firstFailure.name}): ${report.firstFailure.detail}`}`;
  return [`checks for ${subject}`, ...lines, verdict].join("\n");
}

/** `acme/echo@1.0.0` when the manifest says so, otherwise the file it came from. */
export function reportSubject(manifest: unknown, fallback: string): string {
  if (typeof manifest !== "object" || manifest === null) return fallback;
  const skill = "skill" in manifest ? manifest.skill : undefined;
  const version = "version" in manifest ? manifest.version : undefined;
  return typeof skill === "string" && typeof version === "string" ? `${skill}@${version}` : fallback;
}
