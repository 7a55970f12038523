/** Where a literal address points: the loopback interface, any other non-public range, or the internet. */
export type AddressClass = "loopback" | "private" | "public";

type Range = readonly [base: number, prefix: number];

const ipv4Loopback: Range = [ip4(127, 0, 0, 0), 8];

// Special-purpose IPv4 ranges (RFC 6890 and successors): none of them is a public destination.
const ipv4NonPublic: readonly Range[] = [
  [ip4(0, 0, 0, 0), 8], // this network
  [ip4(10, 0, 0, 0), 8],
  [ip4(100, 64, 0, 0), 10], // carrier-grade NAT
  [ip4(169, 254, 0, 0), 16], // link-local, cloud metadata (169.254.169.254)
  [ip4(172, 16, 0, 0), 12],
  [ip4(192, 0, 0, 0), 24],
  [ip4(192, 0, 2, 0), 24],
  [ip4(192, 88, 99, 0), 24],
  [ip4(192, 168, 0, 0), 16],
  [ip4(198, 18, 0, 0), 15],
  [ip4(198, 51, 100, 0), 24],
  [ip4(203, 0, 113, 0), 24],
  [ip4(224, 0, 0, 0), 4], // multicast
  [ip4(240, 0, 0, 0), 4], // reserved, broadcast
];

/** Dotted-quad IPv4 as a 32-bit number, or undefined when `text` is not exactly that. */
export function parseIpv4(text: string): number | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = value * 256 + octet;
  }
  return value;
}

/** IPv6 (with `::` and a trailing dotted IPv4 allowed) as eight 16-bit groups, or undefined. */
export function parseIpv6(text: string): number[] | undefined {
  let rest = text;
  let tail: number[] = [];
  const lastColon = text.lastIndexOf(":");
  const last = text.slice(lastColon + 1);
  if (lastColon >= 0 && last.includes(".")) {
    const v4 = parseIpv4(last);
    if (v4 === undefined) return undefined;
    tail = [Math.floor(v4 / 0x10000), v4 % 0x10000];
    rest = text.slice(0, lastColon + 1);
    if (!rest.endsWith("::")) rest = rest.slice(0, -1);
  }
  const halves = rest.split("::");
  if (halves.length > 2) return undefined;
  const head = groups(halves[0] ?? "");
  const back = halves.length === 2 ? groups(halves[1] ?? "") : [];
  if (head === undefined || back === undefined) return undefined;
  const known = head.length + back.length + tail.length;
  if (halves.length === 2 ? known > 7 : known !== 8) return undefined;
  return [...head, ...new Array<number>(8 - known).fill(0), ...back, ...tail];
}

function groups(text: string): number[] | undefined {
  if (text === "") return [];
  const out: number[] = [];
  for (const group of text.split(":")) {
    if (!/^[0-9a-f]{1,4}$/i.test(group)) return undefined;
    out.push(parseInt(group, 16));
  }
  return out;
}

export function classifyIpv4(address: number): AddressClass {
  if (inRange(address, ipv4Loopback)) return "loopback";
  return ipv4NonPublic.some((range) => inRange(address, range)) ? "private" : "public";
}

export function classifyIpv6(g: readonly number[]): AddressClass {
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = g;
  const embedded = g6 * 0x10000 + g7;
  const zeroTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeroTo(7) && g7 === 1) return "loopback";
  if (zeroTo(8)) return "private"; // unspecified
  if (zeroTo(5) && g5 === 0xffff) return classifyIpv4(embedded); // IPv4-mapped ::ffff:a.b.c.d
  if (zeroTo(4) && g4 === 0xffff && g5 === 0) return classifyIpv4(embedded); // IPv4-translated ::ffff:0:a.b.c.d
  if (zeroTo(6)) return classifyIpv4(embedded); // IPv4-compatible ::a.b.c.d (deprecated, still routed by some stacks)
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return classifyIpv4(embedded); // NAT64
  if (g0 === 0x2002) return classifyIpv4(g1 * 0x10000 + g2); // 6to4
  if (g0 === 0x2001 && g1 === 0) return "private"; // Teredo: the client address is hidden in the rest
  if (g0 === 0x2001 && g1 === 0xdb8) return "private"; // documentation
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 1) return "private"; // local-use NAT64
  if (g0 === 0x100 && g1 === 0 && g2 === 0 && g3 === 0) return "private"; // discard
  if ((g0 & 0xfe00) === 0xfc00) return "private"; // unique local, incl. fd00:ec2::254 metadata
  if ((g0 & 0xffc0) === 0xfe80 || (g0 & 0xffc0) === 0xfec0) return "private"; // link-local, site-local
  if ((g0 & 0xff00) === 0xff00) return "private"; // multicast
  return "public";
}

function ip4(a: number, b: number, c: number, d: number): number {
  return ((a * 256 + b) * 256 + c) * 256 + d;
}

function inRange(address: number, [base, prefix]: Range): boolean {
  const size = 2 ** (32 - prefix);
  return Math.floor(address / size) === Math.floor(base / size);
}
