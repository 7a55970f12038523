import { exports } from "cloudflare:workers";

/** Like support/api.ts `call`, but redirects come back as they are (the dashboard answers forms with 303). */
function call(method: string, path: string, init: { body?: string; headers: Record<string, string> }): Promise<Response> {
  return exports.default.fetch(`http://cp.test${path}`, { method, headers: init.headers, body: init.body, redirect: "manual" });
}

export const ORIGIN = "http://cp.test";

/** Signs in through the login form; returns the session cookie (`name=value`). */
export async function login(key: string): Promise<string> {
  const res = await postForm("/dashboard/login", { key });
  if (res.status !== 303) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const cookie = /^([^;]+)/.exec(res.headers.get("set-cookie") ?? "")?.[1];
  if (cookie === undefined) throw new Error("login set no cookie");
  return cookie;
}

export function postForm(path: string, fields: Record<string, string>, headers: Record<string, string> = { origin: ORIGIN }) {
  return call("POST", path, {
    body: new URLSearchParams(fields).toString(),
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
  });
}

export async function page(path: string, cookie: string): Promise<{ status: number; html: string; location: string | null }> {
  const res = await call("GET", path, { headers: cookie === "" ? {} : { cookie } });
  return { status: res.status, html: await res.text(), location: res.headers.get("location") };
}

/** The CSRF token of the first form on a signed-in page. */
export async function csrfOf(cookie: string): Promise<string> {
  const { html } = await page("/dashboard/approvals", cookie);
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (token === undefined) throw new Error("no CSRF token on the page");
  return token;
}
