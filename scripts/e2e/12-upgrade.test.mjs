// `deploy.mjs --upgrade`: what it refuses before signing anything, what the chain refuses on
// its own (each contract's migrate: flow_types::migrate::ensure_upgrade), and a real upgrade
// of a running holon. A holon of its own (Holon Alpha with the steward's wallet as
// governance) runs the seed's month on this checkout's code, closes it and two members claim;
// then the test builds this checkout at the next patch version (lib.mjs bumpedBuild: HEAD's
// sources with [workspace.package] version bumped, scripts/build-wasm.sh in a cached copy)
// and `upgrade --artifacts` migrates all five contracts in one transaction signed by the
// steward. After it: the other three claims of the closed cycle, the next month (attest,
// co-sign, close, claim), a redemption and an exchange into Holon Beta and its settlement,
// all with the exact numbers; every contract's cw2 version is the new one. A downgrade (to
// the old codes, by deploy.mjs and straight on chain) and a migration by a non-admin fail and
// change nothing. Last, a members-governed holon is upgraded by a proposal (propose, vote,
// execute, then --upgrade again records the codes).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { toAscii, toUtf8 } from "@cosmjs/encoding";

import { ROOT, UpgradeError, crateVersion, upgrade } from "../deploy.mjs";
import * as gov from "../governance.mjs";
import {
  BUDGET, DENOM, FAILING_TX_FEE, MEMBERS, TIME_PAYOUTS, actor, address, as, bumpedBuild,
  closeThrough, deployment, disconnectAll, monthPaysTime, nativeBalance,
  nextPatch, payload, q, recordGas, seedMonth, tokenBalance, tokenSupply, tx,
} from "./lib.mjs";

let holon;
let built; // this checkout at the next patch version (lib.mjs bumpedBuild), made in before()
const SLUG = "holon-alpha-upgrade";
const VERSION = crateVersion("contracts/need-registry").version;

before(async () => {
  // The bumped build first, before this process holds any connection to the node: the build
  // blocks the event loop (execFileSync, seconds warm, minutes cold), and a pooled keep-alive
  // socket the node closes meanwhile (its RPC server's idle timeout) fails the next query
  // with "fetch failed: other side closed".
  built = bumpedBuild({ log: (l) => console.log(`# ${l}`) });
  holon = await deployment(SLUG, "scripts/holons/holon-alpha-steward.toml", { fresh: true });
}, { timeout: 45 * 60_000 });
after(disconnectAll);

const file = () => join(ROOT, "deployments", holon.chain_id, `${SLUG}.json`);

test("a holon already on this checkout's code: --upgrade migrates nothing", async () => {
  const r = await upgrade(file(), { key: "steward", log: () => {} });
  assert.deepEqual(r.migrations, []);
  assert.deepEqual(r.deployment.code_ids, holon.code_ids);
});

test("--upgrade signed by someone other than the holon's governance is refused", async () => {
  await assert.rejects(upgrade(file(), { key: "alex", log: () => {} }), (e) => {
    assert.ok(e instanceof UpgradeError);
    assert.equal(
      e.message,
      `Holon Alpha is governed by ${holon.governance}: sign the upgrade with its key (--key, --mnemonic-file), not ${holon.members.find((m) => m.name === "alex").address}'s`,
    );
    return true;
  });
});

test("other code at the same version is refused before anything is signed (bump the version)", async () => {
  // An artifacts directory whose need_registry.wasm is the attestation contract's wasm.
  const dir = mkdtempSync(join(tmpdir(), "cw-flow-upgrade-"));
  for (const f of ["need_registry", "attestation", "distributor", "flow_token", "commons"])
    copyFileSync(join(ROOT, "artifacts", `${f === "need_registry" ? "attestation" : f}.wasm`), join(dir, `${f}.wasm`));
  const steward = await actor("steward");
  const seq = await steward.client.getSequence(steward.address);
  await assert.rejects(upgrade(file(), { key: "steward", artifacts: dir, log: () => {} }), (e) => {
    assert.ok(e instanceof UpgradeError, e.stack);
    assert.equal(
      e.message,
      "Holon Alpha is not upgraded:\n" +
        `  registry ${holon.addresses.registry} is crates.io:need-registry ${VERSION} on chain and this checkout's is ${VERSION}: ` +
        "the same version with other code (bump the version in contracts/need-registry/Cargo.toml)",
    );
    return true;
  });
  assert.deepEqual(await steward.client.getSequence(steward.address), seq, "nothing signed");
});

test("on chain: a migration by a non-admin fails, and so does a migration to another contract", async () => {
  const stranger = await actor("stranger");
  const steward = await actor("steward");
  const migrate = (who, codeId) =>
    who.client.signAndBroadcast(
      who.address,
      [
        {
          typeUrl: "/cosmwasm.wasm.v1.MsgMigrateContract",
          value: { sender: who.address, contract: holon.addresses.registry, codeId: BigInt(codeId), msg: toUtf8("{}") },
        },
      ],
      FAILING_TX_FEE,
    );
  const byStranger = await migrate(stranger, holon.code_ids.need_registry);
  assert.notEqual(byStranger.code, 0);
  assert.match(byStranger.rawLog, /unauthorized/);
  const toAttestation = await migrate(steward, holon.code_ids.attestation);
  assert.notEqual(toAttestation.code, 0);
  assert.match(toAttestation.rawLog, /cannot migrate from contract "crates.io:need-registry" to "crates.io:attestation"/);
  const same = await migrate(steward, holon.code_ids.need_registry);
  assert.notEqual(same.code, 0);
  assert.match(same.rawLog, new RegExp(`cannot migrate from version ${VERSION} to older or equal version ${VERSION}`));
  assert.equal((await steward.client.getContract(holon.addresses.registry)).codeId, holon.code_ids.need_registry);
});

// ---------------------------------------------------------------------------- a real upgrade

// Deployment address key, code key, cw2 name, crate directory.
const PARTS = [
  ["registry", "need_registry", "crates.io:need-registry", "contracts/need-registry"],
  ["attestation", "attestation", "crates.io:attestation", "contracts/attestation"],
  ["distributor", "distributor", "crates.io:distributor", "contracts/distributor"],
  ["token", "flow_token", "crates.io:flow-token", "contracts/flow-token"],
  ["commons", "commons", "crates.io:commons", "contracts/commons"],
];
const NEXT = nextPatch(VERSION);
let month;
let before0; // the deployment as deployed, on this checkout's code
let upgraded; // the deployment after the upgrade

/** The cw2 record a contract stores ({contract, version}), read raw from its storage. */
async function cw2(addr) {
  const raw = await (await actor("stranger")).client.queryContractRaw(addr, toAscii("contract_info"));
  return JSON.parse(Buffer.from(raw).toString("utf8"));
}
const held = () => Promise.all(MEMBERS.map((n) => tokenBalance(holon, address(n))));

test("on this checkout's code: the seed's month is closed and Alex and Jordan claim it, the others not yet", async () => {
  before0 = JSON.parse(readFileSync(file(), "utf8"));
  for (const [part, , name] of PARTS) assert.deepEqual(await cw2(holon.addresses[part]), { contract: name, version: VERSION });
  month = await seedMonth(holon);
  await closeThrough(holon, month.cycle, await actor("stranger"));
  const { distributor } = await q(holon);
  const cycle = await distributor.cycle({ cycle: month.cycle });
  assert.equal(cycle.status, "closed");
  assert.equal(cycle.total_weight, "128");
  for (const n of ["alex", "jordan"]) await tx("claim", as(await actor(n), holon).distributor.claim({ cycle: month.cycle, member: null }));
  assert.deepEqual(await held(), [TIME_PAYOUTS[0], TIME_PAYOUTS[1], 0n, 0n, 0n]);
  assert.equal(await tokenSupply(holon), TIME_PAYOUTS[0] + TIME_PAYOUTS[1]);
  const t = await distributor.treasury();
  assert.equal(BigInt(t.allocated), BUDGET - TIME_PAYOUTS[0] - TIME_PAYOUTS[1], "three claims outstanding");
  assert.equal(await nativeBalance(holon.addresses.distributor), BUDGET);
});

test(`this checkout built at ${NEXT}, and deploy.mjs --upgrade --artifacts migrates all five contracts in one transaction`, { timeout: 45 * 60_000 }, async () => {
  assert.equal(built.version, NEXT);
  const { distributor } = await q(holon);
  const state0 = [await held(), await tokenSupply(holon), await distributor.treasury(), await distributor.cycle({ cycle: month.cycle }), await distributor.config()];

  const started = Date.now();
  const r = await upgrade(file(), { key: "steward", artifacts: built.dir, log: (l) => console.log(`# ${l}`) });
  console.log(`# upgrade (store 5 codes + one migration tx): ${((Date.now() - started) / 1000).toFixed(1)} s, migration gas ${r.tx.gasUsed}`);
  assert.equal(r.tx.code, 0);
  recordGas("migrate (5 contracts, one tx)", r.tx);
  assert.deepEqual(
    r.migrations.map((m) => [m.part, m.addr, m.from.code_id, m.from.version, m.to.version]),
    PARTS.map(([part, key]) => [part, holon.addresses[part], before0.code_ids[key], VERSION, NEXT]),
  );
  const sums = Object.fromEntries(
    readFileSync(join(built.dir, "checksums.txt"), "utf8").trim().split("\n").map((l) => l.split(/\s+\*?/).reverse()),
  );
  upgraded = JSON.parse(readFileSync(file(), "utf8"));
  const stranger = await actor("stranger");
  for (const [part, key, name] of PARTS) {
    const addr = holon.addresses[part];
    const c = await stranger.client.getContract(addr);
    assert.notEqual(c.codeId, before0.code_ids[key], `${part}: a new code`);
    assert.equal(c.codeId, upgraded.code_ids[key], `${part}: the deployment file records its code`);
    assert.equal(c.admin, holon.governance, `${part}: the admin stays`);
    assert.equal((await stranger.client.getCodeDetails(c.codeId)).checksum.toLowerCase(), sums[`${key}.wasm`]);
    assert.equal(upgraded.checksums[key], sums[`${key}.wasm`]);
    assert.deepEqual(await cw2(addr), { contract: name, version: NEXT }, `${part}: cw2 version`);
  }
  // cw-plus's group stays, and so does every address.
  assert.equal(upgraded.code_ids.cw4_group, before0.code_ids.cw4_group);
  assert.deepEqual(upgraded.addresses, before0.addresses);
  assert.equal(upgraded.upgrades.length, 1);
  assert.equal(upgraded.upgrades[0].tx.hash, r.tx.transactionHash);
  assert.equal(upgraded.upgrades[0].by, holon.governance);
  // The state is the state before: balances, supply, treasury, the closed cycle, the config.
  assert.deepEqual(
    [await held(), await tokenSupply(holon), await distributor.treasury(), await distributor.cycle({ cycle: month.cycle }), await distributor.config()],
    state0,
  );
  // Run again: nothing left to migrate.
  const again = await upgrade(file(), { key: "steward", artifacts: built.dir, log: () => {} });
  assert.deepEqual(again.migrations, []);
});

test("after the upgrade: Casey, Riley and Sam claim the closed cycle, and nobody claims twice", async () => {
  assert.ok(upgraded, "the upgrade ran");
  const alex = await actor("alex");
  await assert.rejects(
    as(alex, holon).distributor.claim({ cycle: month.cycle, member: null }),
    new RegExp(`${alex.address} has already claimed cycle ${month.cycle}`),
  );
  for (const n of ["casey", "riley", "sam"]) await tx("claim", as(await actor(n), holon).distributor.claim({ cycle: month.cycle, member: null }));
  assert.deepEqual(await held(), TIME_PAYOUTS);
  assert.equal(await tokenSupply(holon), BUDGET);
  const t = await (await q(holon)).distributor.treasury();
  assert.equal(BigInt(t.allocated), 0n);
  assert.equal(BigInt(t.outstanding), BUDGET);
});

test("after the upgrade: the next month (post, attest, co-sign, close, claim) pays the same numbers", async () => {
  assert.ok(upgraded, "the upgrade ran");
  const next = await seedMonth(holon, { minCycle: month.cycle + 1 });
  assert.ok(next.cycle > month.cycle);
  assert.deepEqual(await monthPaysTime(holon, next, await actor("stranger")), TIME_PAYOUTS);
  assert.deepEqual(await held(), TIME_PAYOUTS.map((p) => 2n * p));
  assert.equal(await tokenSupply(holon), 2n * BUDGET);
  assert.equal(await nativeBalance(holon.addresses.distributor), 2n * BUDGET);
});

test("after the upgrade: Riley redeems 343.75 AFLOW for 343,750,000 ucredit", async () => {
  assert.ok(upgraded, "the upgrade ran");
  const riley = await actor("riley");
  const amount = 343_750_000n;
  const rc0 = await nativeBalance(riley.address);
  await tx("redeem", as(riley, holon).token.send({ contract: holon.addresses.distributor, amount: amount.toString(), msg: payload({ redeem: { recipient: null } }) }));
  assert.equal(await tokenBalance(holon, riley.address), 2n * TIME_PAYOUTS[3] - amount);
  assert.equal(await nativeBalance(riley.address), rc0 + amount);
  assert.equal(await nativeBalance(holon.addresses.distributor), 2n * BUDGET - amount);
  assert.equal(await tokenSupply(holon), 2n * BUDGET - amount);
  const t = await (await q(holon)).distributor.treasury();
  assert.equal(BigInt(t.outstanding), 2n * BUDGET - amount);
  assert.equal(BigInt(t.total_redeemed), amount);
});

test("after the upgrade: Alex pays 400 AFLOW into Holon Beta for 200 BFLOW, and Beta settles them at the upgraded treasury", async () => {
  assert.ok(upgraded, "the upgrade ran");
  const beta = await deployment("holon-beta", "scripts/holons/holon-beta.toml");
  const stewardBeta = await actor("steward-beta");
  const funder = await actor("funder");
  const alex = await actor("alex");
  await tx("fund", as(funder, beta).distributor.fund({ memo: "backing for upgraded Alpha's tokens" }, "auto", undefined, [{ denom: DENOM, amount: "200000000" }]));
  await tx("accept_holon", as(stewardBeta, beta).distributor.acceptHolon({ distributor: holon.addresses.distributor, rate: "0.5", creditLimit: "1000000000" }));
  const accepted = async () => (await (await q(beta)).distributor.acceptedHolon({ token: holon.addresses.token })).holon;
  const h0 = await accepted();
  assert.equal(h0.name, "Holon Alpha");
  assert.equal(h0.distributor, holon.addresses.distributor);

  const [b0, betaSupply0] = [await tokenBalance(beta, alex.address), await tokenSupply(beta)];
  await tx("exchange", as(alex, holon).token.send({ contract: beta.addresses.distributor, amount: "400000000", msg: payload({ exchange: { recipient: null } }) }));
  assert.equal(await tokenBalance(holon, alex.address), 2n * TIME_PAYOUTS[0] - 400_000_000n);
  assert.equal(await tokenBalance(beta, alex.address), b0 + 200_000_000n);
  assert.equal(await tokenBalance(holon, beta.addresses.distributor), 400_000_000n);
  assert.equal(await tokenSupply(beta), betaSupply0 + 200_000_000n);
  assert.equal((await accepted()).holdings, "400000000");

  const betaCoins0 = await nativeBalance(beta.addresses.distributor);
  const supply0 = await tokenSupply(holon);
  await tx("settle_foreign", as(stewardBeta, beta).distributor.settleForeign({ token: holon.addresses.token, amount: null }));
  assert.equal(await nativeBalance(holon.addresses.distributor), 2n * BUDGET - 343_750_000n - 400_000_000n);
  assert.equal(await nativeBalance(beta.addresses.distributor), betaCoins0 + 400_000_000n);
  assert.equal(await tokenBalance(holon, beta.addresses.distributor), 0n);
  assert.equal(await tokenSupply(holon), supply0 - 400_000_000n, "the upgraded distributor burned the settled AFLOW");
  const h1 = await accepted();
  assert.equal(h1.holdings, "0");
  assert.equal(h1.total_settled, "400000000");
});

test("a downgrade and a migration by a non-admin fail (deploy.mjs before signing, then the chain) and change nothing", async () => {
  assert.ok(upgraded, "the upgrade ran");
  const steward = await actor("steward");
  const stranger = await actor("stranger");
  const alex = await actor("alex");
  const { distributor } = await q(holon);
  const snapshot = async () => [
    await Promise.all(PARTS.map(async ([part]) => [(await stranger.client.getContract(holon.addresses[part])).codeId, await cw2(holon.addresses[part])])),
    await held(),
    await tokenSupply(holon),
    await distributor.treasury(),
    await nativeBalance(holon.addresses.distributor),
  ];
  const state0 = await snapshot();

  // deploy.mjs with this checkout's (older) artifacts: refused, nothing signed.
  const seq = await steward.client.getSequence(steward.address);
  await assert.rejects(upgrade(file(), { key: "steward", log: () => {} }), (e) => {
    assert.ok(e instanceof UpgradeError, e.stack);
    assert.equal(
      e.message,
      "Holon Alpha is not upgraded:\n  " +
        PARTS.map(
          ([part, , name, dir]) =>
            `${part} ${holon.addresses[part]} is ${name} ${NEXT} on chain and this checkout's is ${VERSION}: ` +
            `a downgrade (bump the version in ${dir}/Cargo.toml)`,
        ).join("\n  "),
    );
    return true;
  });
  assert.deepEqual(await steward.client.getSequence(steward.address), seq, "nothing signed");

  // On chain: the admin migrating each contract back to its old code, and two non-admins
  // migrating to the new code, are refused by the chain.
  const migrate = (who, contract, codeId) =>
    who.client.signAndBroadcast(
      who.address,
      [{ typeUrl: "/cosmwasm.wasm.v1.MsgMigrateContract", value: { sender: who.address, contract, codeId: BigInt(codeId), msg: toUtf8("{}") } }],
      FAILING_TX_FEE,
    );
  for (const [part, key] of PARTS) {
    const down = await migrate(steward, holon.addresses[part], before0.code_ids[key]);
    assert.notEqual(down.code, 0, `${part}: the downgrade failed`);
    assert.match(down.rawLog, new RegExp(`cannot migrate from version ${NEXT.replace(/\./g, "\\.")} to older or equal version ${VERSION.replace(/\./g, "\\.")}`));
  }
  for (const [who, part, key] of [[stranger, "registry", "need_registry"], [alex, "distributor", "distributor"]]) {
    const res = await migrate(who, holon.addresses[part], upgraded.code_ids[key]);
    assert.notEqual(res.code, 0, `${who.name} migrating the ${part}`);
    assert.match(res.rawLog, /unauthorized/);
  }
  assert.deepEqual(await snapshot(), state0);
  assert.deepEqual(state0[0].map(([, v]) => v.version), PARTS.map(() => NEXT));
});

test("governed by its members: one proposal migrates all five, the members vote, anyone executes, --upgrade again records the codes", async () => {
  assert.ok(built, "the bumped build ran");
  const slug = "holon-alpha-members-upgrade";
  const members = await deployment(slug, "scripts/holons/holon-alpha.toml", { fresh: true });
  const mfile = join(ROOT, "deployments", members.chain_id, `${slug}.json`);
  const m = Object.fromEntries(await Promise.all(["alex", "jordan", "casey"].map(async (n) => [n, await actor(n)])));
  const stranger = await actor("stranger");

  // A stranger cannot propose it; a member's --upgrade writes the proposal (her own yes).
  await assert.rejects(upgrade(mfile, { key: "stranger", artifacts: built.dir, log: () => {} }), (e) => {
    assert.ok(e instanceof UpgradeError);
    assert.match(e.message, /is governed by its members: a member proposes the upgrade, and \S+ is not one/);
    return true;
  });
  const r = await upgrade(mfile, { key: "alex", artifacts: built.dir, log: () => {} });
  assert.equal(r.proposal.status, "open");
  assert.equal(r.migrations.length, PARTS.length);
  const p = await gov.proposal(stranger.client, members, r.proposal.id);
  assert.equal(p.title, `Upgrade Holon Alpha: ${PARTS.map(([part]) => `${part} ${VERSION} → ${NEXT}`).join(", ")}`);
  assert.deepEqual(
    p.msgs.map((x) => [x.wasm.migrate.contract_addr, x.wasm.migrate.new_code_id]),
    PARTS.map(([part, key]) => [members.addresses[part], upgraded.code_ids[key]]),
    "the codes stored by the first upgrade, reused",
  );
  // Nothing migrated before the vote; the file still records the old codes.
  assert.equal((await stranger.client.getContract(members.addresses.distributor)).codeId, members.code_ids.distributor);
  assert.deepEqual(JSON.parse(readFileSync(mfile, "utf8")).code_ids, members.code_ids);

  assert.equal((await gov.vote(m.jordan, members, r.proposal.id, "yes")).status, "open");
  assert.equal((await gov.vote(m.casey, members, r.proposal.id, "yes")).status, "passed");
  const res = await gov.execute(stranger, members, r.proposal.id);
  assert.equal(res.code ?? 0, 0);
  for (const [part, key, name] of PARTS) {
    assert.equal((await stranger.client.getContract(members.addresses[part])).codeId, upgraded.code_ids[key], `${part}: migrated`);
    assert.deepEqual(await cw2(members.addresses[part]), { contract: name, version: NEXT });
  }
  const again = await upgrade(mfile, { key: "alex", artifacts: built.dir, log: () => {} });
  assert.deepEqual(again.migrations, []);
  const recorded = JSON.parse(readFileSync(mfile, "utf8"));
  for (const [, key] of PARTS) assert.equal(recorded.code_ids[key], upgraded.code_ids[key]);
  assert.equal(recorded.code_ids.cw3_flex_multisig, members.code_ids.cw3_flex_multisig);
});
