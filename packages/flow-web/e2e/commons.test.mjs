// The holon's commons through the web app in a real browser, on the localnet: a fresh Holon
// Alpha (e2e/holon-alpha-web-commons.toml, governed by the steward's wallet) deployed here by
// scripts/deploy.mjs, which gives it a commons. The members earn their first tokens on chain
// (the steward funds the treasury, four members attest and co-sign, the 30-second cycle closes
// and each claims: 1,000 / 1,000 / 2,000 / 1,000 AFLOW of W = 50 hours). Then, from the pages,
// each member with their own wallet: Alex lists childcare (15 AFLOW an hour), the steward lists
// the tool library (20 AFLOW a day, a full refund with two days' notice, half after); Riley buys
// two hours of childcare (30 AFLOW into escrow, the price shown before signing) and confirms
// (Alex +30 exactly); Sam books two days of tools from the date inputs (40 AFLOW held by the
// commons exactly) and sees them on the calendar; Jordan's overlapping booking is refused in
// plain words and nothing moves; Sam books and cancels another day (all of it back); Jordan buys
// an hour and disputes it, a member's resolution is refused and the steward's is made from the
// page (5 back, 10 to Alex); Alex pauses, resumes and withdraws the offer; Sam books the guest
// room a minute ahead and, once it has started, releases it to the pool from the page. Every amount checked on chain, exactly. Screenshots: commons.png,
// commons-phone.png.
//
// Environment (scripts/web-e2e.sh sets it): FLOW_WEB_URL (the served app; this test copies its
// holon's deployment file into dist/deployments/), FLOW_BIN (the flow CLI that reads the holon
// file for scripts/deploy.mjs), LOCALNET_HOME (the localnet's accounts).
// FLOW_WEB_DEPLOYMENT_COMMONS names a fresh deployment of that holon file to use instead.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { SigningCosmWasmClient } from "@cosmjs/cosmwasm-stargate";
import { fromHex } from "@cosmjs/encoding";
import { DirectSecp256k1Wallet } from "@cosmjs/proto-signing";
import { GasPrice } from "@cosmjs/stargate";

import { DESKTOP, PHONE, actAndWait, connect, go, launch, memberPage, shot } from "./browser.mjs";
import { accounts, cycleEnded, holon, readJson, roomInCycle } from "./chain.mjs";

const BASE = process.env.FLOW_WEB_URL || "http://127.0.0.1:4173";
const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const DIST = fileURLToPath(new URL("../dist/", import.meta.url));
const HOLON_FILE = fileURLToPath(new URL("./holon-alpha-web-commons.toml", import.meta.url));
const SLUG = "holon-alpha-web-commons";
const AFLOW = 1_000_000n;
const DAY = 86_400;
// Who earns what in the first cycle: hours (W = 50 of a 5,000 AFLOW budget) and the buddy who co-signs.
const WORK = [
  ["alex", "10", "jordan"],
  ["jordan", "10", "alex"],
  ["riley", "20", "sam"],
  ["sam", "10", "riley"],
];
const EARNED = { alex: 1_000n * AFLOW, jordan: 1_000n * AFLOW, riley: 2_000n * AFLOW, sam: 1_000n * AFLOW };

let browser;
let d; // the deployment
let chain; // read-only handles
const m = {}; // name → {page, log, address}
let phone;
const ids = {}; // listing ids
let toolsStart; // Unix seconds: the first day of Sam's booking (00:00 UTC)

const path = `/?holon=${SLUG}`;
const utcDate = (secs) => new Date(secs * 1000).toISOString().slice(0, 10);
const commonsBalance = () => chain.balance(d.addresses.commons);
const listing = async (id) => (await chain.q(d.addresses.commons, { listing: { id } })).listing;
const balances = async (...names) => Object.fromEntries(await Promise.all(names.map(async (n) => [n, await chain.balance(m[n].address)])));

/** The localnet account `name` as a CosmJS signer of its own (for the part before the pages). */
async function signer(name) {
  const acc = accounts()[name];
  const wallet = await DirectSecp256k1Wallet.fromKey(fromHex(acc.private_key), "wasm");
  const client = await SigningCosmWasmClient.connectWithSigner(d.rpc, wallet, { gasPrice: GasPrice.fromString(d.gas_prices), broadcastPollIntervalMs: 300 });
  return { address: acc.address, client, exec: (contract, msg, funds) => client.execute(acc.address, contract, msg, "auto", undefined, funds) };
}
const attr = (res, key) => res.events.filter((e) => e.type.startsWith("wasm")).flatMap((e) => e.attributes).find((a) => a.key === key)?.value;

/** The chain's time (the latest block's), in Unix seconds. */
async function chainNow() {
  const block = await chain.client.getBlock();
  return Math.floor(Date.parse(block.header.time) / 1000);
}

/** The members' first tokens, on chain: fund, one need, attestations co-signed in one cycle, close, claim. */
async function firstTokens() {
  const s = Object.fromEntries(await Promise.all(["steward", ...WORK.map(([n]) => n)].map(async (n) => [n, await signer(n)])));
  const a = d.addresses;
  await s.steward.exec(a.distributor, { fund: { memo: "the commons test's first cycle" } }, [{ denom: "ucredit", amount: "5000000000" }]);
  const posted = await s.alex.exec(a.registry, {
    post_need: { need: { category: "food", title: "Bread and garden work", description: "", unit: "hours", quantity: "50", period: "weekly", impact: null, unit_credit: null, capacity_building: null } },
  });
  const need = Number(attr(posted, "need_id"));
  await roomInCycle(chain, 18);
  const attested = await Promise.all(
    WORK.map(([n, hours, buddy]) =>
      s[n].exec(a.attestation, { attest: { need_id: need, hours, units: "0", description: `${n}'s hours`, evidence: null, buddy: m[buddy].address } }),
    ),
  );
  await Promise.all(WORK.map(([, , buddy], i) => s[buddy].exec(a.attestation, { cosign: { id: Number(attr(attested[i], "attestation_id")) } })));
  const { cycle } = await chain.currentCycle();
  await cycleEnded(chain, cycle);
  await s.steward.exec(a.distributor, { close_cycle: {} });
  const closed = await chain.cycle(cycle);
  assert.equal(closed.total_weight, "50", "the four attestations counted in one cycle");
  await Promise.all(WORK.map(([n]) => s[n].exec(a.distributor, { claim: { cycle } })));
  for (const [n] of WORK) assert.equal(await chain.balance(m[n].address), EARNED[n], `${n} earned`);
  for (const x of Object.values(s)) x.client.disconnect();
}

before(async () => {
  let file = process.env.FLOW_WEB_DEPLOYMENT_COMMONS;
  if (!file) {
    file = execFileSync("node", ["scripts/deploy.mjs", HOLON_FILE, "--slug", SLUG, "--quiet"], { cwd: ROOT, encoding: "utf8" }).trim().split("\n").at(-1);
  }
  d = readJson(file);
  assert.ok(d.addresses.commons, "the deploy gave the holon a commons");
  mkdirSync(`${DIST}deployments`, { recursive: true });
  copyFileSync(file, `${DIST}deployments/${SLUG}.json`);
  chain = await holon(d);
  const acc = accounts();
  browser = await launch();
  for (const name of ["steward", "alex", "jordan", "riley", "sam"]) m[name] = await memberPage(browser, acc[name], { baseURL: BASE, viewport: DESKTOP });
  phone = await memberPage(browser, acc.riley, { baseURL: BASE, viewport: PHONE });
  await firstTokens();
});

after(async () => {
  await browser?.close();
  chain?.client.disconnect();
});

test("every member opens the Commons screen: nothing listed yet, the commons owned by the steward", async () => {
  await Promise.all(Object.values(m).map((x) => connect(x, path)));
  const { owner } = await chain.q(d.addresses.commons, { ownership: {} });
  assert.equal(owner, d.governance);
  for (const x of Object.values(m)) await go(x.page, "commons");
  const page = m.alex.page;
  await page.getByText("Nothing is listed yet").waitFor();
  assert.equal(await page.getByTestId("commons-held").getAttribute("data-base-units"), "0");
});

test("Alex lists an offer from the page: childcare, 15 AFLOW an hour", async () => {
  const page = m.alex.page;
  const form = page.locator('form[aria-label="List my offer"]');
  await form.locator('[name="title"]').fill("Childcare at Alex's");
  await form.locator('[name="category"]').selectOption("childcare");
  await form.locator('[name="unit"]').selectOption("hour");
  await form.locator('[name="price"]').fill("15");
  const r = await actAndWait(page, "list-offer", () => form.getByRole("button", { name: "List my offer" }).click());
  assert.equal(r.phase, "ok", r.text);
  const id = /Listed as #(\d+)/.exec(r.text);
  assert.ok(id, r.text);
  ids.childcare = Number(id[1]);
  assert.match(r.text, /Childcare at Alex's, 15 AFLOW an hour\./);
  const l = await listing(ids.childcare);
  assert.deepEqual(
    [l.kind, l.provider, l.category, l.unit, l.price, l.stock ?? null, l.status],
    ["offer", m.alex.address, "childcare", "hour", "15000000", null, "active"],
  );
  await page.getByTestId(`my-offer-${ids.childcare}`).waitFor({ timeout: 15_000 });
});

test("the steward lists the tool library, signing as the holon's governance", async () => {
  const page = m.steward.page;
  const form = page.locator('form[aria-label="List a holon resource"]');
  await form.locator('[name="title"]').fill("Tool library");
  await form.locator('[name="description"]').fill("Drills, saws, ladders: pick up at the barn");
  await form.locator('[name="category"]').selectOption("garden");
  await form.locator('[name="unit"]').selectOption("day");
  await form.locator('[name="price"]').fill("20");
  await form.locator('[name="notice_days"]').fill("2");
  await form.locator('[name="late_percent"]').fill("50");
  const r = await actAndWait(page, "list-resource", () => form.getByRole("button", { name: "List the resource" }).click());
  assert.equal(r.phase, "ok", r.text);
  ids.tools = Number(/Listed as #(\d+)/.exec(r.text)[1]);
  const l = await listing(ids.tools);
  assert.deepEqual(
    [l.kind, l.provider, l.category, l.unit, l.price, l.refund, l.status],
    ["resource", d.governance, "garden", "day", "20000000", { full_refund_notice_seconds: 2 * DAY, late_refund_percent: "0.5" }, "active"],
  );
  // A member's page shows both, by category, with price, provider, stock and status.
  const alex = m.alex.page;
  const tools = alex.getByTestId(`listing-${ids.tools}`);
  await tools.waitFor({ timeout: 20_000 });
  assert.equal((await alex.getByTestId(`price-${ids.tools}`).textContent()).trim(), "20 AFLOW a day");
  assert.match(await tools.textContent(), /The holon's resource, paid back to the pool/);
  assert.match(await tools.textContent(), /Cancelled at least 2 days before the start: all of it back; later: 50% back/);
  const care = alex.getByTestId(`commons-category-childcare`).getByTestId(`listing-${ids.childcare}`);
  assert.equal((await alex.getByTestId(`price-${ids.childcare}`).textContent()).trim(), "15 AFLOW an hour");
  assert.match(await care.textContent(), /Offered by\s+you/);
  assert.equal((await alex.getByTestId(`stock-${ids.childcare}`).textContent()).trim(), "no limit");
  assert.equal(await alex.getByTestId(`listing-status-${ids.childcare}`).textContent(), "available");
});

let rileysPurchase; // confirmed: not a dispute to resolve

test("Riley buys two hours of Alex's childcare: the price before signing, escrow, then confirmed; Alex paid exactly", async () => {
  const page = m.riley.page;
  const card = page.getByTestId(`listing-${ids.childcare}`);
  await card.waitFor({ timeout: 20_000 });
  await card.locator('[name="quantity"]').fill("2");
  const quote = page.getByTestId(`quote-${ids.childcare}`);
  await page.waitForFunction((id) => document.querySelector(`[data-testid="quote-${id}"]`)?.getAttribute("data-base-units") === "30000000", ids.childcare);
  assert.match((await quote.textContent()).replace(/\s+/g, " "), /You pay 30 AFLOW \(2 hours × 15 AFLOW\), held in escrow until you confirm\./);
  const button = page.getByTestId(`buy-${ids.childcare}`);
  assert.equal((await button.textContent()).trim(), "Buy for 30 AFLOW");
  const before = await balances("riley", "alex");
  const r = await actAndWait(page, `buy-${ids.childcare}`, () => button.click());
  assert.equal(r.phase, "ok", r.text);
  const pid = Number(/purchase #(\d+)/.exec(r.text)[1]);
  rileysPurchase = pid;
  assert.equal(await chain.balance(m.riley.address), before.riley - 30n * AFLOW);
  assert.equal(await chain.balance(m.alex.address), before.alex, "held in escrow until Riley confirms");
  assert.equal(await commonsBalance(), 30n * AFLOW);
  const { purchase } = await chain.q(d.addresses.commons, { purchase: { id: pid } });
  assert.deepEqual([purchase.buyer, purchase.provider, purchase.quantity, purchase.amount, purchase.status], [m.riley.address, m.alex.address, 2, "30000000", "escrowed"]);

  // My bookings and purchases: in escrow, with Confirm and Dispute.
  const mine = page.getByTestId(`purchase-${pid}`);
  await mine.locator('[data-status="escrowed"]').first().waitFor({ timeout: 15_000 });
  await shot(page, "commons");
  const c = await actAndWait(page, `confirm-${pid}`, () => mine.getByTestId(`confirm-${pid}`).click());
  assert.equal(c.phase, "ok", c.text);
  assert.equal(c.text, `Confirmed purchase #${pid}: 30 AFLOW paid to alex.`);
  assert.equal(await chain.balance(m.alex.address), before.alex + 30n * AFLOW, "Alex paid, exactly");
  assert.equal(await chain.balance(m.riley.address), before.riley - 30n * AFLOW);
  assert.equal(await commonsBalance(), 0n);
  assert.equal((await chain.q(d.addresses.commons, { purchase: { id: pid } })).purchase.status, "released");
  // Alex sees who bought from him.
  await m.alex.page.getByTestId(`sale-${pid}`).locator('[data-status="released"]').first().waitFor({ timeout: 20_000 });
});

/** Opens a resource's calendar on `page` and fills the first and last day. */
async function fillDays(page, id, first, last) {
  const card = page.getByTestId(`listing-${id}`);
  await card.waitFor({ timeout: 20_000 });
  if (!(await card.locator('form[aria-label^="Book"]').count())) await card.getByTestId(`open-${id}`).click();
  await page.getByTestId(`calendar-${id}`).waitFor({ timeout: 15_000 });
  const form = card.locator('form[aria-label^="Book"]');
  await form.locator('[name="from"]').fill(utcDate(first));
  await form.locator('[name="to"]').fill(utcDate(last));
  return form;
}

test("Sam books two days of tools from the date inputs: 40 AFLOW held by the commons, on the calendar", async () => {
  const page = m.sam.page;
  const now = await chainNow();
  toolsStart = (Math.floor(now / DAY) + 3) * DAY;
  await fillDays(page, ids.tools, toolsStart, toolsStart + DAY);
  await page.waitForFunction((id) => document.querySelector(`[data-testid="quote-${id}"]`)?.getAttribute("data-base-units") === "40000000", ids.tools);
  assert.match((await page.getByTestId(`quote-${ids.tools}`).textContent()).replace(/\s+/g, " "), /You pay 40 AFLOW \(2 days × 20 AFLOW\), held until the start, then to the pool\./);
  const button = page.getByTestId(`book-${ids.tools}`);
  assert.equal((await button.textContent()).trim(), "Book for 40 AFLOW");
  const sam0 = await chain.balance(m.sam.address);
  const held0 = await commonsBalance();
  const r = await actAndWait(page, `book-${ids.tools}`, () => button.click());
  assert.equal(r.phase, "ok", r.text);
  const bid = Number(/booking #(\d+)/.exec(r.text)[1]);
  assert.match(r.text, new RegExp(`You paid 40 AFLOW for 2 days`));
  assert.equal(await chain.balance(m.sam.address), sam0 - 40n * AFLOW, "Sam paid exactly 40 AFLOW");
  assert.equal(await commonsBalance(), held0 + 40n * AFLOW, "the commons holds exactly 40 AFLOW");
  const { booking } = await chain.q(d.addresses.commons, { booking: { id: bid } });
  assert.deepEqual(
    [booking.listing, booking.booker, booking.start, booking.end, booking.units, booking.amount, booking.status],
    [ids.tools, m.sam.address, toolsStart, toolsStart + 2 * DAY, 2, "40000000", "held"],
  );
  assert.equal((await chain.q(d.addresses.commons, { totals: {} })).totals.held, "40000000");
  // The calendar shows it, and so do Sam's bookings (with what a cancellation would return now).
  const onCalendar = page.getByTestId(`calendar-booking-${bid}`);
  await onCalendar.waitFor({ timeout: 15_000 });
  assert.equal(await onCalendar.getAttribute("data-start"), String(toolsStart));
  assert.match(await onCalendar.textContent(), new RegExp(`${utcDate(toolsStart)} to ${utcDate(toolsStart + DAY)} \\(UTC, 2 days\\)`));
  await page.getByTestId(`booking-${bid}`).locator('[data-status="held"]').first().waitFor();
  assert.equal((await page.getByTestId(`cancel-booking-${bid}`).textContent()).trim(), "Cancel (40 AFLOW back now)");
  ids.samBooking = bid;
});

test("Jordan's overlapping booking is refused in plain words, and nothing moves", async () => {
  const page = m.jordan.page;
  const form = await fillDays(page, ids.tools, toolsStart + DAY, toolsStart + DAY);
  await page.waitForFunction((id) => document.querySelector(`[data-testid="quote-${id}"]`)?.getAttribute("data-base-units") === "20000000", ids.tools);
  const seq = await chain.sequence(m.jordan.address);
  const jordan0 = await chain.balance(m.jordan.address);
  const held0 = await commonsBalance();
  const r = await actAndWait(page, `book-${ids.tools}`, () => form.getByTestId(`book-${ids.tools}`).click());
  assert.equal(r.phase, "error", r.text);
  assert.match(r.text, new RegExp(`^That window is already taken: booking #${ids.samBooking} holds listing #${ids.tools} from .+ to .+\\. Choose a time that doesn't overlap it; nothing was paid\\.$`));
  assert.equal(r.detail, `listing ${ids.tools} is booked for [${toolsStart}, ${toolsStart + 2 * DAY}) by booking ${ids.samBooking}`);
  assert.doesNotMatch(r.text, /wasmd|keeper|gas|at .*\.js/);
  assert.equal(await chain.sequence(m.jordan.address), seq, "no transaction was sent");
  assert.equal(await chain.balance(m.jordan.address), jordan0, "Jordan's tokens stay");
  assert.equal(await commonsBalance(), held0, "the commons holds what it held");
  assert.equal((await chain.q(d.addresses.commons, { bookings: { booker: m.jordan.address } })).bookings.length, 0);
  await page.locator(`[data-testid="status-book-${ids.tools}"] details`).evaluate((x) => (x.open = true));
  await shot(page, "commons-overlap");
});

test("Sam books another day ten days ahead and cancels it: all of it back, the window free again", async () => {
  const page = m.sam.page;
  const start = toolsStart + 7 * DAY;
  await fillDays(page, ids.tools, start, start);
  await page.waitForFunction((id) => document.querySelector(`[data-testid="quote-${id}"]`)?.getAttribute("data-base-units") === "20000000", ids.tools);
  const sam0 = await chain.balance(m.sam.address);
  const r = await actAndWait(page, `book-${ids.tools}`, () => page.getByTestId(`book-${ids.tools}`).click());
  assert.equal(r.phase, "ok", r.text);
  const bid = Number(/booking #(\d+)/.exec(r.text)[1]);
  assert.equal(await chain.balance(m.sam.address), sam0 - 20n * AFLOW);
  assert.equal(await commonsBalance(), 60n * AFLOW);
  const cancel = page.getByTestId(`cancel-booking-${bid}`);
  await cancel.waitFor({ timeout: 15_000 });
  assert.equal((await cancel.textContent()).trim(), "Cancel (20 AFLOW back now)");
  const c = await actAndWait(page, `cancel-${bid}`, () => cancel.click());
  assert.equal(c.phase, "ok", c.text);
  assert.equal(c.text, `Cancelled booking #${bid}: 20 AFLOW back to you.`);
  assert.equal(await chain.balance(m.sam.address), sam0, "all of it back");
  assert.equal(await commonsBalance(), 40n * AFLOW);
  assert.equal((await chain.q(d.addresses.commons, { booking: { id: bid } })).booking.status, "cancelled");
  assert.deepEqual((await chain.q(d.addresses.commons, { calendar: { listing: ids.tools, from: start, to: start + DAY } })).bookings, []);
});

test("Jordan buys an hour and disputes it; the steward resolves it from the page: 5 back, 10 to Alex", async () => {
  const page = m.jordan.page;
  const card = page.getByTestId(`listing-${ids.childcare}`);
  await card.locator('[name="quantity"]').fill("1");
  await page.waitForFunction((id) => document.querySelector(`[data-testid="quote-${id}"]`)?.getAttribute("data-base-units") === "15000000", ids.childcare);
  const before = await balances("jordan", "alex");
  const r = await actAndWait(page, `buy-${ids.childcare}`, () => page.getByTestId(`buy-${ids.childcare}`).click());
  assert.equal(r.phase, "ok", r.text);
  const pid = Number(/purchase #(\d+)/.exec(r.text)[1]);
  const mine = page.getByTestId(`purchase-${pid}`);
  await mine.locator('[data-status="escrowed"]').first().waitFor({ timeout: 15_000 });
  // A dispute needs a reason: asked before anything is sent.
  let x = await actAndWait(page, `dispute-${pid}`, () => mine.getByTestId(`dispute-${pid}`).click());
  assert.equal(x.phase, "error");
  assert.match(x.text, /Say what went wrong/);
  await mine.locator('[name="reason"]').fill("only half an hour");
  x = await actAndWait(page, `dispute-${pid}`, () => mine.getByTestId(`dispute-${pid}`).click());
  assert.equal(x.phase, "ok", x.text);
  const { purchase } = await chain.q(d.addresses.commons, { purchase: { id: pid } });
  assert.deepEqual([purchase.status, purchase.dispute_reason], ["disputed", "only half an hour"]);
  assert.equal(await commonsBalance(), 55n * AFLOW);

  // A member can't resolve: only governance (plain words, nothing moves).
  const form = (p) => p.locator('form[aria-label="Resolve a disputed purchase"]');
  await form(page).locator('[name="purchase"]').fill(String(pid));
  await form(page).locator('[name="refund"]').fill("5");
  const seq = await chain.sequence(m.jordan.address);
  x = await actAndWait(page, "resolve", () => form(page).getByRole("button", { name: "Resolve" }).click());
  assert.equal(x.phase, "error");
  assert.match(x.text, /Only the holon's stewards can do this/);
  assert.equal(await chain.sequence(m.jordan.address), seq);

  const steward = m.steward.page;
  const stewardSeq = await chain.sequence(m.steward.address);
  // The steward sees what a number names before resolving it; a purchase that is not
  // disputed, or a refund over its price, is refused before anything is signed.
  const lookup = steward.getByTestId("resolve-purchase");
  await form(steward).locator('[name="purchase"]').fill(String(rileysPurchase));
  await steward.waitForFunction(() => document.querySelector('[data-testid="resolve-purchase"]')?.getAttribute("data-status") === "released");
  x = await actAndWait(steward, "resolve", () => form(steward).getByRole("button", { name: "Resolve" }).click());
  assert.equal(x.phase, "error");
  assert.equal(x.text, `Purchase #${rileysPurchase} is not disputed (it is paid to the provider): only a disputed purchase is resolved.`);
  await form(steward).locator('[name="purchase"]').fill(String(pid));
  await steward.waitForFunction(() => document.querySelector('[data-testid="resolve-purchase"]')?.getAttribute("data-status") === "disputed");
  assert.equal(
    (await lookup.textContent()).replace(/\s+/g, " ").trim(),
    `Purchase #${pid}: jordan bought 1 hour of Childcare at Alex's from alex: 15 AFLOW, disputed: the stewards decide — “only half an hour”.`,
  );
  await form(steward).locator('[name="refund"]').fill("16");
  x = await actAndWait(steward, "resolve", () => form(steward).getByRole("button", { name: "Resolve" }).click());
  assert.equal(x.phase, "error");
  assert.equal(x.text, `At most 15 AFLOW can go back to the buyer: that is what purchase #${pid} cost.`);
  assert.equal(await chain.sequence(m.steward.address), stewardSeq, "nothing signed");
  await form(steward).locator('[name="refund"]').fill("5");
  x = await actAndWait(steward, "resolve", () => form(steward).getByRole("button", { name: "Resolve" }).click());
  assert.equal(x.phase, "ok", x.text);
  assert.equal(await chain.balance(m.jordan.address), before.jordan - 15n * AFLOW + 5n * AFLOW);
  assert.equal(await chain.balance(m.alex.address), before.alex + 10n * AFLOW);
  assert.equal(await commonsBalance(), 40n * AFLOW);
  assert.equal((await chain.q(d.addresses.commons, { purchase: { id: pid } })).purchase.status, "resolved");
});

test("Alex pauses, resumes and withdraws the offer from the page; the commons' books add up", async () => {
  const page = m.alex.page;
  const card = page.getByTestId(`listing-${ids.childcare}`);
  let r = await actAndWait(page, `listing-${ids.childcare}`, () => card.getByTestId(`pause-${ids.childcare}`).click());
  assert.equal(r.phase, "ok", r.text);
  assert.equal(r.text, "Childcare at Alex's is paused: it takes no bookings or purchases until resumed.");
  assert.equal((await listing(ids.childcare)).status, "paused");
  await page.getByTestId(`listing-status-${ids.childcare}`).getByText("paused").waitFor({ timeout: 15_000 });
  assert.equal(await card.locator('form[aria-label^="Buy"]').count(), 0, "a paused offer is not for sale");
  r = await actAndWait(page, `listing-${ids.childcare}`, () => card.getByTestId(`resume-${ids.childcare}`).click());
  assert.equal(r.phase, "ok", r.text);
  assert.equal((await listing(ids.childcare)).status, "active");
  await card.locator('form[aria-label^="Buy"]').waitFor({ timeout: 15_000 });
  r = await actAndWait(page, `listing-${ids.childcare}`, () => card.getByTestId(`withdraw-${ids.childcare}`).click());
  assert.equal(r.phase, "ok", r.text);
  assert.equal((await listing(ids.childcare)).status, "withdrawn");
  // Gone from the listings; still under my offers, withdrawn, with no button left.
  await card.waitFor({ state: "detached", timeout: 15_000 });
  const mine = page.getByTestId(`my-offer-${ids.childcare}`);
  await mine.getByText("withdrawn").waitFor({ timeout: 15_000 });
  assert.equal(await mine.locator("button").count(), 0);
  // held: Sam's booking; to providers: 30 + 10; refunded: 20 (Sam) + 5 (Jordan).
  const { totals } = await chain.q(d.addresses.commons, { totals: {} });
  assert.deepEqual(totals, { held: "40000000", to_pool: "0", to_providers: "40000000", refunded: "25000000" });
  await page.waitForFunction(() => document.querySelector('[data-testid="commons-held"]')?.getAttribute("data-base-units") === "40000000", null, { timeout: 15_000 });
  await connect(phone, path);
  await go(phone.page, "commons");
  await phone.page.getByTestId(`listing-${ids.tools}`).waitFor({ timeout: 15_000 });
  await shot(phone.page, "commons-phone");
});

test("Sam books the guest room from the page a minute ahead; once it has started the page offers its release: 25 AFLOW burnt, their backing back to the next budget", async () => {
  // The steward lists a room priced per booking (any window is one unit).
  const st = m.steward.page;
  const list = st.locator('form[aria-label="List a holon resource"]');
  await list.locator('[name="title"]').fill("Guest room");
  await list.locator('[name="description"]').fill("Two beds above the barn");
  await list.locator('[name="category"]').selectOption("garden");
  await list.locator('[name="unit"]').selectOption("booking");
  await list.locator('[name="price"]').fill("25");
  const r = await actAndWait(st, "list-resource", () => list.getByRole("button", { name: "List the resource" }).click());
  assert.equal(r.phase, "ok", r.text);
  const room = Number(/Listed as #(\d+)/.exec(r.text)[1]);

  // Sam books it for an hour from the first whole minute at least 15 s after the chain's
  // time (the page's time inputs take whole minutes, in the page's own zone).
  const page = m.sam.page;
  const card = page.getByTestId(`listing-${room}`);
  await card.waitFor({ timeout: 20_000 });
  await card.getByTestId(`open-${room}`).click();
  await page.getByTestId(`calendar-${room}`).waitFor({ timeout: 15_000 });
  const start = Math.ceil(((await chainNow()) + 15) / 60) * 60;
  const local = (secs) =>
    page.evaluate((t) => {
      const x = new Date(t * 1000);
      const p = (n) => String(n).padStart(2, "0");
      return `${x.getFullYear()}-${p(x.getMonth() + 1)}-${p(x.getDate())}T${p(x.getHours())}:${p(x.getMinutes())}`;
    }, secs);
  const form = card.locator('form[aria-label^="Book"]');
  await form.locator('[name="from"]').fill(await local(start));
  await form.locator('[name="to"]').fill(await local(start + 3_600));
  await page.waitForFunction((id) => document.querySelector(`[data-testid="quote-${id}"]`)?.getAttribute("data-base-units") === "25000000", room);
  const sam0 = await chain.balance(m.sam.address);
  const held0 = await commonsBalance();
  const b = await actAndWait(page, `book-${room}`, () => form.getByTestId(`book-${room}`).click());
  assert.equal(b.phase, "ok", b.text);
  const bid = Number(/booking #(\d+)/.exec(b.text)[1]);
  const { booking } = await chain.q(d.addresses.commons, { booking: { id: bid } });
  assert.deepEqual([booking.start, booking.end, booking.units, booking.amount, booking.status], [start, start + 3_600, 1, "25000000", "held"]);
  assert.equal(await chain.balance(m.sam.address), sam0 - 25n * AFLOW);
  assert.equal(await commonsBalance(), held0 + 25n * AFLOW);

  // Before the start Sam may cancel it; after the start the page offers the release instead.
  await page.getByTestId(`cancel-booking-${bid}`).waitFor({ timeout: 15_000 });
  while ((await chainNow()) <= start) await new Promise((res) => setTimeout(res, 500));
  await go(page, "holon");
  await go(page, "commons");
  const release = page.getByTestId(`release-booking-${bid}`);
  await release.waitFor({ timeout: 15_000 });
  assert.equal(await page.getByTestId(`cancel-booking-${bid}`).count(), 0, "no cancelling once it has started");
  const supply0 = BigInt((await chain.q(d.addresses.token, { token_info: {} })).total_supply);
  const t0 = await chain.treasury();
  const x = await actAndWait(page, `release-${bid}`, () => release.click());
  assert.equal(x.phase, "ok", x.text);
  assert.equal(x.text, `Booking #${bid}'s payment went to the pool.`);
  assert.equal(await commonsBalance(), held0, "the 25 AFLOW left the commons");
  assert.equal(BigInt((await chain.q(d.addresses.token, { token_info: {} })).total_supply), supply0 - 25n * AFLOW, "the distributor burnt them");
  const t1 = await chain.treasury();
  assert.equal(BigInt(t1.unallocated), BigInt(t0.unallocated) + 25n * AFLOW, "their backing joins the next cycle's budget");
  assert.equal(BigInt(t1.outstanding), BigInt(t0.outstanding) - 25n * AFLOW);
  assert.equal((await chain.q(d.addresses.commons, { booking: { id: bid } })).booking.status, "released");
  await page.getByTestId(`booking-${bid}`).locator('[data-status="released"]').first().waitFor({ timeout: 15_000 });
});

test("no page threw an uncaught error", () => {
  const errors = Object.values(m).concat([phone]).flatMap((x) => x.log.consoleErrors.map((e) => `${x.name}: ${e}`));
  assert.deepEqual(errors.filter((e) => !/Failed to load resource/.test(e)), []);
});
