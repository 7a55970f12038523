import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Command } from "commander";
import { registry } from "../contracts/index.ts";
import { diffRegistries } from "./lib/contract-diff.ts";
import { snapshotOf } from "./lib/contract-snapshot.ts";
import { snapshotsAt } from "./lib/git-snapshots.ts";
import { formatImpact } from "./lib/impact-report.ts";

/**
 * `npm run contracts:impact -- --baseline <ref>`: compares the registry in the working tree with the
 * contract snapshots committed at <ref> and exits 1 when a breaking change lacks a major version bump.
 */
const program = new Command()
  .name("contracts-impact")
  .description("Classify contract changes since a git ref as breaking or compatible")
  .requiredOption("--baseline <ref>", "git ref to compare against, e.g. origin/main or HEAD~1")
  .option("--json", "print the report as JSON")
  .parse();

const options = program.opts<{ baseline: string; json?: boolean }>();
const repo = join(dirname(fileURLToPath(import.meta.url)), "..");

let baseline;
try {
  baseline = snapshotsAt(options.baseline, repo);
} catch {
  console.error(`contracts-impact: cannot read ${options.baseline}: not a commit in this repository`);
  process.exit(2);
}

const report = diffRegistries(baseline, registry.all().map(snapshotOf));
if (options.json) console.log(JSON.stringify(report, null, 2));
else for (const line of formatImpact(report, options.baseline)) console.log(line);
if (report.violations.length > 0) process.exitCode = 1;
