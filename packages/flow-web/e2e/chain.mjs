// The test process's own view of the chain (CosmJS, read-only), to check what the page shows
// and that a refused action moved nothing. Also the localnet's accounts and the deployments.
import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

import { CosmWasmClient } from "@cosmjs/cosmwasm-stargate";

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const cache = process.env.CW_FLOW_CACHE || join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "cw-flow");
export const ACCOUNTS_FILE = process.env.LOCALNET_ACCOUNTS || join(process.env.LOCALNET_HOME || join(cache, "localnet"), "accounts.json");

/** The localnet's named test accounts: {name: {name, address, private_key}}. */
export function accounts() {
  const doc = JSON.parse(readFileSync(ACCOUNTS_FILE, "utf8"));
  return Object.fromEntries(doc.accounts.map((a) => [a.name, a]));
}

export function readJson(file) {
  return JSON.parse(readFileSync(file, "utf8"));
}

/** Read-only handles on a deployed holon. */
export async function holon(d) {
  const client = await CosmWasmClient.connect(d.rpc);
  const q = (addr, msg) => client.queryContractSmart(addr, msg);
  const a = d.addresses;
  return {
    d,
    client,
    q,
    currentCycle: () => q(a.distributor, { current_cycle: {} }),
    cycle: (cycle) => q(a.distributor, { cycle: { cycle } }),
    policy: () => q(a.distributor, { policy: {} }),
    treasury: () => q(a.distributor, { treasury: {} }),
    balance: async (address) => BigInt((await q(a.token, { balance: { address } })).balance),
    needs: async () => (await q(a.registry, { needs: { limit: 100 } })).needs,
    attestations: async (member) => (await q(a.attestation, { by_member: { member, limit: 100 } })).attestations,
    memberCycle: (member, cycle) => q(a.attestation, { member_cycle: { member, cycle } }),
    sequence: async (address) => (await client.getSequence(address)).sequence,
    native: async (address, denom) => BigInt((await client.getBalance(address, denom)).amount),
    acceptedHolon: (distributor, token) => q(distributor, { accepted_holon: { token } }),
    foreignBalance: async (token, address) => BigInt((await q(token, { balance: { address } })).balance),
  };
}

/** Waits until the open cycle has at least `seconds` left, moving to the next cycle if needed. */
export async function roomInCycle(h, seconds) {
  for (;;) {
    const c = await h.currentCycle();
    if (c.seconds_left >= seconds) return c;
    await sleep((c.seconds_left + 1) * 1000);
  }
}

/** Waits until cycle `k` has ended (the open cycle is later). */
export async function cycleEnded(h, k, timeoutMs = 180_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const c = await h.currentCycle();
    if (c.cycle > k) return c;
    if (Date.now() > end) throw new Error(`cycle ${k} did not end in time`);
    await sleep(Math.max(300, Math.min(2000, c.seconds_left * 1000)));
  }
}
