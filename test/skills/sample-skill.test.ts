import { describe, expect, it } from "vitest";
import { SKILL_RUNTIME_VERSION } from "../../contracts/skills/runtime.ts";
import { checkInstall } from "../../engine/skills/check-install.ts";
import { buildUnsignedManifest } from "../../cli/skills/template.ts";
import { localCheckInput } from "../../cli/skills/local-verify.ts";
import { PublicKeyFile } from "../../cli/skills/key-files.ts";
import bundleSource from "../../skills/acme-echo/bundle.js?raw";
import template from "../../skills/acme-echo/manifest.json";
import signed from "../fixtures/skills/acme-echo.signed.json";
import publicKeyFile from "../fixtures/skills/test-only-acme.pub.json";

const bundle = new TextEncoder().encode(bundleSource);
const now = new Date(Date.parse(signed.issuedAt) + 86_400_000);

describe("the sample skill acme/echo, signed by `cplane skills sign`", () => {
  it("passes every install check with the test-only publisher key", async () => {
    const input = localCheckInput({ manifest: signed, bundle, publicKey: PublicKeyFile.parse(publicKeyFile), runtimeVersion: SKILL_RUNTIME_VERSION, now });
    const decision = await checkInstall(input);
    expect(decision.checks.filter((check) => !check.ok)).toEqual([]);
    expect(decision.ok).toBe(true);
  });

  it("is the repo's template and bundle: rebuilding the unsigned fields gives the signed ones", () => {
    const rebuilt = buildUnsignedManifest(template, bundle, new Date(signed.issuedAt), 730);
    expect(rebuilt.ok).toBe(true);
    if (!rebuilt.ok) return;
    const { signature: _signature, ...fields } = signed;
    expect(rebuilt.manifest).toEqual(fields);
  });
});
