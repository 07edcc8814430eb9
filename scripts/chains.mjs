// The chain a deploy goes to, by its chain-registry name: `node scripts/deploy.mjs HOLON
// --chain osmosistestnet` takes the chain id, bech32 prefix, slip44 coin type, fee denom and
// gas price, RPC and REST endpoints and the explorer's tx page from the pinned `chain-registry`
// package (scripts/package.json: the same version packages/flow-web pins), so that nobody
// looks five flags up by hand, and the deployment file carries them to the web app and the
// CLI. Without --chain the facts are the localnet's (accounts.mjs: LOCALNET), or a chain
// that is not in the registry, named by explicit flags (--chain-id, --prefix, --coin-type,
// --gas-prices, --node, --rest, --explorer).
//
// Offline: the registry is read from node_modules, never fetched. Tested by
// scripts/e2e/00-chains.test.mjs.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

import { LOCALNET, ROOT } from "./accounts.mjs";

const require = createRequire(import.meta.url);
const REGISTRY_DIR = dirname(require.resolve("chain-registry/package.json"));
/** The pinned chain-registry package's version (scripts/package.json). */
export const REGISTRY_VERSION = JSON.parse(readFileSync(join(REGISTRY_DIR, "package.json"), "utf8")).version;
// The package's networks, each a folder of one folder per chain (its `chain.js`).
const NETWORKS = ["mainnet", "testnet", "devnet"];

export class ChainError extends Error {}

let names = null;
/** Every chain name in the pinned registry, with its network: Map(name → "testnet"). */
export function registryNames() {
  if (names) return names;
  names = new Map();
  for (const network of NETWORKS) {
    const dir = join(REGISTRY_DIR, network);
    if (!existsSync(dir)) continue;
    for (const e of readdirSync(dir, { withFileTypes: true }))
      if (e.isDirectory() && existsSync(join(dir, e.name, "chain.js")) && !names.has(e.name)) names.set(e.name, network);
  }
  return names;
}

/** The registry's own entry (its chain.json) for `name`, or null. */
export function registryEntry(name) {
  const network = registryNames().get(name);
  if (!network) return null;
  return require(join(REGISTRY_DIR, network, name, "chain.js")).default;
}

// Levenshtein distance, for "did you mean".
function distance(a, b) {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

const commonPrefix = (a, b) => {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
};

/** Registry names close to `name` (a typo, a prefix, "osmosis-testnet" for osmosistestnet). */
export function closeMatches(name, max = 6) {
  const want = name.toLowerCase().replace(/[^a-z0-9]/g, "");
  const scored = [];
  for (const n of registryNames().keys()) {
    const d = distance(want, n);
    const contains = want.length >= 3 && (n.includes(want) || want.includes(n));
    if (d <= (want.length <= 4 ? 1 : Math.max(2, Math.floor(want.length / 3))) || contains)
      scored.push([contains ? Math.min(d, 1) : d, -commonPrefix(want, n), n]);
  }
  return scored
    .sort((x, y) => x[0] - y[0] || x[1] - y[1] || x[2].localeCompare(y[2]))
    .slice(0, max)
    .map(([, , n]) => n);
}

// A registry number as a decimal string that CosmJS's GasPrice reads (no exponent).
function decimal(n) {
  const s = String(n);
  if (!/e/i.test(s)) return s;
  return n.toLocaleString("en-US", { useGrouping: false, maximumFractionDigits: 18 });
}

const trimSlash = (url) => url.replace(/\/+$/, "");

/**
 * The deploy's facts about the registry chain `name`: {chain_name, pretty_name,
 * network_type, chain_id, bech32_prefix, coin_type, fee_denom, gas_prices, rpc, rest,
 * explorer}. Fee: the first of the registry's fee_tokens at its average gas price (else
 * low, else fixed minimum); rpc and rest: the first listed; explorer: the first tx page,
 * as a template with {hash}. Throws a ChainError naming close matches for an unknown name,
 * a chain id for the chain's name, and what to give by hand when the entry lacks a fact.
 */
export function resolveChain(name) {
  const c = registryEntry(name);
  if (!c) {
    const byId = [...registryNames().keys()].filter((n) => registryEntry(n)?.chain_id === name);
    const close = closeMatches(name);
    let msg = `no chain "${name}" in the chain registry (chain-registry ${REGISTRY_VERSION})`;
    if (byId.length) msg += `; "${name}" is the chain id of ${byId.join(", ")}: give --chain ${byId[0]}`;
    else if (close.length) msg += `; close matches: ${close.join(", ")}`;
    msg +=
      ". A chain that is not in the registry deploys with explicit flags: --chain-id, --node, --prefix, --coin-type, --gas-prices";
    throw new ChainError(msg);
  }
  const where = `the chain registry's ${name} (chain-registry ${REGISTRY_VERSION})`;
  const algos = c.key_algos ?? ["secp256k1"];
  if (!algos.includes("secp256k1"))
    throw new ChainError(
      `${where} signs with ${algos.join(", ")} keys; the deployer's signer (CosmJS) makes secp256k1 keys only`,
    );
  if (typeof c.slip44 !== "number") throw new ChainError(`${where} has no slip44 coin type: give --coin-type`);
  const fee = c.fees?.fee_tokens?.[0];
  const price = fee?.average_gas_price ?? fee?.low_gas_price ?? fee?.fixed_min_gas_price;
  const tx = (c.explorers ?? []).map((e) => e.tx_page).find((p) => typeof p === "string" && /\{txHash\}/.test(p));
  return {
    chain_name: c.chain_name,
    pretty_name: c.pretty_name ?? c.chain_name,
    network_type: c.network_type ?? null,
    chain_id: c.chain_id,
    bech32_prefix: c.bech32_prefix,
    coin_type: c.slip44,
    fee_denom: fee?.denom ?? null,
    gas_prices: fee && typeof price === "number" ? `${decimal(price)}${fee.denom}` : null,
    rpc: c.apis?.rpc?.[0]?.address ? trimSlash(c.apis.rpc[0].address) : null,
    rest: c.apis?.rest?.[0]?.address ? trimSlash(c.apis.rest[0].address) : null,
    explorer: tx ? tx.replace(/\$?\{txHash\}/g, "{hash}") : null,
  };
}

/** "0.025uosmo" → {amount: "0.025", denom: "uosmo"}. */
export function splitGasPrice(price) {
  const m = /^(\d+(?:\.\d+)?)([a-zA-Z][a-zA-Z0-9/:._-]*)$/.exec(String(price).trim());
  if (!m) throw new ChainError(`gas price "${price}" is not like 0.025uosmo`);
  return { amount: m[1], denom: m[2] };
}

/**
 * The chain facts of a deploy from its options: `chain` (a registry name), or the localnet,
 * with every explicit flag winning over either (node, rest, chainId, prefix, coinType,
 * gasPrices, explorer). Returns {chain_name (null off the registry), chain_id (expected; null:
 * whatever the node says), bech32_prefix, coin_type, fee_denom, gas_prices, rpc, rest,
 * explorer, localnet (true without --chain and --node)}.
 */
export function chainSettings(opts = {}) {
  const given = (k) => opts[k] !== undefined && opts[k] !== null && opts[k] !== "";
  let base;
  if (given("chain")) {
    base = resolveChain(opts.chain);
    if (given("chainId") && opts.chainId !== base.chain_id)
      throw new ChainError(`--chain ${opts.chain} is chain id ${base.chain_id} in the registry, not --chain-id ${opts.chainId}`);
  } else {
    base = {
      chain_name: null,
      chain_id: null,
      bech32_prefix: LOCALNET.prefix,
      coin_type: LOCALNET.coinType,
      gas_prices: LOCALNET.gasPrices,
      rpc: LOCALNET.node,
      rest: null,
      explorer: null,
    };
  }
  const s = {
    chain_name: base.chain_name,
    chain_id: given("chainId") ? opts.chainId : base.chain_id,
    bech32_prefix: given("prefix") ? opts.prefix : base.bech32_prefix,
    coin_type: given("coinType") ? Number(opts.coinType) : base.coin_type,
    gas_prices: given("gasPrices") ? opts.gasPrices : base.gas_prices,
    rpc: given("node") ? opts.node : base.rpc,
    rest: given("rest") ? opts.rest : base.rest,
    explorer: given("explorer") ? opts.explorer : base.explorer,
    localnet: !given("chain") && !given("node"),
  };
  const from = given("chain") ? `the registry's ${opts.chain}` : "this chain";
  if (!Number.isInteger(s.coin_type) || s.coin_type < 0 || s.coin_type >= 2 ** 31)
    throw new ChainError(`--coin-type must be a slip44 number like 118, got ${JSON.stringify(opts.coinType)}`);
  if (!s.bech32_prefix || !/^[a-z][a-z0-9]*$/.test(s.bech32_prefix))
    throw new ChainError(`${from} has no usable bech32 prefix (${JSON.stringify(s.bech32_prefix)}): give --prefix`);
  if (!s.gas_prices) throw new ChainError(`${from} lists no fee token with a gas price: give --gas-prices (e.g. 0.025uatom)`);
  if (!s.rpc) throw new ChainError(`${from} lists no RPC endpoint: give --node URL`);
  s.fee_denom = splitGasPrice(s.gas_prices).denom;
  if (s.explorer !== null && !s.explorer.includes("{hash}"))
    throw new ChainError(`--explorer must be a tx page template with {hash}, got ${s.explorer}`);
  return s;
}

/** The node's chain id must be the one expected (the registry's, or --chain-id). */
export function checkChainId(settings, nodeChainId, { chain, node } = {}) {
  if (!settings.chain_id || settings.chain_id === nodeChainId) return;
  const said = chain ? `--chain ${chain} is chain id ${settings.chain_id} in the chain registry (chain-registry ${REGISTRY_VERSION})` : `--chain-id ${settings.chain_id}`;
  throw new ChainError(`${said}, but the node at ${node ?? settings.rpc} is chain ${nodeChainId}: give the right --node, or the right chain`);
}

/**
 * The commit the contracts were built from: `git rev-parse HEAD`, with "-dirty" when
 * contracts/ or packages/ have uncommitted changes; null outside a git checkout.
 */
export function sourceCommit(root = ROOT) {
  try {
    const git = (...args) => execFileSync("git", ["-C", root, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    const head = git("rev-parse", "HEAD").trim();
    const dirty = git("status", "--porcelain", "--", "contracts", "packages").trim() !== "";
    return dirty ? `${head}-dirty` : head;
  } catch {
    return null;
  }
}
