// Holon files (scripts/holons/README.md): what scripts/deploy.mjs deploys. A `.toml` holon
// file is a scenario file's holon part (docs/SCENARIO.md), and the Rust checker is its one
// reader: loadHolonFile runs `flow holon FILE --json`, which applies every default and
// reports a mistake with its file, line and field; its message becomes the HolonFileError's,
// word for word. A `.json` file (or a JS object given to deploy()) is that output: the
// complete form, every field present. It is checked here for shape and required keys, and
// nothing is filled in. Its own module so that scripts/feegrant.mjs (renew reads a holon's
// [fees]) and the tests read holon files without importing the deployer.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, extname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

export class HolonFileError extends Error {}

let builtFlow = null;

/**
 * The flow CLI: $FLOW_BIN, else this checkout's target/debug/flow, built once per process
 * (`cargo build -q -p flow-cli --bin flow`, a no-op when it is up to date).
 */
export function flowBin() {
  if (process.env.FLOW_BIN) return process.env.FLOW_BIN;
  if (builtFlow) return builtFlow;
  const r = spawnSync("cargo", ["build", "-q", "-p", "flow-cli", "--bin", "flow"], {
    cwd: ROOT,
    encoding: "utf8",
    stdio: ["ignore", "ignore", "pipe"],
  });
  if (r.error) throw new Error(`cannot build the flow CLI to read holon files (cargo: ${r.error.message}); set FLOW_BIN to a flow binary`);
  if (r.status !== 0)
    throw new Error(`cargo build -p flow-cli --bin flow failed (the flow CLI reads .toml holon files; set FLOW_BIN to a flow binary):\n${r.stderr.trim()}`);
  builtFlow = join(ROOT, "target/debug/flow");
  return builtFlow;
}

/**
 * Reads a holon file into the deploy's complete form (the JSON of `flow holon FILE --json`,
 * docs in scripts/holons/README.md). `.toml`: through `flow holon` (`holon`: the `--holon ID`
 * of a file with several `[[holons]]`); `.json`: that form, checked.
 */
export function loadHolonFile(path, { holon } = {}) {
  const ext = extname(path).toLowerCase();
  if (ext === ".toml") {
    if (!existsSync(path)) throw new HolonFileError(`${path}: no such file`);
    const bin = flowBin();
    const args = ["holon", path, ...(holon ? ["--holon", holon] : []), "--json"];
    const r = spawnSync(bin, args, { encoding: "utf8", maxBuffer: 64 << 20 });
    if (r.error) throw new Error(`cannot run ${bin} ${args.join(" ")}: ${r.error.message}`);
    if (r.status !== 0) throw new HolonFileError(r.stderr.trim() || `${bin} ${args.join(" ")} failed (exit ${r.status})`);
    let out;
    try {
      out = JSON.parse(r.stdout);
    } catch (e) {
      throw new Error(`${bin} ${args.join(" ")} printed no JSON document: ${e.message}`);
    }
    return checkHolon(out, `${path} (as flow holon read it)`);
  }
  if (ext === ".json") {
    if (holon) throw new HolonFileError(`${path}: --holon picks a holon of a .toml scenario file; a .json holon file holds one`);
    let raw;
    try {
      raw = JSON.parse(readFileSync(path, "utf8"));
    } catch (e) {
      throw new HolonFileError(`${path}: ${e.code === "ENOENT" ? "no such file" : `not valid JSON: ${e.message}`}`);
    }
    return checkHolon(raw, path);
  }
  throw new HolonFileError(
    `${path}: a holon file is .toml (the holon part of a scenario file, docs/SCENARIO.md) or .json (the complete form \`flow holon FILE --json\` prints)`,
  );
}

// ---------------------------------------------------------------------------- the complete form

const REQUIRED = [
  "name", "slug", "token", "members", "governance", "posting", "categories", "policy",
  "attestation_policy", "budget", "cycle_seconds", "cycle_start", "max_requesters_per_need", "commons",
];
const OPTIONAL = ["fees"];

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const show = (v) => (v === undefined ? "nothing" : JSON.stringify(v));
const DECIMAL = /^\d+(\.\d{1,18})?$/;
// A decimal string as an integer of 10^-18 (exact comparisons).
const atto = (v) => {
  const [i, f = ""] = v.split(".");
  return BigInt(i) * 10n ** 18n + BigInt(f.padEnd(18, "0"));
};

/**
 * Checks a holon in the complete form (every field present, as `flow holon FILE --json`
 * prints it) and returns it as given: an unknown or missing key, or a value of the wrong
 * kind, is a HolonFileError naming the field. No field is filled in.
 */
export function checkHolon(h, where = "holon") {
  const fail = (field, msg) => {
    throw new HolonFileError(`${where}: ${field ? `${field} ` : ""}${msg}`);
  };
  // exactly these keys (those in `optional` may be left out)
  const keys = (obj, field, required, optional = []) => {
    if (!isObject(obj)) fail(field, `must be an object with ${required.join(", ")}, got ${show(obj)}`);
    for (const k of Object.keys(obj))
      if (!required.includes(k) && !optional.includes(k))
        fail(field ? `${field}.${k}` : k, `is not a field of ${field || "a holon"} (fields: ${[...required, ...optional].join(", ")})`);
    const missing = required.filter((k) => !(k in obj));
    if (missing.length)
      fail(
        null,
        `${missing.map((k) => (field ? `${field}.${k}` : k)).join(", ")} missing: a holon given as JSON (or to deploy()) is the complete form ` +
          "`flow holon FILE --json` prints, every field present (no defaults are applied)",
      );
  };
  const string = (v, field) => {
    if (typeof v !== "string" || v.length === 0) fail(field, `must be a non-empty string, got ${show(v)}`);
    return v;
  };
  const uint = (v, field, { min = 0, max = Number.MAX_SAFE_INTEGER } = {}) => {
    if (!Number.isSafeInteger(v) || v < min || v > max)
      fail(field, `must be a whole number${max < Number.MAX_SAFE_INTEGER ? ` from ${min} to ${max}` : min > 0 ? ` of at least ${min}` : ""}, got ${show(v)}`);
    return v;
  };
  const decimal = (v, field) => {
    if (typeof v !== "string" || !DECIMAL.test(v)) fail(field, `must be a decimal string like "1" or "0.5", got ${show(v)}`);
    return v;
  };
  const amount = (v, field) => {
    if (typeof v !== "string" || !/^\d+$/.test(v)) fail(field, `must be a whole amount as a string like "5000000000", got ${show(v)}`);
    return v;
  };
  const bool = (v, field) => {
    if (typeof v !== "boolean") fail(field, `must be true or false, got ${show(v)}`);
    return v;
  };
  const oneOf = (v, field, options) => {
    if (!options.includes(v)) fail(field, `must be ${options.map((o) => JSON.stringify(o)).join(" or ")}, got ${show(v)}`);
    return v;
  };

  keys(h, "", REQUIRED, OPTIONAL);
  string(h.name, "name");
  if (typeof h.slug !== "string" || !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(h.slug))
    fail("slug", `must be a file name of letters, digits, '.', '_' and '-', got ${show(h.slug)}`);

  keys(h.token, "token", ["name", "symbol", "decimals"]);
  string(h.token.name, "token.name");
  string(h.token.symbol, "token.symbol");
  uint(h.token.decimals, "token.decimals", { max: 18 });

  if (!Array.isArray(h.members) || h.members.length === 0) fail("members", `must list at least one {addr, weight}, got ${show(h.members)}`);
  h.members.forEach((m, i) => {
    keys(m, `members[${i}]`, ["addr", "weight"]);
    string(m.addr, `members[${i}].addr`);
    uint(m.weight, `members[${i}].weight`, { min: 1 });
  });

  const g = h.governance;
  if (isObject(g) && g.kind === "address") {
    keys(g, "governance", ["kind", "address"]);
    string(g.address, "governance.address");
  } else if (isObject(g) && g.kind === "members") {
    // cw3-flex-multisig's own bounds (cw-utils' ThresholdQuorum)
    keys(g, "governance", ["kind", "threshold", "quorum", "voting_period_seconds"]);
    const threshold = decimal(g.threshold, "governance.threshold");
    const quorum = decimal(g.quorum, "governance.quorum");
    if (!(atto(threshold) > atto("0.5") && atto(threshold) <= atto("1")))
      fail("governance.threshold", `must be over 0.5 and at most 1 (a share of the votes), got "${threshold}"`);
    if (!(atto(quorum) > 0n && atto(quorum) <= atto("1")))
      fail("governance.quorum", `must be over 0 and at most 1 (a share of the group's weight), got "${quorum}"`);
    uint(g.voting_period_seconds, "governance.voting_period_seconds", { min: 1 });
  } else {
    fail(
      "governance",
      `must be {"kind": "address", "address": NAME_OR_ADDRESS} or {"kind": "members", "threshold", "quorum", "voting_period_seconds"}, got ${show(g)}`,
    );
  }

  oneOf(h.posting, "posting", ["members", "stewards"]);

  if (!Array.isArray(h.categories)) fail("categories", `must be a list, got ${show(h.categories)}`);
  h.categories.forEach((c, i) => {
    const f = `categories[${i}]`;
    keys(c, f, ["id", "label", "impact", "capacity_building", "need_factor", "unit_credit"]);
    string(c.id, `${f}.id`);
    if (typeof c.label !== "string") fail(`${f}.label`, `must be a string, got ${show(c.label)}`);
    decimal(c.impact, `${f}.impact`);
    bool(c.capacity_building, `${f}.capacity_building`);
    decimal(c.need_factor, `${f}.need_factor`);
    decimal(c.unit_credit, `${f}.unit_credit`);
  });

  const p = h.policy;
  keys(p, "policy", ["model", "scarcity", "capacity_bonus", "reserve", "baseline", "max_credit_per_member", "anyone_may_settle"]);
  oneOf(p.model, "policy.model", ["time", "need", "impact", "hybrid"]);
  const s = p.scarcity;
  if (isObject(s) && "fixed" in s) {
    keys(s, "policy.scarcity", ["fixed"]);
    keys(s.fixed, "policy.scarcity.fixed", ["factors"]);
    if (!Array.isArray(s.fixed.factors)) fail("policy.scarcity.fixed.factors", `must be a list of {category, factor}, got ${show(s.fixed.factors)}`);
    s.fixed.factors.forEach((x, i) => {
      const f = `policy.scarcity.fixed.factors[${i}]`;
      keys(x, f, ["category", "factor"]);
      string(x.category, `${f}.category`);
      decimal(x.factor, `${f}.factor`);
    });
  } else if (isObject(s) && "auto" in s) {
    keys(s, "policy.scarcity", ["auto"]);
    keys(s.auto, "policy.scarcity.auto", ["min", "max"]);
    decimal(s.auto.min, "policy.scarcity.auto.min");
    decimal(s.auto.max, "policy.scarcity.auto.max");
  } else {
    fail("policy.scarcity", `must be {"fixed": {"factors": [...]}} or {"auto": {"min", "max"}}, got ${show(s)}`);
  }
  for (const k of ["capacity_bonus", "reserve", "baseline"]) decimal(p[k], `policy.${k}`);
  if (p.max_credit_per_member !== null) decimal(p.max_credit_per_member, "policy.max_credit_per_member");
  bool(p.anyone_may_settle, "policy.anyone_may_settle");

  const a = h.attestation_policy;
  keys(a, "attestation_policy", [
    "cosigns_required", "challenge_seconds", "max_hours_per_attestation", "max_hours_per_cycle",
    "max_cosigns_per_pair_per_cycle", "pending_expiry_seconds",
  ]);
  uint(a.cosigns_required, "attestation_policy.cosigns_required", { max: 255 });
  uint(a.challenge_seconds, "attestation_policy.challenge_seconds");
  decimal(a.max_hours_per_attestation, "attestation_policy.max_hours_per_attestation");
  decimal(a.max_hours_per_cycle, "attestation_policy.max_hours_per_cycle");
  uint(a.max_cosigns_per_pair_per_cycle, "attestation_policy.max_cosigns_per_pair_per_cycle", { max: 4_294_967_295 });
  uint(a.pending_expiry_seconds, "attestation_policy.pending_expiry_seconds");

  const b = h.budget;
  if (isObject(b) && "treasury" in b) {
    keys(b, "budget", ["treasury"]);
    keys(b.treasury, "budget.treasury", ["denom"]);
    string(b.treasury.denom, "budget.treasury.denom");
  } else if (isObject(b) && "fixed" in b) {
    keys(b, "budget", ["fixed"]);
    keys(b.fixed, "budget.fixed", ["emission"]);
    amount(b.fixed.emission, "budget.fixed.emission");
  } else {
    fail("budget", `must be {"treasury": {"denom"}} or {"fixed": {"emission"}}, got ${show(b)}`);
  }

  uint(h.cycle_seconds, "cycle_seconds", { min: 1 });
  if (h.cycle_start !== null && (typeof h.cycle_start !== "string" || Number.isNaN(Date.parse(h.cycle_start))))
    fail("cycle_start", `must be null (the deploy's block time) or an RFC 3339 time like "2026-01-01T00:00:00Z", got ${show(h.cycle_start)}`);
  if (h.max_requesters_per_need !== null) uint(h.max_requesters_per_need, "max_requesters_per_need", { min: 1 });

  // the commons' settings (contracts/commons): 1 s to 90 days to confirm or dispute a purchase
  keys(h.commons, "commons", ["confirm_window_seconds"]);
  uint(h.commons.confirm_window_seconds, "commons.confirm_window_seconds", { min: 1, max: 90 * 86_400 });

  // [fees] as written: scripts/feegrant.mjs's normaliseFees checks it against the chain's gas
  // price (its spend_limit's default depends on it) when the deploy grants.
  if ("fees" in h) {
    if (!isObject(h.fees)) fail("fees", `must be an object (granter, period_days, spend_limit, expiry_days), got ${show(h.fees)}`);
    keys(h.fees, "fees", [], ["granter", "period_days", "spend_limit", "expiry_days"]);
  }
  return h;
}

/** A deployment file's name from a holon's name (deploy's `--name` without `--slug`). */
export const slugify = (s) =>
  s.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "holon";
