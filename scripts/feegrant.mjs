#!/usr/bin/env node
// The holon pays its members' gas (x/feegrant): a gas account of the holon (the granter)
// grants each member an allowance, and the member's transactions name the granter in their
// fee (`fee.granter`): the chain takes the fee from the granter's balance, within the
// allowance, and the member's account needs no coin at all (the grant creates it).
//
// The allowance: an AllowedMsgAllowance (only /cosmwasm.wasm.v1.MsgExecuteContract: attest,
// co-sign, claim, transfers, votes; a bank send or anything else on the grant is refused)
// around a PeriodicAllowance: at most `spend_limit` per period (30 days), at most
// spend_limit × the periods until the expiry in all, and an expiry (basic.expiration).
//
//   node scripts/feegrant.mjs grant  DEPLOYMENT ADDRESS_OR_NAME... [--key NAME ...]
//   node scripts/feegrant.mjs revoke DEPLOYMENT ADDRESS_OR_NAME... [--key NAME ...]
//   node scripts/feegrant.mjs show   DEPLOYMENT [ADDRESS_OR_NAME...]   (the allowance left)
//   node scripts/feegrant.mjs renew  DEPLOYMENT [--within-days N] [--dry-run] [--key NAME ...]
//        every current member of the group (all its pages) whose allowance from the granter is
//        missing or expires within N days (default 30) gets it anew: a revoke (where one
//        exists: the chain refuses a second grant) and the grant, one transaction per 25
//        members, signed by the granter. Where the granter is the members' multisig (the
//        deployment's fee_granter is its governance), it writes one proposal with those
//        messages instead, proposed by the member whose key is given (--key NAME); the members
//        vote and execute it with scripts/governance.mjs. The new allowance: the holon file's
//        [fees] (when the deployment's holon_file has one), else the deployment's own, for as
//        long from now as it first ran (fee_allowance.expiration − deployed_at). It prints who
//        is renewed, until when, and what it costs (the fees of its transactions, and what
//        the renewed allowances may spend).
//   node scripts/feegrant.mjs action grant|revoke DEPLOYMENT ADDRESS   (a proposal action:
//        the CosmosMsg::Any the members' multisig sends when it is the granter; pass it to
//        `scripts/governance.mjs propose --action`)
//
// DEPLOYMENT: a deployment file or, on the localnet, a slug; its `fee_granter` and
// `fee_allowance` (written by scripts/deploy.mjs from the holon file's [fees]) say who grants
// and how much. The granter signs grant and revoke: --key NAME, --mnemonic-file FILE,
// --keyring-home DIR, --accounts FILE as in scripts/deploy.mjs (default: the localnet account
// whose address is the granter). --node URL, --gas-prices PRICE: default the deployment's.
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import { CosmWasmClient, SigningCosmWasmClient } from "@cosmjs/cosmwasm-stargate";
import { toBase64 } from "@cosmjs/encoding";
import { GasPrice, QueryClient, assertIsDeliverTxSuccess, setupFeegrantExtension } from "@cosmjs/stargate";
import { connectComet } from "@cosmjs/tendermint-rpc";
import { Any } from "cosmjs-types/google/protobuf/any";
import {
  AllowedMsgAllowance,
  BasicAllowance,
  PeriodicAllowance,
} from "cosmjs-types/cosmos/feegrant/v1beta1/feegrant";
import { MsgGrantAllowance, MsgRevokeAllowance } from "cosmjs-types/cosmos/feegrant/v1beta1/tx";

import { LOCALNET, ROOT, loadDeployment, readAccounts, resolveAddress, signerFrom } from "./accounts.mjs";
import { loadHolonFile } from "./holon-file.mjs";
import { propose } from "./proposals.mjs";

export const EXECUTE_CONTRACT = "/cosmwasm.wasm.v1.MsgExecuteContract";
export const GRANT_TYPE_URL = "/cosmos.feegrant.v1beta1.MsgGrantAllowance";
export const REVOKE_TYPE_URL = "/cosmos.feegrant.v1beta1.MsgRevokeAllowance";

/**
 * A member's month, and the gas of each of its transactions as the localnet measured it
 * (scripts/e2e/08-feegrant.test.mjs, by a member whose fees the holon pays: 15,000–30,000 gas
 * more than the same transactions paid from a member's own coins in BENCHMARKS-chain.md, as
 * the ante handler reads and rewrites the grant). Weekly attestations, co-signing a buddy's
 * each week, one claim, a few transfers and two votes.
 */
export const MEMBER_MONTH = {
  attest: { count: 4, gas: 190_000 },
  cosign: { count: 4, gas: 284_000 },
  claim: { count: 1, gas: 241_000 },
  transfer: { count: 4, gas: 148_000 },
  vote: { count: 2, gas: 247_000 },
};
/** CosmJS "auto" asks for the simulated gas × 1.4, and the fee is on the gas asked. */
export const AUTO_GAS_MULTIPLIER = 1.4;
/** The allowance leaves room for twice the month (a busy month, retries). */
export const HEADROOM = 2;
export const DEFAULT_FEES = { period_days: 30, expiry_days: 365 };

/** "0.0025stake" → {amount: "0.0025", denom: "stake"} */
export function splitPrice(price) {
  const m = /^(\d+(?:\.\d+)?)([a-zA-Z][a-zA-Z0-9/:._-]*)$/.exec(String(price).trim());
  if (!m) throw new Error(`gas price ${price} is not like 0.0025stake`);
  return { amount: m[1], denom: m[2] };
}

/** "20000stake" → {amount: "20000", denom: "stake"} */
export function parseCoin(text) {
  const m = /^(\d+)([a-zA-Z][a-zA-Z0-9/:._-]*)$/.exec(String(text).trim());
  if (!m) throw new Error(`${text} is not an amount like 20000stake`);
  return { amount: m[1], denom: m[2] };
}

/**
 * A member's month in gas and in coins at `gasPrice`: {gas_used, gas_wanted, fee: coin,
 * spend_limit: coin (fee × HEADROOM, rounded up to a thousand)}.
 */
export function memberMonth(gasPrice, month = MEMBER_MONTH) {
  const price = splitPrice(gasPrice);
  const gasUsed = Object.values(month).reduce((s, t) => s + t.count * t.gas, 0);
  // Each tx asks for ceil(gas × 1.4) and pays ceil(asked × price).
  const [i, f = ""] = price.amount.split(".");
  const scale = 10n ** BigInt(f.length);
  const p = BigInt(i) * scale + BigInt(f || "0");
  let fee = 0n;
  let wanted = 0;
  for (const t of Object.values(month)) {
    const w = Math.ceil(t.gas * AUTO_GAS_MULTIPLIER);
    wanted += t.count * w;
    fee += BigInt(t.count) * ((BigInt(w) * p + scale - 1n) / scale);
  }
  const limit = ((fee * BigInt(HEADROOM) + 999n) / 1000n) * 1000n;
  return {
    gas_used: gasUsed,
    gas_wanted: wanted,
    fee: { amount: fee.toString(), denom: price.denom },
    spend_limit: { amount: limit.toString(), denom: price.denom },
  };
}

/**
 * The holon file's [fees] (granter, period_days, spend_limit, expiry_days) in normal form, or
 * null when the holon file has no [fees]. `granter` defaults to "deployer".
 */
export function normaliseFees(raw, gasPrices, where = "holon") {
  if (raw === undefined || raw === null || raw === false) return null;
  const fail = (msg) => {
    throw Object.assign(new Error(`${where}: ${msg}`), { holonFile: true });
  };
  if (raw === true) raw = {};
  if (typeof raw !== "object" || Array.isArray(raw)) fail("fees must be a [fees] table (granter, period_days, spend_limit, expiry_days)");
  const known = ["granter", "period_days", "spend_limit", "expiry_days"];
  for (const k of Object.keys(raw)) if (!known.includes(k)) fail(`unknown field "fees.${k}" (known: ${known.join(", ")})`);
  const granter = raw.granter ?? "deployer";
  if (typeof granter !== "string" || !granter) fail('fees.granter must be "deployer", a name or an address');
  const period_days = Number(raw.period_days ?? DEFAULT_FEES.period_days);
  const expiry_days = Number(raw.expiry_days ?? DEFAULT_FEES.expiry_days);
  if (!Number.isInteger(period_days) || period_days <= 0) fail("fees.period_days must be a positive integer");
  if (!Number.isInteger(expiry_days) || expiry_days < period_days) fail("fees.expiry_days must be an integer of at least period_days");
  let spend_limit;
  try {
    spend_limit = raw.spend_limit !== undefined ? parseCoin(raw.spend_limit) : memberMonth(gasPrices).spend_limit;
  } catch (e) {
    fail(`fees.spend_limit: ${e.message}`);
  }
  if (BigInt(spend_limit.amount) <= 0n) fail("fees.spend_limit must be more than zero");
  if (spend_limit.denom !== splitPrice(gasPrices).denom)
    fail(`fees.spend_limit is in ${spend_limit.denom}, but the chain's fees are in ${splitPrice(gasPrices).denom}`);
  return { granter, period_days, expiry_days, spend_limit };
}

/**
 * What the deployment file records as `fee_allowance`: the allowance's kind, the messages it
 * allows, the period, the limit per period and in all, and the expiry (RFC 3339), from the
 * normal [fees] and the time of the grant.
 */
export function allowanceRecord(fees, now = new Date()) {
  const periods = Math.floor(fees.expiry_days / fees.period_days);
  return {
    kind: "AllowedMsgAllowance(PeriodicAllowance)",
    allowed_messages: [EXECUTE_CONTRACT],
    period_seconds: fees.period_days * 86_400,
    period_spend_limit: [fees.spend_limit],
    spend_limit: [{ amount: (BigInt(fees.spend_limit.amount) * BigInt(periods)).toString(), denom: fees.spend_limit.denom }],
    expiration: new Date(now.getTime() + fees.expiry_days * 86_400_000).toISOString().replace(/\.\d{3}Z$/, "Z"),
  };
}

const timestamp = (iso) => {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`${iso} is not a date`);
  return { seconds: BigInt(Math.floor(ms / 1000)), nanos: (ms % 1000) * 1_000_000 };
};

/** The allowance of `record` (allowanceRecord's shape) as the Any a MsgGrantAllowance carries. */
export function allowanceAny(record) {
  const periodic = PeriodicAllowance.fromPartial({
    basic: { spendLimit: record.spend_limit, expiration: timestamp(record.expiration) },
    period: { seconds: BigInt(record.period_seconds), nanos: 0 },
    periodSpendLimit: record.period_spend_limit,
    // The first period may spend the whole limit, until one period after the grant (wasmd
    // 0.61 keeps the period_reset it is sent; newer SDKs set it to the grant's block time +
    // period themselves).
    periodCanSpend: record.period_spend_limit,
    periodReset: timestamp(new Date(Date.now() + record.period_seconds * 1000).toISOString()),
  });
  return Any.fromPartial({
    typeUrl: AllowedMsgAllowance.typeUrl,
    value: AllowedMsgAllowance.encode(
      AllowedMsgAllowance.fromPartial({
        allowance: { typeUrl: PeriodicAllowance.typeUrl, value: PeriodicAllowance.encode(periodic).finish() },
        allowedMessages: record.allowed_messages,
      }),
    ).finish(),
  });
}

/** MsgGrantAllowance as CosmJS signs it (an EncodeObject). */
export function grantMsg(granter, grantee, record) {
  return {
    typeUrl: GRANT_TYPE_URL,
    value: MsgGrantAllowance.fromPartial({ granter, grantee, allowance: allowanceAny(record) }),
  };
}

/** MsgRevokeAllowance as CosmJS signs it. */
export function revokeMsg(granter, grantee) {
  return { typeUrl: REVOKE_TYPE_URL, value: MsgRevokeAllowance.fromPartial({ granter, grantee }) };
}

/**
 * The same messages as a CosmosMsg::Any of a contract (cosmwasm-std 2's `{"any": {type_url,
 * value}}`): what the members' multisig sends, as granter, when a proposal grants or revokes.
 */
export function anyAction(encodeObject) {
  const codec = encodeObject.typeUrl === GRANT_TYPE_URL ? MsgGrantAllowance : MsgRevokeAllowance;
  return { any: { type_url: encodeObject.typeUrl, value: toBase64(codec.encode(encodeObject.value).finish()) } };
}

/**
 * The granter (`client` signs as `granter`) grants each of `grantees` the allowance of
 * `record`, in one transaction. An existing grant is replaced (revoked in the same
 * transaction first: the chain refuses a second grant to the same grantee). Returns the tx.
 */
export async function grant(client, granter, grantees, record, { replace = true, memo = "cw-flow: the holon pays its members' gas" } = {}) {
  const msgs = [];
  for (const g of grantees) {
    if (replace && (await allowance(client, granter, g))) msgs.push(revokeMsg(granter, g));
    msgs.push(grantMsg(granter, g, record));
  }
  // The simulation of a grant or revoke falls short of its delivery by more than CosmJS's
  // 1.4 (seen: a revoke simulated at 38,000 used 53,851): ask for twice the simulation.
  const res = await client.signAndBroadcast(granter, msgs, 2, memo);
  assertIsDeliverTxSuccess(res);
  return res;
}

/** The granter revokes the allowances of `grantees` (those that have one), in one transaction. */
export async function revoke(client, granter, grantees, { memo = "cw-flow: a member's gas allowance ends" } = {}) {
  const msgs = [];
  for (const g of grantees) if (await allowance(client, granter, g)) msgs.push(revokeMsg(granter, g));
  if (msgs.length === 0) return null;
  // The simulation of a grant or revoke falls short of its delivery by more than CosmJS's
  // 1.4 (seen: a revoke simulated at 38,000 used 53,851): ask for twice the simulation.
  const res = await client.signAndBroadcast(granter, msgs, 2, memo);
  assertIsDeliverTxSuccess(res);
  return res;
}

const queryClients = new WeakMap();
async function feegrantQuery(clientOrRpc) {
  if (typeof clientOrRpc === "string") return QueryClient.withExtensions(await connectComet(clientOrRpc), setupFeegrantExtension);
  if (!queryClients.has(clientOrRpc)) {
    const comet = clientOrRpc.forceGetCometClient();
    queryClients.set(clientOrRpc, QueryClient.withExtensions(comet, setupFeegrantExtension));
  }
  return queryClients.get(clientOrRpc);
}

/**
 * The allowance `granter` gives `grantee` as the chain holds it now, decoded: {allowed_messages,
 * period_seconds, period_spend_limit, period_can_spend, period_reset, spend_limit, expiration},
 * or null when there is none. `clientOrRpc`: a CosmJS client or an RPC URL.
 */
export async function allowance(clientOrRpc, granter, grantee) {
  const q = await feegrantQuery(clientOrRpc);
  let res;
  try {
    res = await q.feegrant.allowance(granter, grantee);
  } catch (e) {
    if (/fee-grant not found|not found/i.test(e.message)) return null;
    throw e;
  }
  return decodeAllowance(res.allowance.allowance);
}

const iso = (t) => (t ? new Date(Number(t.seconds) * 1000 + Math.floor(t.nanos / 1e6)).toISOString() : null);

/** An allowance Any (AllowedMsgAllowance around a PeriodicAllowance, or either alone) in plain JSON. */
export function decodeAllowance(any) {
  let allowed = null;
  if (any.typeUrl === AllowedMsgAllowance.typeUrl) {
    const a = AllowedMsgAllowance.decode(any.value);
    allowed = a.allowedMessages;
    any = a.allowance;
  }
  if (any.typeUrl === PeriodicAllowance.typeUrl) {
    const p = PeriodicAllowance.decode(any.value);
    return {
      kind: allowed ? "AllowedMsgAllowance(PeriodicAllowance)" : "PeriodicAllowance",
      allowed_messages: allowed,
      period_seconds: Number(p.period.seconds),
      period_spend_limit: p.periodSpendLimit,
      period_can_spend: p.periodCanSpend,
      period_reset: iso(p.periodReset),
      spend_limit: p.basic.spendLimit,
      expiration: iso(p.basic.expiration),
    };
  }
  if (any.typeUrl === BasicAllowance.typeUrl) {
    const b = BasicAllowance.decode(any.value);
    return { kind: allowed ? "AllowedMsgAllowance(BasicAllowance)" : "BasicAllowance", allowed_messages: allowed, spend_limit: b.spendLimit, expiration: iso(b.expiration) };
  }
  return { kind: any.typeUrl, allowed_messages: allowed };
}

/**
 * Makes `client` (a CosmJS signing client) name `granter` in the fee of every transaction it
 * signs: "auto" (or a multiplier) is simulated and priced as CosmJS does, then the granter is
 * added; an explicit fee gets the granter unless it names one. Returns the client.
 */
export function payFeesWith(client, granter) {
  for (const name of ["signAndBroadcast", "signAndBroadcastSync"]) {
    const original = client[name].bind(client);
    client[name] = async (signer, messages, fee, memo = "", timeoutHeight) => {
      let used = fee;
      if (fee === "auto" || typeof fee === "number") used = await client.calculateFeeForTransaction(signer, messages, memo, fee);
      return original(signer, messages, { ...used, granter: used.granter ?? granter }, memo, timeoutHeight);
    };
  }
  return client;
}

// ---------------------------------------------------------------------------- renewal

/** cw4-group answers at most 30 members a page. */
const GROUP_PAGE = 30;
/** Members renewed in one transaction by a granter that signs itself. */
export const RENEW_BATCH = 25;
const DAY_MS = 86_400_000;

/** Every current member of the cw4 group `group` ({addr, weight}), following its pages. */
export async function groupMembers(client, group) {
  const all = [];
  for (;;) {
    const { members } = await client.queryContractSmart(group, {
      list_members: { start_after: all.at(-1)?.addr ?? null, limit: GROUP_PAGE },
    });
    all.push(...members);
    if (members.length < GROUP_PAGE) return all;
  }
}

/**
 * The allowance a renewal grants (allowanceRecord's shape), from `now`: the holon file's [fees]
 * when deployment `d` names a holon file that has one (read with holon-file.mjs's
 * loadHolonFile), else the deployment's own fee_allowance, with its period and limits, for as
 * many days as it first ran (from deployed_at to its expiration).
 */
export async function renewalRecord(d, now = new Date()) {
  if (!d.fee_allowance) throw new Error(`${d.holon}: the deployment names no fee_allowance`);
  if (d.holon_file) {
    const file = resolve(ROOT, d.holon_file);
    if (existsSync(file)) {
      const fees = normaliseFees(loadHolonFile(file, { holon: d.holon_id }).fees, d.gas_prices, d.holon_file);
      if (fees) return allowanceRecord(fees, now);
    }
  }
  const a = d.fee_allowance;
  const days = Math.round((Date.parse(a.expiration) - Date.parse(d.deployed_at)) / DAY_MS);
  if (!Number.isInteger(days) || days <= 0)
    throw new Error(`${d.holon}: cannot tell how long the allowance runs (deployed_at ${d.deployed_at}, expiration ${a.expiration})`);
  const periodDays = a.period_seconds / 86_400;
  return allowanceRecord(
    { period_days: periodDays, expiry_days: Math.max(days, periodDays), spend_limit: a.period_spend_limit[0] },
    now,
  );
}

/**
 * Which of `members` ({addr, weight}) need their allowance from `granter` renewed: those with
 * none, and those whose allowance expires before `now` + `withinDays` days. An allowance
 * without an expiry never needs it. Returns {due, kept}: each {address, weight, allowance}.
 */
export async function dueForRenewal(clientOrRpc, granter, members, withinDays, now = new Date()) {
  const horizon = now.getTime() + withinDays * DAY_MS;
  const due = [];
  const kept = [];
  for (const { addr, weight } of members) {
    const a = await allowance(clientOrRpc, granter, addr);
    const entry = { address: addr, weight, allowance: a };
    if (!a || (a.expiration && Date.parse(a.expiration) < horizon)) due.push(entry);
    else kept.push(entry);
  }
  return { due, kept };
}

/** The messages that renew `due` (dueForRenewal's): for each, a revoke where an allowance exists, then the grant. */
export function renewalMsgs(granter, due, record) {
  return due.flatMap(({ address, allowance: a }) => [
    ...(a ? [revokeMsg(granter, address)] : []),
    grantMsg(granter, address, record),
  ]);
}

/** The fee a transaction paid, from its `tx` event: {amount: BigInt, denom} (0 when none is named). */
export function paidFee(res) {
  for (const e of res.events ?? []) {
    if (e.type !== "tx") continue;
    const fee = e.attributes.find((x) => x.key === "fee")?.value;
    const m = fee && /^(\d+)([a-zA-Z][\w/:.-]*)$/.exec(fee);
    if (m) return { amount: BigInt(m[1]), denom: m[2] };
  }
  return { amount: 0n, denom: "" };
}

/**
 * The granter (`client` signs as `granter`) renews `due` with `record`: one transaction per
 * `batch` members, each revoking then granting. Returns the transactions.
 */
export async function renew(client, granter, due, record, { batch = RENEW_BATCH, memo = "cw-flow: the holon renews its members' gas allowance" } = {}) {
  const txs = [];
  for (let i = 0; i < due.length; i += batch) {
    const msgs = renewalMsgs(granter, due.slice(i, i + batch), record);
    // As in grant(): the simulation of a grant or revoke falls short of its delivery.
    const res = await client.signAndBroadcast(granter, msgs, 2, memo);
    assertIsDeliverTxSuccess(res);
    txs.push(res);
  }
  return txs;
}

/**
 * The members' multisig is the granter: `who` ({client, address}, a member) proposes the
 * renewal of `due` (one proposal, every revoke and grant as the multisig's CosmosMsg::Any).
 * Returns {id, status, res, actions}.
 */
export async function proposeRenewal(who, d, due, record) {
  const actions = renewalMsgs(d.fee_granter, due, record).map(anyAction);
  const names = due.map(({ address }) => d.members?.find((m) => m.address === address)?.name ?? address);
  const p = await propose(who, d, actions, {
    title: `Renew the gas allowance of ${due.length} member${due.length === 1 ? "" : "s"}`,
    description:
      `The holon pays its members' gas: ${names.join(", ")} ${due.length === 1 ? "gets" : "get"} the allowance anew, ` +
      `until ${record.expiration} (${record.period_spend_limit.map((c) => c.amount + c.denom).join(", ")} per ${record.period_seconds / 86_400} days on contract calls).`,
  });
  return { ...p, actions };
}

// ---------------------------------------------------------------------------- command line

function parseArgs(argv) {
  const flags = {
    "--node": "node",
    "--gas-prices": "gasPrices",
    "--key": "key",
    "--mnemonic-file": "mnemonicFile",
    "--keyring-home": "keyringHome",
    "--keyring-backend": "keyringBackend",
    "--prefix": "prefix",
    "--accounts": "accounts",
    "--within-days": "withinDays",
  };
  const opts = { args: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--help" || a === "-h") return { help: true };
    if (a === "--dry-run") {
      opts.dryRun = true;
      continue;
    }
    const [flag, inline] = a.includes("=") && a.startsWith("--") ? a.split(/=(.*)/s, 2) : [a, undefined];
    if (flags[flag]) {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      opts[flags[flag]] = v;
    } else if (a.startsWith("--")) {
      throw new Error(`unknown option ${a}`);
    } else {
      opts.args.push(a);
    }
  }
  return opts;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.help || opts.args.length < 2) {
    const text = readFileSync(fileURLToPath(import.meta.url), "utf8").split("\n");
    const end = text.findIndex((l) => l.startsWith("import"));
    console.log(text.slice(1, end).map((l) => l.replace(/^\/\/ ?/, "")).join("\n"));
    process.exit(opts.help ? 0 : 2);
  }
  let [command, ...rest] = opts.args;
  let sub = null;
  if (command === "action") [sub, ...rest] = rest;
  const [dep, ...who] = rest;
  const d = loadDeployment(dep);
  if (!d.fee_granter || !d.fee_allowance)
    throw new Error(`${d.holon}: the deployment names no fee_granter (give the holon file a [fees] table and deploy it)`);
  const prefix = opts.prefix ?? LOCALNET.prefix;
  const accountsFile = opts.accounts ?? LOCALNET.accounts;
  const accounts = readAccounts(accountsFile);
  const grantees = who.map((w) => resolveAddress(w, accounts, prefix, "member"));
  const record = d.fee_allowance;
  if (command === "action") {
    if (grantees.length !== 1) throw new Error("action grant|revoke DEPLOYMENT ADDRESS: one address");
    const msg = sub === "grant" ? grantMsg(d.fee_granter, grantees[0], record) : sub === "revoke" ? revokeMsg(d.fee_granter, grantees[0]) : null;
    if (!msg) throw new Error("action grant or action revoke");
    console.log(JSON.stringify(anyAction(msg)));
    return;
  }
  const node = opts.node ?? d.rpc;
  if (command === "show") {
    const list = grantees.length ? grantees : (d.members ?? []).map((m) => m.address);
    for (const g of list) {
      const a = await allowance(node, d.fee_granter, g);
      console.log(`${g}: ${a ? JSON.stringify(a) : "no allowance"}`);
    }
    return;
  }
  if (command === "renew") return renewCommand(d, dep, opts, accounts, prefix);
  if (!["grant", "revoke"].includes(command)) throw new Error(`unknown command ${command} (grant, revoke, show, renew, action)`);
  if (grantees.length === 0) throw new Error(`${command} needs at least one member's address or name`);
  // The granter's key: given, or the localnet account whose address is the granter.
  const given = opts.key || opts.mnemonicFile || opts.keyringHome;
  const key = given ? opts.key : Object.values(accounts).find((a) => a.address === d.fee_granter)?.name;
  const wallet = await signerFrom({ ...opts, key, prefix }, accounts);
  const [{ address }] = await wallet.getAccounts();
  if (address !== d.fee_granter)
    throw new Error(`the granter is ${d.fee_granter}, but the key given is ${address}${d.fee_granter === d.governance ? " (the members' multisig grants through a proposal: use `action grant`)" : ""}`);
  const client = await SigningCosmWasmClient.connectWithSigner(node, wallet, {
    gasPrice: GasPrice.fromString(opts.gasPrices ?? d.gas_prices),
    broadcastPollIntervalMs: 300,
  });
  try {
    // Every member's grant ends on the same day: the deployment's fee_allowance.expiration.
    const res = command === "grant" ? await grant(client, address, grantees, record) : await revoke(client, address, grantees);
    console.log(res ? `${command}: ${grantees.join(", ")} (tx ${res.transactionHash}, gas ${res.gasUsed})` : `${command}: nothing to do`);
  } finally {
    client.disconnect();
  }
}

const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
const coins = (list) => list.map((c) => `${c.amount}${c.denom}`).join(", ");

/** `renew DEPLOYMENT [--within-days N] [--dry-run]`: see the header. */
async function renewCommand(d, dep, opts, accounts, prefix) {
  const withinDays = opts.withinDays === undefined ? 30 : Number(opts.withinDays);
  if (!Number.isFinite(withinDays) || withinDays < 0) throw new Error(`--within-days ${opts.withinDays}: a number of days, 0 or more`);
  const node = opts.node ?? d.rpc;
  const granter = d.fee_granter;
  const byMembers = d.governance_kind === "members" && granter === d.governance;
  const now = new Date();
  const record = await renewalRecord(d, now);
  const reader = await CosmWasmClient.connect(node);
  let due;
  let kept;
  let members;
  try {
    members = await groupMembers(reader, d.addresses.group);
    ({ due, kept } = await dueForRenewal(reader, granter, members, withinDays, now));
  } finally {
    reader.disconnect();
  }
  const name = (addr) => {
    const n = d.members?.find((m) => m.address === addr)?.name;
    return n ? `${n} (${addr})` : addr;
  };
  const horizon = new Date(now.getTime() + withinDays * DAY_MS).toISOString().replace(/\.\d{3}Z$/, "Z");
  console.log(
    `${d.holon}: ${members.length} members; allowances from ${granter}${byMembers ? " (the members' multisig)" : ""} ` +
      `missing or expiring before ${horizon}: ${due.length}`,
  );
  for (const k of kept) console.log(`  left alone: ${name(k.address)}, until ${k.allowance.expiration ?? "no expiry"}`);
  for (const x of due) console.log(`  to renew:   ${name(x.address)}, ${x.allowance ? `expires ${x.allowance.expiration}` : "no allowance"}`);
  if (due.length === 0) {
    console.log("renew: nothing to do");
    return;
  }
  const total = (c) => ({ amount: (BigInt(c.amount) * BigInt(due.length)).toString(), denom: c.denom });
  const allowanceWords =
    `each may spend ${coins(record.period_spend_limit)} per ${record.period_seconds / 86_400} days on contract calls, ` +
    `${coins(record.spend_limit)} in all until ${record.expiration}: at most ${coins(record.spend_limit.map(total))} for the ${due.length}`;
  if (opts.dryRun) {
    console.log(`renew (dry run): would renew ${due.length} until ${record.expiration}; ${allowanceWords}`);
    return;
  }
  const given = opts.key || opts.mnemonicFile || opts.keyringHome;
  const key = given ? opts.key : byMembers ? undefined : Object.values(accounts).find((a) => a.address === granter)?.name;
  if (byMembers && !given) throw new Error("the members' multisig is the granter: give the key of the member who proposes the renewal (--key NAME)");
  const wallet = await signerFrom({ ...opts, key, prefix }, accounts);
  const [{ address }] = await wallet.getAccounts();
  if (!byMembers && address !== granter)
    throw new Error(`the granter is ${granter}, but the key given is ${address}`);
  const client = await SigningCosmWasmClient.connectWithSigner(node, wallet, {
    gasPrice: GasPrice.fromString(opts.gasPrices ?? d.gas_prices),
    broadcastPollIntervalMs: 300,
  });
  try {
    if (byMembers) {
      const p = await proposeRenewal({ client, address }, d, due, record);
      const fee = paidFee(p.res);
      console.log(
        `renew: proposal ${p.id} (${p.status}) by ${name(address)}: ${p.actions.length} messages from the multisig ` +
          `(${plural(due.filter((x) => x.allowance).length, "revoke")}, ${plural(due.length, "grant")}), tx ${p.res.transactionHash}, ` +
          `gas ${p.res.gasUsed}, fee ${fee.amount}${fee.denom} paid by the proposer`,
      );
      console.log(`once the members pass and execute it (node scripts/governance.mjs vote|execute ${dep} ${p.id}), ${due.length} are renewed until ${record.expiration}; ${allowanceWords}`);
      return;
    }
    const txs = await renew(client, address, due, record);
    let fees = 0n;
    let gas = 0n;
    for (const t of txs) {
      fees += paidFee(t).amount;
      gas += BigInt(t.gasUsed);
    }
    const denom = splitPrice(opts.gasPrices ?? d.gas_prices).denom;
    for (const x of due) console.log(`  renewed:    ${name(x.address)}, until ${record.expiration}`);
    console.log(
      `renew: ${due.length} renewed until ${record.expiration} in ${txs.length} tx (${txs.map((t) => t.transactionHash).join(", ")}), ` +
        `gas ${gas}, fee ${fees}${denom} paid by the granter; ${allowanceWords}`,
    );
  } finally {
    client.disconnect();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  // Not a top-level await: an import of this file would wait for main() to end.
  main().catch((e) => {
    console.error(`feegrant: ${e.message}`);
    process.exit(1);
  });
}
