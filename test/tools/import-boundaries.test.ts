import { describe, expect, it } from "vitest";

// Regression guard: the only road to a tool is executor → mintStepContext → dispatch → adapter.

const sources: Record<string, string> = import.meta.glob(
  ["../../workers/**/*.{ts,tsx}", "../../runtime/**/*.{ts,tsx}", "../../durable-objects/**/*.{ts,tsx}", "../../engine/**/*.{ts,tsx}", "!**/*.test.ts"],
  { query: "?raw", import: "default", eager: true },
);

interface Import {
  from: string;
  clause: string;
}

const files = new Map(Object.entries(sources).map(([key, text]) => [key.replace(/^(\.\.\/)+/, ""), text]));

const clause = String.raw`(?:type\s+)?(\*(?:\s+as\s+[\w$]+)?|\{[^}]*\}|[\w$]+(?:\s*,\s*(?:\{[^}]*\}|\*\s+as\s+[\w$]+))?)`;
const staticImport = new RegExp(String.raw`\b(?:import|export)\s+${clause}\s*from\s*["']([^"']+)["']`, "g");
const bareImport = /\bimport\s*\(?\s*["']([^"']+)["']/g;

function importsOf(path: string, text: string): Import[] {
  const found: Import[] = [];
  for (const m of text.matchAll(staticImport)) found.push({ clause: m[1] ?? "", from: resolve(path, m[2] ?? "") });
  for (const m of text.matchAll(bareImport)) found.push({ clause: "*", from: resolve(path, m[1] ?? "") });
  return found;
}

function resolve(importer: string, specifier: string): string {
  if (!specifier.startsWith(".")) return specifier;
  const parts = importer.split("/").slice(0, -1);
  for (const part of specifier.split("/")) {
    if (part === "..") parts.pop();
    else if (part !== ".") parts.push(part);
  }
  return parts.join("/");
}

function importersOf(target: string, exposes: (clause: string) => boolean = () => true): string[] {
  return [...files].filter(([path, text]) => importsOf(path, text).some((i) => i.from === target && exposes(i.clause))).map(([path]) => path).sort();
}

const adapterModules = [...files]
  .filter(([path, text]) => /^workers\/tools\/[^/]+\.ts$/.test(path) && /\bdefineAdapter\(/.test(text) && path !== "workers/tools/adapter.ts")
  .map(([path]) => path)
  .sort();

describe("import boundaries of the tool runtime", () => {
  it("scans the real tree", () => {
    expect(files.has("workers/tools/dispatch.ts")).toBe(true);
    expect(files.has("runtime/tools/step-context.ts")).toBe(true);
    expect(adapterModules).toEqual([
      "workers/tools/channel-reply.ts",
      "workers/tools/github-issue-close.ts",
      "workers/tools/github-issue-comment.ts",
      "workers/tools/github-issue-label.ts",
      "workers/tools/http-request.ts",
      "workers/tools/slack-message-post.ts",
      "workers/tools/whatsapp-message-send.ts",
    ]);
  });

  it("only durable-objects/ imports mintStepContext", () => {
    const minters = importersOf("runtime/tools/step-context.ts", (c) => /\bmintStepContext\b|\*/.test(c));
    expect(minters.filter((path) => !path.startsWith("durable-objects/"))).toEqual([]);
  });

  it("adapter modules are imported by dispatch.ts alone", () => {
    for (const adapter of adapterModules) {
      expect({ adapter, importers: importersOf(adapter) }).toEqual({ adapter, importers: ["workers/tools/dispatch.ts"] });
    }
  });

  it("the engine reaches no tool code", () => {
    const fromEngine = [...files]
      .filter(([path]) => path.startsWith("engine/"))
      .flatMap(([path, text]) => importsOf(path, text).filter((i) => i.from.startsWith("workers/") || i.from.startsWith("runtime/tools/")).map((i) => `${path} → ${i.from}`));
    expect(fromEngine).toEqual([]);
  });

  it("the import reader sees every form of import it must catch", () => {
    const probe = [
      `import { mintStepContext } from "../tools/step-context.ts";`,
      `import { type StepContext, mintStepContext as m } from "../tools/step-context.ts";`,
      `import * as sc from "../tools/step-context.ts";`,
      `export * from "../tools/step-context.ts";`,
      `export { mintStepContext } from "../tools/step-context.ts";`,
      `const sc = await import("../tools/step-context.ts");`,
    ];
    for (const line of probe) {
      const seen = importsOf("runtime/api/x.ts", line).filter((i) => /\bmintStepContext\b|\*/.test(i.clause));
      expect({ line, from: seen.map((i) => i.from) }).toEqual({ line, from: ["runtime/tools/step-context.ts"] });
    }
  });
});
