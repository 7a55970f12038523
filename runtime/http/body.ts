/** The largest webhook body we read. Provider payloads are far smaller; anything bigger is refused unread. */
export const MAX_WEBHOOK_BYTES = 1024 * 1024;

export type BodyResult = { ok: true; bytes: Uint8Array<ArrayBuffer> } | { ok: false; reason: "too_large" };

/**
 * Reads a request's or a response's body while counting bytes and stops at `limit`, so a lying or absent
 * Content-Length cannot make us buffer more than the limit. A declared length over the limit is refused
 * before anything is read. The one bounded reader: inbound routes, webhooks and outbound answers use it.
 */
export async function readBoundedBody(message: Request | Response, limit: number = MAX_WEBHOOK_BYTES): Promise<BodyResult> {
  const declared = message.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared.trim()) > limit) {
    await message.body?.cancel();
    return { ok: false, reason: "too_large" };
  }
  if (message.body === null) return { ok: true, bytes: new Uint8Array(0) };

  const reader = message.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      return { ok: false, reason: "too_large" };
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { ok: true, bytes };
}
