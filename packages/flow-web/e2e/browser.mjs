// The browser side of the web app's tests: Debian's chromium driven by playwright-core (no
// browser download), and a Keplr-shaped `window.keplr` injected into each member's page whose
// keys never enter the page: signing happens here, in the test process, with a CosmJS
// DirectSecp256k1Wallet per member, through `exposeFunction` (bytes as base64).
import { existsSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";

import { fromBase64, fromHex, toBase64 } from "@cosmjs/encoding";
import { DirectSecp256k1Wallet } from "@cosmjs/proto-signing";
import { chromium } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 375, height: 812 };

/**
 * Launches chromium headless. Playwright starts it with a fresh, temporary --user-data-dir of
 * its own for every launch (and refuses one in `args`); the other switches are ours.
 */
export async function launch() {
  if (!existsSync(CHROMIUM))
    throw new Error(`no chromium at ${CHROMIUM}: apt-get update && apt-get install -y chromium (or set CHROMIUM)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
    ],
  });
}

/** The Keplr stand-in, run in the page before its own scripts (a string: no closure escapes). */
function keplrInitScript({ address, pubkey, name, shape }) {
  const b64 = (u8) => {
    let s = "";
    for (let i = 0; i < u8.length; i++) s += String.fromCharCode(u8[i]);
    return btoa(s);
  };
  const unb64 = (s) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
  // Chains the "extension" knows survive reloads, as in the real one.
  const KEY = "__test_keplr_known_chains";
  const known = () => new Set(JSON.parse(localStorage.getItem(KEY) || "[]"));
  const signer = {
    getAccounts: async () => [{ address, algo: "secp256k1", pubkey: unb64(pubkey) }],
    signDirect: async (signerAddress, signDoc) => {
      const out = JSON.parse(
        await window.__testKeplrSignDirect(
          signerAddress,
          JSON.stringify({
            bodyBytes: b64(signDoc.bodyBytes),
            authInfoBytes: b64(signDoc.authInfoBytes),
            chainId: signDoc.chainId,
            accountNumber: signDoc.accountNumber.toString(),
          }),
        ),
      );
      return {
        signed: {
          bodyBytes: unb64(out.signed.bodyBytes),
          authInfoBytes: unb64(out.signed.authInfoBytes),
          chainId: out.signed.chainId,
          accountNumber: BigInt(out.signed.accountNumber),
        },
        signature: out.signature,
      };
    },
  };
  const signDirectOf = async (chainId, signerAddress, signDoc) =>
    signer.signDirect(signerAddress, { ...signDoc, accountNumber: BigInt(signDoc.accountNumber.toString()) });
  const wallet = {
    version: "test",
    mode: "extension",
    async enable(chainIds) {
      await window.__testKeplrEvent("enable", JSON.stringify(chainIds));
      for (const id of [].concat(chainIds))
        if (!known().has(id)) throw new Error(`There is no chain info for ${id}`);
    },
    async experimentalSuggestChain(info) {
      await window.__testKeplrEvent("suggest", JSON.stringify(info));
      localStorage.setItem(KEY, JSON.stringify([...known(), info.chainId]));
    },
    getOfflineSigner(chainId) {
      if (!known().has(chainId)) throw new Error(`There is no chain info for ${chainId}`);
      return signer;
    },
    async getOfflineSignerAuto(chainId) {
      return this.getOfflineSigner(chainId);
    },
    getOfflineSignerOnlyAmino() {
      throw new Error("this test wallet signs direct only");
    },
    async signDirect(chainId, signerAddress, signDoc) {
      if (!known().has(chainId)) throw new Error(`There is no chain info for ${chainId}`);
      return signDirectOf(chainId, signerAddress, signDoc);
    },
    // Keplr's suggestToken(chainId, contractAddress) and Leap's suggestCW20Token.
    async suggestToken(chainId, contractAddress) {
      await window.__testKeplrEvent("token", JSON.stringify({ chainId, contractAddress }));
    },
    async suggestCW20Token(chainId, contractAddress) {
      await window.__testKeplrEvent("token", JSON.stringify({ chainId, contractAddress }));
    },
    async getKey(chainId) {
      if (!known().has(chainId)) throw new Error(`There is no chain info for ${chainId}`);
      return { name, algo: "secp256k1", pubKey: unb64(pubkey), address: new Uint8Array(20), bech32Address: address, isNanoLedger: false };
    },
  };
  // Keplr injects window.keplr; Leap injects window.leap with the same API.
  if (shape === "leap") window.leap = wallet;
  else if (shape !== "none") window.keplr = wallet;
}

/**
 * A member's own browser page (its own context: storage, wallet), with the Keplr stand-in
 * signing as `account` ({name, address, private_key}). Returns {page, context, wallet log}.
 */
export async function memberPage(browser, account, { viewport = DESKTOP, baseURL, wallet: shape = "keplr" } = {}) {
  const wallet = await DirectSecp256k1Wallet.fromKey(fromHex(account.private_key), "wasm");
  const [acc] = await wallet.getAccounts();
  if (acc.address !== account.address) throw new Error(`key of ${account.name} gives ${acc.address}`);
  const context = await browser.newContext({
    viewport,
    baseURL,
    deviceScaleFactor: viewport.width < 500 ? 2 : 1,
    isMobile: viewport.width < 500,
    hasTouch: viewport.width < 500,
  });
  const page = await context.newPage();
  const log = { name: account.name, address: acc.address, enabled: [], suggested: [], tokens: [], signed: 0, consoleErrors: [] };
  await page.exposeFunction("__testKeplrSignDirect", async (signerAddress, json) => {
    const doc = JSON.parse(json);
    const { signed, signature } = await wallet.signDirect(signerAddress, {
      bodyBytes: fromBase64(doc.bodyBytes),
      authInfoBytes: fromBase64(doc.authInfoBytes),
      chainId: doc.chainId,
      accountNumber: BigInt(doc.accountNumber),
    });
    log.signed += 1;
    return JSON.stringify({
      signed: {
        bodyBytes: toBase64(signed.bodyBytes),
        authInfoBytes: toBase64(signed.authInfoBytes),
        chainId: signed.chainId,
        accountNumber: signed.accountNumber.toString(),
      },
      signature,
    });
  });
  await page.exposeFunction("__testKeplrEvent", (kind, json) => {
    if (kind === "suggest") log.suggested.push(JSON.parse(json));
    if (kind === "enable") log.enabled.push(JSON.parse(json));
    if (kind === "token") log.tokens.push(JSON.parse(json));
  });
  await page.addInitScript(keplrInitScript, {
    address: acc.address,
    pubkey: toBase64(acc.pubkey),
    name: account.name,
    shape,
  });
  page.on("pageerror", (e) => log.consoleErrors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error") log.consoleErrors.push(m.text());
  });
  return { page, context, log, name: account.name, address: acc.address };
}

export const SCREENSHOTS = new URL("../screenshots/", import.meta.url).pathname;

/** Saves a screenshot of the page as screenshots/NAME.png (the whole page), or at an absolute path. */
export async function shot(page, name, { fullPage = true } = {}) {
  const path = name.startsWith("/") ? `${name}.png` : join(SCREENSHOTS, `${name}.png`);
  mkdirSync(dirname(path), { recursive: true });
  // From the top (the tab bar is sticky), once the countdown and fonts have settled.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(150);
  await page.screenshot({ path, fullPage, animations: "disabled" });
}

// ---------------------------------------------------------------- acting on a page

/** The data-n of an action's status line now (0 when there is none). */
export async function attemptOf(page, key) {
  const el = page.locator(`[data-testid="status-${key}"]`).first();
  return (await el.count()) ? Number(await el.getAttribute("data-n")) : 0;
}

/**
 * Does `click` (which starts action `key`) and waits for that attempt's result on the page:
 * {phase: "ok" | "error", text, detail}.
 */
export async function actAndWait(page, key, click, timeout = 90_000) {
  const before = await attemptOf(page, key);
  await click();
  const handle = await page
    .waitForFunction(
    ({ key, before }) => {
      const el = document.querySelector(`[data-testid="status-${key}"]`);
      if (!el) return null;
      const n = Number(el.getAttribute("data-n"));
      const phase = el.getAttribute("data-phase");
      if (n <= before || (phase !== "ok" && phase !== "error")) return null;
      return {
        phase,
        text: el.querySelector(".status-text")?.textContent ?? "",
        detail: el.querySelector(".chain-said code")?.textContent ?? null,
      };
    },
    { key, before },
    { timeout, polling: 100 },
    )
    .catch(async (e) => {
      // Say where it stood: the status line as the page shows it.
      const el = page.locator(`[data-testid="status-${key}"]`).first();
      const seen = (await el.count()) ? `${await el.getAttribute("data-phase")} #${await el.getAttribute("data-n")}: ${await el.textContent()}` : "no status line";
      throw new Error(`${key}: no result after ${timeout} ms (before: #${before}; now ${seen}): ${e.message.split("\n")[0]}`);
    });
  return handle.jsonValue();
}

export async function go(page, route) {
  await page.locator(`nav.tabs a[href="#/${route}"]`).click();
  await page.locator(`main.screen[data-route="${route}"]`).waitFor();
}

export async function connect(member, path = "/", walletName = "Keplr") {
  await member.page.goto(path);
  await member.page.getByRole("button", { name: `Connect ${walletName}` }).first().click();
  await member.page.getByTestId("wallet").waitFor({ timeout: 30_000 });
  // The role shows once the page has read the membership from the chain.
  await member.page.waitForFunction(() => {
    const r = document.querySelector('[data-testid="role"]')?.textContent;
    return r && r !== "…";
  }, null, { timeout: 30_000 });
}
