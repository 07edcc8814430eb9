// The generated TypeScript client (packages/flow-client) signs with the holon's granter:
// `holonFee(deployment, gas)` is a StdFee whose `granter` is the deployment's `fee_granter`,
// and `payFeesWithHolon(client, deployment)` gives every "auto" fee of the generated clients
// that granter. Holon Alpha with one steward wallet, deployed with `[fees] granter = "funder"`;
// a member with a brand-new key (no account, no coin) joins, is granted, and attests through
// the generated AttestationClient: their coin balance stays empty and the granter pays
// exactly each fee.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { join } from "node:path";

import { StargateClient } from "@cosmjs/stargate";

import { LOCALNET } from "../accounts.mjs";
import { ROOT, deploy, loadHolonFile } from "../deploy.mjs";
import * as fg from "../feegrant.mjs";
import { actor, attr, disconnectAll, feeOf, freshActor, recordGas, roomInCycle } from "./lib.mjs";

const require = createRequire(import.meta.url);
/** The generated client as scripts/e2e.sh compiles it. */
const client = require(join(ROOT, "scripts/.build/flow-client/index.js"));
const { holonFee, payFeesWithHolon, contracts } = client;

const HOLON_FILE = "scripts/holons/holon-alpha-steward.toml";

test("holonFee: gas × the deployment's gas price, rounded up, paid by its fee_granter", () => {
  const d = { fee_granter: "wasm1granter", gas_prices: "0.0025stake" };
  assert.deepEqual(holonFee(d, 200_001), { amount: [{ denom: "stake", amount: "501" }], gas: "200001", granter: "wasm1granter" });
  assert.deepEqual(holonFee(d, 400_000n), { amount: [{ denom: "stake", amount: "1000" }], gas: "400000", granter: "wasm1granter" });
  // Another price (a testnet's), and a deployment that records its fee denom.
  assert.deepEqual(holonFee({ ...d, fee_denom: "uosmo" }, 300_000, "0.025uosmo").amount, [{ denom: "uosmo", amount: "7500" }]);
  assert.throws(() => holonFee({ ...d, fee_denom: "uosmo" }, 300_000), /the gas price is in stake, but the chain's fees are in uosmo/);
  assert.throws(() => holonFee({ gas_prices: "0.0025stake" }, 200_000), /names no fee_granter: the holon does not pay its members' fees/);
  assert.throws(() => holonFee(d, 0), /gas must be a whole number above zero/);
  assert.throws(() => holonFee(d, 1.5), /gas must be a whole number above zero/);
  assert.throws(() => holonFee(d, -2n), /gas must be a whole number above zero/);
  assert.throws(() => holonFee(d, 1, "cheap"), /is not like 0.0025stake/);
});

test("payFeesWithHolon: auto and a multiplier are simulated and priced with holonFee; a StdFee given gets the granter", async () => {
  const d = { fee_granter: "wasm1granter", gas_prices: "0.0025stake" };
  const sent = [];
  const fake = {
    simulate: async () => 100_000,
    signAndBroadcast: async (...a) => sent.push(a),
    signAndBroadcastSync: async (...a) => sent.push(a),
  };
  assert.equal(payFeesWithHolon(fake, d), fake);
  await fake.signAndBroadcast("wasm1me", [], "auto");
  await fake.signAndBroadcast("wasm1me", [], 2);
  await fake.signAndBroadcastSync("wasm1me", [], { amount: [], gas: "5" });
  await fake.signAndBroadcast("wasm1me", [], { amount: [], gas: "5", granter: "wasm1other" });
  assert.deepEqual(sent[0][2], { amount: [{ denom: "stake", amount: "350" }], gas: "140000", granter: "wasm1granter" });
  assert.deepEqual(sent[1][2], { amount: [{ denom: "stake", amount: "500" }], gas: "200000", granter: "wasm1granter" });
  assert.deepEqual(sent[2][2], { amount: [], gas: "5", granter: "wasm1granter" });
  assert.equal(sent[3][2].granter, "wasm1other");
  assert.throws(() => payFeesWithHolon(fake, { gas_prices: "0.0025stake" }), /names no fee_granter/);
});

let holon;
let chain;
let granter;
let member;
let needId;

before(async () => {
  const file = join(ROOT, HOLON_FILE);
  holon = await deploy({ ...loadHolonFile(file), fees: { granter: "funder" } }, { holonFile: file, slug: "holon-alpha-client-fees", log: () => {} });
  granter = holon.fee_granter;
  chain = await StargateClient.connect(LOCALNET.node);
  // A member whose account has never held a coin: the steward adds them, the granter grants.
  member = await freshActor("noor");
  const [steward, funder, alex] = await Promise.all(["steward", "funder", "alex"].map(actor));
  await steward.client.execute(steward.address, holon.addresses.group, { update_members: { add: [{ addr: member.address, weight: 1 }], remove: [] } }, "auto");
  await fg.grant(funder.client, funder.address, [member.address], holon.fee_allowance);
  const posted = await new contracts.NeedRegistry.NeedRegistryClient(alex.client, alex.address, holon.addresses.registry).postNeed({
    need: { category: "garden", title: "Weed the beds", description: "", unit: "hours", quantity: "8", period: "weekly", impact: null, unit_credit: null, capacity_building: null },
  });
  needId = Number(attr(posted, "need_id"));
});
after(() => {
  disconnectAll();
  chain?.disconnect();
});

const stake = async (addr) => BigInt((await chain.getBalance(addr, "stake")).amount);

/** `send` (a generated client's call by the member), whose fee the granter pays: exactly. */
async function paidByHolon(kind, send) {
  const before = await stake(granter);
  const res = await send();
  const fee = feeOf(res);
  assert.equal(fee.payer, granter, `${kind}: the granter paid`);
  assert.equal(fee.denom, "stake");
  assert.equal(await stake(granter), before - fee.amount, `${kind}: the granter's balance fell by exactly the fee`);
  assert.deepEqual(await chain.getAllBalances(member.address), [], `${kind}: the member still holds no coin`);
  recordGas(`${kind} (generated client, fees paid by the holon)`, res);
  return { res, fee };
}

test("a member who never held a coin attests through the generated client with holonFee: the granter pays exactly that fee", async () => {
  assert.ok(granter, "the deployment names its fee_granter");
  const alex = await actor("alex");
  await roomInCycle(holon, 10);
  const attestation = new contracts.Attestation.AttestationClient(member.client, member.address, holon.addresses.attestation);
  const fee = holonFee(holon, 400_000);
  assert.deepEqual(fee, { amount: [{ denom: "stake", amount: "1000" }], gas: "400000", granter });
  const { res, fee: paid } = await paidByHolon("attest (holonFee)", () =>
    attestation.attest({ needId, hours: "3", units: "0", description: "Noor: weeding", evidence: null, buddy: alex.address }, fee),
  );
  assert.equal(paid.amount, 1000n, "the fee asked: 400,000 gas at 0.0025stake");
  assert.ok(Number(attr(res, "attestation_id")) > 0);
});

test("payFeesWithHolon: the generated clients' default fee (auto) is simulated, priced and paid by the granter", async () => {
  const alex = await actor("alex");
  payFeesWithHolon(member.client, holon);
  const attestation = new contracts.Attestation.AttestationClient(member.client, member.address, holon.addresses.attestation);
  await roomInCycle(holon, 10);
  const { res, fee } = await paidByHolon("attest (auto)", () =>
    attestation.attest({ needId, hours: "2", units: "0", description: "Noor: compost", evidence: null, buddy: alex.address }),
  );
  // gas × 1.4 asked, priced at the deployment's 0.0025stake, rounded up.
  assert.equal(fee.amount, (BigInt(res.gasWanted) * 25n + 9999n) / 10000n);
  assert.ok(res.gasUsed < res.gasWanted);
  // A token transfer (the FlowToken client) the same way: nothing to send yet, so the
  // contract refuses it, and the granter pays nothing for a refused simulation.
  const before = await stake(granter);
  const token = new contracts.FlowToken.FlowTokenClient(member.client, member.address, holon.addresses.token);
  await assert.rejects(token.transfer({ recipient: alex.address, amount: "1" }), /Cannot Sub|Overflow|insufficient/i);
  assert.equal(await stake(granter), before);
});
