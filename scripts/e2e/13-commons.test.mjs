// The holon's commons on the localnet, every transaction signed by its own member: the deploy
// gives Holon Alpha a commons owned by its governance; after the seed's month (members hold
// their time payouts) the steward lists the tool library (20 AFLOW a day, a full refund with
// two days' notice, half after) and Alex lists childcare (15 AFLOW an hour). Riley books two
// days of tools and buys two hours of Alex's childcare (escrow, confirmed: Alex is paid); an
// overlapping booking and a wrong amount are refused and move nothing; Casey cancels in time
// and gets everything back; Sam's booking starts, anyone releases it, and its 20 AFLOW go back
// to the pool (burnt, their backing free for the next cycle); Jordan disputes an hour and the
// steward splits it. Balances, the commons' totals and the treasury checked on chain.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";

import {
  MEMBERS, TIME_PAYOUTS, actor, address, as, attr, deployment, disconnectAll, expectTxFailure, monthPaysTime,
  payload, q, seedMonth, sleep, tokenBalance, tokenSupply, tx,
} from "./lib.mjs";

const DAY = 86_400;
const AFLOW = 1_000_000n;
const TOOLS_PER_DAY = 20n * AFLOW;
const CHILDCARE_PER_HOUR = 15n * AFLOW;
const paid = Object.fromEntries(MEMBERS.map((n, i) => [n, TIME_PAYOUTS[i]]));

let holon;
let tools; // listing ids
let childcare;

/** The chain's time, in Unix seconds (the latest block's). */
async function chainNow() {
  const s = await actor("stranger");
  const block = await s.client.getBlock();
  return Math.floor(Date.parse(block.header.time) / 1000);
}
const balance = (n) => tokenBalance(holon, address(n));
/** A cw20 Send of `amount` AFLOW units to the commons with a book or buy payload. */
const pay = (who, amount, msg, fee) =>
  as(who, holon).token.send({ contract: holon.addresses.commons, amount: amount.toString(), msg: payload(msg) }, fee);
const totals = async () => (await (await q(holon)).commons.totals()).totals;

before(async () => {
  holon = await deployment("holon-alpha-commons", "scripts/holons/holon-alpha-steward.toml", { fresh: true });
  const month = await seedMonth(holon);
  await monthPaysTime(holon, month, await actor("stranger"));
});
after(disconnectAll);

test("the deploy gives the holon a commons owned by its governance and wired to its token, pool, group and registry", async () => {
  const { commons } = await q(holon);
  const { config } = await commons.config();
  assert.deepEqual(
    [config.token, config.distributor, config.group, config.registry, config.confirm_window_seconds],
    [holon.addresses.token, holon.addresses.distributor, holon.addresses.group, holon.addresses.registry, 3 * DAY],
  );
  assert.equal((await commons.ownership()).owner, holon.governance);
  const info = await (await actor("stranger")).client.getContract(holon.addresses.commons);
  assert.equal(info.admin, holon.governance);
  assert.equal(info.codeId, holon.code_ids.commons);
});

test("the steward lists the tool library, Alex lists childcare; a stranger's offer is refused", async () => {
  const steward = await actor("steward");
  const alex = await actor("alex");
  const stranger = await actor("stranger");
  const listed = await tx("commons: list (resource)", as(steward, holon).commons.list({
    listing: {
      kind: "resource",
      title: "Tool library",
      description: "Drills, saws, ladders: pick up at the barn",
      category: "garden",
      unit: "day",
      price: TOOLS_PER_DAY.toString(),
      stock: null,
      refund: { full_refund_notice_seconds: 2 * DAY, late_refund_percent: "0.5" },
    },
  }));
  tools = Number(attr(listed, "listing"));
  const offered = await tx("commons: list (offer)", as(alex, holon).commons.list({
    listing: { kind: "offer", title: "Childcare at Alex's", category: "childcare", unit: "hour", price: CHILDCARE_PER_HOUR.toString() },
  }));
  childcare = Number(attr(offered, "listing"));
  assert.deepEqual([tools, childcare], [1, 2]);
  const { commons } = await q(holon);
  const { listing } = await commons.listing({ id: childcare });
  assert.deepEqual([listing.kind, listing.provider, listing.price, listing.status], ["offer", alex.address, "15000000", "active"]);
  // Browsing by category: the garden has the tools, childcare Alex's offer.
  assert.deepEqual((await commons.listings({ category: "garden" })).listings.map((l) => l.id), [tools]);
  assert.deepEqual((await commons.listings({ provider: alex.address })).listings.map((l) => l.id), [childcare]);

  await expectTxFailure("commons: list (not a member)", stranger, (fee) =>
    as(stranger, holon).commons.list({ listing: { kind: "offer", title: "Lessons", category: "food", unit: "hour", price: "1" } }, fee),
    `${stranger.address} is not a member of the group`,
  );
});

test("Riley books two days of tools (held until the start); an overlapping window is refused and moves nothing", async () => {
  const riley = await actor("riley");
  const jordan = await actor("jordan");
  const now = await chainNow();
  const start = now + 3 * DAY;
  const end = start + 2 * DAY;
  const res = await tx("commons: book", pay(riley, 2n * TOOLS_PER_DAY, { book: { listing: tools, start, end } }));
  assert.equal(attr(res, "booking"), "1");
  assert.equal(await balance("riley"), paid.riley - 40n * AFLOW);
  assert.equal(await tokenBalance(holon, holon.addresses.commons), 40n * AFLOW);
  const { commons } = await q(holon);
  const { booking } = await commons.booking({ id: 1 });
  assert.deepEqual([booking.booker, booking.start, booking.end, booking.units, booking.amount, booking.status], [riley.address, start, end, 2, "40000000", "held"]);
  assert.deepEqual((await commons.calendar({ listing: tools, from: start, to: end })).bookings.map((b) => b.id), [1]);

  // Jordan wants the middle of it: refused by the chain; Jordan's tokens stay.
  const j0 = await balance("jordan");
  await expectTxFailure("commons: book (overlap)", jordan, (fee) =>
    pay(jordan, TOOLS_PER_DAY, { book: { listing: tools, start: start + DAY, end: start + 2 * DAY } }, fee),
    `listing ${tools} is booked for [${start}, ${end}) by booking 1`,
  );
  assert.equal(await balance("jordan"), j0);
  assert.equal(await tokenBalance(holon, holon.addresses.commons), 40n * AFLOW);
});

test("Riley buys two hours of Alex's childcare: escrowed, confirmed, Alex paid; a wrong amount is refused", async () => {
  const riley = await actor("riley");
  const r0 = await balance("riley");
  const a0 = await balance("alex");
  await expectTxFailure("commons: buy (wrong amount)", riley, (fee) =>
    pay(riley, 29n * AFLOW, { buy: { listing: childcare, quantity: 2 } }, fee),
    "wrong amount: 30000000 due (2 × 15000000), 29000000 sent",
  );
  assert.equal(await balance("riley"), r0);
  const res = await tx("commons: buy (offer)", pay(riley, 30n * AFLOW, { buy: { listing: childcare, quantity: 2 } }));
  const id = Number(attr(res, "purchase"));
  assert.equal(await balance("riley"), r0 - 30n * AFLOW);
  assert.equal(await balance("alex"), a0, "held in escrow until Riley confirms");
  const { commons } = await q(holon);
  assert.equal((await commons.purchase({ id })).purchase.status, "escrowed");
  await tx("commons: confirm", as(riley, holon).commons.confirm({ purchase: id }));
  assert.equal(await balance("alex"), a0 + 30n * AFLOW);
  assert.equal((await commons.purchase({ id })).purchase.status, "released");
  assert.deepEqual((await commons.purchases({ buyer: riley.address })).purchases.map((p) => p.id), [id]);
});

test("Casey cancels two days ahead and gets all of it back; the window is free again", async () => {
  const casey = await actor("casey");
  const c0 = await balance("casey");
  const start = (await chainNow()) + 10 * DAY;
  const res = await tx("commons: book", pay(casey, TOOLS_PER_DAY, { book: { listing: tools, start, end: start + DAY } }));
  const id = Number(attr(res, "booking"));
  assert.equal(await balance("casey"), c0 - TOOLS_PER_DAY);
  const cancelled = await tx("commons: cancel", as(casey, holon).commons.cancel({ booking: id }));
  assert.equal(attr(cancelled, "refund"), TOOLS_PER_DAY.toString());
  assert.equal(await balance("casey"), c0);
  const { commons } = await q(holon);
  assert.equal((await commons.booking({ id })).booking.status, "cancelled");
  assert.deepEqual((await commons.calendar({ listing: tools, from: start, to: start + DAY })).bookings, []);
});

test("Sam's booking starts; anyone releases it and its 20 AFLOW go back to the pool for the next cycle", async () => {
  const sam = await actor("sam");
  const stranger = await actor("stranger");
  const start = (await chainNow()) + 8;
  const res = await tx("commons: book", pay(sam, TOOLS_PER_DAY, { book: { listing: tools, start, end: start + DAY } }));
  const id = Number(attr(res, "booking"));
  assert.equal(await balance("sam"), paid.sam - TOOLS_PER_DAY);
  // Before the start: held, and nobody can move it.
  await expectTxFailure("commons: release (too early)", stranger, (fee) => as(stranger, holon).commons.release({ booking: id }, fee), `booking ${id} starts at ${start}`);
  while ((await chainNow()) < start) await sleep(500);
  const { distributor, commons } = await q(holon);
  const [supply0, t0] = [await tokenSupply(holon), await distributor.treasury()];
  const released = await tx("commons: release (to the pool)", as(stranger, holon).commons.release({ booking: id }));
  assert.equal(attr(released, "action"), "release_booking");
  assert.equal(await tokenSupply(holon), supply0 - TOOLS_PER_DAY, "the distributor burnt them");
  const t1 = await distributor.treasury();
  assert.equal(BigInt(t1.unallocated), BigInt(t0.unallocated) + TOOLS_PER_DAY, "their backing joins the next cycle's budget");
  assert.equal(BigInt(t1.outstanding), BigInt(t0.outstanding) - TOOLS_PER_DAY);
  assert.equal((await commons.booking({ id })).booking.status, "released");
});

test("Jordan disputes an hour of childcare within the window; the steward splits it", async () => {
  const jordan = await actor("jordan");
  const steward = await actor("steward");
  const [j0, a0] = [await balance("jordan"), await balance("alex")];
  const res = await tx("commons: buy (offer)", pay(jordan, CHILDCARE_PER_HOUR, { buy: { listing: childcare, quantity: 1 } }));
  const id = Number(attr(res, "purchase"));
  await tx("commons: dispute", as(jordan, holon).commons.dispute({ purchase: id, reason: "only half an hour" }));
  // A member is not governance: only the steward resolves.
  await expectTxFailure("commons: resolve (not governance)", jordan, (fee) => as(jordan, holon).commons.resolve({ purchase: id, refund: "1" }, fee), "not the contract's current owner");
  const resolved = await tx("commons: resolve", as(steward, holon).commons.resolve({ purchase: id, refund: (5n * AFLOW).toString() }));
  assert.equal(await balance("jordan"), j0 - CHILDCARE_PER_HOUR + 5n * AFLOW);
  assert.equal(await balance("alex"), a0 + 10n * AFLOW);
  const { commons } = await q(holon);
  assert.equal((await commons.purchase({ id })).purchase.status, "resolved");
});

test("the commons' books: what it holds is Riley's booking, and every token is accounted for", async () => {
  const t = await totals();
  assert.deepEqual(
    [t.held, t.to_pool, t.to_providers, t.refunded],
    [(40n * AFLOW).toString(), TOOLS_PER_DAY.toString(), (40n * AFLOW).toString(), (TOOLS_PER_DAY + 5n * AFLOW).toString()],
  );
  assert.equal(await tokenBalance(holon, holon.addresses.commons), 40n * AFLOW);
});
