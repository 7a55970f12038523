import { execFileSync } from "node:child_process";
import type { ContractSnapshot } from "./contract-snapshot.ts";
import { DOCS_ROOT, SCHEMAS_DIR } from "./docs-paths.ts";

/**
 * The contract snapshots committed at a git ref. A ref from before snapshots existed has none, so
 * every contract then counts as added.
 */
export function snapshotsAt(ref: string, cwd: string): ContractSnapshot[] {
  const git = (...args: string[]) => execFileSync("git", args, { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  git("rev-parse", "--verify", "--quiet", `${ref}^{commit}`);
  const dir = `${DOCS_ROOT}/${SCHEMAS_DIR}/`;
  const files = git("ls-tree", "-r", "--name-only", ref, "--", dir)
    .split("\n")
    .filter((path) => path.endsWith(".json"));
  return files.map((path) => JSON.parse(git("show", `${ref}:${path}`)) as ContractSnapshot);
}
