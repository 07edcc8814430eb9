// Connecting a wallet: the buttons in the header and the list of wallets (with links to install
// them) shown when this browser has none. Without a wallet the page still reads the holon.
import { html, nothing } from "lit-html";

import { state, update } from "../store";
import { type ListedWallet, type WalletId, browserWallets, detectWallets, walletConnectProjectId } from "../wallet";

const ui = {
  wallets: [] as ListedWallet[],
  detected: false,
  open: false,
  pairingUri: null as string | null,
};

/** Looks for wallet extensions (they may inject themselves a little after the page loads). */
export async function findWallets(): Promise<ListedWallet[]> {
  ui.wallets = browserWallets();
  ui.wallets = await detectWallets();
  ui.detected = true;
  update();
  return ui.wallets;
}

export const installedWallets = () => ui.wallets.filter((w) => w.installed);

/** A phone wallet's pairing link (WalletConnect), shown while the page waits for the phone. */
export const pairingUri = () => ui.pairingUri;

/** The QR view (uqr), loaded only when a phone wallet pairs. */
let qr: typeof import("./qr") | null = null;

export async function setPairingUri(uri: string | null) {
  ui.pairingUri = uri;
  update();
  if (uri && !qr) {
    qr = await import("./qr");
    update();
  }
}

export const toggle = () => {
  ui.open = !ui.open;
  update();
};

/** The header's connect buttons: one per wallet found, and the list of the others. */
export function connectButtons(connect: (id: WalletId) => void) {
  const found = installedWallets();
  const busy = state.connecting || !state.d;
  return html`${found.map(
      (w) => html`<button class="connect" data-wallet=${w.id} ?disabled=${busy} @click=${() => connect(w.id)}>${state.connecting ? "Connecting…" : `Connect ${w.name}`}</button>`,
    )}
    <button class=${found.length ? "ghost small-btn" : "connect"} data-testid="wallet-options-toggle" aria-expanded=${ui.open || (ui.detected && !found.length)}
      ?disabled=${!state.d} @click=${toggle}>${found.length ? "Other wallets" : "Connect a wallet"}</button>`;
}

/** The list of wallets: shown when none is found here (the no-wallet screen), or when asked for. */
export function walletOptions(connect: (id: WalletId) => void) {
  if (state.wallet || !state.d) return nothing;
  const found = installedWallets();
  if (!ui.open && !(ui.detected && !found.length)) return nothing;
  const extensions = ui.wallets.filter((w) => w.kind === "extension");
  const phones = ui.wallets.filter((w) => w.kind === "phone");
  const row = (w: ListedWallet) => html`<li class="wallet-option" data-wallet=${w.id} data-installed=${w.installed ? "yes" : "no"}>
    <span class="wallet-option-name"><b>${w.name}</b> <span class="muted small">${w.kind === "phone" ? "WalletConnect: scan or open on your phone" : w.installed ? "found in this browser" : "browser extension"}</span></span>
    ${w.installed || w.kind === "phone"
      ? html`<button class="small-btn" ?disabled=${state.connecting} @click=${() => connect(w.id)}>Connect ${w.name}</button>`
      : html`<a class="button-link small-btn" href=${w.install} target="_blank" rel="noopener noreferrer">Install ${w.name}</a>`}
  </li>`;
  return html`<section class="card wallet-options" data-testid="wallet-options" aria-labelledby="wallet-options-h">
    <header class="card-head"><h2 id="wallet-options-h">${found.length ? "Connect a wallet" : "No wallet in this browser"}</h2></header>
    <p>${found.length
      ? "Choose the wallet that holds your member account."
      : html`You can read everything about <b>${state.d.holon}</b> below. To attest, co-sign, claim or vote, connect a Cosmos wallet: install one, then reload this page.`}</p>
    <ul class="wallet-list">${extensions.map(row)}${phones.map(row)}</ul>
    ${phones.length
      ? nothing
      : html`<p class="muted small" data-testid="no-walletconnect">Phone wallets (WalletConnect) are not set up on this site${walletConnectProjectId() ? "" : ": it was built without a WalletConnect project id"}.</p>`}
    ${ui.pairingUri
      ? qr
        ? qr.pairingView(ui.pairingUri, () => update())
        : html`<div class="pairing" data-testid="pairing"><code class="pairing-uri">${ui.pairingUri}</code></div>`
      : nothing}
  </section>`;
}
