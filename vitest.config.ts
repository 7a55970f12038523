import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { localSecretDefaults } from "./scripts/local-secrets.ts";
import { testSecrets } from "./test/support/test-secrets.ts";

const unpinned = Object.keys(localSecretDefaults(8787)).filter((name) => !(name in testSecrets));
if (unpinned.length > 0) throw new Error(`test/support/test-secrets.ts must pin ${unpinned.join(", ")}`);

export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(import.meta.dirname, "schema/migrations"));
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: "./wrangler.toml" },
        miniflare: {
          bindings: {
            TEST_MIGRATIONS: migrations,
            ...testSecrets,
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
