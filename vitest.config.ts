import { globSync, readFileSync } from "node:fs";
import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { buildSync } from "esbuild";
import { defineConfig } from "vitest/config";
import { localSecretDefaults } from "./scripts/local-secrets.ts";
import { testModelConfig, testProviderConfig, testRateLimits, testSecrets } from "./test/support/test-secrets.ts";

const unpinned = Object.keys(localSecretDefaults(8787)).filter((name) => !(name in testSecrets));
if (unpinned.length > 0) throw new Error(`test/support/test-secrets.ts must pin ${unpinned.join(", ")}`);

/**
 * Tests that touch the Worker, its storage or the stand-in get a fresh workerd per file (isolated storage);
 * pure tests share workers, which saves several seconds of startup per file.
 */
const TOUCHES_RUNTIME = /support\/(api|runtime|standin)\.ts|cloudflare:test|from "cloudflare:workers"/;
/** The planner's tests run in a Worker configured with a model: the OpenAI-compatible stand-in. */
const PLANNER_TESTS = "test/planner/e2e/";
const testFiles = globSync("test/**/*.test.ts", { cwd: import.meta.dirname });
const plannerTests = testFiles.filter((file) => file.startsWith(PLANNER_TESTS));
const runtimeTests = testFiles.filter((file) => !plannerTests.includes(file) && TOUCHES_RUNTIME.test(readFileSync(path.join(import.meta.dirname, file), "utf8")));
const pureTests = testFiles.filter((file) => !plannerTests.includes(file) && !runtimeTests.includes(file));

function workerd(migrations: Awaited<ReturnType<typeof readD1Migrations>>, extraBindings: Record<string, string> = {}) {
  return cloudflareTest({
    wrangler: { configPath: "./wrangler.jsonc" },
    miniflare: {
      // Every outbound fetch of the Worker under test reaches the provider stand-in, never the network.
      outboundService: "standin",
      serviceBindings: { STANDIN: "standin" },
      workers: [
        {
          name: "standin",
          modules: true,
          scriptPath: path.join(import.meta.dirname, "test/standin/provider-standin.js"),
          compatibilityDate: "2026-08-01",
          serviceBindings: { UPSTREAM_MCP: "upstream-mcp" },
        },
        {
          name: "upstream-mcp",
          modules: [{ type: "ESModule", path: "upstream-mcp.js", contents: upstreamMcpScript() }],
          compatibilityDate: "2026-08-01",
          compatibilityFlags: ["nodejs_compat"],
        },
      ],
      // Low enough that test/api/rate-limits.test.ts and test/channels/e2e/rate-limited.test.ts reach them
      // in a few dozen requests, far above what any other test file sends to one tenant or key in a minute.
      ratelimits: testRateLimits,
      bindings: {
        TEST_MIGRATIONS: migrations,
        ...testSecrets,
        ...testProviderConfig,
        CONTRACT_OUTPUT_CHECK: "strict",
        ...extraBindings,
      },
    },
  });
}

/** The upstream MCP server of test/mcp/upstream-*.test.ts, bundled with the SDK into one module for its own miniflare worker. */
function upstreamMcpScript(): string {
  const built = buildSync({
    entryPoints: [path.join(import.meta.dirname, "test/standin/upstream-mcp-server.ts")],
    bundle: true,
    write: false,
    format: "esm",
    platform: "neutral",
    mainFields: ["module", "main"],
    conditions: ["workerd", "worker", "import"],
    external: ["node:*"],
    logLevel: "error",
  });
  return built.outputFiles[0]?.text ?? "";
}

export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(import.meta.dirname, "schema/migrations"));
  const setupFiles = ["./test/setup/apply-migrations.ts", "./test/setup/oauth-library.ts"];
  return {
    plugins: [workerd(migrations)],
    test: {
      setupFiles,
      projects: [
        { extends: true, test: { name: "runtime", include: runtimeTests } },
        { extends: true, test: { name: "pure", include: pureTests, isolate: false } },
        { extends: false, plugins: [workerd(migrations, testModelConfig)], test: { name: "planner", include: plannerTests, setupFiles } },
      ],
    },
  };
});
