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
 * Starting a workerd costs seconds, so test files share one per vitest worker: tests that touch the Worker, its
 * storage or the stand-in start from emptied storage (test/setup/fresh-runtime.ts); pure tests need nothing.
 */
const TOUCHES_RUNTIME = /support\/(api|runtime|standin)\.ts|cloudflare:test|from "cloudflare:workers"/;
/** The planner's tests run in a Worker configured with a model: the OpenAI-compatible stand-in. */
const PLANNER_TESTS = "test/planner/e2e/";
/**
 * The local Rate Limiting bindings cannot be emptied between files, so the tests that count up to a limit get a
 * workerd of their own with low limits; every other file runs with limits far above what the suite sends.
 */
const RATE_LIMIT_TESTS = ["test/api/rate-limits.test.ts", "test/channels/e2e/rate-limited.test.ts"];
const testFiles = globSync("test/**/*.test.ts", { cwd: import.meta.dirname });
const plannerTests = testFiles.filter((file) => file.startsWith(PLANNER_TESTS));
const rateLimitTests = testFiles.filter((file) => RATE_LIMIT_TESTS.includes(file));
const runtimeTests = testFiles.filter(
  (file) => !plannerTests.includes(file) && !rateLimitTests.includes(file) && TOUCHES_RUNTIME.test(readFileSync(path.join(import.meta.dirname, file), "utf8")),
);
const pureTests = testFiles.filter((file) => !plannerTests.includes(file) && !rateLimitTests.includes(file) && !runtimeTests.includes(file));
const generousRateLimits = Object.fromEntries(
  Object.entries(testRateLimits).map(([name, limit]) => [name, { ...limit, simple: { ...limit.simple, limit: 1_000_000 } }]),
);

function workerd(
  migrations: Awaited<ReturnType<typeof readD1Migrations>>,
  extraBindings: Record<string, string> = {},
  ratelimits: Record<string, { namespace_id: string; simple: { limit: number; period: 10 | 60 } }> = generousRateLimits,
) {
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
      ratelimits,
      bindings: {
        // One migration of all statements: applied in one batch, it saves a D1 round trip per migration file.
        TEST_MIGRATIONS: [{ name: "all", queries: migrations.flatMap((m) => m.queries) }],
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
      // vitest's default is one worker less than the cores (one, on a two-core CI machine); files spend part of their
      // time waiting on workerd and timers, so two workers finish sooner even there.
      maxWorkers: 2,
      // Generous: a file's tests run on a shared workerd beside another file's, and these bound hangs, not speed.
      testTimeout: 20_000,
      hookTimeout: 30_000,
      projects: [
        { extends: true, test: { name: "runtime", include: runtimeTests, isolate: false, setupFiles: [...setupFiles, "./test/setup/fresh-runtime.ts"] } },
        // Low enough that these files reach the limits in a few dozen requests.
        { extends: false, plugins: [workerd(migrations, {}, testRateLimits)], test: { name: "rate-limits", include: rateLimitTests, setupFiles, maxWorkers: 2, testTimeout: 60_000 } },
        { extends: true, test: { name: "pure", include: pureTests, isolate: false } },
        {
          extends: false,
          plugins: [workerd(migrations, testModelConfig)],
          test: { name: "planner", include: plannerTests, isolate: false, maxWorkers: 2, testTimeout: 20_000, hookTimeout: 30_000, setupFiles: [...setupFiles, "./test/setup/fresh-runtime.ts"] },
        },
      ],
    },
  };
});
