/**
 * A source tree to benchmark: this checkout, or another ref exported next to it (`git archive`, so the
 * repository's worktree list is left alone) with this checkout's node_modules linked in. Both are built and
 * served by the same harness, so their figures compare.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "./worker.ts";

export interface Tree {
  /** What the report calls it: `current` or the short ref. */
  label: string;
  root: string;
  dispose(): void;
}

export function currentTree(): Tree {
  return { label: "current", root: ROOT, dispose: () => {} };
}

/** Exports `ref` into a temporary directory; throws when git cannot resolve it. */
export function treeAt(ref: string): Tree {
  const commit = execFileSync("git", ["rev-parse", "--short", `${ref}^{commit}`], { cwd: ROOT, encoding: "utf8" }).trim();
  const dir = mkdtempSync(join(tmpdir(), `cp-bench-${commit}-`));
  execFileSync("sh", ["-c", `git archive --format=tar "${commit}" | tar -x -C "${dir}"`], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"), "dir");
  return { label: commit, root: dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
