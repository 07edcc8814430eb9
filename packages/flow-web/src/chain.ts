// The holon's deployment file, the chain clients and the wallet (any, through wallet.ts).
import { CosmWasmClient, SigningCosmWasmClient } from "@cosmjs/cosmwasm-stargate";
import type { EncodeObject, OfflineDirectSigner, OfflineSigner } from "@cosmjs/proto-signing";
import { GasPrice } from "@cosmjs/stargate";
import type { StdFee } from "@cosmjs/stargate";

import { bech32Prefix } from "./format";
import { type ConnectOptions, type WalletId, openWallet } from "./wallet";

/** What scripts/deploy.mjs writes to deployments/<chain-id>/<holon>.json (the fields the page reads). */
export interface Deployment {
  holon: string;
  slug?: string;
  chain_id: string;
  rpc: string;
  /** REST (LCD) endpoint, for wallets; the localnet runs none (a placeholder is suggested). */
  rest?: string;
  gas_prices: string;
  governance?: string;
  /** "members": `governance` is the members' cw3-flex-multisig over the group; "address": a wallet or another contract. */
  governance_kind?: "members" | "address";
  addresses: { group: string; registry: string; distributor: string; token: string; attestation: string };
  token?: { name: string; symbol: string; decimals: number };
  cycle_seconds?: number;
  members?: { name?: string; address: string; weight?: number }[];
  /** Display name of the chain, for the wallet. */
  chain_name?: string;
  bech32_prefix?: string;
  /** x/feegrant: the holon's gas account (or its multisig) that pays its members' fees (scripts/feegrant.mjs). */
  fee_granter?: string;
  /** The allowance each member has from `fee_granter` (what scripts/deploy.mjs granted). */
  fee_allowance?: { allowed_messages?: string[]; period_seconds?: number; period_spend_limit?: { amount: string; denom: string }[]; expiration?: string };
}

export class DeploymentError extends Error {}

/** Where the page reads its deployment: ?deployment=URL, ?holon=SLUG (/deployments/SLUG.json) or /deployment.json. */
export function deploymentUrl(search: string): string {
  const p = new URLSearchParams(search);
  const url = p.get("deployment");
  if (url) return url;
  const holon = p.get("holon");
  if (holon && /^[a-z0-9_-]+$/i.test(holon)) return `deployments/${holon}.json`;
  return "deployment.json";
}

export function checkDeployment(d: unknown, where: string): Deployment {
  const x = d as Deployment;
  const missing: string[] = [];
  if (!x || typeof x !== "object") throw new DeploymentError(`${where} is not a deployment file`);
  for (const k of ["holon", "chain_id", "rpc"] as const) if (typeof x[k] !== "string") missing.push(k);
  for (const k of ["group", "registry", "distributor", "token", "attestation"] as const)
    if (typeof x.addresses?.[k] !== "string") missing.push(`addresses.${k}`);
  if (missing.length) throw new DeploymentError(`${where} lacks ${missing.join(", ")}`);
  return { ...x, gas_prices: x.gas_prices ?? "0.0025stake" };
}

export async function loadDeployment(url: string): Promise<Deployment> {
  let res: Response;
  try {
    res = await fetch(url, { cache: "no-store" });
  } catch {
    throw new DeploymentError(`could not fetch ${url}`);
  }
  if (!res.ok) throw new DeploymentError(`${url}: ${res.status} ${res.statusText || "not found"}`);
  let json: unknown;
  try {
    json = await res.json();
  } catch {
    throw new DeploymentError(`${url} is not JSON`);
  }
  return checkDeployment(json, url);
}

/** Other holons on the same chain (deployments/index.json), for the exchange screen. */
export async function listDeployments(): Promise<{ slug: string; url: string }[]> {
  try {
    const res = await fetch("deployments/index.json", { cache: "no-store" });
    if (!res.ok) return [];
    const list = await res.json();
    return Array.isArray(list) ? list.filter((x) => typeof x?.url === "string") : [];
  } catch {
    return [];
  }
}

export const prefixOf = (d: Deployment) => d.bech32_prefix ?? bech32Prefix(d.addresses.distributor);

/** "0.0025stake" → { amount: 0.0025, denom: "stake" } */
export function splitGasPrice(gp: string): { amount: number; denom: string } {
  const m = /^([0-9.]+)([a-zA-Z][a-zA-Z0-9/:._-]*)$/.exec(gp.trim());
  if (!m) throw new DeploymentError(`gas price ${gp} is not like 0.0025stake`);
  return { amount: Number(m[1]), denom: m[2] };
}

export class WalletError extends Error {}

/** Hooks told when the wallet is asked to sign and when it has signed. */
export interface SignHooks {
  onSignRequest?(): void;
  onSigned?(): void;
}

function withHooks(signer: OfflineSigner, hooks: SignHooks): OfflineSigner {
  if ("signDirect" in signer) {
    const s = signer as OfflineDirectSigner;
    return {
      getAccounts: () => s.getAccounts(),
      signDirect: async (addr, doc) => {
        hooks.onSignRequest?.();
        const out = await s.signDirect(addr, doc);
        hooks.onSigned?.();
        return out;
      },
    };
  }
  const a = signer as import("@cosmjs/amino").OfflineAminoSigner;
  return {
    getAccounts: () => a.getAccounts(),
    signAmino: async (addr, doc) => {
      hooks.onSignRequest?.();
      const out = await a.signAmino(addr, doc);
      hooks.onSigned?.();
      return out;
    },
  };
}

export interface Wallet {
  address: string;
  /** The key's name in the wallet, when it tells. */
  name?: string;
  client: SigningCosmWasmClient;
  /** The granter whose allowance pays this wallet's fees (the deployment's fee_granter): "fees paid by the holon". */
  feesPaidBy?: string;
  /** Which wallet signs ("keplr-extension", "leap-extension", …) and its name ("Keplr"). */
  walletId: WalletId;
  walletName: string;
  /** Where the chain description given to the wallet came from. */
  chainSource: "registry" | "deployment";
  disconnect(): Promise<void>;
}

/**
 * Connects a wallet through the wallet layer (cosmos-kit, loaded on demand: wallet.ts): the
 * chain is described to the wallet when it does not know it, the holon's token is suggested,
 * then a signing client over the chain's RPC with the deployment's gas price.
 */
export async function connectWallet(d: Deployment, id: WalletId, hooks: SignHooks = {}, opts: ConnectOptions = {}): Promise<Wallet> {
  const session = await openWallet(d, id, opts);
  const signer = withHooks(session.signer, hooks);
  const [account] = await signer.getAccounts();
  if (!account) throw new WalletError("The wallet has no account for this chain.");
  const client = await SigningCosmWasmClient.connectWithSigner(d.rpc, signer, {
    gasPrice: GasPrice.fromString(d.gas_prices),
    // CosmJS polls every 3 s by default; blocks may come every second or faster.
    broadcastPollIntervalMs: 400,
    broadcastTimeoutMs: 60_000,
  });
  if (d.fee_granter) payFeesWith(client, d.fee_granter);
  // So the member sees the holon's token in the wallet (once per wallet and account).
  void session.suggestToken();
  return {
    address: account.address,
    name: session.name,
    client,
    feesPaidBy: d.fee_granter,
    walletId: id,
    walletName: session.walletName,
    chainSource: session.chain.source,
    disconnect: () => session.disconnect(),
  };
}

export async function readOnlyClient(d: Deployment): Promise<CosmWasmClient> {
  return CosmWasmClient.connect(d.rpc);
}

// ---------------------------------------------------------------------------- fees paid by the holon

/** What the page (and the wallet's memo) says when the holon's fee grant pays. */
export const FEES_NOTE = "fees paid by the holon";

/** `fee` with the holon's granter: the chain takes the fee from the granter's allowance (x/feegrant). */
export function grantedFee(fee: StdFee, granter: string): StdFee {
  return { ...fee, granter: fee.granter ?? granter };
}

type FeeArg = StdFee | "auto" | number;
type Broadcast<R> = (signer: string, msgs: readonly EncodeObject[], fee: FeeArg, memo?: string, timeoutHeight?: bigint) => Promise<R>;

/**
 * Makes every transaction `client` signs name `granter` in its fee (StdFee.granter): "auto"
 * is simulated and priced as CosmJS does, then the granter is added. The memo says so when
 * the caller gave none, so the wallet's approval screen shows who pays.
 */
export function payFeesWith(client: SigningCosmWasmClient, granter: string): SigningCosmWasmClient {
  const c = client as unknown as {
    calculateFeeForTransaction(signer: string, msgs: readonly EncodeObject[], memo: string, fee: "auto" | number): Promise<StdFee>;
    signAndBroadcast: Broadcast<unknown>;
    signAndBroadcastSync: Broadcast<unknown>;
  };
  for (const name of ["signAndBroadcast", "signAndBroadcastSync"] as const) {
    const original = c[name].bind(client);
    c[name] = async (signer, msgs, fee, memo = "", timeoutHeight) => {
      const used = fee === "auto" || typeof fee === "number" ? await c.calculateFeeForTransaction(signer, msgs, memo, fee) : fee;
      return original(signer, msgs, grantedFee(used, granter), memo || FEES_NOTE, timeoutHeight);
    };
  }
  return client;
}
