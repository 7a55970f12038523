import type { ReplyTarget } from "../../contracts/intent.ts";
import type { ConnectionTarget } from "./target.ts";

/** What answering (a reply, an approval or confirmation notice) acts on: the intent's own team, repository or number. */
export function replyConnectionTargets(target: ReplyTarget): ConnectionTarget[] {
  switch (target.kind) {
    case "slack":
      return [{ provider: "slack", teamId: target.teamId }];
    case "github":
      return [{ provider: "github", owner: target.owner, repo: target.repo }];
    case "whatsapp_meta":
      return [{ provider: "meta", phoneNumberId: target.phoneNumberId }];
    case "whatsapp_twilio":
      return [{ provider: "twilio", from: target.from }];
    case "none":
      return [];
  }
}
