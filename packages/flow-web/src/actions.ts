// Running a transaction from a button: the wallet signs, the chain includes it, the page
// says how it went next to the button, in plain words (the line itself: views/status.ts).
import { explain } from "./errors";
import { decimals, me, names, state, symbol, update } from "./store";

let signingKey: string | null = null;
let attempts = 0;

/** Wallet hooks: the pending action moves from "sign" to "wait" once the wallet has signed. */
export const signHooks = {
  onSignRequest() {
    if (signingKey) setAction(signingKey, { phase: "sign", text: "Waiting for your wallet to sign…" });
  },
  onSigned() {
    if (signingKey) setAction(signingKey, { phase: "wait", text: "Signed. Waiting for the chain to include it…" });
  },
};

function setAction(key: string, a: State) {
  const n = a.phase === "sign" && !busy(key) ? ++attempts : state.actions[key]?.n ?? ++attempts;
  update({ actions: { ...state.actions, [key]: { ...a, n } } });
}
type State = (typeof state.actions)[string];

export const busy = (key: string) => {
  const a = state.actions[key];
  return !!a && (a.phase === "sign" || a.phase === "wait");
};

export function clearAction(key: string) {
  const { [key]: _, ...rest } = state.actions;
  update({ actions: rest });
}

/** Shows an error next to an action without a transaction (a form the page refuses). */
export function refuse(key: string, text: string) {
  update({ actions: { ...state.actions, [key]: { phase: "error", text, n: ++attempts } } });
}

/**
 * Runs `fn` (a transaction) as action `key`: progress, then success text or the error in
 * plain words. `after` runs after success (a refresh). Returns whether it succeeded.
 */
export async function act(
  key: string,
  fn: () => Promise<{ transactionHash?: string; gasUsed?: bigint | number } | void>,
  success: string | ((res: unknown) => string),
  after?: () => Promise<void> | void,
): Promise<boolean> {
  if (busy(key)) return false;
  if (!state.wallet) {
    refuse(key, "Connect your wallet first (the button at the top).");
    return false;
  }
  signingKey = key;
  setAction(key, { phase: "sign", text: "Preparing the transaction…" });
  try {
    const res = await fn();
    signingKey = null;
    const text = typeof success === "function" ? success(res) : success;
    setAction(key, { phase: "ok", text, tx: (res && res.transactionHash) || undefined });
    await after?.();
    return true;
  } catch (e) {
    signingKey = null;
    // Where the holon pays its members' fees, a wallet without coins hears about the holon's
    // allowance (granted, used up, expired), not that it needs coins of its own.
    const feesPaidBy = state.wallet?.feesPaidBy ?? state.d?.fee_granter;
    const x = explain(e, { me: me() ?? undefined, names: names(), symbol: symbol(), decimals: decimals(), feesPaidBy });
    setAction(key, { phase: "error", text: x.message, detail: x.detail });
    // The state on chain may have moved (someone else acted): read it again.
    await after?.();
    return false;
  }
}
