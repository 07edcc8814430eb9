// A holon of 1,000 members in the page (issue 18, "Any size"): the cw4 group instantiated with
// 1,000 members in one transaction, 300 of them attesting an hour each, co-signed (one buddy,
// 50 co-signs a transaction) in one cycle that is then closed with a budget of 300 tokens.
// The page names every member, the distribution chart and table total the cycle's budget
// exactly, and one load sends a number of queries that grows by pages, not by members: it is
// compared with the same load of the 5-member Holon Alpha. Also: a link that points the page
// at another site's deployment file is refused, and nothing is read from its contracts.
//
// Environment (scripts/web-e2e.sh sets it): FLOW_WEB_URL, FLOW_WEB_DEPLOYMENT (Holon Alpha).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";

import { SigningCosmWasmClient } from "@cosmjs/cosmwasm-stargate";
import { toUtf8 } from "@cosmjs/encoding";
import { DirectSecp256k1Wallet } from "@cosmjs/proto-signing";
import { GasPrice, calculateFee } from "@cosmjs/stargate";

import { DESKTOP, launch, shot } from "./browser.mjs";
import { holon, readJson, roomInCycle, cycleEnded, sleep } from "./chain.mjs";
import { LOCALNET, ROOT, deploy, loadHolonFile, readAccounts, walletFromAccount } from "../../../scripts/deploy.mjs";

const BASE = process.env.FLOW_WEB_URL || "http://127.0.0.1:4173";
const ALPHA = process.env.FLOW_WEB_DEPLOYMENT;
const N = 1_000;
const CONTRIBUTORS = 300;
const EACH = 1_000_000n; // one hour each: the budget divides exactly
const BUDGET = EACH * BigInt(CONTRIBUTORS);
const SLUG = "holon-thousand-web";
const GAS = GasPrice.fromString(LOCALNET.gasPrices);
const RESULTS = join(ROOT, "target", "web-e2e", "thousand.json");
const DEPLOYMENT_FILE = join(ROOT, "deployments", LOCALNET.chainId, `${SLUG}.json`);

let browser;
let d; // the deployment of the 1,000-member holon
let h;
const results = {};

/** The i-th generated member: a key of its own (deterministic), its address. */
async function generated(i) {
  const key = createHash("sha256").update(`cw-flow web e2e thousand ${i}`).digest();
  const wallet = await DirectSecp256k1Wallet.fromKey(key, "wasm");
  const [{ address }] = await wallet.getAccounts();
  return { wallet, address };
}

const exec = (contract, msg) => ({
  typeUrl: "/cosmwasm.wasm.v1.MsgExecuteContract",
  value: { sender: "", contract, msg: toUtf8(JSON.stringify(msg)), funds: [] },
});

async function signAndCheck(client, sender, msgs, gas, memo = "") {
  const res = await client.signAndBroadcast(sender, msgs.map((m) => (m.typeUrl.endsWith("MsgExecuteContract") ? { ...m, value: { ...m.value, sender } } : m)), gas === "auto" ? 1.4 : calculateFee(gas, GAS), memo);
  assert.equal(res.code, 0, `tx ${res.transactionHash}: ${res.rawLog}`);
  return res;
}

before(async () => {
  assert.ok(ALPHA, "FLOW_WEB_DEPLOYMENT names Holon Alpha's deployment file (scripts/web-e2e.sh)");
  const t0 = Date.now();
  const members = [];
  for (let i = 0; i < N; i++) members.push(await generated(i));
  // The holon: Holon Alpha's file (time model, no reserve, no baseline) with 1,000 members and
  // 60-second cycles; the group is instantiated with all of them in one transaction.
  const base = loadHolonFile(join(ROOT, "packages/flow-web/e2e/holon-alpha-web.toml"));
  const holonDef = {
    ...base,
    name: "Holon Thousand",
    slug: SLUG,
    members: members.map((m) => ({ addr: m.address, weight: 1 })),
    cycle_seconds: 60,
  };
  d = await deploy(holonDef, { slug: SLUG, quiet: true });
  h = await holon(d);
  const accounts = readAccounts();
  const stewardWallet = await walletFromAccount(accounts.steward);
  const steward = await SigningCosmWasmClient.connectWithSigner(LOCALNET.node, stewardWallet, { gasPrice: GAS, broadcastPollIntervalMs: 150 });
  const stewardAddr = accounts.steward.address;

  // Gas coins for the 300 contributors and their buddy (one tx), and the cycle's budget.
  const paid = members.slice(0, CONTRIBUTORS + 1);
  await signAndCheck(
    steward,
    stewardAddr,
    paid.map((m) => ({ typeUrl: "/cosmos.bank.v1beta1.MsgSend", value: { fromAddress: stewardAddr, toAddress: m.address, amount: [{ denom: "stake", amount: "2000000" }] } })),
    "auto",
  );
  await steward.execute(stewardAddr, d.addresses.distributor, { fund: { memo: "1,000 members" } }, "auto", undefined, [{ denom: "ucredit", amount: BUDGET.toString() }]);

  const buddy = paid[CONTRIBUTORS];
  const clients = await Promise.all(paid.map((m) => SigningCosmWasmClient.connectWithSigner(LOCALNET.node, m.wallet, { gasPrice: GAS, broadcastPollIntervalMs: 300 })));
  const need = await clients[0].execute(
    members[0].address,
    d.addresses.registry,
    { post_need: { need: { category: "garden", title: "Garden upkeep", description: "", unit: "hours", quantity: "1000", period: "weekly", impact: null, unit_credit: null, capacity_building: null } } },
    "auto",
  );
  const needId = Number(need.events.flatMap((e) => e.attributes).find((a) => a.key === "need_id").value);

  // Attest and co-sign within one cycle.
  await roomInCycle(h, 45);
  const attested = await Promise.all(
    paid.slice(0, CONTRIBUTORS).map((m, i) =>
      signAndCheck(clients[i], m.address, [exec(d.addresses.attestation, { attest: { need_id: needId, hours: "1", units: "0", description: `hour ${i}`, evidence: null, buddy: buddy.address } })], 300_000),
    ),
  );
  const ids = attested.map((r) => Number(r.events.flatMap((e) => e.attributes).find((a) => a.key === "attestation_id").value));
  for (let i = 0; i < ids.length; i += 50) {
    await signAndCheck(clients[CONTRIBUTORS], buddy.address, ids.slice(i, i + 50).map((id) => exec(d.addresses.attestation, { cosign: { id } })), 50 * 400_000);
  }
  const credited = (await h.currentCycle()).cycle;
  for (const c of clients) c.disconnect();

  // The cycle ends; anyone closes it.
  await cycleEnded(h, credited);
  for (;;) {
    const cur = await h.currentCycle();
    if (cur.next_to_close > credited) break;
    await steward.execute(stewardAddr, d.addresses.distributor, { close_cycle: {} }, "auto");
  }
  steward.disconnect();
  const info = await h.cycle(credited);
  assert.equal(info.status, "closed");
  assert.equal(info.contributors, CONTRIBUTORS);
  assert.equal(BigInt(info.budget), BUDGET);
  results.cycle = credited;
  results.setupSeconds = Math.round((Date.now() - t0) / 1000);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  h?.client.disconnect();
  mkdirSync(join(ROOT, "target", "web-e2e"), { recursive: true });
  writeFileSync(RESULTS, JSON.stringify(results, null, 2));
  console.log("thousand:", JSON.stringify(results));
});

/** A visitor's fresh page on `path`, serving `file` as /deployments/<slug>.json (same origin). */
async function visit(path, file, slug) {
  const context = await browser.newContext({ viewport: DESKTOP, baseURL: BASE });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  if (file) await page.route(`**/deployments/${slug}.json`, (route) => route.fulfill({ contentType: "application/json", body: JSON.stringify(readJson(file)) }));
  let rpcRequests = 0;
  page.on("request", (r) => {
    if (r.url().startsWith(LOCALNET.node)) rpcRequests++;
  });
  return { page, context, errors, rpc: () => rpcRequests };
}

/** Loads `route` of a holon and measures the first read: queries (by kind), RPC requests, time. */
async function firstLoad(file, slug, route, ready) {
  const v = await visit(`/?holon=${slug}#/${route}`, file, slug);
  const t0 = Date.now();
  await v.page.goto(`/?holon=${slug}#/${route}`);
  await v.page
    .waitForFunction(() => /^read /.test(document.querySelector('[data-testid="last-read"]')?.textContent ?? ""), null, { timeout: 120_000 })
    .catch(async (e) => {
      const said = await v.page.evaluate(() => ({
        alerts: [...document.querySelectorAll("[role=alert]")].map((x) => x.textContent),
        footer: document.querySelector("footer")?.textContent,
        body: document.body.innerText.slice(0, 600),
        queries: window.__flowQueries,
      }));
      throw new Error(`${slug}#/${route} not read: ${JSON.stringify(said)} ${v.errors.join("; ")} (${e.message.split("\n")[0]})`);
    });
  const ms = Date.now() - t0;
  const q = await v.page.evaluate(() => ({ total: window.__flowQueries.total, byKind: { ...window.__flowQueries.byKind } }));
  await ready(v.page);
  return { ...v, ms, q, rpcAtRead: v.rpc() };
}

test("a holon of 1,000 members: the page names them all, and the Holon screen's load is bounded by pages", async () => {
  const small = await firstLoad(ALPHA, "holon-alpha-web", "holon", async () => {});
  await small.context.close();
  const big = await firstLoad(DEPLOYMENT_FILE, SLUG, "holon", async (page) => {
    await page.getByTestId("member-list").waitFor({ state: "attached" });
  });
  const { page } = big;
  assert.equal(await page.getByTestId("member-count").textContent(), String(N));
  const listed = await page.locator('[data-testid="member-list"] li').evaluateAll((els) => els.map((e) => e.getAttribute("data-member")));
  const all = (await Promise.all(Array.from({ length: N }, (_, i) => generated(i)))).map((m) => m.address);
  assert.equal(listed.length, N);
  assert.deepEqual(new Set(listed), new Set(all));
  // cw4 answers 30 a page: 34 list_members for 1,000 members (one for 5).
  assert.equal(big.q.byKind.list_members, Math.ceil((N + 1) / 30));
  assert.equal(small.q.byKind.list_members, 1);
  assert.ok(!big.q.byKind.explain && (big.q.byKind.preview ?? 0) <= 1, JSON.stringify(big.q.byKind));
  assert.ok(big.q.total - small.q.total <= Math.ceil((N + 1) / 30) - 1 + 2, `5 members: ${small.q.total}, 1,000: ${big.q.total} (${JSON.stringify(big.q.byKind)})`);
  results.holon = { small: { queries: small.q.total, rpc: small.rpcAtRead, ms: small.ms, byKind: small.q.byKind }, big: { queries: big.q.total, rpc: big.rpcAtRead, ms: big.ms, byKind: big.q.byKind } };
  await shot(page, "thousand-holon", { fullPage: false });
  assert.deepEqual(big.errors, []);
  await big.context.close();
});

test("a holon of 1,000 members: My flow's chart and table total the closed cycle's budget exactly, from a few payouts pages", async () => {
  const readyFlow = async (page) => {
    await page.getByTestId("distribution-table").waitFor({ state: "attached", timeout: 120_000 });
  };
  const small = await firstLoad(ALPHA, "holon-alpha-web", "flow", async () => {});
  await small.context.close();
  const big = await firstLoad(DEPLOYMENT_FILE, SLUG, "flow", readyFlow);
  const { page } = big;
  const total = await page.getByTestId("distribution-total").getAttribute("data-base-units");
  const budget = await page.getByTestId("distribution-budget").getAttribute("data-base-units");
  assert.equal(BigInt(budget), BUDGET);
  assert.equal(BigInt(total), BUDGET);
  assert.equal(await page.getByTestId("distribution-left").count(), 0);
  const chart = page.getByTestId("distribution-chart");
  assert.equal(BigInt(await chart.getAttribute("data-total")), BUDGET);
  assert.equal(Number(await chart.getAttribute("data-members")), CONTRIBUTORS);
  const bars = await chart.locator("g[data-amount]").evaluateAll((els) => els.map((e) => BigInt(e.getAttribute("data-amount"))));
  assert.equal(bars.reduce((s, x) => s + x, 0n), BUDGET);
  assert.equal(await page.locator('[data-testid="distribution-table"] tbody tr').count(), CONTRIBUTORS);
  const rows = await page.locator('[data-testid="distribution-table"] tbody tr').evaluateAll((els) => els.map((e) => e.getAttribute("data-amount")));
  assert.ok(rows.every((a) => BigInt(a) === EACH));
  // one payouts query per page of 100 (300 contributors: three full pages and an empty one at most)
  assert.ok(big.q.byKind.payouts >= 3 && big.q.byKind.payouts <= 4, JSON.stringify(big.q.byKind));
  assert.equal(big.q.byKind.explain ?? 0, 0);
  assert.ok((big.q.byKind.preview ?? 0) <= 1, JSON.stringify(big.q.byKind));
  assert.ok(big.q.total - small.q.total <= Math.ceil((N + 1) / 30) - 1 + 4 + 6, `5 members: ${small.q.total}, 1,000: ${big.q.total} (${JSON.stringify(big.q.byKind)})`);
  results.flow = { small: { queries: small.q.total, rpc: small.rpcAtRead, ms: small.ms, byKind: small.q.byKind }, big: { queries: big.q.total, rpc: big.rpcAtRead, ms: big.ms, byKind: big.q.byKind } };
  // The page listens for blocks instead of polling.
  await page.waitForFunction(() => window.__flowLive?.mode === "socket", null, { timeout: 15_000 });
  const before = await page.evaluate(() => window.__flowQueries.total);
  await sleep(8_000);
  const idle = (await page.evaluate(() => window.__flowQueries.total)) - before;
  results.idleQueries8s = idle;
  await page.locator("#cycles-card").scrollIntoViewIfNeeded();
  await shot(page, "thousand-flow", { fullPage: false });
  // The open cycle's shares if it closed now: the distributor's previews, one query a page of
  // 100 listed members (nothing recorded yet, no baseline: one query, an empty list), never
  // one preview per member (it was 30 a "page" of members).
  const mid = await page.evaluate(() => ({ ...window.__flowQueries.byKind }));
  await page.locator("#cycles-card").getByRole("button", { name: /\(open\)$/ }).click();
  await page.locator("#cycles-card").getByText(/Nobody has earned anything in cycle \d+ yet|would be shared among members if it closed now/).first().waitFor({ timeout: 30_000 });
  const end = await page.evaluate(() => ({ ...window.__flowQueries.byKind }));
  const delta = (k) => (end[k] ?? 0) - (mid[k] ?? 0);
  results.openCycle = { previews: delta("previews"), preview: delta("preview"), explain: delta("explain") };
  assert.ok(delta("previews") >= 1 && delta("previews") <= Math.ceil(N / 100) + 1, JSON.stringify(results.openCycle));
  assert.equal(delta("preview"), 0, JSON.stringify(results.openCycle));
  assert.equal(delta("explain"), 0, JSON.stringify(results.openCycle));
  assert.equal(await page.getByTestId("more-shares").count(), 0);
  assert.deepEqual(big.errors, []);
  await big.context.close();
});

test("a link to another site's deployment file is refused in plain words and reads nothing from its contracts", async () => {
  const v = await visit("/", null, null);
  const foreign = "http://127.0.0.2:4173/deployment.json";
  await v.page.goto(`/?deployment=${encodeURIComponent(foreign)}`);
  const alert = v.page.locator(".boot-error [role=alert]");
  await alert.waitFor();
  const text = await alert.textContent();
  assert.match(text, /did not load the holon from http:\/\/127\.0\.0\.2:4173\/deployment\.json/);
  assert.match(text, /deployments\.json/);
  await sleep(1_000);
  assert.equal(v.rpc(), 0, "no query went to the node");
  // This site's own file by ?deployment= still loads.
  await v.page.goto(`/?deployment=${encodeURIComponent(`${BASE}/deployment.json`)}`);
  await v.page.getByTestId("holon-name").waitFor({ timeout: 30_000 });
  await v.context.close();
});
