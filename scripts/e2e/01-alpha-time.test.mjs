// Holon Alpha's month under the `time` model, as real signed transactions on the localnet:
// the steward funds the treasury, members post and endorse needs and attest, buddies
// co-sign, anyone closes the cycle, each member claims; balances are the docs/WEIGHTING.md numbers.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";

import {
  actor, address, as, deployment, disconnectAll, expectTxFailure, monthPaysTime, q, seedMonth,
  tokenBalance,
} from "./lib.mjs";

let alpha;
let month;

before(async () => {
  alpha = await deployment("holon-alpha", "scripts/holons/holon-alpha-steward.toml");
});
after(disconnectAll);

test("the deployed holon is wired: the distributor made the token and the attestation contract", async () => {
  const { distributor, token, attestation, registry } = await q(alpha);
  const info = await distributor.holonInfo();
  assert.equal(info.name, "Holon Alpha");
  assert.equal(info.token, alpha.addresses.token);
  assert.equal(info.attestation, alpha.addresses.attestation);
  assert.equal(info.registry, alpha.addresses.registry);
  assert.equal(info.group, alpha.addresses.group);
  assert.equal(info.treasury_denom, "ucredit");
  assert.deepEqual((await token.minter()).minter, alpha.addresses.distributor);
  const ti = await token.tokenInfo();
  assert.deepEqual([ti.symbol, ti.decimals], ["AFLOW", 6]);
  assert.equal((await attestation.config()).config.distributor, alpha.addresses.distributor);
  assert.deepEqual(
    (await registry.categories()).categories.map((c) => c.id).sort(),
    ["childcare", "energy", "facilitation", "food", "garden"],
  );
  assert.equal((await distributor.ownership()).owner, address("steward"));
});

test("the month: needs, attestations and co-signs from the members' own wallets", async () => {
  month = await seedMonth(alpha);
  const { distributor } = await q(alpha);
  const preview = await distributor.preview({ member: address("riley") });
  assert.equal(preview.cycle, month.cycle);
  assert.equal(preview.weight, "60");
  assert.equal(preview.amount, "2343750000");
});

test("anyone closes the cycle after it ends; each member claims the docs/WEIGHTING.md numbers (time)", async () => {
  assert.ok(month, "the month ran");
  await monthPaysTime(alpha, month, await actor("stranger"));

  // Nobody claims twice: a second claim fails on chain with the contract's error.
  const alex = await actor("alex");
  const held = await tokenBalance(alpha, alex.address);
  await expectTxFailure(
    "claim",
    alex,
    (fee) => as(alex, alpha).distributor.claim({ cycle: month.cycle }, fee),
    "has already claimed cycle",
  );
  assert.equal(await tokenBalance(alpha, alex.address), held);
});
