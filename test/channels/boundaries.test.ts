/// <reference types="vite/client" />
import { describe, expect, it } from "vitest";

/**
 * DESIGN: the engine knows nothing of channels, and channel code never reaches into policy or
 * executor internals. Sources are read as text at build time, so new files are covered unasked.
 */
const core = {
  ...import.meta.glob<string>("../../engine/**/*.ts", { query: "?raw", import: "default", eager: true }),
  ...import.meta.glob<string>("../../durable-objects/**/*.ts", { query: "?raw", import: "default", eager: true }),
  ...import.meta.glob<string>("../../contracts/**/*.ts", { query: "?raw", import: "default", eager: true }),
  ...import.meta.glob<string>("../../workers/tools/**/*.ts", { query: "?raw", import: "default", eager: true }),
  ...import.meta.glob<string>("../../workers/approvals/**/*.ts", { query: "?raw", import: "default", eager: true }),
};
const channels = import.meta.glob<string>("../../workers/channels/**/*.ts", { query: "?raw", import: "default", eager: true });

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)["']([^"']+)["']/g;

/** Import specifiers of a source, resolved against the importing file when relative. */
function importsOf(file: string, source: string): string[] {
  return [...source.matchAll(SPECIFIER)].map((m) => resolve(file, m[1] ?? ""));
}

function resolve(file: string, specifier: string): string {
  if (!specifier.startsWith(".")) return specifier;
  const parts = file.split("/").slice(0, -1);
  for (const part of specifier.split("/")) {
    if (part === "..") {
      if (parts.length > 0 && parts[parts.length - 1] !== "..") parts.pop();
      else parts.push("..");
    } else if (part !== ".") parts.push(part);
  }
  return parts.join("/");
}

const inChannels = (path: string) => path.startsWith("../../workers/channels/") || path === "../../workers/channels";
const inCoreInternals = (path: string) =>
  ["../../engine/", "../../durable-objects/", "../../workers/tools/", "../../workers/approvals/", "../../workers/api/"].some((p) => path.startsWith(p));

describe("the channel-agnostic core", () => {
  it("resolves relative imports the way the bundler does", () => {
    expect(importsOf("../../engine/policy/evaluate.ts", 'import { x } from "../../workers/channels/sink.ts";')).toEqual(["../../workers/channels/sink.ts"]);
    expect(importsOf("../../durable-objects/execution.ts", 'export * from "../workers/channels/routes.ts"')).toEqual(["../../workers/channels/routes.ts"]);
    expect(importsOf("../../engine/a.ts", 'const m = await import("./b.ts"); import "zod";')).toEqual(["../../engine/b.ts", "zod"]);
  });

  it("scans the engine, the Durable Objects, the contracts and the executor side", () => {
    expect(Object.keys(core)).toContain("../../durable-objects/execution.ts");
    const scanned = Object.keys(core);
    for (const folder of ["../../engine/executor/", "../../engine/policy/", "../../durable-objects/"]) {
      expect(scanned.filter((file) => file.startsWith(folder)).length, folder).toBeGreaterThan(0);
    }
    expect(Object.keys(channels)).toContain("../../workers/channels/routes.ts");
  });

  it("has no module of the core importing from workers/channels", () => {
    const offending = Object.entries(core).flatMap(([file, source]) => importsOf(file, source).filter(inChannels).map((to) => `${file} -> ${to}`));
    expect(offending).toEqual([]);
  });

  it("has no channel module reaching into the engine, the executor or the API", () => {
    const offending = Object.entries(channels).flatMap(([file, source]) =>
      importsOf(file, source)
        .filter(inCoreInternals)
        .map((to) => `${file} -> ${to}`),
    );
    expect(offending).toEqual([]);
  });
});
