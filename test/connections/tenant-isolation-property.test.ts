import { env } from "cloudflare:workers";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { resolveCredentials, type ResolveDeps } from "../../runtime/connections/resolve.ts";
import { database } from "../../workers/db.ts";
import { providerConfigFromEnv, providerUrlsFromEnv } from "../../runtime/tools/config.ts";
import { install, tenant } from "./support.ts";

const deps: ResolveDeps = {
  db: database(env.DB),
  credentialsKey: env.CREDENTIALS_KEY,
  base: providerConfigFromEnv(env),
  urls: providerUrlsFromEnv(env),
  github: { token: async (id) => ({ ok: true, token: `ghs-${id}` }) },
};
const TENANTS = ["iso-a", "iso-b", "iso-c"];
const TEAMS = 6;

let run = 0;

describe("isolation: no step of tenant A ever uses tenant B's credential", () => {
  it("holds for any assignment of installs to tenants and any step", async () => {
    for (const id of TENANTS) await tenant(id);
    await fc.assert(
      fc.asyncProperty(
        // owner[i]: which tenant installed team i (or nobody); the same for GitHub accounts and Meta numbers.
        fc.array(fc.option(fc.nat({ max: TENANTS.length - 1 }), { nil: undefined }), { minLength: TEAMS, maxLength: TEAMS }),
        fc.array(fc.record({ tenant: fc.nat({ max: TENANTS.length - 1 }), target: fc.option(fc.nat({ max: TEAMS - 1 }), { nil: undefined }), provider: fc.constantFrom("slack", "github", "meta") }), { minLength: 1, maxLength: 12 }),
        async (owners, steps) => {
          run += 1;
          const id = (i: number) => `r${run}-${i}`;
          const secretOf = (t: number, i: number) => `tok-${TENANTS[t]}-${id(i)}`;
          // Every credential of this run, with the tenant it belongs to.
          const belongs = new Map<string, string>();
          for (const [i, owner] of owners.entries()) {
            if (owner === undefined) continue;
            const who = TENANTS[owner] ?? "";
            await install(who, "slack", id(i), secretOf(owner, i));
            await install(who, "meta", id(i), secretOf(owner, i));
            await install(who, "github", id(i), null, { account: `acct-${id(i)}` });
            belongs.set(secretOf(owner, i), who);
            belongs.set(`ghs-${id(i)}`, who);
          }
          for (const step of steps) {
            const who = TENANTS[step.tenant] ?? "";
            const target =
              step.provider === "slack"
                ? { provider: "slack" as const, teamId: step.target === undefined ? undefined : id(step.target) }
                : step.provider === "meta"
                  ? { provider: "meta" as const, phoneNumberId: step.target === undefined ? undefined : id(step.target) }
                  : { provider: "github" as const, owner: `acct-${id(step.target ?? 0)}`, repo: "r" };
            const resolved = await resolveCredentials(deps, who, [target]);
            const used = resolved.ok ? (resolved.config.slack?.botToken ?? resolved.config.meta?.accessToken ?? resolved.config.github?.token) : undefined;
            if (used === undefined) {
              expect(resolved.ok).toBe(false);
              continue;
            }
            // A credential of this run is only ever the stepping tenant's own; anything else must be the
            // deployment fallback, which is never used once installs of the provider exist (they do: earlier runs).
            expect(belongs.get(used)).toBe(who);
            const named = step.target === undefined ? undefined : owners[step.target];
            if (step.provider !== "github" && step.target !== undefined) expect(named).toBe(step.tenant);
          }
        },
      ),
      { numRuns: 30 },
    );
  }, 90_000);
});
