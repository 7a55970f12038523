import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { localSecretDefaults } from "./scripts/local-secrets.ts";
import { testProviderConfig, testSecrets } from "./test/support/test-secrets.ts";

const unpinned = Object.keys(localSecretDefaults(8787)).filter((name) => !(name in testSecrets));
if (unpinned.length > 0) throw new Error(`test/support/test-secrets.ts must pin ${unpinned.join(", ")}`);

export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(import.meta.dirname, "schema/migrations"));
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: "./wrangler.toml" },
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
            },
          ],
          bindings: {
            TEST_MIGRATIONS: migrations,
            ...testSecrets,
            ...testProviderConfig,
            CONTRACT_OUTPUT_CHECK: "strict",
          },
        },
      }),
    ],
    test: {
      setupFiles: ["./test/setup/apply-migrations.ts"],
      include: ["test/**/*.test.ts"],
      exclude: ["test/browser/**"],
    },
  };
});
