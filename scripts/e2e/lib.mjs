// Shared helpers of the end-to-end tests: the localnet's accounts as signing clients (each
// member signs with their own key), the holons' deployments, the generated TypeScript client
// (packages/flow-client, compiled by scripts/e2e.sh into scripts/.build/flow-client), the
// cycle clock read from the chain, and a gas log of every transaction.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import assert from "node:assert/strict";

import { SigningCosmWasmClient } from "@cosmjs/cosmwasm-stargate";
import { toUtf8, toBase64 } from "@cosmjs/encoding";
import { GasPrice, calculateFee } from "@cosmjs/stargate";

import { CACHE_DIR, LOCALNET, ROOT, deploy, loadHolonFile, readAccounts, walletFromAccount } from "../deploy.mjs";
import { payFeesWith } from "../feegrant.mjs";

const require = createRequire(import.meta.url);
const CLIENT_DIR = join(ROOT, "scripts/.build/flow-client");
if (!existsSync(join(CLIENT_DIR, "index.js"))) {
  throw new Error(
    "scripts/.build/flow-client is missing: scripts/e2e.sh compiles packages/flow-client first " +
      "(node_modules/.bin/tsc -p tsconfig.flow-client.json in scripts/)",
  );
}
/** The generated client (packages/flow-client/src), compiled. */
export const { contracts } = require(join(CLIENT_DIR, "index.js"));
const { NeedRegistryClient } = contracts.NeedRegistry;
const { AttestationClient } = contracts.Attestation;
const { DistributorClient } = contracts.Distributor;
const { FlowTokenClient } = contracts.FlowToken;
const { CommonsClient } = contracts.Commons;

export const CHAIN_ID = LOCALNET.chainId;
export const DENOM = "ucredit";
export const GAS_DENOM = "stake";
export const GAS_PRICE = GasPrice.fromString(LOCALNET.gasPrices);
/** A fixed fee for transactions that are meant to fail on chain (no simulation first). */
export const FAILING_TX_FEE = calculateFee(800_000, GAS_PRICE);
export const DEPLOYMENTS = join(ROOT, "deployments", CHAIN_ID);

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------- accounts

const accounts = readAccounts();
const actors = new Map();

/** A named account of the localnet with its own signing client. */
export async function actor(name) {
  if (actors.has(name)) return actors.get(name);
  const account = accounts[name];
  if (!account) throw new Error(`no account "${name}" in ${LOCALNET.accounts} (scripts/localnet.sh start)`);
  const wallet = await walletFromAccount(account);
  const client = await SigningCosmWasmClient.connectWithSigner(LOCALNET.node, wallet, {
    gasPrice: GAS_PRICE,
    broadcastPollIntervalMs: 150,
  });
  const a = { name, address: account.address, client };
  actors.set(name, a);
  return a;
}

export const address = (name) => {
  const a = accounts[name];
  if (!a) throw new Error(`no account "${name}"`);
  return a.address;
};

/**
 * A member with a fresh key, never seen by the chain (no account, no coin), named `name`;
 * with `granter`, every transaction it signs names that granter in its fee (x/feegrant).
 */
export async function freshActor(name, { granter } = {}) {
  const wallet = await walletFromAccount({ private_key: randomBytes(32).toString("hex") });
  const [{ address: addr }] = await wallet.getAccounts();
  const client = await SigningCosmWasmClient.connectWithSigner(LOCALNET.node, wallet, {
    gasPrice: GAS_PRICE,
    broadcastPollIntervalMs: 150,
  });
  if (granter) payFeesWith(client, granter);
  const a = { name, address: addr, client };
  actors.set(`fresh:${name}:${addr}`, a);
  return a;
}

/** The fee a transaction paid ({amount, denom}, from its `tx` event) and who paid it. */
export function feeOf(res) {
  const e = res.events.find((e) => e.type === "tx" && e.attributes.some((a) => a.key === "fee"));
  if (!e) throw new Error(`no fee in tx ${res.transactionHash ?? res.hash}`);
  const get = (k) => e.attributes.find((a) => a.key === k)?.value;
  const m = /^(\d+)([a-zA-Z][\w/:.-]*)$/.exec(get("fee"));
  return { amount: BigInt(m[1]), denom: m[2], payer: get("fee_payer") };
}

export function disconnectAll() {
  for (const a of actors.values()) a.client.disconnect();
  actors.clear();
}

// ---------------------------------------------------------------------------- holons

export function readDeployment(slug) {
  const file = join(DEPLOYMENTS, `${slug}.json`);
  if (!existsSync(file)) return null;
  return JSON.parse(readFileSync(file, "utf8"));
}

/** The deployment of `slug`, deploying `holonFile` first when there is none on this chain. */
export async function deployment(slug, holonFile, overrides = {}) {
  const existing = readDeployment(slug);
  if (existing && !overrides.fresh) {
    // A deployment file from an earlier chain is stale: check the distributor is there.
    const gov = await actor("steward");
    try {
      await gov.client.getContract(existing.addresses.distributor);
      return existing;
    } catch {
      // not on this chain: deploy again
    }
  }
  const holon = loadHolonFile(join(ROOT, holonFile));
  return deploy(holon, { holonFile: join(ROOT, holonFile), slug, ...overrides, log: () => {} });
}

/** Typed clients of a holon's contracts, signing as `who`. */
export function as(who, d) {
  const { client, address: sender } = who;
  const x = d.addresses;
  return {
    registry: new NeedRegistryClient(client, sender, x.registry),
    attestation: new AttestationClient(client, sender, x.attestation),
    distributor: new DistributorClient(client, sender, x.distributor),
    token: new FlowTokenClient(client, sender, x.token),
    // a holon deployed before the commons was part of the deploy has none
    commons: x.commons ? new CommonsClient(client, sender, x.commons) : null,
  };
}

/** Read-only handles (queries through any account's client). */
export async function q(d) {
  return as(await actor("stranger"), d);
}

export async function tokenBalance(d, addr) {
  const { token } = await q(d);
  return BigInt((await token.balance({ address: addr })).balance);
}

export async function tokenSupply(d) {
  const { token } = await q(d);
  return BigInt((await token.tokenInfo()).total_supply);
}

export async function nativeBalance(addr, denom = DENOM) {
  const s = await actor("stranger");
  return BigInt((await s.client.getBalance(addr, denom)).amount);
}

/** A cw20 Send payload (the `msg` field) for a holon's distributor. */
export const payload = (obj) => toBase64(toUtf8(JSON.stringify(obj)));

// ---------------------------------------------------------------------------- transactions

const GAS_LOG = process.env.E2E_GAS_LOG;

/** Records a transaction's gas under `kind` (scripts/e2e/gas-report.mjs tabulates it). */
export function recordGas(kind, res, extra = {}) {
  if (!GAS_LOG) return;
  appendFileSync(
    GAS_LOG,
    JSON.stringify({
      kind,
      gas_used: Number(res.gasUsed),
      gas_wanted: Number(res.gasWanted),
      hash: res.transactionHash ?? res.hash,
      height: res.height,
      ...extra,
    }) + "\n",
  );
}

/** Awaits a transaction, records its gas under `kind`, returns the result. */
export async function tx(kind, promise) {
  const res = await promise;
  recordGas(kind, res);
  return res;
}

/** The first value of a wasm event attribute. */
export function attr(res, key) {
  for (const e of res.events) {
    if (!e.type.startsWith("wasm")) continue;
    const a = e.attributes.find((a) => a.key === key);
    if (a) return a.value;
  }
  throw new Error(`no attribute ${key} in tx ${res.transactionHash}`);
}

/**
 * Runs a transaction that must fail on chain (sent with a fixed fee, so it is included in a
 * block rather than stopped by simulation), and checks the chain's result: a non-zero code
 * and the contract's own error text in the log. Returns the on-chain tx.
 */
export async function expectTxFailure(kind, who, fn, text) {
  let error;
  try {
    await fn(FAILING_TX_FEE);
  } catch (e) {
    error = e;
  }
  assert.ok(error, `${kind}: the transaction should have failed with "${text}"`);
  const m = /tx ([0-9A-F]{64})/.exec(error.message);
  assert.ok(m, `${kind}: expected a failure on chain (included in a block), got: ${error.message}`);
  const onChain = await who.client.getTx(m[1]);
  assert.ok(onChain, `${kind}: tx ${m[1]} is not on chain`);
  assert.notEqual(onChain.code, 0, `${kind}: the tx succeeded on chain`);
  assert.ok(
    onChain.rawLog.includes(text),
    `${kind}: the chain's error should contain "${text}", got: ${onChain.rawLog}`,
  );
  recordGas(`${kind} (fails)`, onChain);
  return onChain;
}

// ---------------------------------------------------------------------------- cycles

/** The holon's cycle clock and status, read from the distributor. */
export async function currentCycle(d) {
  const { distributor } = await q(d);
  return distributor.currentCycle();
}

/** Cycle of a chain time (nanoseconds string), by the distributor's clock. */
export function cycleAt(config, nanos) {
  const start = BigInt(config.start);
  const t = BigInt(nanos);
  if (t < start) return 1;
  return Number(1n + (t - start) / (BigInt(config.cycle_seconds) * 1_000_000_000n));
}

/** Waits until the open cycle is at least `k`. */
export async function waitForCycle(d, k, what = `cycle ${k} to open`) {
  const deadline = Date.now() + (d.cycle_seconds * (k + 2) + 60) * 1000;
  for (;;) {
    const c = await currentCycle(d);
    if (c.cycle >= k) return c;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(Math.min(1000, Math.max(200, c.seconds_left * 1000)));
  }
}

/**
 * Returns once at least `seconds` are left in the open cycle (which is at least `minCycle`),
 * waiting for the next cycle if needed: a batch of transactions then lands in one cycle.
 */
export async function roomInCycle(d, seconds, minCycle = 1) {
  for (;;) {
    const c = await waitForCycle(d, minCycle);
    if (c.seconds_left >= seconds) return c;
    await waitForCycle(d, c.cycle + 1);
  }
}

/** Anyone (`who`) closes every cycle up to `k` once `k` has ended. */
export async function closeThrough(d, k, who) {
  await waitForCycle(d, k + 1, `cycle ${k} to end`);
  const mine = as(who, d);
  let retries = 0;
  for (;;) {
    const c = await currentCycle(d);
    if (c.next_to_close > k) return;
    const closing = c.next_to_close;
    let res;
    try {
      res = await mine.distributor.closeCycle();
    } catch (e) {
      // Seen once: a query reported the new cycle a block before the simulation of the
      // close did. Wait a few blocks and try again.
      if (!/has not ended yet/.test(e.message) || ++retries > 20) throw e;
      await sleep(300);
      continue;
    }
    const closed = await mine.distributor.cycle({ cycle: closing });
    recordGas(closed.contributors === 0 ? "close_cycle (empty cycle)" : `close_cycle (${closed.model})`, res);
  }
}

// ---------------------------------------------------------------------------- the seed's month

export const MEMBERS = ["alex", "jordan", "casey", "riley", "sam"];
export const BUDGET = 5_000_000_000n;
/** What each member claims of the seed's month under `time` and under NEED_POLICY (docs/WEIGHTING.md). */
export const TIME_PAYOUTS = [625_000_000n, 1_562_500_000n, 312_500_000n, 2_343_750_000n, 156_250_000n];
export const NEED_PAYOUTS = [476_190_476n, 595_238_095n, 238_095_238n, 3_571_428_571n, 119_047_619n];

/** The seed's holon as tests 01-05 deploy it (holon-alpha-steward.toml, read by flow holon). */
export const SEED_HOLON = loadHolonFile(join(ROOT, "scripts/holons/holon-alpha-steward.toml"));
/** The seed's need weighting (docs/WEIGHTING.md) over the seed holon's policy: model need, childcare ×2, garden ×0.5. */
export const NEED_POLICY = {
  ...SEED_HOLON.policy,
  model: "need",
  scarcity: {
    fixed: {
      factors: [
        { category: "childcare", factor: "2" },
        { category: "garden", factor: "0.5" },
      ],
    },
  },
};

// Who posts which need, who did what toward it, and who co-signs (docs/WEIGHTING.md).
export const SEED = [
  { key: "bread", poster: "riley", category: "food", title: "Fresh bread: 20 loaves weekly", unit: "loaf", quantity: "20", member: "alex", hours: "16", units: "80", buddy: "jordan" },
  { key: "garden", poster: "sam", category: "garden", title: "Community garden upkeep", unit: "hours", quantity: "10", member: "jordan", hours: "40", units: "0", buddy: "alex" },
  { key: "solar", poster: "alex", category: "energy", title: "Repair the solar array", unit: "hours", quantity: "8", member: "casey", hours: "8", units: "0", buddy: "riley" },
  { key: "childcare", poster: "jordan", category: "childcare", title: "Childcare 15 hours a week", unit: "hours", quantity: "15", member: "riley", hours: "60", units: "0", buddy: "sam" },
  { key: "facilitation", poster: "casey", category: "facilitation", title: "Facilitate the monthly circle", unit: "hours", quantity: "2", member: "sam", hours: "4", units: "0", buddy: "casey" },
];
// "I need this too."
const ENDORSEMENTS = [
  ["alex", "childcare"],
  ["casey", "bread"],
  ["jordan", "garden"],
];

/**
 * The seed's month on holon `d`, each step signed by the member who does it: the steward
 * funds the treasury, members post and endorse needs, attest, and the buddies co-sign, all
 * landing in one cycle (at least `minCycle`). Returns the cycle the contributions were
 * credited to and the ids involved.
 */
export async function seedMonth(d, { minCycle = 1, fund = BUDGET } = {}) {
  const steward = await actor("steward");
  const m = Object.fromEntries(await Promise.all(MEMBERS.map(async (n) => [n, await actor(n)])));

  if (fund > 0n) {
    await tx("fund", as(steward, d).distributor.fund({ memo: "e2e: the month's budget" }, "auto", undefined, [
      { denom: DENOM, amount: fund.toString() },
    ]));
  }
  // Posting: five members at once (each their own account and sequence).
  const posted = await Promise.all(
    SEED.map((s) =>
      tx("post_need", as(m[s.poster], d).registry.postNeed({
        need: {
          category: s.category,
          title: s.title,
          description: "",
          unit: s.unit,
          quantity: s.quantity,
          period: "weekly",
          impact: null,
          unit_credit: null,
          capacity_building: null,
        },
      })),
    ),
  );
  const needs = Object.fromEntries(SEED.map((s, i) => [s.key, Number(attr(posted[i], "need_id"))]));
  await Promise.all(
    ENDORSEMENTS.map(([who, key]) => tx("endorse", as(m[who], d).registry.endorse({ id: needs[key] }))),
  );

  // Attest and co-sign within one cycle.
  await roomInCycle(d, 10, minCycle);
  const attested = await Promise.all(
    SEED.map((s) =>
      tx("attest", as(m[s.member], d).attestation.attest({
        needId: needs[s.key],
        hours: s.hours,
        units: s.units,
        description: `${s.member}: ${s.title}`,
        evidence: null,
        buddy: address(s.buddy),
      })),
    ),
  );
  const ids = Object.fromEntries(SEED.map((s, i) => [s.key, Number(attr(attested[i], "attestation_id"))]));
  await Promise.all(SEED.map((s) => tx("cosign", as(m[s.buddy], d).attestation.cosign({ id: ids[s.key] }))));

  // Every attestation is final, and all were credited to the same cycle.
  const { attestation, distributor } = await q(d);
  const { config } = await distributor.config();
  const cycles = new Set();
  for (const s of SEED) {
    const { attestation: a } = await attestation.attestation({ id: ids[s.key] });
    assert.equal(a.status, "final", `${s.key}: attestation ${a.id} is ${a.status}`);
    assert.equal(a.attester, address(s.member));
    assert.deepEqual(a.cosigners, [address(s.buddy)]);
    cycles.add(cycleAt(config, a.finalized_at));
  }
  assert.equal(cycles.size, 1, `the contributions were credited to cycles ${[...cycles]}`);
  return { cycle: [...cycles][0], needs, attestations: ids };
}

/** Every member claims cycle `k`, at once; returns what each received, in MEMBERS order. */
export async function everyoneClaims(d, k) {
  const before = await Promise.all(MEMBERS.map((n) => tokenBalance(d, address(n))));
  await Promise.all(
    MEMBERS.map(async (n) => tx("claim", as(await actor(n), d).distributor.claim({ cycle: k, member: null }))),
  );
  const after = await Promise.all(MEMBERS.map((n) => tokenBalance(d, address(n))));
  return after.map((a, i) => a - before[i]);
}

// ---------------------------------------------------------------------------- the seed's payouts

/**
 * Anyone (`closer`) closes the cycle of the seed's month (`month`, from seedMonth) under the
 * `time` model and every member claims it: the cycle and the claims are docs/WEIGHTING.md's
 * (W = 128 hours; 625, 1,562.5, 312.5, 2,343.75, 156.25 of 5,000). Returns the claims.
 */
export async function monthPaysTime(d, month, closer) {
  const supply0 = await tokenSupply(d);
  await closeThrough(d, month.cycle, closer);
  const { distributor } = await q(d);
  const cycle = await distributor.cycle({ cycle: month.cycle });
  assert.equal(cycle.status, "closed");
  assert.equal(cycle.budget, BUDGET.toString());
  assert.equal(cycle.total_weight, "128");
  assert.equal(cycle.total_hours, "128");
  assert.equal(cycle.contributors, 5);
  assert.equal(cycle.model, "time");

  const paid = await everyoneClaims(d, month.cycle);
  assert.deepEqual(paid, TIME_PAYOUTS);
  if (supply0 === 0n) {
    // A fresh holon: the balances on chain are exactly the payouts.
    const held = await Promise.all(MEMBERS.map((n) => tokenBalance(d, address(n))));
    assert.deepEqual(held, TIME_PAYOUTS);
  }
  assert.equal((await tokenSupply(d)) - supply0, BUDGET);
  const t = await distributor.treasury();
  assert.equal(BigInt(t.allocated), 0n, "everything allocated was claimed");
  return paid;
}

/**
 * The same under NEED_POLICY (policy `version`): W = 168, childcare counts double and the
 * garden half, the claims are docs/WEIGHTING.md's need numbers and one base unit of dust is
 * never minted; the chain's explain query shows why. Returns the claims.
 */
export async function monthPaysNeed(d, month, closer, version = 2) {
  await closeThrough(d, month.cycle, closer);
  const { distributor } = await q(d);
  const cycle = await distributor.cycle({ cycle: month.cycle });
  assert.equal(cycle.status, "closed");
  assert.equal(cycle.model, "need");
  assert.equal(cycle.policy_version, version);
  assert.equal(cycle.total_weight, "168");
  assert.equal(cycle.budget, BUDGET.toString());

  const supply0 = await tokenSupply(d);
  const paid = await everyoneClaims(d, month.cycle);
  assert.deepEqual(paid, NEED_PAYOUTS);
  if (supply0 === 0n) {
    // A fresh holon: the balances on chain are exactly the payouts.
    const held = await Promise.all(MEMBERS.map((n) => tokenBalance(d, address(n))));
    assert.deepEqual(held, NEED_PAYOUTS);
  }
  const minted = paid.reduce((a, b) => a + b, 0n);
  assert.equal(BUDGET - minted, 1n, "the dust is one base unit, never minted");
  assert.equal((await tokenSupply(d)) - supply0, minted);

  // The chain explains Riley's payout: childcare counts double.
  const riley = await distributor.explain({ cycle: month.cycle, member: address("riley") });
  assert.deepEqual(
    riley.categories.map((c) => [c.category, c.hours, c.factor, c.weight]),
    [["childcare", "60", "2", "120"]],
  );
  assert.equal(riley.amount, "3571428571");
  assert.equal(riley.claimed, true);
  const jordan = await distributor.explain({ cycle: month.cycle, member: address("jordan") });
  assert.equal(jordan.categories[0].factor, "0.5");
  assert.equal(jordan.weight, "20");
  return paid;
}

// ---------------------------------------------------------------------------- a newer build

/** {CHECK_WASM_BIN} naming this checkout's built check-wasm, or nothing. */
function checkWasmBin() {
  const bin = join(process.env.CARGO_TARGET_DIR ?? join(ROOT, "target"), "debug", "check-wasm");
  return existsSync(bin) ? { CHECK_WASM_BIN: bin } : {};
}

/** What scripts/build-wasm.sh needs of the checkout to build the contracts (git archive paths). */
const BUILD_SOURCES = [
  "Cargo.toml",
  "Cargo.lock",
  "rust-toolchain.toml",
  "contracts",
  "packages/flow-types",
  "packages/flow-testing",
  "packages/flow-cli",
  "tests",
  "scripts/build-wasm.sh",
  "scripts/reference",
];

/** The next patch version of a semver version (0.1.0 → 0.1.1). */
export const nextPatch = (v) => v.replace(/^(\d+)\.(\d+)\.(\d+).*$/, (_, a, b, c) => `${a}.${b}.${Number(c) + 1}`);

/** Writes `text` (or copies `from`) to `path` only when its content differs: cargo sees no change otherwise. */
function writeIfChanged(path, bytes) {
  if (existsSync(path) && readFileSync(path).equals(bytes)) return false;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
  return true;
}

/** Every file under `dir` (relative paths), symlinks and node_modules left out. */
function filesUnder(dir, rel = "") {
  const out = [];
  for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...filesUnder(dir, r));
    else if (e.isFile()) out.push(r);
  }
  return out;
}

/**
 * This checkout's contracts as a newer version, for the upgrade test: HEAD's sources (git
 * archive) in $CW_FLOW_CACHE/upgrade-src with [workspace.package] version bumped to the next
 * patch (and the workspace's own entries in Cargo.lock, since the build is --locked), built
 * by that copy's scripts/build-wasm.sh (scripts/node_modules linked to this checkout's) with
 * CARGO_TARGET_DIR=$CW_FLOW_CACHE/upgrade-target, which is kept between runs. Both paths are
 * fixed: the wasm build's flags name the checkout and the target dir, so another path would
 * compile every dependency again; files are only rewritten when their content changed, so
 * that cargo rebuilds no more than it must. Returns {dir: the artifacts directory, from,
 * version, seconds: the build's wall time}.
 */
export function bumpedBuild({ log = console.log } = {}) {
  const src = join(CACHE_DIR, "upgrade-src");
  const target = join(CACHE_DIR, "upgrade-target");
  const stage = mkdtempSync(join(tmpdir(), "cw-flow-upgrade-src-"));
  try {
    const tar = execFileSync("git", ["-C", ROOT, "archive", "--format=tar", "HEAD", ...BUILD_SOURCES], {
      maxBuffer: 1 << 30,
    });
    execFileSync("tar", ["-x", "-C", stage], { input: tar });
    // The bump: the workspace's version, and every workspace crate's entry in Cargo.lock
    // (those without a `source`).
    const manifest = readFileSync(join(stage, "Cargo.toml"), "utf8");
    const m = /\[workspace\.package\][^[]*?\nversion = "([^"]+)"/.exec(manifest);
    if (!m) throw new Error("Cargo.toml: no [workspace.package] version");
    const from = m[1];
    const version = nextPatch(from);
    writeFileSync(join(stage, "Cargo.toml"), manifest.replace(m[0], m[0].replace(`"${from}"`, `"${version}"`)));
    const lock = readFileSync(join(stage, "Cargo.lock"), "utf8")
      .split("\n[[package]]\n")
      .map((block) =>
        /^source = /m.test(block) ? block : block.replace(new RegExp(`^version = "${from.replace(/\./g, "\\.")}"$`, "m"), `version = "${version}"`),
      )
      .join("\n[[package]]\n");
    writeFileSync(join(stage, "Cargo.lock"), lock);
    // Into the fixed source dir: changed files only, and what HEAD no longer has removed.
    const want = new Set(filesUnder(stage));
    for (const f of want) writeIfChanged(join(src, f), readFileSync(join(stage, f)));
    if (existsSync(src)) {
      for (const f of filesUnder(src)) {
        if (f.startsWith("artifacts/") || f.startsWith("scripts/node_modules/")) continue;
        if (!want.has(f)) rmSync(join(src, f));
      }
    }
    const modules = join(src, "scripts", "node_modules");
    if (!existsSync(modules)) symlinkSync(join(ROOT, "scripts", "node_modules"), modules);

    const started = Date.now();
    log(`building ${version} (${from} bumped) in ${src}, CARGO_TARGET_DIR=${target}`);
    try {
      execFileSync("bash", ["scripts/build-wasm.sh"], {
        cwd: src,
        // This checkout's check-wasm when it is built (the wasm stage builds it): the copy
        // then compiles only the contracts and the references, not cosmwasm-vm again.
        env: { ...process.env, CARGO_TARGET_DIR: target, ...checkWasmBin() },
        stdio: ["ignore", "pipe", "pipe"],
        maxBuffer: 1 << 28,
      });
    } catch (e) {
      throw new Error(`scripts/build-wasm.sh in ${src} failed:\n${String(e.stdout ?? "").slice(-4000)}\n${String(e.stderr ?? "").slice(-4000)}`);
    }
    const seconds = Math.round((Date.now() - started) / 1000);
    log(`built ${version} in ${seconds} s`);
    return { dir: join(src, "artifacts"), from, version, seconds };
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}
