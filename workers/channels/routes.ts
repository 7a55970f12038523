import { type Context, Hono } from "hono";
import type { Env } from "../env.ts";
import { acks } from "./acks.ts";
import { verifyGitHubSignature } from "./github.ts";
import { normalizeGitHub } from "./github-normalize.ts";
import { handOver, type LogEntry, receive, type RouteDeps, withDefaultTenant } from "./ingest.ts";
import { verifyMetaHandshake, verifyMetaSignature } from "./meta.ts";
import { normalizeMeta } from "./meta-normalize.ts";
import { webhookProblems } from "./problem.ts";
import type { IngestSink, ResolveTenant } from "./sink.ts";
import { verifySlackSignature } from "./slack.ts";
import { normalizeSlack } from "./slack-normalize.ts";
import { twilioSignedAs, verifyTwilioRequest } from "./twilio.ts";
import { normalizeTwilio } from "./twilio-normalize.ts";
import { acceptedSecrets, passesWithAny } from "../rotating-secret.ts";
import { log } from "../../runtime/log.ts";
import type { InstallEvents } from "../connect/install-events.ts";

/** The configuration the webhook routes read. */
export type ChannelEnv = Pick<
  Env,
  | "SLACK_SIGNING_SECRET"
  | "SLACK_SIGNING_SECRET_PREVIOUS"
  | "GITHUB_WEBHOOK_SECRET"
  | "GITHUB_WEBHOOK_SECRET_PREVIOUS"
  | "META_VERIFY_TOKEN"
  | "META_VERIFY_TOKEN_PREVIOUS"
  | "META_APP_SECRET"
  | "META_APP_SECRET_PREVIOUS"
  | "TWILIO_AUTH_TOKEN"
  | "TWILIO_AUTH_TOKEN_PREVIOUS"
  | "TWILIO_WEBHOOK_URL"
  | "TWILIO_SHARED_KEY_SECRET"
  | "DEFAULT_TENANT"
  | "WEBHOOK_TENANT_LIMIT"
>;

/** Where a deployment records deliveries and how it finds their tenant; built per request from its bindings. */
export interface ChannelRuntime {
  sink: IngestSink;
  resolveTenant: ResolveTenant;
  /** Uninstalls, revoked tokens and suspended installations end the tenant's install (workers/connect/install-events.ts). */
  installEvents?: InstallEvents;
}

export interface WebhookOptions {
  /** Epoch milliseconds; defaults to the system clock. */
  now?: () => number;
  /** One structured line per refusal, failure, repeat or conflict; defaults to a JSON console line. */
  log?: (entry: LogEntry) => void;
}

/** POST /webhooks/slack, POST /webhooks/github, GET+POST /webhooks/whatsapp, POST /webhooks/twilio. */
export function webhookRoutes<E extends ChannelEnv>(
  runtime: (env: E, background?: (work: Promise<unknown>) => void) => ChannelRuntime,
  options: WebhookOptions = {},
): Hono<{ Bindings: E }> {
  const base = {
    now: options.now ?? Date.now,
    log: options.log ?? ((entry: LogEntry) => log.info("webhook", entry)),
  };
  const depsFor = (c: Context<{ Bindings: E }>): RouteDeps & { installEvents?: InstallEvents | undefined } => {
    const { sink, resolveTenant, installEvents } = runtime(c.env, backgroundOf(c));
    const limit = c.env.WEBHOOK_TENANT_LIMIT;
    return { ...base, sink, resolveTenant: withDefaultTenant(resolveTenant, c.env.DEFAULT_TENANT), installEvents, ...(limit === undefined ? {} : { tenantLimit: limit }) };
  };
  const app = new Hono<{ Bindings: E }>();

  app.post("/webhooks/slack", async (c) => {
    const secrets = acceptedSecrets(c.env.SLACK_SIGNING_SECRET, c.env.SLACK_SIGNING_SECRET_PREVIOUS);
    if (secrets.length === 0) return c.notFound();
    const deps = depsFor(c);
    const headers = c.req.raw.headers;
    const now = Math.floor(deps.now() / 1000);
    const received = await receive(c.req.raw, "slack", deps, (body) =>
      passesWithAny(secrets, (signingSecret) =>
        verifySlackSignature({
          signingSecret,
          signature: headers.get("x-slack-signature"),
          timestamp: headers.get("x-slack-request-timestamp"),
          body,
          now,
        }),
      ),
    );
    if (!received.ok) return received.response;
    await deps.installEvents?.slack(received.raw.body);
    const result = await normalizeSlack(received.raw, deps.resolveTenant);
    switch (result.kind) {
      case "malformed":
        return webhookProblems.malformed();
      case "url_verification":
        return acks.slackChallenge(result.challenge);
      case "delivery": {
        const { delivery, surface } = result;
        return handOver(deps, delivery, () => (surface === "command" ? acks.slackCommand(delivery.items[0]) : acks.empty(200)));
      }
    }
  });

  app.post("/webhooks/github", async (c) => {
    const secrets = acceptedSecrets(c.env.GITHUB_WEBHOOK_SECRET, c.env.GITHUB_WEBHOOK_SECRET_PREVIOUS);
    if (secrets.length === 0) return c.notFound();
    const deps = depsFor(c);
    const signature = c.req.raw.headers.get("x-hub-signature-256");
    const received = await receive(c.req.raw, "github", deps, (body) => passesWithAny(secrets, (secret) => verifyGitHubSignature({ secret, signature, body })));
    if (!received.ok) return received.response;
    await deps.installEvents?.github(c.req.raw.headers.get("x-github-event"), received.raw.body);
    const result = await normalizeGitHub(received.raw, deps.resolveTenant);
    if (result.kind === "malformed") {
      if (result.reason !== undefined) deps.log({ event: "webhook.malformed", provider: "github", reason: result.reason });
      return webhookProblems.malformed();
    }
    return handOver(deps, result.delivery, () => acks.empty(202));
  });

  app.get("/webhooks/whatsapp", async (c) => {
    const tokens = acceptedSecrets(c.env.META_VERIFY_TOKEN, c.env.META_VERIFY_TOKEN_PREVIOUS);
    if (tokens.length === 0) return c.notFound();
    const params = new URL(c.req.url).searchParams;
    const result = await passesWithAny(tokens, (verifyToken) => verifyMetaHandshake(params, verifyToken));
    if (!result.ok) {
      base.log({ event: "webhook.refused", provider: "meta", reason: result.reason });
      return webhookProblems.forbidden();
    }
    return acks.metaChallenge(result.challenge);
  });

  app.post("/webhooks/whatsapp", async (c) => {
    const appSecrets = acceptedSecrets(c.env.META_APP_SECRET, c.env.META_APP_SECRET_PREVIOUS);
    if (appSecrets.length === 0) return c.notFound();
    const deps = depsFor(c);
    const signature = c.req.raw.headers.get("x-hub-signature-256");
    const received = await receive(c.req.raw, "meta", deps, (body) => passesWithAny(appSecrets, (appSecret) => verifyMetaSignature({ appSecret, signature, body })));
    if (!received.ok) return received.response;
    const result = await normalizeMeta(received.raw, deps.resolveTenant);
    if (result.kind === "malformed") return webhookProblems.malformed();
    return handOver(deps, result.delivery, () => acks.empty(200));
  });

  app.post("/webhooks/twilio", async (c) => {
    const authTokens = acceptedSecrets(c.env.TWILIO_AUTH_TOKEN, c.env.TWILIO_AUTH_TOKEN_PREVIOUS);
    const publicUrl = configured(c.env.TWILIO_WEBHOOK_URL);
    if (authTokens.length === 0 || publicUrl === undefined) return c.notFound();
    const deps = depsFor(c);
    const url = twilioSignedUrl(publicUrl, c.req.url);
    const headers = c.req.raw.headers;
    const request = {
      sharedKeySecret: configured(c.env.TWILIO_SHARED_KEY_SECRET),
      url,
      signature: headers.get("x-twilio-signature"),
      settings: headers.get("x-twilio-webhooks-signature-settings"),
    };
    const received = await receive(c.req.raw, "twilio", deps, (body) => passesWithAny(authTokens, (authToken) => verifyTwilioRequest({ ...request, authToken, body })));
    if (!received.ok) return received.response;
    const result = await normalizeTwilio(received.raw, deps.resolveTenant, twilioSignedAs(url));
    if (result.kind === "malformed") return webhookProblems.malformed();
    return handOver(deps, result.delivery, acks.twiml);
  });

  return app;
}

/** Work to finish after the answer, when the platform offers it (tests calling `app.request` may not). */
function backgroundOf(c: Context): ((work: Promise<unknown>) => void) | undefined {
  try {
    const ctx = c.executionCtx;
    return (work) => ctx.waitUntil(work);
  } catch {
    return undefined;
  }
}

/** An empty secret is as good as none: the route stays closed. */
function configured(value: string | undefined): string | undefined {
  return value === undefined || value.length === 0 ? undefined : value;
}

/**
 * Twilio signs the URL it requested. Behind a proxy our request URL differs, so the configured
 * public URL supplies scheme, host and path; the query string (which carries `bodySHA256` for
 * JSON bodies) is the one Twilio actually sent.
 */
export function twilioSignedUrl(publicUrl: string, requestUrl: string): string {
  const end = publicUrl.search(/[?#]/);
  const base = end < 0 ? publicUrl : publicUrl.slice(0, end);
  const queryStart = requestUrl.indexOf("?");
  return queryStart < 0 ? base : base + requestUrl.slice(queryStart);
}
