// Connecting a wallet: loads the wallet layer (wallet-kit.ts, cosmos-kit) only now, so that
// the first paint does not pay for it, and hands it the chain's description.
import type { Deployment } from "./deployment";
import { type ConnectOptions, type WalletId, type WalletSession, chainDescription } from "./wallet";

/**
 * Some of the wallet layer's dependencies (Keplr's cosmos helpers through readable-stream) read
 * Node's `process` and `Buffer` when they load; a browser has none. Set before they load, only then.
 */
async function nodeGlobals() {
  const g = globalThis as unknown as { process?: Record<string, unknown>; Buffer?: unknown };
  if (!g.Buffer) g.Buffer = (await import("buffer")).Buffer;
  if (g.process) return;
  g.process = {
    env: {},
    browser: true,
    version: "",
    versions: {},
    nextTick: (fn: (...a: unknown[]) => void, ...args: unknown[]) => queueMicrotask(() => fn(...args)),
  };
}

/** Connects one wallet through the wallet layer (loaded on demand). */
export async function openWallet(d: Deployment, id: WalletId, opts: ConnectOptions = {}): Promise<WalletSession> {
  await nodeGlobals();
  const [{ connectThroughKit }, chain] = await Promise.all([import("./wallet-kit"), chainDescription(d)]);
  return connectThroughKit(d, id, chain, opts);
}
