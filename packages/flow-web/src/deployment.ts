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
  addresses: { group: string; registry: string; distributor: string; token: string; attestation: string };
  token?: { name: string; symbol: string; decimals: number };
  cycle_seconds?: number;
  members?: { name?: string; address: string; weight?: number }[];
  /** Display name of the chain, for the wallet. */
  chain_name?: string;
  bech32_prefix?: string;
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
