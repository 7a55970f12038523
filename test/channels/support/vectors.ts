import { z } from "zod";
import raw from "../../fixtures/webhooks.json";

const TwilioParams = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

/** The published vectors, copied byte-for-byte from the shared file, read through a schema so tests are typed. */
export const vectors = z
  .object({
    slack: z.array(z.object({ source: z.string(), signingSecret: z.string(), timestamp: z.string(), now: z.number(), body: z.string(), expected: z.string() })),
    github: z.array(z.object({ source: z.string(), secret: z.string(), body: z.string(), expected: z.string() })),
    whatsappMeta: z.array(z.object({ source: z.string(), appSecret: z.string(), body: z.string(), expected: z.string() })),
    metaVerifyHandshake: z.object({ query: z.string(), verifyToken: z.string(), expectedStatus: z.number(), expectedBody: z.string() }),
    twilio: z.array(
      z.object({ source: z.string(), authToken: z.string(), url: z.string(), params: TwilioParams, body: z.string().optional(), expected: z.string() }),
    ),
  })
  .parse(raw);

export type TwilioVector = (typeof vectors.twilio)[number];

/** Record form (as the vectors write it) to the name/value pairs a form body carries. */
export function paramPairs(params: TwilioVector["params"]): [string, string][] {
  return Object.entries(params).flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((v): [string, string] => [name, v]));
}
