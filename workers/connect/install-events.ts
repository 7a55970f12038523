import { z } from "zod";
import { confirmInstallBinding, dropInstallBinding } from "../../runtime/connections/install-binding.ts";
import { deactivateConnection, reactivateGithubInstall } from "../../runtime/connections/store.ts";
import { log } from "../../runtime/log.ts";
import type { Db } from "../db.ts";
import { forgetBinding } from "../ingest/channel-sink.ts";

/** Provider events that end (or suspend) an install, read from deliveries whose signature already held. */
export interface InstallEvents {
  slack(body: Uint8Array): Promise<void>;
  github(event: string | null, body: Uint8Array): Promise<void>;
}

const SlackEvent = z.object({
  type: z.literal("event_callback"),
  team_id: z.string().min(1),
  event: z.discriminatedUnion("type", [
    z.object({ type: z.literal("app_uninstalled") }),
    z.object({ type: z.literal("tokens_revoked"), tokens: z.object({ bot: z.array(z.string()).optional() }).loose() }),
  ]),
});

const GithubInstallation = z.object({
  action: z.string(),
  installation: z.object({ id: z.number().int() }),
});

function json(body: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(body));
  } catch {
    return undefined;
  }
}

export function installEvents(db: Db, now: () => Date = () => new Date()): InstallEvents {
  async function end(provider: "slack" | "github", externalId: string, bindingId: string, reason: string): Promise<void> {
    const row = await deactivateConnection(db, provider, externalId, now());
    await dropInstallBinding(db, provider, bindingId);
    forgetBinding(provider, bindingId);
    if (row !== undefined) log.info("connection ended", { provider, externalId, tenantId: row.tenantId, reason });
  }

  return {
    async slack(body) {
      const parsed = SlackEvent.safeParse(json(body));
      if (!parsed.success) return;
      const { team_id: teamId, event } = parsed.data;
      // tokens_revoked also fires when only users' tokens go; the install ends when its bot token does.
      if (event.type === "tokens_revoked" && (event.tokens.bot ?? []).length === 0) return;
      await end("slack", teamId, teamId, event.type);
    },
    async github(event, body) {
      if (event !== "installation") return;
      const parsed = GithubInstallation.safeParse(json(body));
      if (!parsed.success) return;
      const id = String(parsed.data.installation.id);
      if (parsed.data.action === "deleted" || parsed.data.action === "suspend") await end("github", id, `installation:${id}`, parsed.data.action);
      if (parsed.data.action === "unsuspend") {
        const row = await reactivateGithubInstall(db, id, now());
        if (row !== undefined) {
          const bound = await confirmInstallBinding(db, row.tenantId, "github", `installation:${id}`, now(), id);
          if (!bound.ok) await deactivateConnection(db, "github", id, now());
          forgetBinding("github", `installation:${id}`);
        }
      }
    },
  };
}
