import { defineCapability } from "../define.ts";

export const channelRuntimeCapability = defineCapability({
  kind: "capability",
  meta: {
    key: "control-plane.channel-runtime",
    version: "1.0.0",
    stability: "stable",
    owners: ["control-plane"],
    tags: ["capability", "channels"],
    description: "Act for a channel adapter: record intents from verified webhooks and reply in their threads.",
    goal: "Names the authority channel adapters exercise, so traces can say which events a channel, not a key, caused.",
    context:
      "No operator API contract requires this capability: it is held by the channel runtime itself and appears as the " +
      "capability source of trace events that webhooks cause. Granting it to an API key gives that key no extra route.",
  },
});
