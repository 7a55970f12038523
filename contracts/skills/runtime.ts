/**
 * Version of the skill runtime contract: the module interface a bundle implements and what the
 * sandbox gives it. Manifests declare a semver range against this; bump the major version when a
 * bundle written for the old interface would break.
 */
export const SKILL_RUNTIME_VERSION = "1.0.0";
