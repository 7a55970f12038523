import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { registry } from "../contracts/index.ts";
import { DOCS_ROOT } from "./lib/docs-paths.ts";
import { compareFiles, describeDrift, hasDrift } from "./lib/drift.ts";
import { renderDocs } from "./lib/render-docs.ts";

/**
 * `node scripts/docs.ts` regenerates generated/docs/control-plane from the registry;
 * `--check` changes nothing and exits 1 when the committed files differ from what it would write.
 */
const root = join(dirname(fileURLToPath(import.meta.url)), "..", DOCS_ROOT);
const expected = renderDocs(registry);
const actual = readTree(root);
const drift = compareFiles(expected, actual);

if (process.argv.includes("--check")) {
  if (hasDrift(drift)) {
    console.error(`${DOCS_ROOT} is out of date; run \`npm run docs\` and commit the result:`);
    for (const line of describeDrift(drift)) console.error(`  ${line}`);
    process.exitCode = 1;
  } else {
    console.log(`${DOCS_ROOT}: ${expected.size} files up to date`);
  }
} else {
  for (const path of drift.extra) rmSync(join(root, path));
  for (const path of [...drift.missing, ...drift.differs]) {
    const target = join(root, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, expected.get(path) ?? "");
  }
  removeEmptyDirs(root);
  console.log(`${DOCS_ROOT}: ${expected.size} files (${drift.missing.length} added, ${drift.differs.length} changed, ${drift.extra.length} removed)`);
}

function readTree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  let entries;
  try {
    entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  } catch {
    return files;
  }
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    files.set(relative(dir, full).split("\\").join("/"), readFileSync(full, "utf8"));
  }
  return files;
}

function removeEmptyDirs(dir: string): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) if (entry.isDirectory()) removeEmptyDirs(join(dir, entry.name));
  if (readdirSync(dir).length === 0 && dir !== root) rmSync(dir, { recursive: true });
}
