import type { SkillManifest } from "../../../contracts/skills/manifest.ts";
import { bundleOf, signedFor } from "./api-skills.ts";
import type { TestKey } from "./keys.ts";

/** A skill whose one tool fetches the URL it is given: the probe for the egress gateway. */
export const FETCHER_BUNDLE = bundleOf(`export default {
  async fetch(request) {
    const { url } = await request.json();
    const res = await fetch(url, { headers: { "x-probe": "skill" } });
    return Response.json({ status: res.status, body: (await res.text()).slice(0, 200) });
  },
};
`);

export function fetcherManifest(key: TestKey, egress: string[], version = "1.0.0"): Promise<SkillManifest> {
  return signedFor(key, FETCHER_BUNDLE, {
    skill: "acme/fetcher",
    version,
    description: "Fetches a URL.",
    egress,
    tools: [
      {
        name: "get",
        description: "GET a URL and answer its status.",
        input: { type: "object", properties: { url: { type: "string" } }, required: ["url"], additionalProperties: false },
        output: {
          type: "object",
          properties: { status: { type: "integer" }, body: { type: "string" } },
          required: ["status", "body"],
          additionalProperties: false,
        },
        risk: "low",
        sideEffect: "read",
        idempotency: "natural",
      },
    ],
  });
}
