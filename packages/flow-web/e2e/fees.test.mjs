// The holon pays its members' fees (x/feegrant, issue 18) in the browser: a holon deployed
// with `[fees]` (e2e/holon-alpha-web-fees.toml: the localnet's `funder` grants each member an
// allowance), a brand-new key whose account never held a coin added to the group by the
// steward (cw4 update_members) and granted (scripts/feegrant.mjs), then, from the page with an
// injected wallet of that key: the header says "fees paid by the holon", the newcomer attests
// naming Alex as buddy, Alex co-signs from his own page, the cycle closes, and the newcomer
// claims. On chain: the newcomer's coin balance stays 0, their token balance is exactly what
// the distributor says they are owed (explain and payouts), and the granter paid every fee.
//
// Environment (scripts/web-e2e.sh sets it): FLOW_WEB_URL (the served app), LOCALNET_HOME (the
// localnet's accounts). Screenshot: screenshots/fees-paid.png.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { SigningCosmWasmClient } from "@cosmjs/cosmwasm-stargate";
import { fromHex, toHex } from "@cosmjs/encoding";
import { DirectSecp256k1Wallet } from "@cosmjs/proto-signing";
import { GasPrice } from "@cosmjs/stargate";

import { DESKTOP, actAndWait, connect, go, launch, memberPage, shot } from "./browser.mjs";
import { accounts, cycleEnded, holon, readJson, roomInCycle } from "./chain.mjs";
import { allowance, grant } from "../../../scripts/feegrant.mjs";

const BASE = process.env.FLOW_WEB_URL || "http://127.0.0.1:4173";
const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const DIST = fileURLToPath(new URL("../dist/", import.meta.url));
const HOLON_FILE = fileURLToPath(new URL("./holon-alpha-web-fees.toml", import.meta.url));
const SLUG = "holon-alpha-web-fees";
const NEED = "Weed the beds";

let browser;
let d; // the deployment
let chain; // read-only handles
let acc; // the localnet's accounts
let gasDenom;
const signers = {}; // name → {client, address}
let newcomer; // {page, log, address} of the brand-new key
let alex;
let needId;
let attestationId;
let cycle;
let granterBefore;
const txs = []; // the page's transactions: {who, hash}

/** A signing client of a localnet account (the test's own hand: steward, alex, funder). */
async function signer(name) {
  if (signers[name]) return signers[name];
  const wallet = await DirectSecp256k1Wallet.fromKey(fromHex(acc[name].private_key), "wasm");
  const [{ address }] = await wallet.getAccounts();
  const client = await SigningCosmWasmClient.connectWithSigner(d.rpc, wallet, { gasPrice: GasPrice.fromString(d.gas_prices), broadcastPollIntervalMs: 300 });
  return (signers[name] = { client, address });
}

const stake = (address) => chain.native(address, gasDenom);

/** The hash of an action's transaction as its status line shows it (title of its `tx …`). */
async function txOf(page, key) {
  const hash = await page.locator(`[data-testid="status-${key}"] .tx`).first().getAttribute("title");
  assert.ok(hash, `${key}: the status line names its transaction`);
  return hash;
}

/** The fee a transaction paid and who paid it, from its `tx` events. */
async function feeOf(hash) {
  const tx = await chain.client.getTx(hash);
  assert.ok(tx, `tx ${hash} is on chain`);
  const attrs = tx.events.filter((e) => e.type === "tx").flatMap((e) => e.attributes);
  const fee = attrs.find((a) => a.key === "fee")?.value ?? "";
  const payer = attrs.find((a) => a.key === "fee_payer")?.value;
  const m = /^(\d+)(\D.*)$/.exec(fee);
  assert.ok(m, `tx ${hash}: fee ${fee}`);
  return { amount: BigInt(m[1]), denom: m[2], payer };
}

before(async () => {
  const file = execFileSync("node", ["scripts/deploy.mjs", HOLON_FILE, "--slug", SLUG, "--quiet"], { cwd: ROOT, encoding: "utf8" })
    .trim()
    .split("\n")
    .at(-1);
  d = readJson(file);
  assert.ok(d.fee_granter, "the deployment names the holon's fee granter");
  gasDenom = /[a-zA-Z].*$/.exec(d.gas_prices)[0];
  mkdirSync(`${DIST}deployments`, { recursive: true });
  copyFileSync(file, `${DIST}deployments/${SLUG}.json`);
  chain = await holon(d);
  acc = accounts();
  assert.equal(d.fee_granter, acc.funder.address, "the funder is the holon's gas account");
  browser = await launch();

  // A brand-new key: its account has never existed, let alone held a coin.
  const key = toHex(randomBytes(32));
  const [{ address }] = await (await DirectSecp256k1Wallet.fromKey(fromHex(key), "wasm")).getAccounts();
  newcomer = await memberPage(browser, { name: "noor", address, private_key: key }, { baseURL: BASE, viewport: DESKTOP });
  alex = await memberPage(browser, acc.alex, { baseURL: BASE, viewport: DESKTOP });
});

after(async () => {
  await browser?.close();
  chain?.client.disconnect();
  for (const s of Object.values(signers)) s.client.disconnect();
});

test("the steward adds a brand-new key to the group and the holon's gas account grants it: the grant creates the account, with no coin", async () => {
  assert.equal(await chain.client.getAccount(newcomer.address), null, "no account on chain");
  assert.equal(await stake(newcomer.address), 0n);

  const steward = await signer("steward");
  await steward.client.execute(steward.address, d.addresses.group, { update_members: { add: [{ addr: newcomer.address, weight: 1 }], remove: [] } }, "auto");
  assert.equal((await chain.q(d.addresses.group, { member: { addr: newcomer.address } })).weight, 1);

  const funder = await signer("funder");
  await grant(funder.client, funder.address, [newcomer.address], d.fee_allowance);
  const a = await allowance(d.rpc, d.fee_granter, newcomer.address);
  assert.ok(a, "the newcomer has an allowance");
  assert.deepEqual(a.allowed_messages, ["/cosmwasm.wasm.v1.MsgExecuteContract"]);
  assert.ok(await chain.client.getAccount(newcomer.address), "the grant made the account");
  assert.equal(await stake(newcomer.address), 0n, "and gave it no coin");

  // The month's setting, by the test's own hand: the treasury funded, a need to attest toward.
  await steward.client.execute(steward.address, d.addresses.distributor, { fund: { memo: "e2e: the newcomer's month" } }, "auto", undefined, [
    { denom: d.budget?.treasury?.denom ?? "ucredit", amount: "8000000" },
  ]);
  const a2 = await signer("alex");
  const res = await a2.client.execute(a2.address, d.addresses.registry, {
    post_need: {
      need: { category: "garden", title: NEED, description: "", unit: "hours", quantity: "8", period: "weekly", impact: null, unit_credit: null, capacity_building: null },
    },
  }, "auto");
  needId = Number(res.events.flatMap((e) => e.attributes).find((x) => x.key === "need_id").value);
  assert.ok(needId > 0);
});

test("the newcomer's page says the holon pays their fees", async () => {
  await Promise.all([connect(newcomer, `/?holon=${SLUG}`), connect(alex, `/?holon=${SLUG}`)]);
  const page = newcomer.page;
  assert.equal(await page.getByTestId("role").textContent(), "member");
  const chip = page.getByTestId("fees-paid");
  assert.equal((await chip.textContent()).trim(), "fees paid by the holon");
  assert.equal(await chip.getAttribute("data-granter"), d.fee_granter);
  assert.equal((await alex.page.getByTestId("fees-paid").textContent()).trim(), "fees paid by the holon");
  await shot(page, "fees-paid");
});

test("the newcomer attests naming Alex, who co-signs from his page; the holon pays both fees", async () => {
  granterBefore = await stake(d.fee_granter);
  const alexStake = await stake(acc.alex.address);
  await roomInCycle(chain, 30);
  const page = newcomer.page;
  await go(page, "needs");
  await page.locator(`article.need[data-title="${NEED}"]`).getByRole("button", { name: "I did something toward this" }).click();
  await page.locator('main.screen[data-route="attest"]').waitFor();
  const form = page.locator('form[aria-label="Attest a contribution"]');
  assert.equal(await form.locator('[name="need"]').inputValue(), String(needId));
  await form.locator('[name="hours"]').fill("6");
  await form.locator('[name="description"]').fill("Noor: weeding, with no coin in the wallet");
  await form.locator('[name="buddy"]').fill("alex");
  const r = await actAndWait(page, "attest", () => form.getByRole("button", { name: "Attest" }).click());
  assert.equal(r.phase, "ok", r.text);
  attestationId = Number(/#(\d+)/.exec(r.text)[1]);
  txs.push({ who: "newcomer", hash: await txOf(page, "attest") });

  await go(alex.page, "cosign");
  const card = alex.page.getByTestId(`attestation-${attestationId}`);
  await card.waitFor({ timeout: 20_000 });
  const c = await actAndWait(alex.page, `cosign-${attestationId}`, () => card.getByRole("button", { name: "Co-sign" }).click());
  assert.equal(c.phase, "ok", c.text);
  txs.push({ who: "alex", hash: await txOf(alex.page, `cosign-${attestationId}`) });

  const { attestation: a } = await chain.q(d.addresses.attestation, { attestation: { id: attestationId } });
  assert.equal(a.status, "final");
  assert.equal(a.attester, newcomer.address);
  assert.deepEqual(a.cosigners, [acc.alex.address]);
  const { config } = await chain.q(d.addresses.distributor, { config: {} });
  cycle = Number(1n + (BigInt(a.finalized_at) - BigInt(config.start)) / (BigInt(config.cycle_seconds) * 1_000_000_000n));
  for (const t of txs) assert.equal((await feeOf(t.hash)).payer, d.fee_granter, `${t.who}'s fee was paid by the granter`);
  assert.equal(await stake(newcomer.address), 0n, "the newcomer still holds no coin");
  assert.equal(await stake(acc.alex.address), alexStake, "Alex paid nothing either");
});

test("the cycle closes and the coinless newcomer claims from the page: exactly what the contract owes, their coin balance 0, the granter down by the fees", async () => {
  assert.ok(cycle, "the attestation was final");
  await cycleEnded(chain, cycle);
  const steward = await signer("steward");
  await steward.client.execute(steward.address, d.addresses.distributor, { close_cycle: {} }, "auto");
  assert.equal((await chain.cycle(cycle)).status, "closed");

  const explained = await chain.q(d.addresses.distributor, { explain: { cycle, member: newcomer.address } });
  const { payouts } = await chain.q(d.addresses.distributor, { payouts: { cycle, limit: 100 } });
  const payout = payouts.find((p) => p.member === newcomer.address);
  assert.ok(payout, "the newcomer is among the cycle's payouts");
  assert.equal(payout.amount, explained.amount, "payouts and explain agree");
  const owed = BigInt(explained.amount);
  assert.ok(owed > 0n, "the newcomer is owed a share");

  const page = newcomer.page;
  await go(page, "flow");
  const button = page.getByRole("button", { name: new RegExp(`^Claim .* AFLOW \\(cycle ${cycle}\\)$`) });
  await button.waitFor({ timeout: 30_000 });
  const r = await actAndWait(page, `claim-${cycle}`, () => button.click());
  assert.equal(r.phase, "ok", r.text);
  txs.push({ who: "newcomer", hash: await txOf(page, `claim-${cycle}`) });

  assert.equal(await chain.balance(newcomer.address), owed, "the token balance is exactly what the contract owed");
  assert.equal(await stake(newcomer.address), 0n, "the coin balance stays 0");
  let fees = 0n;
  for (const t of txs) {
    const f = await feeOf(t.hash);
    assert.equal(f.payer, d.fee_granter);
    assert.equal(f.denom, gasDenom);
    fees += f.amount;
  }
  const granterAfter = await stake(d.fee_granter);
  assert.ok(granterAfter < granterBefore, "the granter's balance went down");
  assert.equal(granterAfter, granterBefore - fees, "by exactly the page's three fees");
  await page.waitForFunction(
    (v) => document.querySelector('[data-testid="balance"]')?.getAttribute("data-base-units") === v,
    owed.toString(),
    { timeout: 15_000 },
  );
});

test("the steward adds another brand-new key from the Members card: the steward pays their own fee, and the page names the command the granter runs; run, it grants the allowance", async () => {
  // The same holon, its deployment file with the chain facts scripts/deploy.mjs writes for a
  // named chain (a coin type, an explorer): the wallet is told the coin type, and the page
  // links the steward's transaction to the explorer.
  const facts = `${SLUG}-facts`;
  const explorer = "https://explorer.example/cw-flow-local/tx/{hash}";
  writeFileSync(`${DIST}deployments/${facts}.json`, JSON.stringify({ ...d, chain_name: "cw-flow localnet", coin_type: 330, explorer }));
  const steward = await memberPage(browser, acc.steward, { baseURL: BASE, viewport: DESKTOP });
  await connect(steward, `/?holon=${facts}`);
  const page = steward.page;
  const suggested = steward.log.suggested.find((c) => c.chainId === d.chain_id);
  assert.ok(suggested, "the chain was described to the wallet");
  assert.equal(suggested.bip44.coinType, 330);
  assert.equal(suggested.chainName, "cw-flow localnet");
  assert.equal(await page.getByTestId("fees-paid").count(), 0, "the steward is not granted: no 'fees paid by the holon'");
  await go(page, "stewards");
  const line = page.getByTestId("members-fees");
  assert.match(await line.textContent(), new RegExp(`from the account ${d.fee_granter}: after a member is added or removed, that account grants or revokes the allowance with scripts/feegrant.mjs`));

  const [{ address }] = await (await DirectSecp256k1Wallet.fromKey(randomBytes(32), "wasm")).getAccounts();
  const form = page.locator('form[aria-label="Add a member or change a weight"]');
  await form.locator('[name="member"]').fill(address);
  await form.locator('[name="weight"]').fill("1");
  const stewardStake = await stake(acc.steward.address);
  const r = await actAndWait(page, "members", () => form.getByRole("button", { name: "Save the member" }).click());
  assert.equal(r.phase, "ok", r.text);
  const command = `node scripts/feegrant.mjs grant deployments/${d.chain_id}/${SLUG}.json ${address}`;
  assert.equal(
    r.text,
    `${address} is a member now (weight 1). The holon pays its members' fees from the account ${d.fee_granter}, which this page can't sign for: now, that account must grant the new member the holon's allowance with ${command}.`,
  );
  const hash = await txOf(page, "members");
  assert.equal(await page.getByTestId("status-members").getByTestId("tx-link").getAttribute("href"), explorer.replace("{hash}", hash));
  const fee = await feeOf(hash);
  assert.equal(fee.payer, acc.steward.address, "the steward paid the fee");
  assert.equal(await stake(acc.steward.address), stewardStake - fee.amount);
  assert.equal((await chain.q(d.addresses.group, { member: { addr: address } })).weight, 1);
  assert.equal(await allowance(d.rpc, d.fee_granter, address), null, "no allowance until the granter grants");

  // The granter runs the command the page named, as it is.
  const [, ...args] = command.split(" ");
  execFileSync("node", args, { cwd: ROOT, encoding: "utf8" });
  const a = await allowance(d.rpc, d.fee_granter, address);
  assert.ok(a, "the command granted the new member");
  assert.deepEqual(a.allowed_messages, ["/cosmwasm.wasm.v1.MsgExecuteContract"]);
  assert.deepEqual(a.period_spend_limit, d.fee_allowance.period_spend_limit);
  await steward.page.context().close();
});
