// The holon's deployment file (what scripts/deploy.mjs writes): its type, where the page
// finds it, how it is read and checked, and the chain facts derived from it.
import { bech32Prefix } from "./format";

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
  /** `commons`: the holon's commons (scripts/deploy.mjs deploys one with every holon; a deployment made before it has none). */
  addresses: { group: string; registry: string; distributor: string; token: string; attestation: string; commons?: string };
  token?: { name: string; symbol: string; decimals: number };
  cycle_seconds?: number;
  members?: { name?: string; address: string; weight?: number }[];
  /** Display name of the chain, for the wallet. */
  chain_name?: string;
  /** The chain's bech32 address prefix ("wasm", "juno"); default: the prefix of the holon's addresses. */
  bech32_prefix?: string;
  /** SLIP-44 coin type of the chain's keys (118 for most Cosmos chains; 330 Terra, 60 Ethermint chains); default 118. */
  coin_type?: number;
  /** The denom fees are paid in; must be the denom of `gas_prices` (default: that denom). */
  fee_denom?: string;
  /** A block explorer's page of a transaction, "{hash}" standing for its hash ("https://explorer.example/tx/{hash}"). */
  explorer?: string;
  /** The commit of cw-flow the holon was deployed from (scripts/deploy.mjs). */
  source_commit?: string;
  /** x/feegrant: the holon's gas account (or its multisig) that pays its members' fees (scripts/feegrant.mjs). */
  fee_granter?: string;
  /** The allowance each member has from `fee_granter` (what scripts/deploy.mjs granted: scripts/feegrant.mjs allowanceRecord). */
  fee_allowance?: {
    kind?: string;
    allowed_messages?: string[];
    period_seconds?: number;
    period_spend_limit?: { amount: string; denom: string }[];
    spend_limit?: { amount: string; denom: string }[];
    expiration?: string;
  };
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
  if (x.addresses?.commons !== undefined && typeof x.addresses.commons !== "string") missing.push("addresses.commons (an address)");
  if (missing.length) throw new DeploymentError(`${where} lacks ${missing.join(", ")}`);
  const out: Deployment = { ...x, gas_prices: x.gas_prices ?? "0.0025stake" };
  if (out.coin_type !== undefined && out.coin_type !== null && !(Number.isInteger(out.coin_type) && out.coin_type >= 0 && out.coin_type < 2 ** 31))
    throw new DeploymentError(`${where}: coin_type ${JSON.stringify(out.coin_type)} is not a SLIP-44 coin type (a whole number like 118)`);
  if (out.bech32_prefix !== undefined && !/^[a-z][a-z0-9]*$/.test(out.bech32_prefix))
    throw new DeploymentError(`${where}: bech32_prefix ${JSON.stringify(out.bech32_prefix)} is not a bech32 prefix (lower-case letters and digits)`);
  if (out.bech32_prefix !== undefined && !out.addresses.distributor.startsWith(`${out.bech32_prefix}1`))
    throw new DeploymentError(`${where}: the holon's addresses are not ${out.bech32_prefix}1… addresses (bech32_prefix ${out.bech32_prefix})`);
  if (out.fee_denom !== undefined && out.fee_denom !== splitGasPrice(out.gas_prices).denom)
    throw new DeploymentError(`${where}: fee_denom ${out.fee_denom} is not the denom of gas_prices ${out.gas_prices}`);
  if (out.explorer !== undefined && !isExplorerTemplate(out.explorer)) {
    // A link the page can't make safely is left out; the page works without it.
    console.warn(`${where}: explorer ${JSON.stringify(out.explorer)} is not an http(s) URL with {hash}: no explorer links`);
    delete out.explorer;
  }
  return out;
}

/** An http(s) URL template with "{hash}" where a transaction's hash goes. */
export const isExplorerTemplate = (t: unknown): t is string => {
  if (typeof t !== "string" || !t.includes("{hash}")) return false;
  try {
    const u = new URL(t.replace("{hash}", "HASH"));
    return u.protocol === "https:" || u.protocol === "http:";
  } catch {
    return false;
  }
};

/** The chain's SLIP-44 coin type (the deployment's `coin_type`, default 118). */
export const coinTypeOf = (d: Deployment) => d.coin_type ?? 118;

/** The denom fees are paid in: the deployment's `fee_denom`, or the denom of its gas price. */
export const feeDenomOf = (d: Deployment) => d.fee_denom ?? splitGasPrice(d.gas_prices).denom;

/** A transaction's page on the deployment's explorer, or null when it names none. */
export function explorerTxUrl(d: Pick<Deployment, "explorer"> | null | undefined, hash: string): string | null {
  if (!d?.explorer || !/^[0-9A-Fa-f]+$/.test(hash)) return null;
  return d.explorer.split("{hash}").join(hash);
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
