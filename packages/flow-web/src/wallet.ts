// Which wallets the page offers, and how it describes the chain to them. The wallet layer
// itself (cosmos-kit's framework-agnostic core and its wallet adapters) is in wallet-kit.ts,
// loaded by open-wallet.ts only when a member connects: the first paint does not pay for it.
import type { OfflineSigner } from "@cosmjs/proto-signing";

import { type Deployment, coinTypeOf, feeDenomOf, prefixOf, splitGasPrice } from "./deployment";

/** cosmos-kit's wallet names. */
export type WalletId = "keplr-extension" | "leap-extension" | "cosmostation-extension" | "leap-cosmos-mobile" | "cosmostation-mobile";

export interface WalletOption {
  id: WalletId;
  /** What the button says: "Connect Keplr". */
  name: string;
  kind: "extension" | "phone";
  /** The object an extension injects into the page (window.keplr, window.leap, window.cosmostation). */
  global?: "keplr" | "leap" | "cosmostation";
  /** Where to get it. */
  install: string;
}

export const WALLET_OPTIONS: readonly WalletOption[] = [
  { id: "keplr-extension", name: "Keplr", kind: "extension", global: "keplr", install: "https://www.keplr.app/get" },
  { id: "leap-extension", name: "Leap", kind: "extension", global: "leap", install: "https://www.leapwallet.io/download" },
  {
    id: "cosmostation-extension",
    name: "Cosmostation",
    kind: "extension",
    global: "cosmostation",
    install: "https://www.cosmostation.io/products/cosmostation_extension",
  },
  { id: "leap-cosmos-mobile", name: "Leap on your phone", kind: "phone", install: "https://www.leapwallet.io/download" },
  { id: "cosmostation-mobile", name: "Cosmostation on your phone", kind: "phone", install: "https://www.cosmostation.io/products/cosmostation_mobile" },
];

export interface ListedWallet extends WalletOption {
  /** An extension found in this browser (always false for phone wallets). */
  installed: boolean;
}

/**
 * The wallets the page lists: the extensions (found or with a link to install), then the phone
 * wallets through WalletConnect, only when the build has a WalletConnect project id.
 */
export function walletList(env: { present: (global: string) => boolean; walletConnectProjectId?: string }): ListedWallet[] {
  const wc = !!env.walletConnectProjectId?.trim();
  return WALLET_OPTIONS.filter((w) => w.kind === "extension" || wc).map((w) => ({
    ...w,
    installed: w.kind === "extension" && !!w.global && env.present(w.global),
  }));
}

/** The WalletConnect project id the build was made with (VITE_WALLETCONNECT_PROJECT_ID), or undefined. */
export const walletConnectProjectId = (): string | undefined =>
  (import.meta.env?.VITE_WALLETCONNECT_PROJECT_ID as string | undefined)?.trim() || undefined;

/** The wallets of this browser, as the page lists them. */
export const browserWallets = () =>
  walletList({
    present: (g) => typeof window !== "undefined" && !!(window as unknown as Record<string, unknown>)[g],
    walletConnectProjectId: walletConnectProjectId(),
  });

/** Waits a little for extensions that inject their object after the page loads. */
export async function detectWallets(timeoutMs = 1500): Promise<ListedWallet[]> {
  const any = () => browserWallets().some((w) => w.installed);
  if (document.readyState !== "complete") await new Promise((r) => window.addEventListener("load", r, { once: true }));
  const end = Date.now() + timeoutMs;
  while (!any() && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
  return browserWallets();
}

// ------------------------------------------------------------------ the chain description

/** A chain as the Cosmos chain registry describes it (the fields the wallet layer reads). */
export interface RegistryChain {
  chain_name: string;
  chain_id: string;
  pretty_name?: string;
  bech32_prefix: string;
  slip44?: number;
  apis?: { rpc?: { address: string }[]; rest?: { address: string }[] };
  fees?: { fee_tokens: { denom: string; fixed_min_gas_price?: number; low_gas_price?: number; average_gas_price?: number; high_gas_price?: number }[] };
  [k: string]: unknown;
}
export interface RegistryAssetList {
  chain_name: string;
  assets: { base: string; display: string; symbol: string; denom_units: { denom: string; exponent: number }[]; [k: string]: unknown }[];
}
export interface ChainDescription {
  /** "registry": the chain registry's entry (a known chain); "deployment": made from the deployment file (a localnet). */
  source: "registry" | "deployment";
  chain: RegistryChain;
  assetList: RegistryAssetList;
}

type RegistryEntry = { chain: RegistryChain; assets: RegistryAssetList };
const entry = (c: Promise<{ default: unknown }>, a: Promise<{ default: unknown }>) => async (): Promise<RegistryEntry> => {
  const [chain, assets] = await Promise.all([c, a]);
  return { chain: chain.default as RegistryChain, assets: assets.default as RegistryAssetList };
};

/**
 * The CosmWasm chains the page knows from the chain registry (pinned `chain-registry` package),
 * by chain id; each loaded only when a holon on it is opened.
 */
export const REGISTRY_CHAINS: Record<string, () => Promise<RegistryEntry>> = {
  "juno-1": () => entry(import("chain-registry/mainnet/juno/chain"), import("chain-registry/mainnet/juno/assets"))(),
  "neutron-1": () => entry(import("chain-registry/mainnet/neutron/chain"), import("chain-registry/mainnet/neutron/assets"))(),
  "osmosis-1": () => entry(import("chain-registry/mainnet/osmosis/chain"), import("chain-registry/mainnet/osmosis/assets"))(),
  "archway-1": () => entry(import("chain-registry/mainnet/archway/chain"), import("chain-registry/mainnet/archway/assets"))(),
  "phoenix-1": () => entry(import("chain-registry/mainnet/terra2/chain"), import("chain-registry/mainnet/terra2/assets"))(),
  "uni-7": () => entry(import("chain-registry/testnet/junotestnet/chain"), import("chain-registry/testnet/junotestnet/assets"))(),
  "pion-1": () => entry(import("chain-registry/testnet/neutrontestnet/chain"), import("chain-registry/testnet/neutrontestnet/assets"))(),
  "osmo-test-5": () => entry(import("chain-registry/testnet/osmosistestnet/chain"), import("chain-registry/testnet/osmosistestnet/assets"))(),
  "elgafar-1": () => entry(import("chain-registry/testnet/stargazetestnet/chain"), import("chain-registry/testnet/stargazetestnet/assets"))(),
};

/** "ucredit" → "CREDIT", "stake" → "STAKE". */
const symbolOf = (denom: string) => (/^u[a-z]+$/.test(denom) ? denom.slice(1) : denom).toUpperCase();

/** The chain as the deployment file describes it (a localnet, or a chain the registry lacks). */
export function deploymentChain(d: Deployment): ChainDescription {
  const prefix = prefixOf(d);
  const gas = { ...splitGasPrice(d.gas_prices), denom: feeDenomOf(d) };
  const rest = d.rest ?? d.rpc.replace(/:\d+(\/?)$/, ":1317$1");
  const chain_name = `cwflow${d.chain_id.toLowerCase().replace(/[^a-z0-9]/g, "")}`;
  const symbol = symbolOf(gas.denom);
  return {
    source: "deployment",
    chain: {
      chain_name,
      chain_id: d.chain_id,
      pretty_name: d.chain_name ?? `${d.chain_id} (cw-flow)`,
      status: "live",
      network_type: "devnet",
      chain_type: "cosmos",
      bech32_prefix: prefix,
      slip44: coinTypeOf(d),
      key_algos: ["secp256k1"],
      fees: {
        fee_tokens: [
          {
            denom: gas.denom,
            fixed_min_gas_price: gas.amount,
            low_gas_price: gas.amount,
            average_gas_price: gas.amount * 1.6,
            high_gas_price: gas.amount * 4,
          },
        ],
      },
      staking: { staking_tokens: [{ denom: gas.denom }] },
      codebase: { cosmos_sdk_version: "0.50", cosmwasm_enabled: true },
      apis: { rpc: [{ address: d.rpc }], rest: [{ address: rest }] },
      ...(d.explorer
        ? { explorers: [{ kind: "explorer", url: new URL(d.explorer.replace("{hash}", "")).origin, tx_page: d.explorer.replace("{hash}", "${txHash}") }] }
        : {}),
    },
    assetList: {
      chain_name,
      assets: [
        {
          base: gas.denom,
          display: symbol,
          symbol,
          name: symbol,
          type_asset: "sdk.coin",
          denom_units: [
            { denom: gas.denom, exponent: 0 },
            { denom: symbol, exponent: 6 },
          ],
        },
      ],
    },
  };
}

/**
 * Chooses the chain description: the registry's entry when the registry knows the deployment's
 * chain id (and its bech32 prefix matches the holon's addresses), with the deployment's RPC
 * first (the page reads through it); else the one made from the deployment file.
 */
export function chooseChain(d: Deployment, registry: RegistryEntry | null | undefined): ChainDescription {
  if (
    registry &&
    registry.chain.chain_id === d.chain_id &&
    registry.chain.bech32_prefix === prefixOf(d) &&
    (d.coin_type === undefined || (registry.chain.slip44 ?? 118) === d.coin_type)
  ) {
    const rpc = [{ address: d.rpc }, ...(registry.chain.apis?.rpc ?? []).filter((x) => x.address !== d.rpc)];
    const rest = d.rest ? [{ address: d.rest }, ...(registry.chain.apis?.rest ?? [])] : registry.chain.apis?.rest;
    return {
      source: "registry",
      chain: { ...registry.chain, apis: { ...registry.chain.apis, rpc, rest } },
      assetList: registry.assets,
    };
  }
  return deploymentChain(d);
}

/** The chain description for a deployment: from the registry for a known chain, else from the file. */
export async function chainDescription(d: Deployment): Promise<ChainDescription> {
  const load = REGISTRY_CHAINS[d.chain_id];
  let registry: RegistryEntry | null = null;
  if (load) {
    try {
      registry = await load();
    } catch {
      registry = null;
    }
  }
  return chooseChain(d, registry);
}

// ------------------------------------------------------------------ connecting

/** What a connected wallet gives the page. */
export interface WalletSession {
  wallet: WalletId;
  walletName: string;
  address: string;
  /** The key's name in the wallet, when it tells. */
  name?: string;
  signer: OfflineSigner;
  chain: ChainDescription;
  /** Asks the wallet to show the holon's token (a CW20), once per wallet and account. */
  suggestToken(): Promise<boolean>;
  disconnect(): Promise<void>;
}

export interface ConnectOptions {
  /** For a phone wallet: the WalletConnect link to show as a QR code (or to open on a phone). */
  onPairingUri?(uri: string | null): void;
}

/** The key under which the page remembers that it suggested the token to this wallet. */
export const suggestedKey = (d: Deployment, wallet: WalletId, address: string) =>
  `cw-flow:token-suggested:${d.chain_id}:${d.addresses.token}:${wallet}:${address}`;
