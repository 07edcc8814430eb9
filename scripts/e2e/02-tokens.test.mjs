// After Holon Alpha's month (01): members gift tokens to one another (cw20 transfer), gift
// tokens back to the pool (cw20 Send to the distributor with {"gift_to_pool":{}}) and redeem
// tokens for the treasury's native coins (Send with {"redeem":{"recipient":null}}); token,
// supply, treasury and native balances are read back from the chain.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";

import {
  DENOM, actor, as, deployment, disconnectAll, nativeBalance, payload, q, tokenBalance,
  tokenSupply, tx,
} from "./lib.mjs";

let alpha;

before(async () => {
  alpha = await deployment("holon-alpha", "scripts/holons/holon-alpha-steward.toml");
  const riley = await tokenBalance(alpha, (await actor("riley")).address);
  assert.ok(riley >= 1_000_000_000n, `Riley holds ${riley} AFLOW: run 01-alpha-time first`);
});
after(disconnectAll);

const treasury = async () => (await q(alpha)).distributor.treasury();

test("gifting: Alex gives Jordan 100 AFLOW (a cw20 transfer signed by Alex)", async () => {
  const alex = await actor("alex");
  const jordan = await actor("jordan");
  const [a0, j0, s0] = [await tokenBalance(alpha, alex.address), await tokenBalance(alpha, jordan.address), await tokenSupply(alpha)];
  await tx("transfer", as(alex, alpha).token.transfer({ recipient: jordan.address, amount: "100000000" }));
  assert.equal(await tokenBalance(alpha, alex.address), a0 - 100_000_000n);
  assert.equal(await tokenBalance(alpha, jordan.address), j0 + 100_000_000n);
  assert.equal(await tokenSupply(alpha), s0, "a gift moves tokens, it mints or burns none");
});

test("a gift back to the pool burns the tokens and returns their backing to the next cycle's budget", async () => {
  const jordan = await actor("jordan");
  const amount = 62_500_000n;
  const [j0, s0, t0, coins0] = [
    await tokenBalance(alpha, jordan.address), await tokenSupply(alpha), await treasury(),
    await nativeBalance(alpha.addresses.distributor),
  ];
  await tx("gift_to_pool", as(jordan, alpha).token.send({
    contract: alpha.addresses.distributor,
    amount: amount.toString(),
    msg: payload({ gift_to_pool: {} }),
  }));
  const t1 = await treasury();
  assert.equal(await tokenBalance(alpha, jordan.address), j0 - amount);
  assert.equal(await tokenSupply(alpha), s0 - amount, "burned");
  assert.equal(BigInt(t1.outstanding), BigInt(t0.outstanding) - amount);
  assert.equal(BigInt(t1.unallocated), BigInt(t0.unallocated) + amount, "back in the pool");
  assert.equal(t1.held, t0.held, "the coins stay in the treasury");
  assert.equal(await nativeBalance(alpha.addresses.distributor), coins0);
});

test("redemption: Riley redeems 343.75 AFLOW for 343,750,000 ucredit from the treasury", async () => {
  const riley = await actor("riley");
  const amount = 343_750_000n;
  const [r0, rc0, dc0, s0, t0] = [
    await tokenBalance(alpha, riley.address), await nativeBalance(riley.address),
    await nativeBalance(alpha.addresses.distributor), await tokenSupply(alpha), await treasury(),
  ];
  await tx("redeem", as(riley, alpha).token.send({
    contract: alpha.addresses.distributor,
    amount: amount.toString(),
    msg: payload({ redeem: { recipient: null } }),
  }));
  const t1 = await treasury();
  assert.equal(await tokenBalance(alpha, riley.address), r0 - amount);
  assert.equal(await tokenSupply(alpha), s0 - amount, "redeemed tokens are burned");
  // Fees are paid in stake, so the ucredit balances move by exactly the amount.
  assert.equal(await nativeBalance(riley.address), rc0 + amount, `Riley received ${amount} ${DENOM}`);
  assert.equal(await nativeBalance(alpha.addresses.distributor), dc0 - amount);
  assert.equal(BigInt(t1.held), BigInt(t0.held) - amount);
  assert.equal(BigInt(t1.outstanding), BigInt(t0.outstanding) - amount);
  assert.equal(BigInt(t1.total_redeemed), BigInt(t0.total_redeemed) + amount);
  // The treasury invariant: the coins held back every outstanding token.
  assert.ok(BigInt(await nativeBalance(alpha.addresses.distributor)) >= BigInt(t1.outstanding));
});
