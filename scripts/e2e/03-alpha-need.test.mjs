// A fresh Holon Alpha whose steward sets the `need` policy (fixed factors childcare 2,
// garden 0.5) by a governance transaction; the policy applies from the next cycle, where
// the members' month runs. Claims equal docs/WEIGHTING.md's `need` numbers, dust 1.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";

import {
  BUDGET, MEMBERS, actor, address, as, attr, closeThrough, deployment, disconnectAll, everyoneClaims,
  expectTxFailure, q, seedMonth, tokenBalance, tokenSupply, tx,
} from "./lib.mjs";

const NEED_POLICY = {
  model: "need",
  scarcity: {
    fixed: {
      factors: [
        { category: "childcare", factor: "2" },
        { category: "garden", factor: "0.5" },
      ],
    },
  },
  capacity_bonus: "0",
  reserve: "0",
  baseline: "0",
  max_credit_per_member: null,
  anyone_may_settle: false,
};

let holon;
let fromCycle;
let month;

before(async () => {
  holon = await deployment("holon-alpha-need", "scripts/holons/holon-alpha.toml", {
    name: "Holon Alpha Need",
    fresh: true,
  });
});
after(disconnectAll);

test("only the steward sets the policy; it applies from the next cycle", async () => {
  const { distributor } = await q(holon);
  const before = await distributor.policy({});
  assert.equal(before.policy.model, "time");

  // A member is not governance: the change fails on chain and nothing changes.
  const riley = await actor("riley");
  await expectTxFailure(
    "set_policy",
    riley,
    (fee) => as(riley, holon).distributor.setPolicy({ policy: NEED_POLICY }, fee),
    "Caller is not the contract's current owner",
  );
  assert.deepEqual(await distributor.policy({}), before);

  const steward = await actor("steward");
  const res = await tx("set_policy", as(steward, holon).distributor.setPolicy({ policy: NEED_POLICY }));
  fromCycle = Number(attr(res, "from_cycle"));
  const now = await distributor.currentCycle();
  assert.ok(fromCycle >= 2 && fromCycle <= now.cycle + 1, `from cycle ${fromCycle}, now ${now.cycle}`);
  const inForce = await distributor.policy({});
  const stillOpen = (await distributor.currentCycle()).cycle;
  if (stillOpen < fromCycle) assert.equal(inForce.version, 1, "the open cycle keeps version 1");
  const v2 = await distributor.policy({ version: 2 });
  assert.equal(v2.policy.model, "need");
  assert.deepEqual(v2.schedule.at(-1), { from_cycle: fromCycle, version: 2 });
});

test("the month runs in the first cycle under the need policy", async () => {
  assert.ok(fromCycle, "the policy was set");
  month = await seedMonth(holon, { minCycle: fromCycle });
  assert.ok(month.cycle >= fromCycle);
});

test("claims are the docs/WEIGHTING.md numbers (need: childcare 2, garden 0.5), dust 1", async () => {
  assert.ok(month, "the month ran");
  await closeThrough(holon, month.cycle, await actor("funder"));
  const { distributor } = await q(holon);
  const cycle = await distributor.cycle({ cycle: month.cycle });
  assert.equal(cycle.status, "closed");
  assert.equal(cycle.model, "need");
  assert.equal(cycle.policy_version, 2);
  assert.equal(cycle.total_weight, "168");
  assert.equal(cycle.budget, BUDGET.toString());

  const supply0 = await tokenSupply(holon);
  const paid = await everyoneClaims(holon, month.cycle);
  assert.deepEqual(paid, [476_190_476n, 595_238_095n, 238_095_238n, 3_571_428_571n, 119_047_619n]);
  if (supply0 === 0n) {
    // A fresh holon: the balances on chain are exactly the payouts.
    const held = await Promise.all(MEMBERS.map((n) => tokenBalance(holon, address(n))));
    assert.deepEqual(held, [476_190_476n, 595_238_095n, 238_095_238n, 3_571_428_571n, 119_047_619n]);
  }
  const minted = paid.reduce((a, b) => a + b, 0n);
  assert.equal(BUDGET - minted, 1n, "the dust is one base unit, never minted");
  assert.equal((await tokenSupply(holon)) - supply0, minted);

  // The chain explains Riley's payout: childcare counts double.
  const riley = await distributor.explain({ cycle: month.cycle, member: address("riley") });
  assert.deepEqual(
    riley.categories.map((c) => [c.category, c.hours, c.factor, c.weight]),
    [["childcare", "60", "2", "120"]],
  );
  assert.equal(riley.amount, "3571428571");
  assert.equal(riley.claimed, true);
  const jordan = await distributor.explain({ cycle: month.cycle, member: address("jordan") });
  assert.equal(jordan.categories[0].factor, "0.5");
  assert.equal(jordan.weight, "20");
});
