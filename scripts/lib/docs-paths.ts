import type { AnyContract } from "../../contracts/define.ts";
import type { ContractRegistry } from "../../contracts/registry.ts";

/** Root of the generated docs, relative to the repository. */
export const DOCS_ROOT = "generated/docs/control-plane";
export const SCHEMAS_DIR = "schemas";

const folders: Record<AnyContract["kind"], string> = {
  command: "commands",
  query: "queries",
  event: "events",
  capability: "capabilities",
};

/**
 * Page of a contract, relative to the docs root. The latest version of a key has the stable name
 * `<key>.md`, so links to "the" contract keep working; older versions are `<key>@<version>.md`.
 */
export function pagePath(registry: ContractRegistry, contract: AnyContract): string {
  const latest = registry.get(contract.meta.key)?.meta.version === contract.meta.version;
  const name = latest ? contract.meta.key : `${contract.meta.key}@${contract.meta.version}`;
  return `${folders[contract.kind]}/${name}.md`;
}

/** Link from one page to another, both relative to the docs root. */
export function relativeLink(from: string, to: string): string {
  const depth = from.split("/").length - 1;
  return `${"../".repeat(depth)}${to}`;
}
