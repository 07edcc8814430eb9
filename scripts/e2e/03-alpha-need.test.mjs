// A fresh Holon Alpha whose steward sets the `need` policy (fixed factors childcare 2,
// garden 0.5) by a governance transaction; the policy applies from the next cycle, where
// the members' month runs. Claims equal docs/WEIGHTING.md's `need` numbers, dust 1.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";

import {
  NEED_POLICY, actor, as, attr, deployment, disconnectAll, expectTxFailure, monthPaysNeed, q, seedMonth, tx,
} from "./lib.mjs";

let holon;
let fromCycle;
let month;

before(async () => {
  holon = await deployment("holon-alpha-need", "scripts/holons/holon-alpha-steward.toml", {
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
  await monthPaysNeed(holon, month, await actor("funder"));
});
