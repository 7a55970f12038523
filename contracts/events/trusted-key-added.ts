import { z } from "zod";
import { TrustedPublisherKey } from "../skills/trust.ts";
import { defineEvent } from "../define.ts";

export const TrustedKeyAddedPayload = TrustedPublisherKey;
export type TrustedKeyAddedPayload = z.infer<typeof TrustedKeyAddedPayload>;

export const trustedKeyAdded = defineEvent({
  kind: "event",
  meta: {
    key: "controlPlane.trustedKey.added",
    version: "1.0.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["skills", "trust", "trace"],
    description: "A publisher key joined the tenant's trust store.",
    goal: "Records who made the tenant trust which signing key, for which namespace and window.",
    context: "On the tenant's skill registry trace. Skills signed by the key may install from now on.",
  },
  payload: TrustedKeyAddedPayload,
});
