import { z } from "zod";
import type { WhatsappRegistration } from "../../contracts/commands/connection-whatsapp-register.ts";
import type { ProviderUrls } from "../tools/config.ts";

export type WhatsappCheck = { ok: true; details: Record<string, string> } | { ok: false; code: "PROVIDER_CHECK_FAILED" | "PROVIDER_UNREACHABLE"; message: string };

const MetaNumber = z.object({ id: z.string(), display_phone_number: z.string().optional(), verified_name: z.string().optional() });
const TwilioNumbers = z.object({ incoming_phone_numbers: z.array(z.object({ phone_number: z.string() })) });

/**
 * A read call to the provider with the tenant's own credential, before anything is stored: the number exists under
 * that credential, or nothing is registered. Nothing is sent to anyone.
 */
export async function checkWhatsapp(registration: WhatsappRegistration, urls: ProviderUrls, fetcher: typeof fetch): Promise<WhatsappCheck> {
  if (registration.provider === "meta") {
    const url = new URL(`${urls.meta.graphUrl.replace(/\/+$/, "")}/${urls.meta.graphVersion}/${encodeURIComponent(registration.phoneNumberId)}`);
    url.searchParams.set("fields", "id,display_phone_number,verified_name");
    const read = await get(url.toString(), { authorization: `Bearer ${registration.accessToken}` }, fetcher);
    if (!read.ok) return read;
    const number = MetaNumber.safeParse(read.body);
    if (!number.success || number.data.id !== registration.phoneNumberId) return { ok: false, code: "PROVIDER_CHECK_FAILED", message: "Meta did not answer this phone number id" };
    return { ok: true, details: { ...(number.data.display_phone_number === undefined ? {} : { number: number.data.display_phone_number }), ...(number.data.verified_name === undefined ? {} : { name: number.data.verified_name }) } };
  }
  const url = new URL(`${urls.twilio.replace(/\/+$/, "")}/2010-04-01/Accounts/${encodeURIComponent(registration.accountSid)}/IncomingPhoneNumbers.json`);
  url.searchParams.set("PhoneNumber", registration.from);
  const read = await get(url.toString(), { authorization: `Basic ${btoa(`${registration.accountSid}:${registration.authToken}`)}` }, fetcher);
  if (!read.ok) return read;
  const numbers = TwilioNumbers.safeParse(read.body);
  if (!numbers.success || !numbers.data.incoming_phone_numbers.some((n) => n.phone_number === registration.from)) {
    return { ok: false, code: "PROVIDER_CHECK_FAILED", message: `${registration.from} is not a number of this Twilio account` };
  }
  return { ok: true, details: { accountSid: registration.accountSid, number: registration.from } };
}

async function get(url: string, headers: Record<string, string>, fetcher: typeof fetch): Promise<{ ok: true; body: unknown } | Exclude<WhatsappCheck, { ok: true }>> {
  let response: Response;
  try {
    response = await fetcher(url, { method: "GET", headers, redirect: "manual", signal: AbortSignal.timeout(10_000) });
  } catch (error) {
    return { ok: false, code: "PROVIDER_UNREACHABLE", message: `the provider could not be asked: ${error instanceof Error ? error.message : String(error)}` };
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (response.status >= 500) return { ok: false, code: "PROVIDER_UNREACHABLE", message: `the provider answered ${response.status}` };
  if (!response.ok) return { ok: false, code: "PROVIDER_CHECK_FAILED", message: `the provider refused the credential (${response.status})` };
  return { ok: true, body };
}
