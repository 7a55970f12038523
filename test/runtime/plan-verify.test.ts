import { beforeAll, expect, it } from "vitest";
import { type Admin, bootstrap, call } from "../support/api.ts";

let admin: Admin;
beforeAll(async () => {
  admin = await bootstrap("verify");
});

interface Compiled {
  intent: Record<string, unknown>;
  plan: { planId: string; digest: string; steps: { key: string; input: Record<string, unknown> }[] } & Record<string, unknown>;
}

async function verify(body: unknown) {
  const res = await call("POST", "/v1/plans/verify", { key: admin.key, body });
  expect(res.status).toBe(200);
  return (await res.json()) as { status: string; planId: string; reasons?: { code: string }[]; steps?: { policy: { verdict: string } }[] };
}

it("verifies a stored plan as compiled and rejects one whose step was changed", async () => {
  const res = await call("POST", "/v1/plans/compile", { key: admin.key, body: { text: "reply safe" } });
  const compiled = (await res.json()) as Compiled;

  const sound = await verify({ plan: compiled.plan, intent: compiled.intent });
  expect(sound.status).toBe("verified");
  expect(sound.steps?.[0]?.policy.verdict).toBe("autonomous");

  const [step] = compiled.plan.steps;
  if (step === undefined) throw new Error("no step");
  const tampered = { ...compiled.plan, steps: [{ ...step, input: { text: "something else entirely" } }] };
  const withoutIntent = await verify({ plan: tampered });
  expect(withoutIntent.status).toBe("rejected");
  expect(withoutIntent.reasons?.length).toBeGreaterThan(0);

  const withIntent = await verify({ plan: tampered, intent: compiled.intent });
  expect(withIntent.status).toBe("rejected");
  expect(withIntent.planId).toBe(compiled.plan.planId);
});
