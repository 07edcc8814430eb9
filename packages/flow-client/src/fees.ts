/**
* This file was copied by scripts/codegen.mjs from packages/flow-client/helpers/fees.ts.
* DO NOT MODIFY IT BY HAND. Instead, modify that file and run node scripts/codegen.mjs.
*/

// Fees paid by the holon (x/feegrant). A holon deployed with `[fees]` (scripts/deploy.mjs)
// grants each member an allowance for contract calls, and its deployment file names the
// granter (`fee_granter`). A transaction whose fee names that granter (`fee.granter`) is paid
// from the granter's balance, within the allowance: the member needs no coin at all.
import type { StdFee } from "@cosmjs/amino";
import type { SigningCosmWasmClient } from "@cosmjs/cosmwasm-stargate";

/** What these helpers read of a deployment file written by scripts/deploy.mjs. */
export interface HolonFeeDeployment {
  /** The account that pays the members' fees; absent when the members pay their own. */
  fee_granter?: string | null;
  /** The chain's gas price, e.g. "0.0025stake". */
  gas_prices?: string;
  /** The chain's fee denom, e.g. "stake" (deployment files that record it). */
  fee_denom?: string;
}

/** CosmJS's "auto": the simulated gas times this. */
export const HOLON_FEE_GAS_MULTIPLIER = 1.4;

/** "0.0025stake" → {amount: "0.0025", denom: "stake"}. */
function splitGasPrice(price: string): { amount: string; denom: string } {
  const m = /^(\d+(?:\.\d+)?)([a-zA-Z][a-zA-Z0-9/:._-]*)$/.exec(price.trim());
  if (!m) throw new Error(`holonFee: the gas price ${JSON.stringify(price)} is not like 0.0025stake`);
  return { amount: m[1], denom: m[2] };
}

/**
 * The fee of a transaction of `gas` units of gas that the holon pays: `gas` × the gas price
 * (`gasPrice`, default the deployment's `gas_prices`), rounded up, with `granter` the
 * deployment's `fee_granter`. Pass it as the `fee` of any generated client's method, or of
 * `signAndBroadcast`. Throws when the deployment names no granter (its members pay their own
 * fees) or the gas or price is not valid.
 */
export function holonFee(deployment: HolonFeeDeployment, gas: number | bigint, gasPrice?: string): StdFee {
  const granter = deployment.fee_granter;
  if (!granter) throw new Error("holonFee: the deployment names no fee_granter: the holon does not pay its members' fees (deploy it with [fees])");
  if ((typeof gas === "number" && !Number.isSafeInteger(gas)) || (typeof gas !== "number" && typeof gas !== "bigint") || gas <= 0)
    throw new Error(`holonFee: gas must be a whole number above zero, got ${gas}`);
  const units = BigInt(gas);
  const priceText = gasPrice ?? deployment.gas_prices;
  if (!priceText) throw new Error("holonFee: no gas price (the deployment has no gas_prices: pass one, e.g. 0.0025stake)");
  const price = splitGasPrice(priceText);
  if (deployment.fee_denom && deployment.fee_denom !== price.denom)
    throw new Error(`holonFee: the gas price is in ${price.denom}, but the chain's fees are in ${deployment.fee_denom}`);
  const [whole, frac = ""] = price.amount.split(".");
  const scale = 10n ** BigInt(frac.length);
  const perUnit = BigInt(whole) * scale + BigInt(frac || "0");
  const amount = (units * perUnit + scale - 1n) / scale;
  return { amount: [{ denom: price.denom, amount: amount.toString() }], gas: units.toString(), granter };
}

/**
 * Makes `client` name the holon's granter in the fee of every transaction it signs, so that
 * the generated clients' default fee ("auto") is paid by the holon: "auto" (or a multiplier)
 * simulates the transaction and prices gas × the multiplier with `holonFee`; a fee given as
 * a StdFee gets the granter unless it names one. Returns the client.
 */
export function payFeesWithHolon<C extends SigningCosmWasmClient>(
  client: C,
  deployment: HolonFeeDeployment,
  multiplier: number = HOLON_FEE_GAS_MULTIPLIER,
): C {
  holonFee(deployment, 1); // the granter and the price are there
  const withGranter = async (
    signer: string,
    messages: Parameters<SigningCosmWasmClient["simulate"]>[1],
    fee: StdFee | "auto" | number,
    memo: string | undefined,
  ): Promise<StdFee> => {
    if (fee === "auto" || typeof fee === "number") {
      const gas = await client.simulate(signer, messages, memo);
      return holonFee(deployment, Math.ceil(gas * (typeof fee === "number" ? fee : multiplier)));
    }
    return { ...fee, granter: fee.granter ?? deployment.fee_granter ?? undefined };
  };
  const broadcast = client.signAndBroadcast.bind(client);
  const broadcastSync = client.signAndBroadcastSync.bind(client);
  client.signAndBroadcast = async (signer, messages, fee, memo = "", timeoutHeight) =>
    broadcast(signer, messages, await withGranter(signer, messages, fee, memo), memo, timeoutHeight);
  client.signAndBroadcastSync = async (signer, messages, fee, memo = "", timeoutHeight) =>
    broadcastSync(signer, messages, await withGranter(signer, messages, fee, memo), memo, timeoutHeight);
  return client;
}
