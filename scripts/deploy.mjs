#!/usr/bin/env node
// Deploys a whole holon to a wasmd chain in one command: stores the contract artifacts (or
// reuses codes already stored with the same checksum), instantiates the cw4 group of its
// members, its governance, the need-registry and the distributor, which itself creates the
// holon's flow-token and attestation contracts, and writes deployments/<chain-id>/<holon>.json.
//
//   node scripts/deploy.mjs HOLON_FILE [options]
//   node scripts/deploy.mjs --upgrade DEPLOYMENT [--key … | --mnemonic-file …] [--code-ids …]
//
// HOLON_FILE (scripts/holons/README.md): a .toml file is the holon part of a scenario file
// (docs/SCENARIO.md: [holon], [policy], [budget], [[categories]], [[members]], [fees]), read
// through the flow CLI (`flow holon FILE --json`: $FLOW_BIN, else this checkout's
// target/debug/flow, built with cargo when needed), which applies every default and names a
// mistake's line and field; `flow holon FILE --json` prints exactly what is deployed. A .json
// file is that complete form, every field present.
//
// Governance by the members ([holon.governance.members]: threshold, quorum, voting period):
// a cw-plus cw3-flex-multisig over the holon's cw4 group. In this order: the group
// (its admin the deployer), the multisig (its own wasm admin), the registry and the
// distributor (owner and wasm admin: the multisig), then one transaction makes the
// distributor the group's hook (it hears who leaves) and hands the group's admin and wasm
// admin to the multisig. From then on the deployer's key can change nothing;
// every steward action is a proposal (scripts/governance.mjs). `[holon] governance = "NAME"`
// names a wallet, an existing cw3 or a DAO DAO core instead, which owns and administers
// everything.
//
// Fees paid by the holon ([fees]: granter, period_days, spend_limit, expiry_days): the last
// step grants every member an x/feegrant allowance for contract calls (scripts/feegrant.mjs),
// signed by the granter ("deployer", the default, or a named account with its key), and the
// deployment file records fee_granter and fee_allowance.
//
// The chain: the localnet of scripts/localnet.sh by default; `--chain NAME` names a chain of
// the pinned chain registry (scripts/chains.mjs; e.g. osmosistestnet, neutrontestnet,
// junotestnet, terra2testnet), which gives its chain id, bech32 prefix, slip44 coin type,
// fee denom and gas price (average), RPC and REST endpoints (the first listed) and explorer;
// the deploy checks the node's chain id against it. A chain that is not in the registry
// takes explicit flags instead (--chain-id, --node, --prefix, --coin-type, --gas-prices).
// The deployment file records chain_name, chain_id, bech32_prefix, coin_type, fee_denom,
// gas_prices, rpc, rest, explorer (a tx page with {hash}) and source_commit (git HEAD,
// "-dirty" when contracts/ or packages/ have uncommitted changes).
//
// Options (explicit flags win over the registry's facts; defaults are the localnet's):
//   --chain NAME           a chain-registry name (an unknown one lists close matches)
//   --node URL             RPC endpoint          (the registry's first, or http://127.0.0.1:26657)
//   --rest URL             REST (LCD) endpoint, recorded for the web app (the registry's first)
//   --chain-id ID          expected chain id; refused if the node says otherwise
//   --gas-prices PRICE     e.g. 0.025uosmo      (the registry's average, or 0.0025stake)
//   --prefix PREFIX        bech32 prefix of the chain's addresses (the registry's, or wasm)
//   --coin-type N          slip44 coin type of --mnemonic-file's key (the registry's, or 118)
//   --explorer TEMPLATE    a tx page with {hash} (the registry's first)
//   --key NAME             sign with NAME: from the accounts file (the localnet's test
//                          keyring; default steward), or with --keyring-home from a wasmd
//                          keyring (`wasmd keys export NAME --unarmored-hex --unsafe`)
//   --keyring-home DIR     a wasmd home whose keyring holds --key (backend: --keyring-backend,
//                          default test; WASMD=path/to/wasmd, default the localnet's build)
//   --mnemonic-file FILE   sign with the mnemonic in FILE (any testnet; the key at
//                          m/44'/COIN'/0'/0/0 with the chain's coin type)
//   --accounts FILE        named accounts (localnet: $CW_FLOW_CACHE/localnet/accounts.json;
//                          none by default with --chain); member and governance names in
//                          the holon file resolve here
//   --artifacts DIR        the contract artifacts (artifacts/)
//   --cw4-group-wasm FILE  the cw4-group artifact ($CW4_GROUP_WASM, else
//                          artifacts/reference/cw4_group.wasm)
//   --cw4-group-code-id N  use a cw4-group code already on the chain instead (--code-ids cw4_group=N)
//   --cw3-flex-multisig-wasm FILE   the members' multisig ($CW3_FLEX_MULTISIG_WASM, else
//                          artifacts/reference/cw3_flex_multisig.wasm)
//   --cw3-flex-multisig-code-id N   use a cw3-flex-multisig 2.0 code already on the chain
//   --code-ids IDS         deploy from codes already on the chain (someone else stored them):
//                          flow_token=N,need_registry=N,attestation=N,distributor=N,
//                          commons=N,cw4_group=N,cw3_flex_multisig=N, or a JSON or TOML file of the
//                          same names (a deployment file's code_ids too); codes not named
//                          are stored (or reused) as usual. Each code's checksum on chain
//                          must be the artifact's (artifacts/checksums.txt; a reference's
//                          other file with --cw4-group-wasm …), or nothing is signed.
//   --reuse-stored-codes   reuse a code anyone stored on the chain from the same build (the
//                          artifact's checksum, among the chain's latest 500 codes: the
//                          newest this holon may instantiate) instead of storing it again;
//                          on a chain where governance stores code, no --code-ids to type
//                          (codes this checkout stored before are reused anyway: codes.json)
//   --salt TEXT            instantiate2 salt of the multisig and the distributor (default:
//                          random): it fixes the distributor's address, which must be
//                          allowed to instantiate the token and attestation codes
//   --holon ID             the holon to deploy of a scenario file with several [[holons]]
//   --name NAME            override the holon's name (deploy another copy of a file)
//   --slug SLUG            the deployment file's name (default: from the holon's name)
//   --out FILE             where to write the deployment (deployments/<chain-id>/<slug>.json)
//   --quiet                print only the deployment file's path
//
// Chains where only governance stores code (wasm params code_upload_access Nobody or
// AnyOfAddresses without the deployer): the deploy reads the params before storing and,
// instead of the chain's raw error, says what to ask governance for: each wasm file with its
// sha256 and the instantiate permission its code needs (the deployer for the group, the
// multisig, the registry and the distributor; the distributor's address, fixed by --salt,
// for the token and the attestation contract), and the deploy command to run once they are
// stored. Every code's instantiate permission is checked before anything is instantiated.
//
// Upgrade (--upgrade DEPLOYMENT: a deployment file, or a localnet slug): stores this
// checkout's codes (or --artifacts DIR's: their versions are read from DIR's parent when it
// is the checkout that built them, scripts/build-wasm.sh's <checkout>/artifacts; or takes
// --code-ids, checked by checksum) and migrates the registry, the
// attestation contract, the distributor and the token where their code differs (cw-plus's
// group and multisig stay). Refused before anything is signed: a contract whose cw2 name is
// not this repository's, a version not newer than the chain's (bump the crate's version), a
// contract whose wasm admin is not the holon's governance. Governance by an address: sign
// with its key; one transaction migrates all. Governance by the members: sign with a
// member's key; one proposal (title: --title) holds every migration, the members vote and
// anyone executes it (scripts/governance.mjs), then --upgrade again records the new codes.
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, extname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import { SigningCosmWasmClient } from "@cosmjs/cosmwasm-stargate";
import { fromBech32, fromHex, toAscii, toBech32, toUtf8 } from "@cosmjs/encoding";
import { GasPrice, assertIsDeliverTxSuccess } from "@cosmjs/stargate";
import {
  QueryCodeInfoRequest,
  QueryCodeInfoResponse,
  QueryCodesRequest,
  QueryCodesResponse,
  QueryParamsRequest,
  QueryParamsResponse,
} from "cosmjs-types/cosmwasm/wasm/v1/query";
import { parse as parseToml } from "smol-toml";

import {
  CACHE_DIR,
  LOCALNET,
  LOCALNET_HOME,
  ROOT,
  readAccounts,
  resolveAddress,
  signerFrom,
  walletFromAccount,
} from "./accounts.mjs";
import { chainSettings, checkChainId, sourceCommit } from "./chains.mjs";
import { HolonFileError, checkHolon, loadHolonFile, slugify } from "./holon-file.mjs";
import { allowanceRecord, grant as grantFees, normaliseFees } from "./feegrant.mjs";
import { propose } from "./proposals.mjs";

// The chain's basics live in accounts.mjs (feegrant.mjs needs them too); deploy.mjs hands
// them on to the scripts and tests that import them from here.
export { CACHE_DIR, LOCALNET, LOCALNET_HOME, ROOT, readAccounts, resolveAddress, signerFrom, walletFromAccount };
// Likewise the holon files (holon-file.mjs).
export { HolonFileError, checkHolon, loadHolonFile, slugify };

// The contracts, in the order they are stored: key, artifact file (null: a reference, whose
// file and code id options are in REFERENCE_CODES).
const CODES = [
  ["cw4_group", null],
  ["cw3_flex_multisig", null],
  ["need_registry", "need_registry.wasm"],
  ["attestation", "attestation.wasm"],
  ["distributor", "distributor.wasm"],
  ["flow_token", "flow_token.wasm"],
  ["commons", "commons.wasm"],
];
// cw-plus references: the option naming another artifact or a code already on the chain.
const REFERENCE_CODES = {
  cw4_group: { wasm: "cw4GroupWasm", codeId: "cw4GroupCodeId", flag: "--cw4-group-code-id" },
  cw3_flex_multisig: { wasm: "cw3FlexMultisigWasm", codeId: "cw3FlexMultisigCodeId", flag: "--cw3-flex-multisig-code-id" },
};

// ---------------------------------------------------------------------------- deploy

const sha256 = (bytes) => createHash("sha256").update(bytes).digest("hex");

/**
 * The address MsgInstantiateContract2 gives a contract of code `checksumHex` instantiated by
 * `creator` with `salt` (wasmd's BuildContractAddressPredictable, no fixed message): CosmJS's
 * instantiate2Address, which 0.38.1 cannot run beside @scure/base 2 (its fromBech32 passes
 * an unbounded length), written out.
 */
export function predictAddress(checksumHex, creator, salt, prefix) {
  const u64 = (n) => {
    const b = Buffer.alloc(8);
    b.writeBigUInt64BE(BigInt(n));
    return b;
  };
  const checksum = fromHex(checksumHex);
  const creatorData = fromBech32(creator, 90).data;
  const key = Buffer.concat([
    // "wasm": x/wasm's module name (the address's derivation key), not a bech32 prefix
    toAscii("wasm"), Buffer.from([0]),
    u64(checksum.length), checksum,
    u64(creatorData.length), creatorData,
    u64(salt.length), salt,
    u64(0),
  ]);
  const typeHash = createHash("sha256").update("module").digest();
  return toBech32(prefix, createHash("sha256").update(typeHash).update(key).digest());
}

/** A code already stored with this checksum (codes.json of the chain), or null. */
async function reusable(client, checksum, codesCache) {
  const known = codesCache[checksum];
  if (known === undefined) return null;
  try {
    const details = await client.getCodeDetails(known);
    if (details.checksum.toLowerCase() === checksum) return known;
  } catch {
    // not on this chain (a fresh localnet): upload.
  }
  return null;
}

/**
 * The chain's codes by checksum (hex) → their ids, newest first, among the latest 500: for
 * --reuse-stored-codes.
 */
async function storedCodes(client) {
  const qc = client.forceGetQueryClient();
  const out = {};
  let key = new Uint8Array();
  for (let page = 0; page < 5; page++) {
    const request = QueryCodesRequest.encode({ pagination: { key, offset: 0n, limit: 100n, countTotal: false, reverse: true } });
    const { value } = await qc.queryAbci("/cosmwasm.wasm.v1.Query/Codes", request.finish());
    const res = QueryCodesResponse.decode(value);
    for (const c of res.codeInfos) (out[Buffer.from(c.dataHash).toString("hex")] ??= []).push(Number(c.codeId));
    key = res.pagination?.nextKey;
    if (!key?.length) break;
  }
  return out;
}

async function store(client, sender, key, wasm, codesCache, log) {
  const checksum = sha256(wasm);
  const res = await client.upload(sender, wasm, "auto", `cw-flow ${key}`);
  codesCache[checksum] = res.codeId;
  log(`  ${key.padEnd(14)} code ${res.codeId} stored (${wasm.length} bytes, gas ${res.gasUsed})`);
  return { codeId: res.codeId, checksum, tx: { hash: res.transactionHash, gas_used: Number(res.gasUsed), gas_wanted: Number(res.gasWanted) } };
}

// ---------------------------------------------------------------------------- permissioned chains

/** The contracts --code-ids names, and who instantiates each (the deployer, or the distributor). */
export const CODE_KEYS = CODES.map(([key]) => key);
const MADE_BY_DISTRIBUTOR = new Set(["flow_token", "attestation"]);

/**
 * `--code-ids`: `flow_token=12,need_registry=13,…` or a JSON or TOML file of the same
 * (`{"flow_token": 12, …}`). Returns {key: code id}.
 */
export function parseCodeIds(value) {
  let raw;
  if (typeof value === "object" && value !== null) raw = value;
  else if (existsSync(value)) {
    const text = readFileSync(value, "utf8");
    try {
      raw = extname(value).toLowerCase() === ".toml" ? parseToml(text) : JSON.parse(text);
    } catch (e) {
      throw new Error(`--code-ids ${value}: not valid ${extname(value).slice(1) || "JSON"}: ${e.message}`);
    }
    if (raw.code_ids && typeof raw.code_ids === "object") raw = raw.code_ids; // a deployment file
  } else {
    raw = {};
    for (const part of String(value).split(",").map((p) => p.trim()).filter(Boolean)) {
      const m = /^([a-z0-9_]+)=(.*)$/.exec(part);
      if (!m) throw new Error(`--code-ids: "${part}" is not NAME=CODE_ID (e.g. flow_token=12), nor a file`);
      raw[m[1]] = m[2];
    }
  }
  const ids = {};
  for (const [k, v] of Object.entries(raw)) {
    if (!CODE_KEYS.includes(k)) throw new Error(`--code-ids: unknown contract "${k}" (known: ${CODE_KEYS.join(", ")})`);
    const n = Number(v);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`--code-ids: ${k}=${v} is not a code id (a positive integer)`);
    ids[k] = n;
  }
  return ids;
}

/**
 * What each code must be: {key: {file, checksum}}, from artifacts/checksums.txt (what
 * scripts/build-wasm.sh built and checked), else the artifact's own sha256; a reference
 * given as another file (--cw4-group-wasm, $CW4_GROUP_WASM …) is that file's.
 */
export function expectedCodes(opts) {
  const listed = {};
  const sums = join(opts.artifacts, "checksums.txt");
  if (existsSync(sums)) {
    for (const line of readFileSync(sums, "utf8").split("\n")) {
      const m = /^([0-9a-f]{64})\s+\*?(\S+)$/.exec(line.trim());
      if (m) listed[m[2]] = m[1];
    }
  }
  const out = {};
  for (const [key, file] of CODES) {
    const ref = REFERENCE_CODES[key];
    const other = ref && opts[ref.wasm];
    const rel = ref ? `reference/${key}.wasm` : file;
    const path = other ? resolve(other) : join(opts.artifacts, rel);
    const checksum = !other && listed[rel] ? listed[rel] : existsSync(path) ? sha256(readFileSync(path)) : null;
    out[key] = { file: path, checksum, size: existsSync(path) ? readFileSync(path).length : null, ref };
  }
  return out;
}

const ACCESS = { 1: "Nobody", 3: "Everybody", 4: "AnyOfAddresses" };
/** An AccessConfig ({permission: AccessType, addresses}) as {permission: "Nobody" | …, addresses}. */
const access = (a) => ({ permission: ACCESS[a?.permission] ?? String(a?.permission), addresses: a?.addresses ?? [] });
const permits = (a, who) => a.permission === "Everybody" || (a.permission === "AnyOfAddresses" && a.addresses.includes(who));
const accessWords = (a) =>
  a.permission === "Everybody" ? "anyone" : a.permission === "Nobody" ? "nobody" : `only ${a.addresses.join(", ")}`;

/** The chain's wasm params: who may store code, and new codes' default instantiate permission. */
export async function wasmParams(client) {
  const qc = client.forceGetQueryClient();
  const { value } = await qc.queryAbci("/cosmwasm.wasm.v1.Query/Params", QueryParamsRequest.encode({}).finish());
  const { params } = QueryParamsResponse.decode(value);
  return { upload: access(params.codeUploadAccess), instantiateDefault: ACCESS[params.instantiateDefaultPermission] };
}

/** A code's checksum (hex), creator and instantiate permission, or null when there is no such code. */
export async function codeInfo(client, codeId) {
  const qc = client.forceGetQueryClient();
  let info;
  try {
    const { value } = await qc.queryAbci("/cosmwasm.wasm.v1.Query/CodeInfo", QueryCodeInfoRequest.encode({ codeId: BigInt(codeId) }).finish());
    info = QueryCodeInfoResponse.decode(value);
  } catch (e) {
    if (/not found|no such code/i.test(e.message)) return null;
    // A wasmd before 0.53 has no CodeInfo query: the Code query (with the wasm) has the same.
    try {
      const r = await qc.wasm.getCode(codeId);
      info = { checksum: r.codeInfo.dataHash, creator: r.codeInfo.creator, instantiatePermission: r.codeInfo.instantiatePermission };
    } catch (e2) {
      if (/not found|no such code/i.test(e2.message)) return null;
      throw e2;
    }
  }
  return {
    codeId: Number(codeId),
    checksum: Buffer.from(info.checksum).toString("hex"),
    creator: info.creator,
    instantiate: access(info.instantiatePermission),
  };
}

export class PermissionError extends Error {}

/**
 * The code ids --code-ids gives, checked: each exists and has the checksum of this
 * repository's artifact (or the reference's). Throws one error naming every mismatch.
 */
export async function checkGivenCodes(client, given, expected, chainId) {
  const problems = [];
  const infos = {};
  for (const [key, id] of Object.entries(given)) {
    const info = await codeInfo(client, id);
    const want = expected[key];
    if (!info) {
      problems.push(`${key}: ${chainId} has no code ${id}`);
      continue;
    }
    infos[key] = info;
    if (want.checksum && info.checksum !== want.checksum) {
      problems.push(
        `${key}: code ${id} on ${chainId} has checksum ${info.checksum}, but ${relative(ROOT, want.file)} has ${want.checksum}` +
          (want.ref ? ` (another build of it? name that file with --${key.replaceAll("_", "-")}-wasm)` : ""),
      );
    }
  }
  if (problems.length)
    throw new PermissionError(
      `the codes given with --code-ids are not this repository's contracts:\n  ${problems.join("\n  ")}\n` +
        `(a code's checksum is the sha256 of its wasm: \`wasmd query wasm code-info ID\`; this repository's are in artifacts/checksums.txt)`,
    );
  return infos;
}

/**
 * Who must be allowed to instantiate which code: the deployer makes the group, the multisig,
 * the registry and the distributor; the distributor (at `distributorAddr`, instantiate2)
 * makes the token and the attestation contract. Returns the plain-words lines of what is
 * missing (none: all is well).
 */
export function missingInstantiatePermissions(infos, deployer, distributorAddr) {
  const lines = [];
  for (const [key, info] of Object.entries(infos)) {
    const who = MADE_BY_DISTRIBUTOR.has(key) ? distributorAddr : deployer;
    if (permits(info.instantiate, who)) continue;
    const whom = MADE_BY_DISTRIBUTOR.has(key)
      ? `the holon's distributor contract, which will be at ${who}, instantiates the ${key === "flow_token" ? "token" : "attestation contract"}`
      : `the deployer ${who} instantiates it`;
    lines.push(
      `code ${info.codeId} (${key}): ${accessWords(info.instantiate)} may instantiate it (${info.instantiate.permission}${info.instantiate.addresses.length ? ` [${info.instantiate.addresses.join(", ")}]` : ""}), but ${whom}`,
    );
  }
  return lines;
}

/**
 * What the deployer asks the chain's governance for when it may not store code: each file
 * with its checksum and the instantiate permission its code needs, then the deploy command
 * with --code-ids and the salt that fixes the distributor's address.
 */
function askGovernance({ chainId, sender, params, toStore, expected, codeIds, needed, distributorAt, saltText, holonFile }) {
  const rows = toStore.map((key) => {
    const e = expected[key];
    const bytes = readFileSync(e.file);
    const who = MADE_BY_DISTRIBUTOR.has(key)
      ? `AnyOfAddresses [${distributorAt}] (the holon's distributor, which creates the ${key === "flow_token" ? "token" : "attestation contract"})`
      : `AnyOfAddresses [${sender}] (the deployer)`;
    return `  ${key}: ${relative(ROOT, e.file)}\n      sha256 ${sha256(bytes)}, ${bytes.length} bytes\n      instantiate permission: ${who}`;
  });
  const ids = needed.map((k) => `${k}=${codeIds[k] ?? "N"}`).join(",");
  return (
    `${sender} may not store code on ${chainId}: the chain's code_upload_access is ${params.upload.permission}` +
    `${params.upload.addresses.length ? ` [${params.upload.addresses.join(", ")}]` : ""} (${accessWords(params.upload)} may store code), so its governance stores code.\n` +
    `Ask governance for a store-code proposal (MsgStoreCode, one per file) of:\n${rows.join("\n")}\n` +
    `(Everybody as the instantiate permission also works.) Once they are stored, deploy with their code ids and this salt:\n` +
    `  node scripts/deploy.mjs ${holonFile ? relative(process.cwd(), resolve(holonFile)) : "HOLON_FILE"} --code-ids ${ids} --salt ${saltText}\n` +
    `(the salt puts the distributor at ${distributorAt}; the deploy checks every code's checksum against these)`
  );
}

/**
 * Deploys the holon described by `holon`: the complete form loadHolonFile returns (every
 * field present; checked here, nothing filled in). Returns the deployment record (also
 * written to `opts.out`).
 */
export async function deploy(holon, options = {}) {
  // The chain's facts: the registry's (--chain), the localnet's, and explicit flags over both.
  const chain = chainSettings(options);
  const opts = {
    // The localnet's named accounts are the default only off the registry.
    accounts: options.chain ? null : LOCALNET.accounts,
    artifacts: join(ROOT, "artifacts"),
    cw4GroupWasm: process.env.CW4_GROUP_WASM || null,
    cw3FlexMultisigWasm: process.env.CW3_FLEX_MULTISIG_WASM || null,
    log: console.log,
    ...options,
    node: chain.rpc,
    gasPrices: chain.gas_prices,
    prefix: chain.bech32_prefix,
    coinType: chain.coin_type,
  };
  const log = opts.quiet ? () => {} : opts.log;
  checkHolon(holon, opts.holonFile ?? (typeof holon?.name === "string" ? holon.name : "holon"));
  if (opts.name) holon = { ...holon, name: opts.name, slug: opts.slug ?? slugify(opts.name) };
  if (opts.slug) holon = { ...holon, slug: opts.slug };
  const accounts = readAccounts(opts.accounts);
  const wallet = await signerFrom(opts, accounts);
  const [{ address: sender }] = await wallet.getAccounts();
  const client = await SigningCosmWasmClient.connectWithSigner(opts.node, wallet, {
    gasPrice: GasPrice.fromString(opts.gasPrices),
    // CosmJS polls for the tx every 3 s by default; blocks here may come every 300 ms.
    broadcastPollIntervalMs: 300,
  });
  try {
    const chainId = await client.getChainId();
    checkChainId(chain, chainId, { chain: opts.chain, node: opts.node });
    // Off the localnet, a treasury denom the chain does not have (the holon file's default
    // ucredit is the localnet's) could never be funded: say so before deploying.
    const treasuryDenom = holon.budget?.treasury?.denom;
    if (!chain.localnet && treasuryDenom) {
      const supply = await client.forceGetQueryClient().bank.supplyOf(treasuryDenom).catch(() => null);
      if (supply && supply.amount === "0")
        log(`  warning: ${chainId} has no ${treasuryDenom} coins, the treasury's denom (budget.treasury.denom): nobody can fund the treasury until it exists (the chain's fee denom is ${chain.fee_denom})`);
    }
    const outFile = opts.out ?? join(ROOT, "deployments", chainId, `${holon.slug}.json`);
    const codesFile = join(dirname(outFile), "codes.json");
    const codesCache = existsSync(codesFile) ? JSON.parse(readFileSync(codesFile, "utf8")) : {};
    const gov = holon.governance;
    const byMembers = gov.kind === "members";
    const named = byMembers ? null : resolveAddress(gov.address, accounts, opts.prefix, "governance");
    const members = holon.members.map((m) => ({
      addr: resolveAddress(m.addr, accounts, opts.prefix, "member"),
      weight: m.weight,
      name: m.addr.startsWith(`${opts.prefix}1`) ? undefined : m.addr,
    }));
    // A named account of another chain (the localnet's wasm1… on a testnet) is refused.
    for (const [who, addr] of [...members.map((m) => [`member ${m.name ?? m.addr}`, m.addr]), ["governance", named]]) {
      if (addr && !addr.startsWith(`${opts.prefix}1`))
        throw new Error(`${who} is ${addr}, not an address of ${chainId} (prefix ${opts.prefix}): give its ${opts.prefix}1… address`);
    }
    // [fees]: the holon pays its members' gas; its granter signs the grants (step 6).
    let fees = null;
    try {
      fees = normaliseFees(holon.fees, opts.gasPrices, holon.name);
    } catch (e) {
      throw e.holonFile ? new HolonFileError(e.message) : e;
    }
    let granterWallet = null;
    if (fees && fees.granter !== "deployer") {
      const account = accounts[fees.granter] ?? Object.values(accounts).find((a) => a.address === fees.granter);
      if (!account?.private_key)
        throw new Error(
          `fees.granter "${fees.granter}": the deploy signs the grants, so it needs the granter's key in the accounts file ` +
            `(or write granter = "deployer", and grant later with scripts/feegrant.mjs)`,
        );
      granterWallet = await walletFromAccount(account, opts.prefix);
    }
    log(`deploying "${holon.name}" to ${chainId}${chain.chain_name ? ` (${chain.chain_name})` : ""} at ${opts.node} as ${sender}`);

    // 1. codes (the multisig's only when the members govern): those --code-ids gives (each
    //    checked against this repository's checksum), those already stored (codes.json), and
    //    the rest stored here, when the chain lets the deployer store code (its wasm params'
    //    code_upload_access); otherwise the deploy says what to ask the chain's governance for.
    //    Every code must let its instantiator instantiate it: the deployer, or for the token
    //    and the attestation contract the distributor, whose address instantiate2 fixes
    //    beforehand (the deployer, the distributor's checksum and the salt).
    const codeIds = {};
    const checksums = {};
    const txs = {};
    const needed = CODE_KEYS.filter((k) => k !== "cw3_flex_multisig" || byMembers);
    const expected = expectedCodes(opts);
    const given = opts.codeIds ? parseCodeIds(opts.codeIds) : {};
    for (const [key, ref] of Object.entries(REFERENCE_CODES))
      if (opts[ref.codeId] && given[key] === undefined) given[key] = parseCodeIds({ [key]: opts[ref.codeId] })[key];
    for (const key of Object.keys(given)) if (!needed.includes(key)) delete given[key];
    const infos = await checkGivenCodes(client, given, expected, chainId);
    const saltText = opts.salt ?? randomBytes(8).toString("hex");
    const salt = toUtf8(saltText);
    if (salt.length > 64) throw new Error(`--salt: at most 64 bytes (instantiate2), got ${salt.length}`);
    const toStore = [];
    let chainCodes = null; // --reuse-stored-codes: read once, when codes.json lacks a code
    for (const key of needed) {
      if (given[key] !== undefined) {
        codeIds[key] = given[key];
        checksums[key] = infos[key].checksum;
        log(`  ${key.padEnd(14)} code ${given[key]} (given, checksum ${infos[key].checksum.slice(0, 12)}… as built here)`);
        continue;
      }
      const e = expected[key];
      if (!existsSync(e.file))
        throw new Error(`no artifact ${e.file}: run scripts/build-wasm.sh (or give its code id: --code-ids ${key}=N)`);
      const checksum = sha256(readFileSync(e.file));
      let known = await reusable(client, checksum, codesCache);
      if (known === null && opts.reuseStoredCodes) {
        // Someone else's code of the same build: the newest one this holon may instantiate
        // (the deployer, or for the token and the attestation contract the distributor).
        chainCodes ??= await storedCodes(client);
        const who = MADE_BY_DISTRIBUTOR.has(key)
          ? predictAddress(infos.distributor?.checksum ?? sha256(readFileSync(expected.distributor.file)), sender, salt, opts.prefix)
          : sender;
        for (const id of chainCodes[checksum] ?? []) {
          const info = await codeInfo(client, id);
          if (info && permits(info.instantiate, who)) {
            known = id;
            break;
          }
        }
      }
      if (known === null) {
        toStore.push(key);
        continue;
      }
      codeIds[key] = known;
      checksums[key] = checksum;
      infos[key] = await codeInfo(client, known);
      log(`  ${key.padEnd(14)} code ${known} (already stored, ${checksum.slice(0, 12)}…)`);
    }
    const distributorChecksum = checksums.distributor ?? sha256(readFileSync(expected.distributor.file));
    const distributorAt = predictAddress(distributorChecksum, sender, salt, opts.prefix);
    const refuse = (lines) =>
      new PermissionError(
        `the codes on ${chainId} do not let this deploy instantiate the holon:\n  ${lines.join("\n  ")}\n` +
          `Ask the chain's governance to change their instantiate permission (MsgUpdateInstantiateConfig: ` +
          `AnyOfAddresses with the address named, or Everybody), or to store them again so; then deploy again` +
          ` with --salt ${saltText}, which puts the distributor at ${distributorAt}.`,
      );
    let missing = missingInstantiatePermissions(infos, sender, distributorAt);
    if (missing.length) throw refuse(missing);
    if (toStore.length) {
      const params = await wasmParams(client);
      if (!permits(params.upload, sender))
        throw new PermissionError(
          askGovernance({ chainId, sender, params, toStore, expected, codeIds, needed, distributorAt, saltText, holonFile: opts.holonFile }),
        );
      for (const key of toStore) {
        const r = await store(client, sender, key, readFileSync(expected[key].file), codesCache, log);
        codeIds[key] = r.codeId;
        checksums[key] = r.checksum;
        txs[`store_${key}`] = r.tx;
        infos[key] = await codeInfo(client, r.codeId);
      }
      missing = missingInstantiatePermissions(Object.fromEntries(toStore.map((k) => [k, infos[k]])), sender, distributorAt);
      if (missing.length) throw refuse(missing);
    }
    mkdirSync(dirname(outFile), { recursive: true });
    writeFileSync(codesFile, JSON.stringify(codesCache, null, 2) + "\n");

    // 2. the group of members; until the distributor exists (it is the group's hook) and,
    //    for the members' multisig, the multisig too, the deployer is the group's admin (cw4
    //    and wasm), handed over to governance in step 5.
    const record = (name, res) => {
      txs[name] = { hash: res.transactionHash, gas_used: Number(res.gasUsed), gas_wanted: Number(res.gasWanted) };
    };
    const group = await client.instantiate(
      sender,
      codeIds.cw4_group,
      { admin: sender, members: members.map(({ addr, weight }) => ({ addr, weight })) },
      `${holon.name} group`,
      "auto",
      { admin: sender },
    );
    record("instantiate_group", group);
    log(`  group          ${group.contractAddress} (${members.length} members)`);

    // 3. governance: the members' cw3-flex-multisig over that group, its own wasm admin from
    //    the start (instantiate2: its address is known before it exists), or the named address.
    let governance = named;
    if (byMembers) {
      governance = predictAddress(checksums.cw3_flex_multisig, sender, salt, opts.prefix);
      const multisig = await client.instantiate2(
        sender,
        codeIds.cw3_flex_multisig,
        salt,
        {
          group_addr: group.contractAddress,
          threshold: { threshold_quorum: { threshold: gov.threshold, quorum: gov.quorum } },
          max_voting_period: { time: gov.voting_period_seconds },
          executor: null, // anyone executes a passed proposal
          proposal_deposit: null,
        },
        `${holon.name} governance`,
        "auto",
        { admin: governance },
      );
      if (multisig.contractAddress !== governance)
        throw new Error(`the multisig is at ${multisig.contractAddress}, not at the predicted ${governance}`);
      record("instantiate_governance", multisig);
      log(`  governance     ${governance} (the members' multisig: threshold ${gov.threshold}, quorum ${gov.quorum}, ${gov.voting_period_seconds} s to vote)`);
    } else {
      log(`  governance     ${governance}${gov.address === governance ? "" : ` (${gov.address})`}`);
    }

    // 4. the registry, the distributor (which makes token + attestation), owned and
    //    administered by governance
    const registry = await client.instantiate(
      sender,
      codeIds.need_registry,
      {
        owner: governance,
        group: group.contractAddress,
        posting: holon.posting,
        categories: holon.categories,
        max_requesters_per_need: holon.max_requesters_per_need,
      },
      `${holon.name} needs`,
      "auto",
      { admin: governance },
    );
    record("instantiate_registry", registry);
    log(`  registry       ${registry.contractAddress} (${holon.categories.length} categories)`);
    // null (the deploy's block time) or a date checkHolon has parsed
    const cycleStart = holon.cycle_start === null ? null : (BigInt(Date.parse(holon.cycle_start)) * 1_000_000n).toString();
    const distributor = await client.instantiate2(
      sender,
      codeIds.distributor,
      salt,
      {
        name: holon.name,
        governance,
        group: group.contractAddress,
        registry: registry.contractAddress,
        token: {
          new: {
            code_id: codeIds.flow_token,
            name: holon.token.name,
            symbol: holon.token.symbol,
            decimals: holon.token.decimals,
            marketing: null,
            label: `${holon.name} token`,
          },
        },
        attestation: {
          new: {
            code_id: codeIds.attestation,
            label: `${holon.name} attestations`,
            policy: holon.attestation_policy,
          },
        },
        cycle_start: cycleStart,
        cycle_seconds: holon.cycle_seconds,
        policy: holon.policy,
        budget: holon.budget,
      },
      `${holon.name} distributor`,
      "auto",
      { admin: governance },
    );
    if (distributor.contractAddress !== distributorAt)
      throw new Error(`the distributor is at ${distributor.contractAddress}, not at the predicted ${distributorAt}`);
    record("instantiate_distributor", distributor);

    // 5. the distributor becomes the group's hook (cw4 member_changed_hook: it learns who
    //    leaves, so that `payouts` still lists a member removed after a close), and the
    //    group's admin (membership changes) and wasm admin pass to governance, in one
    //    transaction
    const execGroup = (msg) => ({
      typeUrl: "/cosmwasm.wasm.v1.MsgExecuteContract",
      value: { sender, contract: group.contractAddress, msg: toUtf8(JSON.stringify(msg)), funds: [] },
    });
    const handover = await client.signAndBroadcast(
      sender,
      [
        execGroup({ add_hook: { addr: distributor.contractAddress } }),
        // (a holon governed by the deployer's own key keeps it: wasmd refuses an admin "change" to the same)
        ...(governance === sender
          ? []
          : [
              execGroup({ update_admin: { admin: governance } }),
              { typeUrl: "/cosmwasm.wasm.v1.MsgUpdateAdmin", value: { sender, newAdmin: governance, contract: group.contractAddress } },
            ]),
      ],
      "auto",
      "cw-flow: the distributor hears the group's changes; the group's admin passes to governance",
    );
    assertIsDeliverTxSuccess(handover);
    record("handover_group", handover);
    const { hooks } = await client.queryContractSmart(group.contractAddress, { hooks: {} });
    const { admin } = await client.queryContractSmart(group.contractAddress, { admin: {} });
    const wasmAdmin = (await client.getContract(group.contractAddress)).admin;
    if (admin !== governance || wasmAdmin !== governance)
      throw new Error(`the group's admin is ${admin} (wasm admin ${wasmAdmin}), not the governance ${governance}`);
    if (hooks.length !== 1 || hooks[0] !== distributor.contractAddress)
      throw new Error(`the group's hooks are ${JSON.stringify(hooks)}, not the distributor ${distributor.contractAddress}`);
    log(`  group admin    ${byMembers ? "the multisig" : governance} (cw4 admin and wasm admin); its hook: the distributor`);
    const { config } = await client.queryContractSmart(distributor.contractAddress, { config: {} });
    log(`  distributor    ${distributor.contractAddress}`);
    log(`  token          ${config.token} (${holon.token.symbol})`);
    log(`  attestation    ${config.attestation}`);

    // 6. the commons (contracts/commons): the holon's resources and members' offers, paid in
    //    its token; owned and administered by governance, resource payments to the distributor's
    //    pool, offers listed by the group's members, categories the registry's
    const commons = await client.instantiate(
      sender,
      codeIds.commons,
      {
        owner: governance,
        group: group.contractAddress,
        token: config.token,
        distributor: distributor.contractAddress,
        registry: registry.contractAddress,
        confirm_window_seconds: holon.commons.confirm_window_seconds,
        bounds: null,
      },
      `${holon.name} commons`,
      "auto",
      { admin: governance },
    );
    record("instantiate_commons", commons);
    log(`  commons        ${commons.contractAddress} (a purchase is confirmed or disputed within ${holon.commons.confirm_window_seconds} s)`);

    // 7. [fees]: the granter gives every member an allowance for their contract transactions
    //    (scripts/feegrant.mjs): the holon pays its members' gas.
    let feeGranter = null;
    let feeAllowance = null;
    if (fees) {
      feeAllowance = allowanceRecord(fees);
      let granterClient = client;
      if (granterWallet) {
        granterClient = await SigningCosmWasmClient.connectWithSigner(opts.node, granterWallet, {
          gasPrice: GasPrice.fromString(opts.gasPrices),
          broadcastPollIntervalMs: 300,
        });
      }
      try {
        [{ address: feeGranter }] = await (granterWallet ?? wallet).getAccounts();
        const res = await grantFees(granterClient, feeGranter, members.map((m) => m.addr), feeAllowance);
        record("grant_fees", res);
      } finally {
        if (granterClient !== client) granterClient.disconnect();
      }
      const [limit] = feeAllowance.period_spend_limit;
      log(`  fees           paid by ${feeGranter}: ${members.length} members may each spend ${limit.amount}${limit.denom} per ${fees.period_days} days on contract calls, until ${feeAllowance.expiration}`);
    }

    const deployment = {
      holon: holon.name,
      slug: holon.slug,
      chain_id: chainId,
      // the chain's facts, for the web app and the CLI (scripts/chains.mjs)
      chain_name: chain.chain_name,
      bech32_prefix: chain.bech32_prefix,
      coin_type: chain.coin_type,
      fee_denom: chain.fee_denom,
      gas_prices: opts.gasPrices,
      rpc: opts.node,
      rest: chain.rest,
      explorer: chain.explorer,
      source_commit: sourceCommit(),
      deployed_at: new Date().toISOString(),
      deployer: sender,
      governance,
      governance_kind: gov.kind,
      ...(byMembers
        ? {
            governance_members: {
              threshold: gov.threshold,
              quorum: gov.quorum,
              voting_period_seconds: gov.voting_period_seconds,
            },
          }
        : {}),
      holon_file: opts.holonFile ? relative(ROOT, resolve(opts.holonFile)) : null,
      ...(opts.holonId ? { holon_id: opts.holonId } : {}),
      code_ids: codeIds,
      checksums,
      salt: saltText,
      addresses: {
        group: group.contractAddress,
        registry: registry.contractAddress,
        distributor: distributor.contractAddress,
        token: config.token,
        attestation: config.attestation,
        commons: commons.contractAddress,
      },
      token: holon.token,
      budget: holon.budget,
      cycle_seconds: config.cycle_seconds,
      cycle_start: config.start,
      members: members.map(({ name, addr, weight }) => ({ ...(name ? { name } : {}), address: addr, weight })),
      ...(feeGranter ? { fee_granter: feeGranter, fee_allowance: feeAllowance } : {}),
      txs,
    };
    writeFileSync(outFile, JSON.stringify(deployment, null, 2) + "\n");
    log(`wrote ${relative(process.cwd(), outFile) || outFile}`);
    if (opts.quiet) console.log(outFile);
    deployment.file = outFile;
    return deployment;
  } finally {
    client.disconnect();
  }
}

// ---------------------------------------------------------------------------- upgrade

/** The holon's contracts of this repository: deployment address key, code key, crate directory. */
const UPGRADABLE = [
  ["registry", "need_registry", "contracts/need-registry"],
  ["attestation", "attestation", "contracts/attestation"],
  ["distributor", "distributor", "contracts/distributor"],
  ["token", "flow_token", "contracts/flow-token"],
  ["commons", "commons", "contracts/commons"],
];

/**
 * A crate's cw2 name and version as its contract stores them (crates.io:NAME, the crate's
 * version), read from the checkout `root` (default: this one).
 */
export function crateVersion(dir, root = ROOT) {
  const crate = parseToml(readFileSync(join(root, dir, "Cargo.toml"), "utf8"));
  let version = crate.package.version;
  if (typeof version !== "string") version = parseToml(readFileSync(join(root, "Cargo.toml"), "utf8")).workspace.package.version;
  return { contract: `crates.io:${crate.package.name}`, version };
}

/**
 * The checkout whose crate versions the artifacts carry: the artifacts directory's parent when
 * it is a checkout (scripts/build-wasm.sh writes <checkout>/artifacts), else this one.
 */
export function artifactsSource(artifacts) {
  const parent = dirname(resolve(artifacts));
  return UPGRADABLE.every(([, , dir]) => existsSync(join(parent, dir, "Cargo.toml"))) ? parent : ROOT;
}

/** semver order of two versions (major.minor.patch; a pre-release sorts before its release). */
export function compareVersions(a, b) {
  const parse = (v) => {
    const m = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+.*)?$/.exec(v);
    if (!m) throw new Error(`"${v}" is not a semver version`);
    return [Number(m[1]), Number(m[2]), Number(m[3]), m[4] ?? null];
  };
  const [x, y] = [parse(a), parse(b)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
  if (x[3] === y[3]) return 0;
  if (x[3] === null) return 1;
  if (y[3] === null) return -1;
  return x[3] < y[3] ? -1 : 1;
}

export class UpgradeError extends Error {}

/**
 * `deploy.mjs --upgrade DEPLOYMENT`: stores this checkout's codes (or takes --code-ids, checked
 * by checksum) and migrates every contract of the holon whose code differs: the registry, the
 * attestation contract, the distributor, the token and the commons (the cw4 group and the multisig are
 * cw-plus's, left as they are). Before anything is signed it refuses a contract whose cw2 name
 * is not this repository's (a different contract) and a version that is not newer than the
 * one on chain (a downgrade, or the same version rebuilt: bump the crate's version), as each
 * contract's `migrate` does on chain (flow_types::migrate::ensure_upgrade). Governance
 * migrates: an address governance signs one transaction of MsgMigrateContract (sign with its
 * key); the members' multisig gets one proposal of wasm migrate messages from the signing
 * member (scripts/governance.mjs), which the members vote and anyone executes. Returns
 * {migrations, tx | proposal, deployment}; the deployment file records the new code ids (at
 * once for an address; for a proposal once it has been executed: run --upgrade again).
 */
export async function upgrade(deploymentArg, options = {}) {
  const { loadDeployment } = await import("./accounts.mjs");
  const d = loadDeployment(deploymentArg);
  const file = existsSync(deploymentArg) ? resolve(deploymentArg) : join(ROOT, "deployments", d.chain_id, `${d.slug}.json`);
  const opts = {
    artifacts: join(ROOT, "artifacts"),
    accounts: d.chain_name ? null : LOCALNET.accounts,
    log: console.log,
    ...options,
    node: options.node ?? d.rpc,
    gasPrices: options.gasPrices ?? d.gas_prices,
    prefix: options.prefix ?? d.bech32_prefix ?? LOCALNET.prefix,
    coinType: options.coinType ?? d.coin_type ?? LOCALNET.coinType,
  };
  const log = opts.quiet ? () => {} : opts.log;
  const accounts = readAccounts(opts.accounts);
  const wallet = await signerFrom(opts, accounts);
  const [{ address: sender }] = await wallet.getAccounts();
  const client = await SigningCosmWasmClient.connectWithSigner(opts.node, wallet, {
    gasPrice: GasPrice.fromString(opts.gasPrices),
    broadcastPollIntervalMs: 300,
  });
  try {
    const chainId = await client.getChainId();
    if (chainId !== d.chain_id) throw new UpgradeError(`${opts.node} is chain ${chainId}, but ${d.holon} runs on ${d.chain_id}`);
    const byMembers = d.governance_kind === "members";
    if (!byMembers && sender !== d.governance)
      throw new UpgradeError(`${d.holon} is governed by ${d.governance}: sign the upgrade with its key (--key, --mnemonic-file), not ${sender}'s`);
    if (byMembers) {
      const { weight } = await client.queryContractSmart(d.addresses.group, { member: { addr: sender } });
      if (weight === null || weight === undefined)
        throw new UpgradeError(`${d.holon} is governed by its members: a member proposes the upgrade, and ${sender} is not one (sign with a member's key)`);
    }
    const expected = expectedCodes(opts);
    // The versions the new codes carry: those of the checkout that built --artifacts.
    const source = artifactsSource(opts.artifacts);
    const given = opts.codeIds ? parseCodeIds(opts.codeIds) : {};
    const ours = new Set(UPGRADABLE.map(([, key]) => key));
    for (const key of Object.keys(given)) if (!ours.has(key)) throw new UpgradeError(`--code-ids: ${key} is not upgraded (cw-plus's code stays)`);
    const givenInfos = await checkGivenCodes(client, given, expected, chainId);

    // What is on chain, what this checkout has, and the refusals, before anything is signed.
    const plan = [];
    const refusals = [];
    for (const [part, key, dir] of UPGRADABLE) {
      const addr = d.addresses[part];
      if (!addr) {
        // A holon deployed before this contract was part of it (the commons): nothing to migrate.
        log(`  ${part.padEnd(12)} none in this deployment (deployed before it): not upgraded`);
        continue;
      }
      const onChain = await client.getContract(addr);
      const current = await codeInfo(client, onChain.codeId);
      const raw = await client.queryContractRaw(addr, toAscii("contract_info"));
      const stored = raw ? JSON.parse(Buffer.from(raw).toString("utf8")) : null;
      const local = crateVersion(dir, source);
      const checksum = given[key] !== undefined ? givenInfos[key].checksum : expected[key].checksum;
      if (!checksum) throw new UpgradeError(`no artifact ${expected[key].file}: run scripts/build-wasm.sh`);
      if (current.checksum === checksum) {
        d.code_ids[key] = onChain.codeId;
        d.checksums[key] = checksum;
        log(`  ${part.padEnd(12)} ${addr}: code ${onChain.codeId} is already this checkout's (${stored?.version ?? "?"})`);
        continue;
      }
      if (!stored) refusals.push(`${part} ${addr}: no cw2 contract version on chain: not a contract of this repository`);
      else if (stored.contract !== local.contract)
        refusals.push(`${part} ${addr} is ${stored.contract} ${stored.version} on chain, not ${local.contract}: a different contract is never migrated to this one`);
      else if (compareVersions(local.version, stored.version) <= 0)
        refusals.push(
          `${part} ${addr} is ${stored.contract} ${stored.version} on chain and this checkout's is ${local.version}: ` +
            `${compareVersions(local.version, stored.version) < 0 ? "a downgrade" : "the same version with other code"} (bump the version in ${dir}/Cargo.toml)`,
        );
      if (onChain.admin !== d.governance)
        refusals.push(`${part} ${addr}: its wasm admin is ${onChain.admin || "nobody"}, not the holon's governance ${d.governance}: only its admin migrates it`);
      plan.push({ part, key, addr, from: { code_id: onChain.codeId, version: stored?.version ?? null }, to: { version: local.version, checksum } });
    }
    if (refusals.length) throw new UpgradeError(`${d.holon} is not upgraded:\n  ${refusals.join("\n  ")}`);
    if (plan.length === 0) {
      writeFileSync(file, JSON.stringify(d, null, 2) + "\n");
      log(`${d.holon} already runs this checkout's code: nothing to migrate`);
      return { migrations: [], deployment: d };
    }

    // The new codes: given (checked above), already stored, or stored now when the chain allows.
    const codesFile = join(dirname(file), "codes.json");
    const codesCache = existsSync(codesFile) ? JSON.parse(readFileSync(codesFile, "utf8")) : {};
    const txs = {};
    const toStore = [];
    for (const m of plan) {
      if (given[m.key] !== undefined) m.to.code_id = given[m.key];
      else {
        const known = await reusable(client, m.to.checksum, codesCache);
        if (known !== null) m.to.code_id = known;
        else toStore.push(m);
      }
    }
    if (toStore.length) {
      const params = await wasmParams(client);
      if (!permits(params.upload, sender))
        throw new PermissionError(
          `${sender} may not store code on ${chainId} (code_upload_access ${params.upload.permission}: ${accessWords(params.upload)} may): ` +
            `ask its governance to store\n${toStore.map((m) => `  ${m.key}: ${relative(ROOT, expected[m.key].file)}, sha256 ${m.to.checksum}`).join("\n")}\n` +
            `(no instantiate permission is needed to migrate), then run --upgrade again with --code-ids ${toStore.map((m) => `${m.key}=N`).join(",")}`,
        );
      for (const m of toStore) {
        const r = await store(client, sender, m.key, readFileSync(expected[m.key].file), codesCache, log);
        m.to.code_id = r.codeId;
        txs[`store_${m.key}`] = r.tx;
      }
      writeFileSync(codesFile, JSON.stringify(codesCache, null, 2) + "\n");
    }

    const record = { at: new Date().toISOString(), source_commit: sourceCommit(), by: sender, migrations: plan };
    let result;
    if (byMembers) {
      const actions = plan.map((m) => ({
        wasm: { migrate: { contract_addr: m.addr, new_code_id: m.to.code_id, msg: Buffer.from("{}").toString("base64") } },
      }));
      const title = opts.title ?? `Upgrade ${d.holon}: ${plan.map((m) => `${m.part} ${m.from.version} → ${m.to.version}`).join(", ")}`;
      const p = await propose({ client, address: sender }, d, actions, {
        title,
        description: `Migrates ${plan.map((m) => `${m.part} (${m.addr}) from code ${m.from.code_id} to code ${m.to.code_id} (sha256 ${m.to.checksum})`).join("; ")}. Built from ${record.source_commit}.`,
      });
      record.proposal_id = p.id;
      log(`  proposal ${p.id} (${p.status}): the members vote (node scripts/governance.mjs vote ${relative(process.cwd(), file)} ${p.id} yes), anyone executes it once passed; then run --upgrade again to record the new code ids`);
      result = { proposal: p };
    } else {
      const res = await client.signAndBroadcast(
        sender,
        plan.map((m) => ({
          typeUrl: "/cosmwasm.wasm.v1.MsgMigrateContract",
          value: { sender, contract: m.addr, codeId: BigInt(m.to.code_id), msg: toUtf8("{}") },
        })),
        "auto",
        `cw-flow: upgrade ${d.holon}`,
      );
      assertIsDeliverTxSuccess(res);
      record.tx = { hash: res.transactionHash, gas_used: Number(res.gasUsed), gas_wanted: Number(res.gasWanted) };
      for (const m of plan) {
        d.code_ids[m.key] = m.to.code_id;
        d.checksums[m.key] = m.to.checksum;
        log(`  ${m.part.padEnd(12)} ${m.addr}: code ${m.from.code_id} (${m.from.version}) → ${m.to.code_id} (${m.to.version})`);
      }
      result = { tx: res };
    }
    d.upgrades = [...(d.upgrades ?? []), { ...record, txs }];
    writeFileSync(file, JSON.stringify(d, null, 2) + "\n");
    log(`wrote ${relative(process.cwd(), file) || file}`);
    return { migrations: plan, ...result, deployment: d };
  } finally {
    client.disconnect();
  }
}

// ---------------------------------------------------------------------------- command line

function parseArgs(argv) {
  const flags = {
    "--chain": "chain",
    "--node": "node",
    "--rest": "rest",
    "--explorer": "explorer",
    "--coin-type": "coinType",
    "--chain-id": "chainId",
    "--gas-prices": "gasPrices",
    "--key": "key",
    "--mnemonic-file": "mnemonicFile",
    "--keyring-home": "keyringHome",
    "--keyring-backend": "keyringBackend",
    "--prefix": "prefix",
    "--accounts": "accounts",
    "--artifacts": "artifacts",
    "--cw4-group-wasm": "cw4GroupWasm",
    "--cw4-group-code-id": "cw4GroupCodeId",
    "--cw3-flex-multisig-wasm": "cw3FlexMultisigWasm",
    "--cw3-flex-multisig-code-id": "cw3FlexMultisigCodeId",
    "--code-ids": "codeIds",
    "--salt": "salt",
    "--upgrade": "upgrade",
    "--title": "title",
    "--holon": "holonId",
    "--name": "name",
    "--slug": "slug",
    "--out": "out",
  };
  const opts = {};
  const files = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--help" || a === "-h") return { help: true };
    if (a === "--quiet") {
      opts.quiet = true;
      continue;
    }
    if (a === "--reuse-stored-codes") {
      opts.reuseStoredCodes = true;
      continue;
    }
    const [flag, inline] = a.includes("=") ? a.split(/=(.*)/s, 2) : [a, undefined];
    if (flags[flag]) {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      opts[flags[flag]] = v;
    } else if (a.startsWith("--")) {
      throw new Error(`unknown option ${a}`);
    } else {
      files.push(a);
    }
  }
  if (opts.upgrade) {
    if (files.length) throw new Error("--upgrade DEPLOYMENT takes no holon file");
    return opts;
  }
  if (files.length !== 1) throw new Error("give exactly one holon file");
  opts.holonFile = files[0];
  return opts;
}

async function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`deploy: ${e.message}`);
    opts = { help: true, bad: true };
  }
  if (opts.help) {
    const text = readFileSync(fileURLToPath(import.meta.url), "utf8").split("\n");
    const end = text.findIndex((l) => l.startsWith("import"));
    console.log(text.slice(1, end).map((l) => l.replace(/^\/\/ ?/, "")).join("\n"));
    process.exit(opts.bad ? 2 : 0);
  }
  try {
    if (opts.upgrade) {
      const { upgrade: arg, ...rest } = opts;
      await upgrade(arg, rest);
      return;
    }
    const holon = loadHolonFile(opts.holonFile, { holon: opts.holonId });
    await deploy(holon, opts);
  } catch (e) {
    console.error(`deploy: ${e.message}`);
    process.exit(1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await main();
}
