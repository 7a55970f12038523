/** Twilio addresses WhatsApp numbers as `whatsapp:+E164`; a bare number there would go out as SMS. */
export function twilioWhatsapp(number: string): string {
  return number.startsWith("whatsapp:") ? number : `whatsapp:${number}`;
}
