import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createRegistry, defineOperation, registry, v1Contracts } from "../../contracts/index.ts";
import { executionGet } from "../../contracts/queries/execution-get.ts";
import { DOCS_ROOT } from "../../scripts/lib/docs-paths.ts";
import { compareFiles, hasDrift } from "../../scripts/lib/drift.ts";
import { renderDocs } from "../../scripts/lib/render-docs.ts";

const committedFiles = import.meta.glob<string>("../../generated/docs/control-plane/**/*", {
  query: "?raw",
  import: "default",
  eager: true,
});
const prefix = `../../${DOCS_ROOT}/`;
const committed = new Map(Object.entries(committedFiles).map(([path, text]) => [path.slice(prefix.length), text]));

describe("generated docs", () => {
  it("are committed exactly as the registry renders them (run `npm run docs` if this fails)", () => {
    const drift = compareFiles(renderDocs(registry), committed);
    expect(drift).toEqual({ differs: [], missing: [], extra: [] });
  });

  it("have an index, a page and a snapshot per contract", () => {
    const rendered = renderDocs(registry);
    expect(rendered.size).toBe(1 + 2 * registry.all().length);
    expect(rendered.get("queries/controlPlane.execution.get.md")).toContain("`GET /v1/executions/{executionId}`");
    expect(rendered.get("index.md")).toContain("[controlPlane.execution.get](queries/controlPlane.execution.get.md)");
  });

  it("render the same bytes every time", () => {
    expect([...renderDocs(registry)]).toEqual([...renderDocs(registry)]);
  });

  it("drift when one contract changes, so the check would fail", () => {
    const changed = defineOperation({
      ...executionGet,
      input: z.strictObject({ executionId: z.string(), verbose: z.boolean().optional() }),
    });
    const altered = createRegistry(v1Contracts.map((c) => (c === executionGet ? changed : c)));
    const drift = compareFiles(renderDocs(altered), committed);
    expect(hasDrift(drift)).toBe(true);
    expect(drift.differs).toEqual([
      "queries/controlPlane.execution.get.md",
      "schemas/controlPlane.execution.get@2.0.0.json",
    ]);
  });

  it("report pages that are missing and pages that should not be there", () => {
    const expected = new Map([["a.md", "a"], ["b.md", "b"]]);
    const actual = new Map([["b.md", "b!"], ["c.md", "c"]]);
    expect(compareFiles(expected, actual)).toEqual({ differs: ["b.md"], missing: ["a.md"], extra: ["c.md"] });
  });
});
