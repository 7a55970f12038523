import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { MANIFEST_PATH, renderManifest } from "../../scripts/slack-manifest.ts";

test("deploy/slack-app-manifest.json is what the tool contracts generate (node scripts/slack-manifest.ts)", () => {
  assert.equal(readFileSync(MANIFEST_PATH, "utf8"), renderManifest());
});

test("every Slack surface of the manifest points at the one webhook route", () => {
  const manifest = JSON.parse(renderManifest());
  const urls = [manifest.features.slash_commands[0].url, manifest.settings.event_subscriptions.request_url, manifest.settings.interactivity.request_url];
  assert.ok(urls.every((url: string) => url.endsWith("/webhooks/slack")));
});
