// The holon's deployment file, the chain clients and the wallet (any, through wallet.ts).
import { CosmWasmClient, SigningCosmWasmClient } from "@cosmjs/cosmwasm-stargate";
import type { EncodeObject, OfflineDirectSigner, OfflineSigner } from "@cosmjs/proto-signing";
import { GasPrice, QueryClient, setupFeegrantExtension } from "@cosmjs/stargate";
import type { StdFee } from "@cosmjs/stargate";

import type { Deployment } from "./deployment";
import { openWallet } from "./open-wallet";
import type { ConnectOptions, WalletId } from "./wallet";

// The deployment file's type and readers live in deployment.ts; handed on from here.
export * from "./deployment";

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
  // The holon pays the fees of the wallets it granted an allowance (its members); a steward or
  // a visitor outside the grant pays their own (a fee naming the granter would be refused).
  const feesPaidBy = d.fee_granter && (await paysFor(client, d.fee_granter, account.address)) ? d.fee_granter : undefined;
  if (feesPaidBy) payFeesWith(client, feesPaidBy);
  // So the member sees the holon's token in the wallet (once per wallet and account).
  void session.suggestToken();
  return {
    address: account.address,
    name: session.name,
    client,
    feesPaidBy,
    walletId: id,
    walletName: session.walletName,
    chainSource: session.chain.source,
    disconnect: () => session.disconnect(),
  };
}

/**
 * Whether `granter` pays `grantee`'s fees: the chain holds an allowance from one to the other
 * (x/feegrant `allowance`), or the grantee is the granter. When the node can't tell (an error
 * other than "not found"), the page assumes it does, as before.
 */
export async function paysFor(client: SigningCosmWasmClient | CosmWasmClient, granter: string, grantee: string): Promise<boolean> {
  if (granter === grantee) return false;
  try {
    const comet = (client as unknown as { forceGetCometClient(): Parameters<typeof QueryClient.withExtensions>[0] }).forceGetCometClient();
    const q = QueryClient.withExtensions(comet, setupFeegrantExtension);
    await q.feegrant.allowance(granter, grantee);
    return true;
  } catch (e) {
    return !/not found/i.test(String((e as Error)?.message ?? e));
  }
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
