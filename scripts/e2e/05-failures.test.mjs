// Failure paths on Holon Alpha, each a real transaction included in a block that fails with
// the contract's own error text, after which balances and state read back unchanged.
// (The exchange over the credit limit is in 04-two-holons.)
import { after, before, test } from "node:test";
import assert from "node:assert/strict";

import {
  actor, address, as, attr, deployment, disconnectAll, expectTxFailure, nativeBalance, q,
  tokenBalance, tokenSupply, tx,
} from "./lib.mjs";

let alpha;
let needId;

before(async () => {
  alpha = await deployment("holon-alpha", "scripts/holons/holon-alpha-steward.toml");
  const { registry } = await q(alpha);
  const { needs } = await registry.needs({ status: "open", limit: 1 });
  if (needs.length) {
    needId = needs[0].id;
  } else {
    const riley = await actor("riley");
    const res = await tx("post_need", as(riley, alpha).registry.postNeed({
      need: { category: "food", title: "Bread", description: "", unit: "loaf", quantity: "20", period: "weekly", impact: null, unit_credit: null, capacity_building: null },
    }));
    needId = Number(attr(res, "need_id"));
  }
});
after(disconnectAll);

/** What must not move: token balances and supply, treasury, coins, attestations. */
async function world() {
  const { distributor, attestation } = await q(alpha);
  const names = ["alex", "jordan", "stranger", "steward"];
  return {
    tokens: await Promise.all(names.map((n) => tokenBalance(alpha, address(n)))),
    coins: await Promise.all([...names.map(address), alpha.addresses.distributor].map((a) => nativeBalance(a))),
    supply: await tokenSupply(alpha),
    treasury: await distributor.treasury(),
    policy: await distributor.policy({ version: null }),
    cycle: (await distributor.currentCycle()).next_to_close,
    pending: (await attestation.byStatus({ status: "pending", limit: 100 })).attestations.map((a) => a.id),
    byStranger: (await attestation.byMember({ member: address("stranger") })).attestations,
  };
}

test("an unauthorized policy change: a member is not governance", async () => {
  const alex = await actor("alex");
  const before = await world();
  const { policy } = before.policy;
  await expectTxFailure(
    "set_policy",
    alex,
    (fee) => as(alex, alpha).distributor.setPolicy({ policy: { ...policy, model: "impact" } }, fee),
    "Caller is not the contract's current owner",
  );
  assert.deepEqual(await world(), before);
});

test("a non-member's attestation is refused", async () => {
  const stranger = await actor("stranger");
  const before = await world();
  const failed = await expectTxFailure(
    "attest",
    stranger,
    (fee) => as(stranger, alpha).attestation.attest(
      { needId, hours: "5", units: "0", description: "I helped", evidence: null, buddy: address("alex") },
      fee,
    ),
    "is not a member of the group",
  );
  assert.ok(failed.rawLog.includes(`${address("stranger")} is not a member of the group`));
  assert.deepEqual(await world(), before);
  assert.deepEqual(before.byStranger, []);
});

test("a member cannot name themself as buddy, nor co-sign their own attestation", async () => {
  const alex = await actor("alex");
  const mine = as(alex, alpha);
  let before = await world();
  await expectTxFailure(
    "attest",
    alex,
    (fee) => mine.attestation.attest(
      { needId, hours: "3", units: "0", description: "self-buddy", evidence: null, buddy: alex.address },
      fee,
    ),
    "cannot be their own buddy, nor co-sign",
  );
  assert.deepEqual(await world(), before);

  // Without a named buddy any other member may co-sign, but not the attester.
  const res = await tx("attest", mine.attestation.attest({ needId, hours: "3", units: "0", description: "open to any co-signer", evidence: null, buddy: null }));
  const id = Number(attr(res, "attestation_id"));
  before = await world();
  await expectTxFailure(
    "cosign",
    alex,
    (fee) => mine.attestation.cosign({ id }, fee),
    "cannot be their own buddy, nor co-sign",
  );
  assert.deepEqual(await world(), before);
  const { attestation } = await (await q(alpha)).attestation.attestation({ id });
  assert.equal(attestation.status, "pending");
  assert.deepEqual(attestation.cosigners, []);
  // Alex withdraws it again.
  await tx("withdraw", mine.attestation.withdraw({ id }));
  assert.equal((await (await q(alpha)).attestation.attestation({ id })).attestation.status, "withdrawn");
});

// The independent audit's findings, on a real chain (SECURITY.md, "Audit findings").

test("audit: units count against the hour caps at their credit, and are bounded", async () => {
  const riley = await actor("riley");
  const steward = await actor("steward");
  const alex = await actor("alex");
  // A need whose loaves credit 0.25 hour-equivalents each (a steward sets the unit credit).
  const posted = await tx("post_need", as(riley, alpha).registry.postNeed({
    need: { category: "food", title: "Bread by the loaf", description: "", unit: "loaf", quantity: "100", period: "weekly", impact: null, unit_credit: null, capacity_building: null },
  }));
  const bread = Number(attr(posted, "need_id"));
  await tx("set_need_factors", as(steward, alpha).registry.setNeedFactors({ id: bread, unitCredit: "0.25", impact: null, capacityBuilding: null }));
  const before = await world();
  // 0 hours and 100,000 loaves took 99.9% of a cycle before the fix.
  await expectTxFailure(
    "attest",
    alex,
    (fee) => as(alex, alpha).attestation.attest(
      { needId: bread, hours: "0", units: "100000", description: "100,000 loaves", evidence: null, buddy: address("jordan") },
      fee,
    ),
    "0 hours + 100000 units × 0.25 is more hour-equivalents than one attestation may credit: at most 744",
  );
  // 2·10²⁰ units overflowed a close before the fix; units are bounded now.
  await expectTxFailure(
    "attest",
    alex,
    (fee) => as(alex, alpha).attestation.attest(
      { needId: bread, hours: "1", units: "200000000000000000000", description: "too many", evidence: null, buddy: address("jordan") },
      fee,
    ),
    "units must be between 0 and 1000000000, got 200000000000000000000",
  );
  assert.deepEqual(await world(), before);
});

test("audit: a holder cannot burn tokens the treasury backs (a gift to the pool is the way)", async () => {
  const alex = await actor("alex");
  const before = await world();
  assert.ok(before.tokens[0] > 0n, "Alex holds AFLOW after the month");
  await expectTxFailure(
    "burn",
    alex,
    (fee) => as(alex, alpha).token.burn({ amount: "1000000" }, fee),
    `only the holon ${alpha.addresses.distributor} burns its tokens`,
  );
  assert.deepEqual(await world(), before);
});

test("audit: only a named buddy may refuse an attestation", async () => {
  const alex = await actor("alex");
  const jordan = await actor("jordan");
  const res = await tx("attest", as(alex, alpha).attestation.attest({ needId, hours: "2", units: "0", description: "no buddy named", evidence: null, buddy: null }));
  const id = Number(attr(res, "attestation_id"));
  const before = await world();
  await expectTxFailure(
    "reject",
    jordan,
    (fee) => as(jordan, alpha).attestation.reject({ id, reason: "I doubt it" }, fee),
    `attestation ${id} names none`,
  );
  assert.deepEqual(await world(), before);
  await tx("withdraw", as(alex, alpha).attestation.withdraw({ id }));
});
