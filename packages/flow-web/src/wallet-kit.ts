// The wallet layer: cosmos-kit's framework-agnostic core (WalletManager, no React) with the
// Keplr, Leap and Cosmostation extension adapters and WalletConnect (Leap and Cosmostation on a
// phone). Loaded by wallet.ts only when a member connects (a dynamic import: its own chunks).
import type { OfflineSigner } from "@cosmjs/proto-signing";
import { Logger, WalletManager, type MainWalletBase } from "@cosmos-kit/core";

import type { Deployment } from "./deployment";
import { type ChainDescription, type ConnectOptions, type WalletId, type WalletSession, WALLET_OPTIONS, suggestedKey, walletConnectProjectId } from "./wallet";

/** The adapter of one wallet (only that wallet's package is loaded). */
async function adapter(id: WalletId): Promise<MainWalletBase> {
  switch (id) {
    case "keplr-extension": {
      const { KeplrExtensionWallet, KeplrClient, keplrExtensionInfo } = await import("@cosmos-kit/keplr-extension");
      // Keplr's adapter talks to the extension through its message protocol
      // (@keplr-wallet/provider-extension); the object Keplr injects as window.keplr (and what
      // Keplr-compatible wallets inject there) is used directly when present, as Keplr documents.
      class InjectedKeplr extends KeplrExtensionWallet {
        async initClient() {
          const injected = (window as unknown as { keplr?: ConstructorParameters<typeof KeplrClient>[0] }).keplr;
          if (!injected) return super.initClient();
          this.initingClient();
          this.initClientDone(new KeplrClient(injected));
        }
      }
      return new InjectedKeplr(keplrExtensionInfo) as unknown as MainWalletBase;
    }
    case "leap-extension": {
      const { LeapExtensionWallet, leapExtensionInfo } = await import("@cosmos-kit/leap-extension");
      return new LeapExtensionWallet(leapExtensionInfo) as unknown as MainWalletBase;
    }
    case "cosmostation-extension": {
      const { CosmostationExtensionWallet, cosmostationExtensionInfo } = await import("@cosmos-kit/cosmostation-extension");
      return new CosmostationExtensionWallet(cosmostationExtensionInfo) as unknown as MainWalletBase;
    }
    case "leap-cosmos-mobile": {
      const { LeapMobileWallet, LeapMobileInfo } = await import("@cosmos-kit/leap-mobile");
      return new LeapMobileWallet(LeapMobileInfo) as unknown as MainWalletBase;
    }
    case "cosmostation-mobile": {
      const { CosmostationMobileWallet, cosmostationMobileInfo } = await import("@cosmos-kit/cosmostation-mobile");
      return new CosmostationMobileWallet(cosmostationMobileInfo) as unknown as MainWalletBase;
    }
  }
}

function environment() {
  const ua = navigator.userAgent;
  const os = /android/i.test(ua) ? "android" : /iphone|ipad|ipod/i.test(ua) ? "ios" : "desktop";
  return { browser: "", device: (os === "desktop" ? "desktop" : "mobile") as "desktop" | "mobile", os };
}

type KitClient = {
  enable?(chainIds: string | string[]): Promise<void>;
  getOfflineSigner(chainId: string, preferredSignType?: "direct" | "amino"): OfflineSigner | Promise<OfflineSigner>;
  suggestToken?(data: { chainId: string; chainName: string; type: "cw20"; tokens: { contractAddress: string }[] }): Promise<void>;
  qrUrl?: { data?: string };
};

export async function connectThroughKit(d: Deployment, id: WalletId, chain: ChainDescription, opts: ConnectOptions): Promise<WalletSession> {
  const option = WALLET_OPTIONS.find((w) => w.id === id)!;
  const main = await adapter(id);
  const projectId = walletConnectProjectId();
  const walletConnectOptions =
    option.kind === "phone"
      ? {
          signClient: {
            projectId: projectId ?? "",
            metadata: {
              name: d.holon,
              description: `${d.holon} on cw-flow`,
              url: location.origin,
              icons: [],
            },
          },
        }
      : undefined;
  const manager = new WalletManager(
    [chain.chain as never],
    [main],
    new Logger("WARN"),
    false, // errors land in the wallet's state, read below
    false, // the page subscribes to keystore changes itself
    [], // no Cosmiframe (the page is not an app inside another)
    [chain.assetList as never],
    undefined,
    walletConnectOptions as never,
    { preferredSignType: () => "direct" } as never,
  );
  const env = environment();
  main.setEnv(env as never);
  main.emitter?.emit("broadcast_env", env);
  const chainWallet = manager.getChainWallet(chain.chain.chain_name, id);

  // A phone wallet: the pairing link shows while the wallet waits for the phone's answer.
  let poll: ReturnType<typeof setInterval> | undefined;
  if (option.kind === "phone") {
    await main.initClient(walletConnectOptions as never);
    let last: string | undefined;
    poll = setInterval(() => {
      const uri = (chainWallet.client as KitClient | undefined)?.qrUrl?.data;
      if (uri && uri !== last) opts.onPairingUri?.((last = uri));
    }, 200);
  } else {
    await main.initClient();
  }
  try {
    await chainWallet.connect();
  } finally {
    if (poll) clearInterval(poll);
    opts.onPairingUri?.(null);
  }
  if (!chainWallet.isWalletConnected || !chainWallet.address) {
    const why = chainWallet.message;
    if (chainWallet.isWalletNotExist || /does not exist|not exist/i.test(why ?? ""))
      throw new Error(`No ${option.name} wallet found in this browser. Install it, then reload the page.`);
    if (chainWallet.isWalletRejected) throw new Error(`${option.name}: the request was rejected in the wallet.`);
    throw new Error(`${option.name} could not connect${why ? `: ${why}` : "."}`);
  }
  const client = chainWallet.client as unknown as KitClient;
  // Asked explicitly, so a wallet that enables per chain knows this site may use this one.
  try {
    await client.enable?.(d.chain_id);
  } catch {
    // the account was read: the wallet allowed it
  }
  const signer = await client.getOfflineSigner(d.chain_id, "direct");
  const address = chainWallet.address;
  return {
    wallet: id,
    walletName: option.name,
    address,
    name: chainWallet.username,
    signer,
    chain,
    async suggestToken() {
      const key = suggestedKey(d, id, address);
      if (!client.suggestToken || localStorage.getItem(key)) return false;
      try {
        await client.suggestToken({
          chainId: d.chain_id,
          chainName: chain.chain.chain_name,
          type: "cw20",
          tokens: [{ contractAddress: d.addresses.token }],
        });
        localStorage.setItem(key, "1");
        return true;
      } catch {
        // declined, or the wallet does not take CW20 tokens: the page shows the balance anyway
        return false;
      }
    },
    async disconnect() {
      try {
        await chainWallet.disconnect();
      } catch {
        // nothing to undo
      }
    },
  };
}
