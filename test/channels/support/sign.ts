import { toBase64, toHex, utf8 } from "../../../workers/channels/bytes.ts";
import { hmacSign, importHmacKey, sha256Hex } from "../../../workers/channels/crypto.ts";
import { twilioParamString } from "../../../workers/channels/twilio.ts";

/** Signs like the providers do, so tests can build valid deliveries; the vectors pin the schemes down. */
export async function slackSignature(secret: string, timestamp: string, body: Uint8Array<ArrayBuffer>): Promise<string> {
  const prefix = utf8(`v0:${timestamp}:`);
  const data = new Uint8Array(prefix.byteLength + body.byteLength);
  data.set(prefix, 0);
  data.set(body, prefix.byteLength);
  return `v0=${toHex(await hmacSign(await importHmacKey(secret, "SHA-256"), data))}`;
}

export async function hubSignature(secret: string, body: Uint8Array<ArrayBuffer>): Promise<string> {
  return `sha256=${toHex(await hmacSign(await importHmacKey(secret, "SHA-256"), body))}`;
}

export async function twilioSignature(authToken: string, url: string, params: Iterable<readonly [string, string]>): Promise<string> {
  return toBase64(await hmacSign(await importHmacKey(authToken, "SHA-1"), utf8(url + twilioParamString(params))));
}

/** A JSON delivery as Twilio sends it: bodySHA256 in the URL, signature over that URL alone. */
export async function twilioJsonRequest(authToken: string, baseUrl: string, body: Uint8Array<ArrayBuffer>) {
  const separator = baseUrl.includes("?") ? "&" : "?";
  const url = `${baseUrl}${separator}bodySHA256=${await sha256Hex(body)}`;
  return { url, signature: await twilioSignature(authToken, url, []) };
}
