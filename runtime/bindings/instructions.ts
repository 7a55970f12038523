import type { BindingConfirmation } from "../../contracts/commands/channel-binding-create.ts";
import type { ChannelProvider } from "../../contracts/common/channel-binding.ts";

const where: Record<ChannelProvider, string> = {
  slack: "Run it as the slash command (`/cp bind <code>`) or send it to the app in that workspace.",
  github: "Post it as a line of an issue or pull-request comment in that repository (or a repository of that installation), as an owner, member or collaborator.",
  meta: "Send it as a WhatsApp text message to that phone number.",
  twilio: "Send it as a WhatsApp text message to that number.",
};

/** What the create answer tells the admin to do with a pending binding's code. */
export function confirmationOf(provider: ChannelProvider, code: string, expiresAt: string): BindingConfirmation {
  return { code, expiresAt, command: `/cp bind ${code}`, how: `${where[provider]} Valid until ${expiresAt}; it works once.` };
}
