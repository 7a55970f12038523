import { and, eq } from "drizzle-orm";
import { connectionWhatsappRegister, whatsappRegistrationOf } from "../../../contracts/commands/connection-whatsapp-register.ts";
import { checkWhatsapp } from "../../../runtime/connections/whatsapp-check.ts";
import { connections } from "../../../schema/index.ts";
import { finishInstall } from "../../connect/finish-install.ts";
import { providerUrlsFromEnv } from "../../../runtime/tools/config.ts";
import { implement, requireCaller } from "../handler.ts";
import { ProblemError } from "../problem.ts";
import { connectionView } from "./connection-view.ts";

/** The provider accepts the tenant's credential for the number, then the number becomes the tenant's install and binding. */
export const connectionWhatsappRegisterHandler = implement(connectionWhatsappRegister, async (input, ctx) => {
  const caller = requireCaller(ctx);
  const registration = whatsappRegistrationOf(input);
  if (registration === undefined) throw new ProblemError(400, "VALIDATION_FAILED", "The registration lacks a field its provider needs.");
  const checked = await checkWhatsapp(registration, providerUrlsFromEnv(ctx.env), (url, init) => fetch(url, init));
  if (!checked.ok) throw new ProblemError(checked.code === "PROVIDER_UNREACHABLE" ? 502 : 422, checked.code, checked.message);
  const externalId = registration.provider === "meta" ? registration.phoneNumberId : registration.from;
  const credential = registration.provider === "meta" ? registration.accessToken : JSON.stringify({ accountSid: registration.accountSid, authToken: registration.authToken });
  await finishInstall(ctx.db, ctx.env.CREDENTIALS_KEY, { tenantId: caller.tenantId, provider: input.provider, externalId, credential, details: checked.details, installedBy: caller.principalId }, ctx.now);
  const [row] = await ctx.db.select().from(connections).where(and(eq(connections.provider, input.provider), eq(connections.externalId, externalId))).limit(1);
  if (row === undefined) throw new Error("connection vanished after registration");
  return connectionView(row);
});
