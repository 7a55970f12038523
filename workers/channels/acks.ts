import type { DeliveryItem } from "./sink.ts";

/** Provider acknowledgements: each provider expects its own answer, and nothing else in it. */
export const acks = {
  empty: (status: number) => new Response(null, { status }),
  slackChallenge: (challenge: string) => Response.json({ challenge }),
  slackCommand: (item: DeliveryItem | undefined) => Response.json({ response_type: "ephemeral", text: slackCommandText(item) }),
  twiml: () => new Response("<Response/>", { status: 200, headers: { "content-type": "text/xml" } }),
  metaChallenge: (challenge: string) => new Response(challenge, { status: 200, headers: { "content-type": "text/plain" } }),
};

function slackCommandText(item: DeliveryItem | undefined): string {
  switch (item?.kind) {
    case "intent":
      return "Got it, working on it.";
    case "bind":
      // The same answer whatever the code: a wrong guess learns nothing here.
      return "Binding code received. If it is valid for this workspace, the binding is now confirmed (see `cplane channels bindings list`).";
    case "unbound":
      return "This workspace is not connected to Control Plane.";
    case "invalid":
      return item.reason === "text_too_long" ? "That command is too long." : "That command could not be read.";
    default:
      return "Received.";
  }
}
