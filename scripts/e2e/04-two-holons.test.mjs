// Two holons on one chain. Beta's governance accepts Alpha's token at 0.5 BFLOW per AFLOW
// with a credit limit of 1,000 AFLOW; Alex pays into Beta with a cw20 Send of AFLOW carrying
// {"exchange":{"recipient":null}}; an exchange over the limit fails and moves nothing; Alex
// spends BFLOW with Bea; Beta settles its AFLOW at Alpha's treasury. Balances on both sides.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";

import {
  actor, as, deployment, disconnectAll, expectTxFailure, nativeBalance, payload, q,
  tokenBalance, tokenSupply, tx,
} from "./lib.mjs";

const LIMIT = 1_000_000_000n;
let alpha;
let beta;

before(async () => {
  alpha = await deployment("holon-alpha", "scripts/holons/holon-alpha-steward.toml");
  beta = await deployment("holon-beta", "scripts/holons/holon-beta.toml");
  const alex = await tokenBalance(alpha, (await actor("alex")).address);
  assert.ok(alex >= 400_000_000n, `Alex holds ${alex} AFLOW: run 01-alpha-time first`);
});
after(disconnectAll);

const exchangeMsg = (d, amount) => ({
  contract: d.addresses.distributor,
  amount: amount.toString(),
  msg: payload({ exchange: { recipient: null } }),
});

test("Beta's governance accepts Alpha's token, verified through Alpha's holon info", async () => {
  const stewardBeta = await actor("steward-beta");
  const funder = await actor("funder");
  // Beta's tokens minted for AFLOW are backed by Beta's treasury: a grant funds it.
  await tx("fund", as(funder, beta).distributor.fund({ memo: "grant" }, "auto", undefined, [
    { denom: "ucredit", amount: "2000000000" },
  ]));
  // Only Beta's governance may accept a holon.
  const bea = await actor("bea");
  await expectTxFailure(
    "accept_holon",
    bea,
    (fee) => as(bea, beta).distributor.acceptHolon({ distributor: alpha.addresses.distributor, rate: "0.5", creditLimit: LIMIT.toString() }, fee),
    "Caller is not the contract's current owner",
  );
  await tx("accept_holon", as(stewardBeta, beta).distributor.acceptHolon({
    distributor: alpha.addresses.distributor,
    rate: "0.5",
    creditLimit: LIMIT.toString(),
  }));
  const { holon } = await (await q(beta)).distributor.acceptedHolon({ token: alpha.addresses.token });
  assert.equal(holon.name, "Holon Alpha");
  assert.equal(holon.distributor, alpha.addresses.distributor);
  assert.equal(holon.rate, "0.5");
  assert.equal(holon.credit_limit, LIMIT.toString());
  assert.equal(holon.holdings, "0");
  assert.equal(holon.treasury_denom, "ucredit");
});

test("Alex pays 400 AFLOW into Beta and receives 200 BFLOW", async () => {
  const alex = await actor("alex");
  const [a0, b0, held0, alphaSupply0, betaSupply0] = [
    await tokenBalance(alpha, alex.address), await tokenBalance(beta, alex.address),
    await tokenBalance(alpha, beta.addresses.distributor), await tokenSupply(alpha), await tokenSupply(beta),
  ];
  await tx("exchange", as(alex, alpha).token.send(exchangeMsg(beta, 400_000_000n)));
  assert.equal(await tokenBalance(alpha, alex.address), a0 - 400_000_000n);
  assert.equal(await tokenBalance(beta, alex.address), b0 + 200_000_000n);
  assert.equal(await tokenBalance(alpha, beta.addresses.distributor), held0 + 400_000_000n, "Beta keeps the AFLOW");
  assert.equal(await tokenSupply(alpha), alphaSupply0, "no AFLOW is burned or minted");
  assert.equal(await tokenSupply(beta), betaSupply0 + 200_000_000n);
  const { holon } = await (await q(beta)).distributor.acceptedHolon({ token: alpha.addresses.token });
  assert.equal(holon.holdings, "400000000");
  assert.equal(holon.total_minted, "200000000");
});

test("failure path: an exchange over Beta's credit limit fails on chain and nothing moves", async () => {
  const jordan = await actor("jordan");
  const snapshot = async () => [
    await tokenBalance(alpha, jordan.address), await tokenBalance(beta, jordan.address),
    await tokenBalance(alpha, beta.addresses.distributor), await tokenSupply(beta),
    (await (await q(beta)).distributor.acceptedHolon({ token: alpha.addresses.token })).holon,
  ];
  const before = await snapshot();
  assert.ok(before[0] >= 700_000_000n, "Jordan holds enough AFLOW to try");
  const stake0 = await nativeBalance(jordan.address, "stake");
  const failed = await expectTxFailure(
    "exchange",
    jordan,
    (fee) => as(jordan, alpha).token.send(exchangeMsg(beta, 700_000_000n), fee),
    "over the credit limit",
  );
  assert.match(failed.rawLog, /holding 400000000 \+ 700000000 > limit 1000000000/);
  assert.deepEqual(await snapshot(), before);
  // Only the fee (in stake) was paid.
  assert.equal(await nativeBalance(jordan.address, "stake"), stake0 - 2000n);
  // Up to the limit still works.
  await tx("exchange", as(jordan, alpha).token.send(exchangeMsg(beta, 600_000_000n)));
  assert.equal(await tokenBalance(beta, jordan.address), before[1] + 300_000_000n);
  const { holon } = await (await q(beta)).distributor.acceptedHolon({ token: alpha.addresses.token });
  assert.equal(holon.holdings, LIMIT.toString());
});

test("Alex buys bread from Bea with BFLOW; Beta settles its AFLOW at Alpha's treasury", async () => {
  const alex = await actor("alex");
  const bea = await actor("bea");
  const bea0 = await tokenBalance(beta, bea.address);
  await tx("transfer", as(alex, beta).token.transfer({ recipient: bea.address, amount: "200000000" }));
  assert.equal(await tokenBalance(beta, bea.address), bea0 + 200_000_000n);

  const stewardBeta = await actor("steward-beta");
  const [alphaCoins0, betaCoins0, alphaSupply0] = [
    await nativeBalance(alpha.addresses.distributor), await nativeBalance(beta.addresses.distributor),
    await tokenSupply(alpha),
  ];
  await tx("settle_foreign", as(stewardBeta, beta).distributor.settleForeign({ token: alpha.addresses.token, amount: null }));
  assert.equal(await nativeBalance(alpha.addresses.distributor), alphaCoins0 - LIMIT);
  assert.equal(await nativeBalance(beta.addresses.distributor), betaCoins0 + LIMIT);
  assert.equal(await tokenBalance(alpha, beta.addresses.distributor), 0n);
  assert.equal(await tokenSupply(alpha), alphaSupply0 - LIMIT, "Alpha burned the redeemed AFLOW");
  const { holon } = await (await q(beta)).distributor.acceptedHolon({ token: alpha.addresses.token });
  assert.equal(holon.holdings, "0");
  assert.equal(holon.total_settled, LIMIT.toString());
});
