// Holon files (scripts/holons/README.md): read, checked and normalised into the form the
// deploy takes. Its own module so that scripts/feegrant.mjs (renew reads a holon's [fees]) and
// the tests read holon files without importing the deployer.
import { readFileSync } from "node:fs";
import { extname } from "node:path";

import { parse as parseToml } from "smol-toml";

/** The distributor's policy where a holon file leaves a field out. */
export const DEFAULT_POLICY = {
  model: "time",
  scarcity: { fixed: { factors: [] } },
  capacity_bonus: "0",
  reserve: "0",
  baseline: "0",
  max_credit_per_member: null,
  anyone_may_settle: false,
};
/** The members' multisig when a holon file says nothing about governance. */
export const DEFAULT_MEMBERS_GOVERNANCE = {
  threshold: "0.51",
  quorum: "0.5",
  voting_period_seconds: 604_800,
};
const DEFAULT_ATTESTATION_POLICY = {
  cosigns_required: 1,
  challenge_seconds: 0,
  max_hours_per_attestation: "744",
  max_hours_per_cycle: "744",
  max_cosigns_per_pair_per_cycle: 31,
  pending_expiry_seconds: 0,
};

export class HolonFileError extends Error {}

/** Reads a holon file (.json or .toml) into the deploy's normalised form. */
export function loadHolonFile(path) {
  const text = readFileSync(path, "utf8");
  let raw;
  try {
    raw = extname(path).toLowerCase() === ".toml" ? parseToml(text) : JSON.parse(text);
  } catch (e) {
    throw new HolonFileError(`${path}: not valid ${extname(path).slice(1) || "JSON"}: ${e.message}`);
  }
  return normaliseHolon(raw, path);
}

const dec = (v, field, where) => {
  if (typeof v === "number") v = String(v);
  if (typeof v !== "string" || !/^\d+(\.\d{1,18})?$/.test(v))
    throw new HolonFileError(`${where}: ${field} must be a decimal like "1" or "0.5", got ${JSON.stringify(v)}`);
  return v;
};

// A decimal string as an integer of 10^-18 (exact comparisons).
const atto = (v) => {
  const [i, f = ""] = v.split(".");
  return BigInt(i) * 10n ** 18n + BigInt(f.padEnd(18, "0"));
};

/**
 * The holon file's `governance`: a name or address ({kind: "address", address}), or the
 * members' multisig ({kind: "members", threshold, quorum, voting_period_seconds}), which is
 * what an absent `governance` means. The bounds are cw3-flex-multisig's own (cw-utils'
 * ThresholdQuorum): a threshold over 0.5 and at most 1, a quorum over 0 and at most 1.
 */
export function normaliseGovernance(g, where = "holon") {
  const need = (cond, msg) => {
    if (!cond) throw new HolonFileError(`${where}: ${msg}`);
  };
  if (g === undefined || g === null) return { kind: "members", ...DEFAULT_MEMBERS_GOVERNANCE };
  if (typeof g === "string") {
    need(g.length > 0, "governance must name a wallet, a cw3 or a DAO core");
    return { kind: "address", address: g };
  }
  if (g.kind === "address" && typeof g.address === "string") return { kind: "address", address: g.address };
  const shape = 'governance must be a name or address, or a [governance.members] table (threshold, quorum, voting_period_seconds)';
  need(g && typeof g === "object" && !Array.isArray(g), shape);
  let m;
  if (g.kind === "members") {
    const { kind, ...rest } = g;
    m = rest;
  } else {
    need(Object.keys(g).length === 1 && g.members && typeof g.members === "object", shape);
    m = g.members;
  }
  const known = ["threshold", "quorum", "voting_period_seconds"];
  for (const k of Object.keys(m)) need(known.includes(k), `unknown field "governance.members.${k}" (known: ${known.join(", ")})`);
  const rules = { ...DEFAULT_MEMBERS_GOVERNANCE, ...m };
  const threshold = dec(rules.threshold, "governance.members.threshold", where);
  const quorum = dec(rules.quorum, "governance.members.quorum", where);
  need(atto(threshold) > atto("0.5") && atto(threshold) <= atto("1"),
    `governance.members.threshold must be over 0.5 and at most 1 (a share of the votes), got "${threshold}"`);
  need(atto(quorum) > 0n && atto(quorum) <= atto("1"),
    `governance.members.quorum must be over 0 and at most 1 (a share of the group's weight), got "${quorum}"`);
  const voting_period_seconds = Number(rules.voting_period_seconds);
  need(Number.isInteger(voting_period_seconds) && voting_period_seconds > 0,
    "governance.members.voting_period_seconds must be a positive integer");
  return { kind: "members", threshold, quorum, voting_period_seconds };
}

export function normaliseHolon(raw, where = "holon") {
  const need = (cond, msg) => {
    if (!cond) throw new HolonFileError(`${where}: ${msg}`);
  };
  need(raw && typeof raw === "object", "must be an object");
  const known = new Set([
    "name", "slug", "token", "members", "governance", "posting", "categories", "policy",
    "attestation_policy", "budget", "cycle_seconds", "cycle_start", "max_requesters_per_need",
    "fees",
  ]);
  for (const k of Object.keys(raw)) need(known.has(k), `unknown field "${k}" (known: ${[...known].join(", ")})`);
  need(typeof raw.name === "string" && raw.name.length > 0, "name is required");
  const token = raw.token ?? {};
  need(typeof token.symbol === "string", "token.symbol is required");
  const members = (raw.members ?? []).map((m, i) => {
    if (typeof m === "string") return { addr: m, weight: 1 };
    need(m && typeof m.addr === "string", `members[${i}] must be a name/address or {addr, weight}`);
    return { addr: m.addr, weight: m.weight ?? 1 };
  });
  need(members.length > 0, "members must list at least one member");
  const categories = (raw.categories ?? []).map((c, i) => {
    if (typeof c === "string") c = { id: c };
    need(c && typeof c.id === "string", `categories[${i}].id is required`);
    const w = `categories[${i}]`;
    return {
      id: c.id,
      label: c.label ?? c.id,
      impact: dec(c.impact ?? "1", "impact", w),
      capacity_building: Boolean(c.capacity_building ?? false),
      need_factor: dec(c.need_factor ?? "1", "need_factor", w),
      unit_credit: dec(c.unit_credit ?? "0", "unit_credit", w),
    };
  });
  const policy = { ...DEFAULT_POLICY, ...(raw.policy ?? {}) };
  if (typeof policy.model === "string") policy.model = policy.model.toLowerCase();
  need(["time", "need", "impact", "hybrid"].includes(policy.model), `policy.model must be time, need, impact or hybrid`);
  // scarcity: {fixed: {factors: [...]}} as the contract takes it, or {fixed: {childcare: "2"}}.
  if (policy.scarcity?.fixed && !Array.isArray(policy.scarcity.fixed.factors)) {
    policy.scarcity = {
      fixed: {
        factors: Object.entries(policy.scarcity.fixed).map(([category, factor]) => ({
          category,
          factor: dec(factor, `policy.scarcity.fixed.${category}`, where),
        })),
      },
    };
  }
  for (const k of ["capacity_bonus", "reserve", "baseline"]) policy[k] = dec(policy[k], `policy.${k}`, where);
  const attestation_policy = { ...DEFAULT_ATTESTATION_POLICY, ...(raw.attestation_policy ?? {}) };
  for (const k of ["max_hours_per_attestation", "max_hours_per_cycle"])
    attestation_policy[k] = dec(attestation_policy[k], `attestation_policy.${k}`, where);
  let budget = raw.budget ?? { treasury: { denom: "ucredit" } };
  if (budget.fixed && budget.fixed.emission !== undefined) budget = { fixed: { emission: String(budget.fixed.emission) } };
  need(budget.treasury?.denom || budget.fixed?.emission, `budget must be {treasury: {denom}} or {fixed: {emission}}`);
  const cycle_seconds = Number(raw.cycle_seconds ?? 2_592_000);
  need(Number.isInteger(cycle_seconds) && cycle_seconds > 0, "cycle_seconds must be a positive integer");
  const posting = (raw.posting ?? "members").toLowerCase();
  need(["members", "stewards"].includes(posting), "posting must be members or stewards");
  return {
    name: raw.name,
    slug: raw.slug ?? slugify(raw.name),
    token: {
      name: token.name ?? `${raw.name} Flow`,
      symbol: token.symbol,
      decimals: token.decimals ?? 6,
    },
    members,
    governance: normaliseGovernance(raw.governance, where),
    posting,
    categories,
    policy,
    attestation_policy,
    budget,
    cycle_seconds,
    cycle_start: raw.cycle_start ?? null,
    max_requesters_per_need: raw.max_requesters_per_need ?? null,
    // [fees]: checked against the chain's gas price by deploy() (scripts/feegrant.mjs).
    ...(raw.fees !== undefined ? { fees: raw.fees } : {}),
  };
}

export const slugify = (s) =>
  s.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "holon";
