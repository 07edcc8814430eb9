// The members govern their holon, through the web app in a real browser, on the localnet: a
// Holon Alpha whose contracts are owned by the members' cw3-flex-multisig over its own cw4
// group (e2e/holon-alpha-web-members.toml, deployed here by scripts/deploy.mjs). Alex proposes
// the seed's need weighting (model need, childcare ×2, garden ×0.5) from the Stewards screen,
// seeing its title and plain-words summary before signing; a visitor's vote is refused in plain
// words; Jordan and Riley vote yes and Casey no, each from their own wallet; it passes; Sam,
// who did not vote, executes it from the page; the page shows the new policy scheduled from
// the next cycle, as the chain holds it. Then a resource of the holon's commons (owned by the
// multisig too) is proposed from the Commons screen, passed, executed and listed. Screenshots of the Proposals screen at 1280 px and
// 375 px go to packages/flow-web/screenshots/.
//
// Environment (scripts/web-e2e.sh sets it): FLOW_WEB_URL (the served app; this test copies its
// holon's deployment file into dist/deployments/, which `vite preview` serves as it finds it),
// LOCALNET_HOME (the localnet's accounts). FLOW_WEB_DEPLOYMENT_MEMBERS names a deployment of
// the members' holon to use instead of deploying one.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { DESKTOP, PHONE, SCREENSHOTS, actAndWait, connect, go, launch, memberPage, shot } from "./browser.mjs";
import { accounts, holon, readJson } from "./chain.mjs";
import { DirectSecp256k1Wallet } from "@cosmjs/proto-signing";
import { allowance, allowanceRecord, normaliseFees } from "../../../scripts/feegrant.mjs";

const BASE = process.env.FLOW_WEB_URL || "http://127.0.0.1:4173";
const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const DIST = fileURLToPath(new URL("../dist/", import.meta.url));
const HOLON_FILE = fileURLToPath(new URL("./holon-alpha-web-members.toml", import.meta.url));
const SLUG = "holon-alpha-web-members";
const MEMBERS = ["alex", "jordan", "casey", "riley", "sam"];
const NEED_POLICY = {
  model: "need",
  scarcity: { fixed: { factors: [{ category: "childcare", factor: "2" }, { category: "garden", factor: "0.5" }] } },
  capacity_bonus: "0",
  reserve: "0",
  baseline: "0",
  max_credit_per_member: null,
  anyone_may_settle: false,
};
const CHANGES = "model need, childcare ×2, garden ×0.5";

let browser;
let d; // the deployment
let chain; // read-only handles
const m = {}; // name → {page, log, address}
let phone; // riley at phone width
let proposalId;
let nextCycle;

const q = (msg) => chain.q(d.governance, msg);
const totalWeightOf = (t) => Object.values(t)[0].total_weight;

before(async () => {
  let file = process.env.FLOW_WEB_DEPLOYMENT_MEMBERS;
  if (!file) {
    // The deploy prints the deployment file's path last (--quiet).
    file = execFileSync("node", ["scripts/deploy.mjs", HOLON_FILE, "--slug", SLUG, "--quiet"], { cwd: ROOT, encoding: "utf8" })
      .trim()
      .split("\n")
      .at(-1);
  }
  d = readJson(file);
  assert.equal(d.governance_kind, "members", "the holon is governed by its members' multisig");
  mkdirSync(`${DIST}deployments`, { recursive: true });
  copyFileSync(file, `${DIST}deployments/${SLUG}.json`);
  chain = await holon(d);
  const acc = accounts();
  browser = await launch();
  for (const name of ["steward", ...MEMBERS]) m[name] = await memberPage(browser, acc[name], { baseURL: BASE, viewport: DESKTOP });
  phone = await memberPage(browser, acc.riley, { baseURL: BASE, viewport: PHONE });
});

after(async () => {
  await browser?.close();
  chain?.client.disconnect();
});

test("the members' multisig owns the holon; every member connects and sees their voting weight", async () => {
  // On chain: the multisig owns the three contracts and administers the group.
  for (const c of ["distributor", "registry", "attestation"]) {
    const { owner } = await chain.q(d.addresses[c], { ownership: {} });
    assert.equal(owner, d.governance, `${c}'s owner`);
  }
  assert.equal((await chain.q(d.addresses.group, { admin: {} })).admin, d.governance, "the group's admin");
  const t = await q({ threshold: {} });
  assert.deepEqual(t, { threshold_quorum: { threshold: "0.51", quorum: "0.5", total_weight: 5 } });

  await Promise.all([...MEMBERS, "steward"].map((n) => connect(m[n], `/?holon=${SLUG}`)));
  for (const n of MEMBERS) {
    const page = m[n].page;
    assert.equal(await page.getByTestId("role").textContent(), "member");
    await page.getByTestId("wallet-voting-weight").getByText("1 vote").waitFor({ timeout: 20_000 });
  }
  assert.equal(await m.steward.page.getByTestId("role").textContent(), "visitor");
  const page = m.alex.page;
  assert.equal(await page.getByTestId("holon-name").textContent(), "Holon Alpha (members)");
  assert.match(await page.getByTestId("governed-by").textContent(), /the members\s*\(3 yes of 5 \(51%, abstentions aside\), with at least 3 voting \(quorum 50%\)\)/);
  await go(page, "proposals");
  await page.getByTestId("my-voting-weight").getByText("1 of 5").waitFor();
  assert.equal(await page.getByTestId("threshold").textContent(), "3 yes of 5 (51%, abstentions aside), with at least 3 voting (quorum 50%)");
  await page.locator("#open-proposals").getByText("No proposal is open").waitFor();
  await go(m.steward.page, "proposals");
  assert.equal(await m.steward.page.getByTestId("my-voting-weight").textContent(), "none: this wallet is not a member");
});

test("a member proposes the seed's need weighting from the Stewards screen: title and summary before signing", async () => {
  const page = m.alex.page;
  await go(page, "stewards");
  const notice = page.getByTestId("governance-notice");
  await notice.waitFor();
  assert.match(await notice.textContent(), /This holon is governed by its members/);
  await page.getByTestId("stewards-voting-weight").getByText("1 of 5").waitFor();
  const form = page.locator('form[aria-label="Change the policy"]');
  await form.waitFor();
  await form.locator('[name="model"]').selectOption("need");
  await form.locator('[name="factor_childcare"]').fill("2");
  await form.locator('[name="factor_garden"]').fill("0.5");
  const seq = await chain.sequence(m.alex.address);
  const { cycle } = await chain.currentCycle();
  nextCycle = cycle + 1;
  // The first click drafts the proposal: nothing is signed yet.
  await form.getByRole("button", { name: "Propose as the next cycle's policy" }).click();
  const draft = page.getByTestId("draft-policy");
  await draft.waitFor();
  assert.equal(await page.getByTestId("draft-title-policy").textContent(), `Policy: ${CHANGES}`);
  assert.equal(await page.getByTestId("draft-summary-policy").textContent(), `From cycle ${nextCycle}: ${CHANGES}.`);
  assert.equal(await chain.sequence(m.alex.address), seq, "nothing was signed before the member confirmed");
  // The policy card with the draft, as the member sees it before signing.
  // (From the page's top, clipped to the card: the sticky tabs stay out of the picture.)
  await page.evaluate(() => window.scrollTo(0, 0));
  const box = await page.locator("#policy-form-card").boundingBox();
  await page.screenshot({ path: `${SCREENSHOTS}stewards-propose.png`, fullPage: true, clip: box, animations: "disabled" });

  const r = await actAndWait(page, "policy", () => page.getByTestId("propose-policy").click());
  assert.equal(r.phase, "ok", r.text);
  const id = /Proposed as #(\d+)/.exec(r.text);
  assert.ok(id, r.text);
  proposalId = Number(id[1]);
  assert.match(r.text, new RegExp(`“Policy: ${CHANGES}”`));
  await draft.waitFor({ state: "detached" });

  // On chain: one proposal, its one message the exact set_policy, the proposer's yes counted.
  const p = await q({ proposal: { proposal_id: proposalId } });
  assert.equal(p.status, "open");
  assert.equal(p.proposer, m.alex.address);
  assert.equal(p.title, `Policy: ${CHANGES}`);
  assert.equal(p.description.split("\n")[0], `From cycle ${nextCycle}: ${CHANGES}.`);
  assert.equal(p.msgs.length, 1);
  const exec = p.msgs[0].wasm.execute;
  assert.equal(exec.contract_addr, d.addresses.distributor);
  assert.deepEqual(exec.funds, []);
  assert.deepEqual(JSON.parse(Buffer.from(exec.msg, "base64").toString()), { set_policy: { policy: NEED_POLICY } });
  assert.deepEqual((await q({ list_votes: { proposal_id: proposalId } })).votes.map((v) => [v.voter, v.vote, v.weight]), [[m.alex.address, "yes", 1]]);
  const policy = await chain.policy();
  assert.equal(policy.version, 1, "nothing changes before the members pass it");
  assert.equal(policy.policy.model, "time");
});

test("a visitor's vote is refused in plain words, and nothing moves", async () => {
  const page = m.steward.page;
  await page.reload();
  await page.getByTestId("wallet").waitFor();
  await go(page, "proposals");
  const card = page.getByTestId(`proposal-${proposalId}`);
  await card.waitFor({ timeout: 20_000 });
  const seq = await chain.sequence(m.steward.address);
  const r = await actAndWait(page, `vote-${proposalId}`, () => card.getByTestId(`vote-yes-${proposalId}`).click());
  assert.equal(r.phase, "error");
  assert.match(r.text, /Your wallet has no vote here: only the holon's members propose and vote/);
  assert.equal(r.detail, "Unauthorized");
  assert.equal(await chain.sequence(m.steward.address), seq, "no transaction was sent");
  assert.equal((await q({ list_votes: { proposal_id: proposalId } })).votes.length, 1);
});

test("two members vote yes and one no, each from their own wallet; the proposal passes", async () => {
  const votes = [["jordan", "yes", m.jordan.page], ["casey", "no", m.casey.page], ["riley", "yes", phone.page]];
  for (const [name, vote, page] of votes) {
    if (page === phone.page) await connect(phone, `/?holon=${SLUG}`);
    await go(page, "proposals");
    const card = page.getByTestId(`proposal-${proposalId}`);
    await card.waitFor({ timeout: 20_000 });
    // The proposal in words before voting: the distributor, what changes, the rule.
    assert.equal(await page.getByTestId(`proposal-summary-${proposalId}`).textContent(), `From cycle ${nextCycle}: ${CHANGES}.`);
    assert.match(await page.getByTestId(`proposal-changes-${proposalId}`).textContent(), new RegExp(`Distributor: From cycle ${nextCycle}: ${CHANGES}\\.`));
    assert.match(await page.getByTestId(`time-left-${proposalId}`).textContent(), /^(6 d 23 h|7 d 0 h) left$/);
    const r = await actAndWait(page, `vote-${proposalId}`, () => card.getByTestId(`vote-${vote}-${proposalId}`).click());
    assert.equal(r.phase, "ok", `${name}: ${r.text}`);
    assert.match(r.text, new RegExp(`^You voted ${vote} on #${proposalId}\\.`));
    if (name === "riley") assert.match(r.text, /It has passed: anyone can execute it now\./);
    await page.getByTestId(`my-vote-${proposalId}`).and(page.locator(`[data-vote="${vote}"]`)).waitFor({ timeout: 15_000 });
    assert.equal(await card.getByTestId(`vote-yes-${proposalId}`).count(), 0, "no second vote is offered");
  }
  const p = await q({ proposal: { proposal_id: proposalId } });
  assert.equal(p.status, "passed");
  const onChain = Object.fromEntries((await q({ list_votes: { proposal_id: proposalId } })).votes.map((v) => [v.voter, v.vote]));
  assert.deepEqual(onChain, { [m.alex.address]: "yes", [m.jordan.address]: "yes", [m.casey.address]: "no", [m.riley.address]: "yes" });

  // Alex's page: passed, 3 yes and 1 no, each member's vote, the Execute button.
  const page = m.alex.page;
  await go(page, "proposals");
  const card = page.getByTestId(`proposal-${proposalId}`);
  await card.locator('[data-testid^="proposal-status-"][data-status="passed"]').waitFor({ timeout: 20_000 });
  const tally = page.getByTestId(`tally-${proposalId}`);
  assert.deepEqual(
    await tally.evaluate((el) => [el.dataset.yes, el.dataset.no, el.dataset.abstain, el.dataset.veto]),
    ["3", "1", "0", "0"],
  );
  for (const [name, vote] of [["alex", "yes"], ["jordan", "yes"], ["casey", "no"], ["riley", "yes"], ["sam", ""]])
    assert.equal(await page.getByTestId(`vote-${proposalId}-${m[name].address}`).getAttribute("data-vote"), vote, name);
  await card.getByTestId(`execute-${proposalId}`).waitFor();
  await shot(page, "proposals");
  await phone.page.reload();
  await phone.page.getByTestId("wallet").waitFor();
  await go(phone.page, "proposals");
  await phone.page.getByTestId(`proposal-status-${proposalId}`).and(phone.page.locator('[data-status="passed"]')).waitFor({ timeout: 20_000 });
  await shot(phone.page, "proposals-phone");
});

test("a member who did not vote executes it from the page; the new policy is scheduled from the next cycle", async () => {
  const page = m.sam.page;
  await go(page, "proposals");
  const card = page.getByTestId(`proposal-${proposalId}`);
  const button = card.getByTestId(`execute-${proposalId}`);
  await button.waitFor({ timeout: 20_000 });
  const { cycle } = await chain.currentCycle();
  const r = await actAndWait(page, `execute-${proposalId}`, () => button.click());
  assert.equal(r.phase, "ok", r.text);
  assert.match(r.text, new RegExp(`^Executed #${proposalId}: the changes are made; policy version 2 applies from cycle ${cycle + 1}\\.$`));
  // On chain: executed; version 2 is the seed's need weighting, from the next cycle; version 1 in force until then.
  assert.equal((await q({ proposal: { proposal_id: proposalId } })).status, "executed");
  const policy = await chain.policy();
  assert.equal(policy.version, 1);
  assert.deepEqual(policy.schedule.at(-1), { version: 2, from_cycle: cycle + 1 });
  assert.deepEqual((await chain.q(d.addresses.distributor, { policy: { version: 2 } })).policy, NEED_POLICY);

  // The page: executed, among the past proposals; the policy scheduled, in words.
  await page.locator("#past-proposals").getByTestId(`proposal-${proposalId}`).waitFor({ timeout: 20_000 });
  assert.equal(await page.getByTestId(`proposal-status-${proposalId}`).getAttribute("data-status"), "executed");
  const scheduled = page.getByTestId("policy-scheduled");
  await scheduled.waitFor({ timeout: 20_000 });
  assert.equal(await scheduled.getAttribute("data-from-cycle"), String(cycle + 1));
  assert.match((await scheduled.textContent()).replace(/\s+/g, " "), new RegExp(`From cycle ${cycle + 1} \\(policy version 2\\): ${CHANGES}, reserve 0%, baseline 0%, no cap per member\\.`));
  await shot(page, "proposals-executed");
  // The Stewards screen's schedule and the Holon screen say it too.
  await go(page, "stewards");
  await page.getByTestId("policy-schedule").getByText(`v2 from cycle ${cycle + 1}`).waitFor({ timeout: 20_000 });
  await go(page, "holon");
  await page.locator("#policy-card").getByTestId("policy-scheduled").waitFor({ timeout: 20_000 });
  assert.match(await page.locator("#policy-card").textContent(), /Model time/, "the policy in force stays until then");
});

test("where the members' multisig pays the fees: a member proposes a new member from the Members card, the proposal grants them the holon's allowance, and once executed the multisig's grant is on chain", async () => {
  // The same holon, its deployment file saying that the multisig is the fee granter (as
  // scripts/governance.mjs reads it), served beside the others.
  const slug = `${SLUG}-feegov`;
  const fees = { ...d, slug, fee_granter: d.governance, fee_allowance: allowanceRecord(normaliseFees({}, d.gas_prices)) };
  writeFileSync(`${DIST}deployments/${slug}.json`, JSON.stringify(fees, null, 2));
  const [{ address }] = await (await DirectSecp256k1Wallet.fromKey(randomBytes(32), "wasm")).getAccounts();

  // The same distributor: the page remembers Alex's wallet and connects it by itself.
  const page = m.alex.page;
  await page.goto(`/?holon=${slug}`);
  await page.getByTestId("wallet").waitFor({ timeout: 30_000 });
  await page.waitForFunction(() => document.querySelector('[data-testid="role"]')?.textContent === "member", null, { timeout: 30_000 });
  assert.equal(await page.getByTestId("fees-paid").count(), 0, "the multisig grants no one yet: members pay their own fees");
  await go(page, "stewards");
  assert.match(await page.getByTestId("members-fees").textContent(), /from the members' multisig: the proposal that adds a member also grants them the holon's allowance/);
  const form = page.locator('form[aria-label="Add a member or change a weight"]');
  await form.locator('[name="member"]').fill(address);
  await form.locator('[name="weight"]').fill("1");
  await form.getByRole("button", { name: "Propose this member" }).click();
  await page.getByTestId("draft-members").waitFor();
  const short = `${address.slice(0, 10)}…${address.slice(-5)}`;
  assert.equal(await page.getByTestId("draft-title-members").textContent(), `Members: add ${short} (weight 1)`);
  const limit = fees.fee_allowance.period_spend_limit[0];
  assert.equal(
    await page.getByTestId("draft-summary-members").textContent(),
    `Members: add ${short} (weight 1). The holon pays ${short}'s fees (at most ${limit.amount} ${limit.denom} every 30 days, until ${fees.fee_allowance.expiration.slice(0, 10)}).`,
  );
  const r = await actAndWait(page, "members", () => page.getByTestId("propose-members").click());
  assert.equal(r.phase, "ok", r.text);
  const id = Number(/Proposed as #(\d+)/.exec(r.text)[1]);

  // On chain: the group's update_members, then the multisig's MsgGrantAllowance (CosmosMsg::Any).
  const p = await q({ proposal: { proposal_id: id } });
  assert.equal(p.msgs.length, 2);
  assert.equal(p.msgs[0].wasm.execute.contract_addr, d.addresses.group);
  assert.deepEqual(JSON.parse(Buffer.from(p.msgs[0].wasm.execute.msg, "base64").toString()), { update_members: { add: [{ addr: address, weight: 1 }], remove: [] } });
  assert.equal(p.msgs[1].any.type_url, "/cosmos.feegrant.v1beta1.MsgGrantAllowance");

  for (const name of ["jordan", "riley"]) {
    const pg = m[name].page;
    await go(pg, "proposals");
    const card = pg.getByTestId(`proposal-${id}`);
    await card.waitFor({ timeout: 20_000 });
    assert.match(await pg.getByTestId(`proposal-changes-${id}`).textContent(), new RegExp(`The holon pays ${short.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}'s fees`));
    const v = await actAndWait(pg, `vote-${id}`, () => card.getByTestId(`vote-yes-${id}`).click());
    assert.equal(v.phase, "ok", `${name}: ${v.text}`);
  }
  assert.equal((await q({ proposal: { proposal_id: id } })).status, "passed");
  assert.equal(await allowance(d.rpc, d.governance, address), null, "nothing is granted before the execution");
  const sam = m.sam.page;
  await go(sam, "proposals");
  const button = sam.getByTestId(`proposal-${id}`).getByTestId(`execute-${id}`);
  await button.waitFor({ timeout: 20_000 });
  const x = await actAndWait(sam, `execute-${id}`, () => button.click());
  assert.equal(x.phase, "ok", x.text);
  assert.equal((await chain.q(d.addresses.group, { member: { addr: address } })).weight, 1);
  const a = await allowance(d.rpc, d.governance, address);
  assert.ok(a, "the multisig granted the new member the holon's allowance");
  assert.deepEqual(a.allowed_messages, ["/cosmwasm.wasm.v1.MsgExecuteContract"]);
  assert.deepEqual(a.period_spend_limit, fees.fee_allowance.period_spend_limit);
  assert.equal(a.expiration, fees.fee_allowance.expiration.replace("Z", ".000Z"));
});

test("a member proposes listing a holon resource in the commons; once the members pass it and it is executed, it is listed", async () => {
  // The deploy gives the members' holon a commons owned by their multisig.
  assert.ok(d.addresses.commons, "the holon has a commons");
  assert.equal((await chain.q(d.addresses.commons, { ownership: {} })).owner, d.governance);
  const page = m.alex.page;
  await page.goto(`/?holon=${SLUG}`);
  await page.getByTestId("wallet").waitFor({ timeout: 30_000 });
  await page.waitForFunction(() => document.querySelector('[data-testid="role"]')?.textContent === "member", null, { timeout: 30_000 });
  await go(page, "commons");
  const form = page.locator('form[aria-label="List a holon resource"]');
  await form.locator('[name="title"]').fill("Tool library");
  await form.locator('[name="category"]').selectOption("garden");
  await form.locator('[name="unit"]').selectOption("day");
  await form.locator('[name="price"]').fill("20");
  await form.locator('[name="notice_days"]').fill("2");
  await form.locator('[name="late_percent"]').fill("50");
  const seq = await chain.sequence(m.alex.address);
  await form.getByRole("button", { name: "Propose listing it" }).click();
  await page.getByTestId("draft-list-resource").waitFor();
  assert.equal(await page.getByTestId("draft-title-list-resource").textContent(), "Commons: list Tool library");
  const summary = "List the holon's Tool library (garden) in the commons at 20 AFLOW a day; payments go back to the pool.";
  assert.equal(await page.getByTestId("draft-summary-list-resource").textContent(), summary);
  assert.equal(await chain.sequence(m.alex.address), seq, "nothing was signed before the member confirmed");
  const r = await actAndWait(page, "list-resource", () => page.getByTestId("propose-list-resource").click());
  assert.equal(r.phase, "ok", r.text);
  const id = Number(/Proposed as #(\d+)/.exec(r.text)[1]);
  // On chain: one message, the commons' own `list` of the resource, as the members will execute it.
  const p = await q({ proposal: { proposal_id: id } });
  assert.equal(p.msgs.length, 1);
  assert.equal(p.msgs[0].wasm.execute.contract_addr, d.addresses.commons);
  assert.deepEqual(JSON.parse(Buffer.from(p.msgs[0].wasm.execute.msg, "base64").toString()), {
    list: {
      listing: {
        kind: "resource", title: "Tool library", description: "", category: "garden", unit: "day", price: "20000000", stock: null,
        refund: { full_refund_notice_seconds: 172800, late_refund_percent: "0.5" },
      },
    },
  });
  assert.deepEqual((await chain.q(d.addresses.commons, { listings: {} })).listings, [], "nothing is listed before the members pass it");

  // The group has six members since the test before (weight 6): 4 yes pass it while it is open.
  assert.equal(totalWeightOf(p.threshold), 6);
  for (const name of ["jordan", "riley", "sam"]) {
    const pg = m[name].page;
    await go(pg, "proposals");
    const card = pg.getByTestId(`proposal-${id}`);
    await card.waitFor({ timeout: 20_000 });
    assert.match(await pg.getByTestId(`proposal-changes-${id}`).textContent(), new RegExp(`Commons: ${summary.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
    const v = await actAndWait(pg, `vote-${id}`, () => card.getByTestId(`vote-yes-${id}`).click());
    assert.equal(v.phase, "ok", `${name}: ${v.text}`);
  }
  assert.equal((await q({ proposal: { proposal_id: id } })).status, "passed");
  const sam = m.sam.page;
  await go(sam, "proposals");
  const button = sam.getByTestId(`proposal-${id}`).getByTestId(`execute-${id}`);
  await button.waitFor({ timeout: 20_000 });
  const x = await actAndWait(sam, `execute-${id}`, () => button.click());
  assert.equal(x.phase, "ok", x.text);
  const [listed] = (await chain.q(d.addresses.commons, { listings: {} })).listings;
  assert.deepEqual(
    [listed.kind, listed.provider, listed.title, listed.unit, listed.price, listed.status],
    ["resource", d.governance, "Tool library", "day", "20000000", "active"],
  );
  await go(page, "commons");
  await page.getByTestId(`listing-${listed.id}`).waitFor({ timeout: 20_000 });
  assert.equal((await page.getByTestId(`price-${listed.id}`).textContent()).trim(), "20 AFLOW a day");
});

test("no page threw an uncaught error", () => {
  const errors = Object.values(m).concat([phone]).flatMap((x) => x.log.consoleErrors.map((e) => `${x.name}: ${e}`));
  assert.deepEqual(errors.filter((e) => !/Failed to load resource/.test(e)), []);
});
