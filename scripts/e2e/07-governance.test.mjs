// The community decides: Holon Alpha deployed from the default holon file
// (scripts/holons/holon-alpha.toml), governed by its members' own cw3-flex-multisig over the
// holon's cw4 group, every transaction signed by the member who makes it. The seed's month
// under `time`; then Alex proposes the seed's need weighting (childcare ×2, garden ×0.5),
// Jordan and Casey vote yes, Riley votes no, a stranger executes, and the next month pays the
// docs/WEIGHTING.md need numbers. A proposal short of the threshold cannot be executed, a
// non-member can neither propose nor vote, and the deployer's key can change nothing.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";

import { ROOT, loadHolonFile } from "../deploy.mjs";
import * as gov from "../governance.mjs";
import {
  MEMBERS, NEED_POLICY, actor, address, as, attr, deployment, disconnectAll, expectTxFailure,
  monthPaysNeed, monthPaysTime, q, recordGas, seedMonth,
} from "./lib.mjs";

const HOLON_FILE = "scripts/holons/holon-alpha.toml";
/** The holon file as the deploy takes it (flow holon FILE --json). */
const FILE = loadHolonFile(join(ROOT, HOLON_FILE));
let holon;
let multisig;
let timeMonth;
let fromCycle;

before(async () => {
  holon = await deployment("holon-alpha-members", HOLON_FILE, { fresh: true });
  multisig = holon.governance;
});
after(disconnectAll);

const query = async (msg) => (await actor("stranger")).client.queryContractSmart(multisig, msg);

test("the default holon file gives the holon to its members: their multisig owns and administers every contract", async () => {
  // [holon.governance.members] of the file, as flow holon read it, recorded by the deploy.
  const { kind, ...rules } = FILE.governance;
  assert.equal(kind, "members");
  assert.deepEqual(rules, { threshold: "0.51", quorum: "0.5", voting_period_seconds: 604800 });
  assert.equal(holon.governance_kind, "members");
  assert.deepEqual(holon.governance_members, rules);
  assert.notEqual(multisig, holon.deployer);
  assert.equal(holon.code_ids.cw3_flex_multisig > 0, true);
  assert.match(holon.checksums.cw3_flex_multisig, /^[0-9a-f]{64}$/);

  // The multisig: over the holon's own group, 0.51 of the votes with a quorum of half the
  // weight, a week to vote, anyone executes, no deposit.
  const config = await query({ config: {} });
  assert.equal(config.group_addr, holon.addresses.group);
  assert.equal(config.executor, null);
  assert.equal(config.proposal_deposit, null);
  assert.deepEqual(config.max_voting_period, { time: 604800 });
  assert.deepEqual(await query({ threshold: {} }), {
    threshold_quorum: { threshold: "0.51", quorum: "0.5", total_weight: 5 },
  });
  const { voters } = await query({ list_voters: {} });
  assert.deepEqual(
    voters.map((v) => [v.addr, v.weight]).sort(),
    MEMBERS.map((n) => [address(n), 1]).sort(),
    "the members who attest are the members who vote, one vote each",
  );

  // Owner of the registry, the attestation contract and the distributor; admin of the group;
  // wasm admin of every contract, itself included.
  const { registry, attestation, distributor } = await q(holon);
  assert.equal((await distributor.ownership()).owner, multisig);
  assert.equal((await registry.ownership()).owner, multisig);
  assert.equal((await attestation.ownership()).owner, multisig);
  const stranger = await actor("stranger");
  assert.deepEqual(await stranger.client.queryContractSmart(holon.addresses.group, { admin: {} }), { admin: multisig });
  for (const part of ["group", "registry", "attestation", "distributor", "token"]) {
    assert.equal((await stranger.client.getContract(holon.addresses[part])).admin, multisig, `the ${part}'s wasm admin`);
  }
  assert.equal((await stranger.client.getContract(multisig)).admin, multisig, "the multisig's own wasm admin");
});

test("the deployer's key can no longer change the policy or the membership", async () => {
  const deployer = await actor("steward");
  assert.equal(deployer.address, holon.deployer);
  const { distributor } = await q(holon);
  const before = await distributor.policy({});
  await expectTxFailure(
    "set_policy",
    deployer,
    (fee) => as(deployer, holon).distributor.setPolicy({ policy: NEED_POLICY }, fee),
    "Caller is not the contract's current owner",
  );
  assert.deepEqual(await distributor.policy({}), before);
  await expectTxFailure(
    "update_members",
    deployer,
    (fee) =>
      deployer.client.execute(
        deployer.address,
        holon.addresses.group,
        { update_members: { add: [{ addr: deployer.address, weight: 1 }], remove: [] } },
        fee,
      ),
    "Caller is not admin",
  );
  const { voters } = await query({ list_voters: {} });
  assert.equal(voters.length, 5);
});

test("the seed month under time: the members' own wallets, and the docs/WEIGHTING.md payouts", async () => {
  timeMonth = await seedMonth(holon);
  await monthPaysTime(holon, timeMonth, await actor("stranger"));
});

test("a non-member can neither propose nor vote", async () => {
  const stranger = await actor("stranger");
  await expectTxFailure(
    "propose",
    stranger,
    (fee) => gov.propose(stranger, holon, { distributor: { set_policy: { policy: NEED_POLICY } } }, { title: "Mine" }, fee),
    "Unauthorized",
  );
  // An open proposal to vote on: Sam proposes, nobody else has voted.
  const sam = await actor("sam");
  const p = await gov.propose(sam, holon, { distributor: { set_policy: { policy: { ...FILE.policy, reserve: "0.1" } } } }, {
    title: "Keep a tenth in reserve",
  });
  recordGas("propose", p.res);
  assert.equal(p.status, "open");
  await expectTxFailure("vote", stranger, (fee) => gov.vote(stranger, holon, p.id, "yes", fee), "Unauthorized");
  const { votes } = await gov.proposal(stranger.client, holon, p.id);
  assert.deepEqual(votes.map((v) => v.voter), [address("sam")]);
});

test("a proposal short of the threshold cannot be executed", async () => {
  // Two yes of five (0.51 of 5 needs 3): open, and execution is refused.
  const [alex, jordan, stranger] = [await actor("alex"), await actor("jordan"), await actor("stranger")];
  const p = await gov.propose(alex, holon, { distributor: { set_policy: { policy: { ...FILE.policy, baseline: "0.2" } } } }, {
    title: "A baseline of a fifth",
  });
  recordGas("propose", p.res);
  const v = await gov.vote(jordan, holon, p.id, "yes");
  recordGas("vote", v.res);
  assert.equal(v.status, "open");
  const { distributor } = await q(holon);
  const before = await distributor.policy({});
  await expectTxFailure(
    "execute",
    stranger,
    (fee) => gov.execute(stranger, holon, p.id, fee),
    "Proposal must have passed and not yet been executed",
  );
  assert.equal((await gov.proposal(stranger.client, holon, p.id)).status, "open");
  assert.deepEqual(await distributor.policy({}), before);
});

test("Alex proposes the need weighting, Jordan and Casey vote yes, Riley no, a stranger executes: it applies from the next cycle", async () => {
  assert.ok(timeMonth, "the time month ran");
  const m = Object.fromEntries(await Promise.all(MEMBERS.map(async (n) => [n, await actor(n)])));
  const stranger = await actor("stranger");
  const { distributor } = await q(holon);

  const p = await gov.propose(m.alex, holon, { distributor: { set_policy: { policy: NEED_POLICY } } }, {
    title: "Weigh by need",
    description: "From the next cycle: the need model, childcare ×2, garden ×0.5 (docs/WEIGHTING.md).",
  });
  const change = { change: "need policy by the members" };
  recordGas("propose", p.res, change);
  assert.equal(p.status, "open", "one yes of five");

  const steps = [
    ["riley", "no", "open"],
    ["jordan", "yes", "open"],
    ["casey", "yes", "passed"], // 3 yes of 5 ≥ 0.51, and 4 of 5 voted ≥ the quorum of half
  ];
  for (const [who, choice, status] of steps) {
    const v = await gov.vote(m[who], holon, p.id, choice);
    recordGas("vote", v.res, change);
    assert.equal(v.status, status, `after ${who}'s ${choice}`);
  }
  // Nobody votes twice.
  await expectTxFailure("vote", m.riley, (fee) => gov.vote(m.riley, holon, p.id, "yes", fee), "Already voted on this proposal");

  const res = await gov.execute(stranger, holon, p.id);
  recordGas("execute (set_policy)", res, change);
  fromCycle = Number(attr(res, "from_cycle"));
  const now = await distributor.currentCycle();
  assert.ok(fromCycle > timeMonth.cycle && fromCycle <= now.cycle + 1, `from cycle ${fromCycle}, now ${now.cycle}`);

  const done = await gov.proposal(stranger.client, holon, p.id);
  assert.equal(done.status, "executed");
  assert.deepEqual(
    done.votes.map((v) => [v.voter, v.vote, v.weight]).sort(),
    [["alex", "yes"], ["casey", "yes"], ["jordan", "yes"], ["riley", "no"]].map(([n, c]) => [address(n), c, 1]).sort(),
  );
  const v2 = await distributor.policy({ version: 2 });
  assert.deepEqual(v2.policy, NEED_POLICY);
  assert.deepEqual(v2.schedule.at(-1), { from_cycle: fromCycle, version: 2 });
  // Executed once: a second execution is refused.
  await expectTxFailure(
    "execute",
    stranger,
    (fee) => gov.execute(stranger, holon, p.id, fee),
    "Proposal must have passed and not yet been executed",
  );
});

test("the next month pays the docs/WEIGHTING.md need numbers on chain", async () => {
  assert.ok(fromCycle, "the policy passed");
  const month = await seedMonth(holon, { minCycle: fromCycle });
  assert.ok(month.cycle >= fromCycle);
  await monthPaysNeed(holon, month, await actor("stranger"), 2);
});
