import { z } from "zod";
import { IntentId } from "../common/ids.ts";
import { defineEvent } from "../define.ts";
import { Intent } from "../intent.ts";

export const IntentReceivedPayload = z.strictObject({
  intentId: IntentId,
  intent: Intent.describe("The intent exactly as recorded, the input replay starts from"),
});
export type IntentReceivedPayload = z.infer<typeof IntentReceivedPayload>;

export const intentReceived = defineEvent({
  kind: "event",
  meta: {
    key: "controlPlane.intent.received",
    version: "2.0.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["intent", "trace"],
    description: "An intent was durably recorded, from a channel or the API.",
    goal: "Starts every trace with the exact input, so the rest of the execution can be replayed and audited from it.",
    context:
      "Always the first event (seq 0) of a trace. Emitted once the intent is stored and before the sender is " +
      "acknowledged; a redelivered webhook that is deduplicated emits nothing. An API intent carries `submittedBy` " +
      "(the key id and its principal, which is also the actor).",
  },
  payload: IntentReceivedPayload,
});
