import type { RiskTier } from "../../contracts/tools/define.ts";

const ORDER: Record<RiskTier, number> = { low: 0, medium: 1, high: 2 };

export function tierRank(tier: RiskTier): number {
  return ORDER[tier];
}

export function maxTier(a: RiskTier, b: RiskTier): RiskTier {
  return ORDER[a] >= ORDER[b] ? a : b;
}

export function minTier(a: RiskTier, b: RiskTier): RiskTier {
  return ORDER[a] <= ORDER[b] ? a : b;
}
