import { describe, expect, it } from "vitest";
import { digestOf } from "../../../engine/hash.ts";
import { INTERIM_POLICY_REF, decide } from "../../../engine/policy/interim.ts";
import { pinnedPolicyOf } from "../../../engine/replay/pinned.ts";
import { replay } from "../../../engine/replay/replay.ts";
import { record, script } from "./recorded.ts";

describe("replaying a recorded execution with the same policy", () => {
  const recorded = record(script, decide);

  it("is consistent, event by event and in the final state", () => {
    expect(recorded.state.status).toBe("failed");
    const result = replay({ inputs: recorded.inputs, events: recorded.events, finalState: recorded.finalState }, { decide });
    expect(result).toEqual({ status: "consistent", eventCount: recorded.events.length, finalStateDigest: digestOf(recorded.state) });
  });

  it("names the policy the execution was pinned to, for the caller to rebuild its decider", () => {
    expect(pinnedPolicyOf(recorded.inputs)).toEqual(INTERIM_POLICY_REF);
    expect(pinnedPolicyOf(recorded.inputs.slice(1))).toBeNull();
  });

  it("can check the final state by digest alone", () => {
    const result = replay(
      { inputs: recorded.inputs, events: recorded.events, finalStateDigest: digestOf(recorded.state) },
      { decide },
    );
    expect(result.status).toBe("consistent");
  });
});
