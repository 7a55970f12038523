import { describe, expect, it } from "vitest";
import type { HttpToolConfig } from "../../runtime/tools/config.ts";
import { checkTarget } from "../../workers/tools/http-target.ts";
import { parseIpv6 } from "../../workers/tools/ip-address.ts";

/** Allowlists the URL's own host, so only the address check can refuse it. */
function verdict(raw: string, config: Partial<HttpToolConfig> = {}): string {
  const url = new URL(raw);
  const refused = checkTarget(url, { allowedHosts: [url.hostname], allowLoopback: false, maxResponseBytes: 1024, ...config });
  return refused === undefined ? "allowed" : refused.code;
}

const loopback = [
  "http://127.0.0.1/",
  "http://127.1/",
  "http://127.255.255.254/",
  "http://0x7f.0.0.1/",
  "http://0177.0.0.1/",
  "http://2130706433/",
  "http://127.0.0.1./",
  "http://[::1]/",
  "http://[0:0:0:0:0:0:0:1]/",
  "http://[::ffff:127.0.0.1]/",
  "http://[::ffff:7f00:1]/",
  "http://[::127.0.0.1]/",
  "http://[::ffff:0:127.0.0.1]/",
  "http://[64:ff9b::127.0.0.1]/",
  "http://[2002:7f00:1::]/",
  "http://localhost/",
  "http://LOCALHOST./",
  "http://api.localhost/",
];

const nonPublic = [
  "http://0.0.0.0/",
  "http://0/",
  "http://10.0.0.1/",
  "http://172.16.0.1/",
  "http://172.31.255.255/",
  "http://192.168.1.1/",
  "http://169.254.169.254/latest/meta-data/",
  "http://0xa9fea9fe/",
  "http://100.64.0.1/",
  "http://192.0.0.170/",
  "http://198.18.0.1/",
  "http://224.0.0.1/",
  "http://255.255.255.255/",
  "http://[::]/",
  "http://[::ffff:169.254.169.254]/",
  "http://[::ffff:a9fe:a9fe]/",
  "http://[::ffff:10.0.0.1]/",
  "http://[64:ff9b::a9fe:a9fe]/",
  "http://[fe80::1]/",
  "http://[febf::1]/",
  "http://[fc00::1]/",
  "http://[fd00:ec2::254]/",
  "http://[fec0::1]/",
  "http://[ff02::1]/",
  "http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/",
  "http://[2001:db8::1]/",
  "http://[100::1]/",
  "http://[2002:a9fe:a9fe::]/",
  "http://metadata.google.internal/computeMetadata/v1/",
  "http://metadata/",
  "http://instance-data/",
  "http://printer.local/",
  "http://router.lan/",
  "http://ip-10-0-0-1.ec2.internal/",
];

describe("http.request target check", () => {
  it.each(loopback)("refuses loopback %s", (url) => {
    expect(verdict(url)).toBe("ADDRESS_NOT_ALLOWED");
  });

  it.each(loopback)("lets loopback %s through only under the test-only switch", (url) => {
    expect(verdict(url, { allowLoopback: true })).toBe("allowed");
  });

  it.each(nonPublic)("refuses %s even when allowlisted, even under the test-only switch", (url) => {
    expect(verdict(url)).toBe("ADDRESS_NOT_ALLOWED");
    expect(verdict(url, { allowLoopback: true })).toBe("ADDRESS_NOT_ALLOWED");
  });

  it.each(["https://api.example.com/", "http://93.184.216.34/", "http://[2606:4700::1111]/", "http://[::ffff:93.184.216.34]/"])(
    "allows public %s when allowlisted",
    (url) => {
      expect(verdict(url)).toBe("allowed");
    },
  );

  it("allows only allowlisted hosts, by exact name, wildcard subdomain or host:port", () => {
    const allowedHosts = ["api.example.com", "*.example.org", "hooks.example.net:8443"];
    const check = (url: string) => checkTarget(new URL(url), { allowedHosts, allowLoopback: false, maxResponseBytes: 1 })?.code ?? "allowed";
    expect(check("https://api.example.com/v1")).toBe("allowed");
    expect(check("https://API.Example.com./v1")).toBe("allowed");
    expect(check("https://a.b.example.org/")).toBe("allowed");
    expect(check("https://hooks.example.net:8443/")).toBe("allowed");
    expect(check("https://example.org/")).toBe("HOST_NOT_ALLOWED");
    expect(check("https://evil.example.com/")).toBe("HOST_NOT_ALLOWED");
    expect(check("https://api.example.com.evil.test/")).toBe("HOST_NOT_ALLOWED");
    expect(check("https://api.example.com@evil.test/")).toBe("HOST_NOT_ALLOWED");
    expect(check("https://hooks.example.net/")).toBe("HOST_NOT_ALLOWED");
    // An entry without a port is the scheme's default port only.
    expect(check("https://api.example.com:443/")).toBe("allowed");
    expect(check("http://api.example.com/")).toBe("allowed");
    expect(check("https://api.example.com:8443/")).toBe("HOST_NOT_ALLOWED");
    expect(check("http://api.example.com:8080/")).toBe("HOST_NOT_ALLOWED");
    expect(check("https://api.example.com:80/")).toBe("HOST_NOT_ALLOWED");
    expect(check("https://a.b.example.org:8443/")).toBe("HOST_NOT_ALLOWED");
    expect(check("ftp://api.example.com/")).toBe("SCHEME_NOT_ALLOWED");
    expect(checkTarget(new URL("https://api.example.com/"), { allowedHosts: [], allowLoopback: false, maxResponseBytes: 1 })?.code).toBe("HOST_NOT_ALLOWED");
  });

  it("parses every IPv6 spelling into the same groups", () => {
    const mapped = [0, 0, 0, 0, 0, 0xffff, 0x7f00, 1];
    expect(parseIpv6("::ffff:127.0.0.1")).toEqual(mapped);
    expect(parseIpv6("::ffff:7f00:1")).toEqual(mapped);
    expect(parseIpv6("0:0:0:0:0:ffff:7f00:0001")).toEqual(mapped);
    expect(parseIpv6("1:2:3:4:5:6:1.2.3.4")).toEqual([1, 2, 3, 4, 5, 6, 0x102, 0x304]);
    expect(parseIpv6("fe80::")).toEqual([0xfe80, 0, 0, 0, 0, 0, 0, 0]);
    for (const bad of ["1:2:3:4:5:6:7:8:9", "1::2::3", ":1::", "12345::", "::1.2.3", "g::1", "1:2:3:4:5:6:7"]) {
      expect({ bad, parsed: parseIpv6(bad) }).toEqual({ bad, parsed: undefined });
    }
  });
});
