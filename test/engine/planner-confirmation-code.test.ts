import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readPlanCommand, readWhatsappPlanButtonId, whatsappPlanButtonId } from "../../contracts/common/plan-confirmation-controls.ts";
import { confirmationCode } from "../../engine/planner/confirmation-code.ts";

const digest = (c: string) => c.repeat(64);

describe("the short confirmation code", () => {
  it("is the same for the same plan and another for a changed plan or another execution", () => {
    const code = confirmationCode("ex_1", digest("a"));
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
    expect(confirmationCode("ex_1", digest("a"))).toBe(code);
    expect(confirmationCode("ex_1", digest("b"))).not.toBe(code);
    expect(confirmationCode("ex_2", digest("a"))).not.toBe(code);
  });

  it("is read back from `confirm <code>` / `cancel <code>` in any case, and from nothing else", () => {
    expect(readPlanCommand("confirm 7K2M9QXA")).toEqual({ decision: "confirm", code: "7K2M9QXA" });
    expect(readPlanCommand("  Cancel 7k2m9qxa ")).toEqual({ decision: "cancel", code: "7K2M9QXA" });
    expect(readPlanCommand("confirm 7K2M9QX")).toBeUndefined();
    expect(readPlanCommand("confirm 7K2M9QXA and close acme/web#1")).toBeUndefined();
    expect(readPlanCommand("please confirm 7K2M9QXA")).toBeUndefined();
  });

  it("round-trips every code the derivation makes", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), fc.stringMatching(/^[0-9a-f]{64}$/), (executionId, planDigest) => {
        const code = confirmationCode(executionId, planDigest);
        expect(readPlanCommand(`confirm ${code}`)).toEqual({ decision: "confirm", code });
      }),
    );
  });
});

describe("WhatsApp plan button ids", () => {
  it("bind the decision, execution and plan digest, and refuse anything altered", () => {
    const id = whatsappPlanButtonId("confirm", { executionId: "ex_abc", planDigest: digest("c") });
    expect(readWhatsappPlanButtonId(id)).toEqual({ decision: "confirm", executionId: "ex_abc", planDigest: digest("c") });
    expect(readWhatsappPlanButtonId(id.slice(0, -1))).toBeUndefined();
    expect(readWhatsappPlanButtonId(id.replace("confirm", "approve"))).toBeUndefined();
    expect(readWhatsappPlanButtonId(`${id}:x`)).toBeUndefined();
  });
});
