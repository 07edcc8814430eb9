// Any wallet: the page connects through the wallet layer (cosmos-kit), not only window.keplr.
// A Leap-shaped provider (window.leap, Keplr's API) connects, is given the chain and the holon's
// token, and signs a need and an attestation; a browser with no wallet lists the wallets (with
// links to install) and still shows the holon read-only. Screenshots of the connect screen.
//
// Environment as month.test.mjs (scripts/web-e2e.sh): FLOW_WEB_URL, FLOW_WEB_DEPLOYMENT, LOCALNET_HOME.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";

import { DESKTOP, PHONE, actAndWait, connect, go, launch, memberPage, shot } from "./browser.mjs";
import { accounts, holon, readJson, roomInCycle } from "./chain.mjs";

const BASE = process.env.FLOW_WEB_URL || "http://127.0.0.1:4173";
const ALPHA = process.env.FLOW_WEB_DEPLOYMENT;

let browser;
let alpha;
let chain;
let leap; // casey, with a Leap-shaped wallet
const pages = [];

before(async () => {
  assert.ok(ALPHA, "FLOW_WEB_DEPLOYMENT names the holon's deployment file (scripts/web-e2e.sh)");
  alpha = readJson(ALPHA);
  chain = await holon(alpha);
  browser = await launch();
  leap = await memberPage(browser, accounts().casey, { baseURL: BASE, viewport: DESKTOP, wallet: "leap" });
  pages.push(leap);
});

after(async () => {
  await browser?.close();
  chain?.client.disconnect();
});

test("with no wallet the page lists the wallets with links to install, and shows the holon read-only", async () => {
  for (const [viewport, name] of [
    [DESKTOP, "connect"],
    [PHONE, "connect-phone"],
  ]) {
    const visitor = await memberPage(browser, accounts().alex, { baseURL: BASE, viewport, wallet: "none" });
    pages.push(visitor);
    const page = visitor.page;
    await page.goto("/");
    const list = page.getByTestId("wallet-options");
    await list.waitFor({ timeout: 30_000 });
    assert.match(await list.locator("h2").textContent(), /No wallet in this browser/);
    for (const [id, label, host] of [
      ["keplr-extension", "Install Keplr", "keplr.app"],
      ["leap-extension", "Install Leap", "leapwallet.io"],
      ["cosmostation-extension", "Install Cosmostation", "cosmostation.io"],
    ]) {
      const link = list.locator(`li[data-wallet="${id}"]`).getByRole("link", { name: label });
      assert.match(await link.getAttribute("href"), new RegExp(host.replace(".", "\\.")));
    }
    // The build has no WalletConnect project id: no phone wallets, and the page says so.
    assert.equal(await list.locator('li[data-wallet$="-mobile"]').count(), 0);
    await list.getByTestId("no-walletconnect").waitFor();
    // The holon, read-only: its name, members and cycle.
    assert.equal(await page.getByTestId("holon-name").textContent(), "Holon Alpha");
    await page.getByTestId("member-count").waitFor({ timeout: 30_000 });
    assert.equal(await page.getByTestId("member-count").textContent(), "5");
    await page.getByTestId("cycle-pill").waitFor();
    assert.equal(await page.getByTestId("wallet").count(), 0, "no wallet connected");
    await shot(page, name);
  }
});

test("a Leap-shaped wallet (window.leap) connects: the chain and the holon's token are suggested to it", async () => {
  await connect(leap, "/", "Leap");
  const page = leap.page;
  assert.equal(await page.getByTestId("wallet").getAttribute("data-wallet"), "leap-extension");
  assert.equal(await page.getByTestId("wallet").getAttribute("data-address"), leap.address);
  assert.equal(await page.getByTestId("role").textContent(), "member");
  // The wallet did not know the localnet: described from the deployment file.
  const [info] = leap.log.suggested;
  assert.ok(info, "the chain was suggested to the wallet");
  assert.equal(info.chainId, alpha.chain_id);
  assert.equal(info.rpc, alpha.rpc);
  assert.equal(info.bech32Config.bech32PrefixAccAddr, "wasm");
  assert.equal(info.feeCurrencies[0].coinMinimalDenom, "stake");
  // The holon's token (a CW20), so the member sees their balance in the wallet.
  for (let i = 0; i < 50 && !leap.log.tokens.length; i++) await page.waitForTimeout(100);
  assert.deepEqual(leap.log.tokens[0], { chainId: alpha.chain_id, contractAddress: alpha.addresses.token });
});

test("the Leap wallet signs: a need and an attestation from the page", async () => {
  const page = leap.page;
  await roomInCycle(chain, Math.min(20, alpha.cycle_seconds - 5));
  await go(page, "needs");
  const needForm = page.locator('form[aria-label="Post a need"]');
  if (!(await needForm.isVisible())) await page.locator("details.post-need > summary").click();
  await needForm.locator('[name="category"]').selectOption({ index: 1 });
  const title = `Tidy the tool shed (${Date.now()})`;
  await needForm.locator('[name="title"]').fill(title);
  await needForm.locator('[name="quantity"]').fill("1");
  await needForm.locator('[name="unit"]').fill("task");
  const posted = await actAndWait(page, "post-need", () => needForm.getByRole("button", { name: "Post the need" }).click());
  assert.equal(posted.phase, "ok", posted.text);
  const signedBefore = leap.log.signed;

  await page.locator(`article.need[data-title="${title}"]`).getByRole("button", { name: "I did something toward this" }).click();
  await page.locator('main.screen[data-route="attest"]').waitFor();
  const form = page.locator('form[aria-label="Attest a contribution"]');
  await form.locator('[name="hours"]').fill("1");
  await form.locator('[name="description"]').fill("Sorted the shed with a Leap wallet");
  await form.locator('[name="buddy"]').fill("jordan");
  const r = await actAndWait(page, "attest", () => form.getByRole("button", { name: "Attest" }).click());
  assert.equal(r.phase, "ok", r.text);
  assert.equal(leap.log.signed, signedBefore + 1, "the Leap wallet signed it");
  const id = Number(/#(\d+)/.exec(r.text)[1]);
  const { attestation } = await chain.q(alpha.addresses.attestation, { attestation: { id } });
  assert.equal(attestation.attester, leap.address);
});

test("no page threw an uncaught error", () => {
  const errors = pages.flatMap((x) => x.log.consoleErrors.map((e) => `${x.name}: ${e}`));
  assert.deepEqual(errors.filter((e) => !/Failed to load resource/.test(e)), []);
});
