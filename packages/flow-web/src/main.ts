// The members' web app of a cw-flow holon.
import "./style.css";

import { html, nothing, render } from "lit-html";

import { signHooks } from "./actions";
import { DeploymentError, FEES_NOTE, connectWallet, deploymentUrl, loadDeployment, readOnlyClient } from "./chain";
import { explain } from "./errors";
import { formatDuration, formatTokens, shortAddr } from "./format";
import { Holon } from "./holon";
import { refresh, refreshOk } from "./load";
import { Live, websocketUrl } from "./live";
import { countQueries, newCount } from "./meter";
import { deploymentSource } from "./source";
import { onRoute, routeFromHash } from "./router";
import { ROUTES, byMembers, decimals, isMember, isSteward, nameOf, secondsLeft, setRenderer, state, symbol, update } from "./store";
import type { WalletId } from "./wallet";
import { attestView } from "./views/attest";
import { connectButtons, findWallets, setPairingUri, walletOptions } from "./views/connect";
import { commonsView } from "./views/commons";
import { cosignView } from "./views/cosign";
import { flowView } from "./views/flow";
import { holonView } from "./views/holon";
import { needsView } from "./views/needs";
import { proposalsView } from "./views/proposals";
import { stewardsView } from "./views/stewards";

const remembered = () => `cw-flow:connected:${state.d?.chain_id}:${state.d?.addresses.distributor}`;

async function connect(id: WalletId) {
  if (!state.d || state.connecting) return;
  update({ connecting: true, walletError: null });
  try {
    const wallet = await connectWallet(state.d, id, signHooks, { onPairingUri: setPairingUri });
    localStorage.setItem(remembered(), id);
    update({ wallet, connecting: false, mine: [], toCosign: [], myRequests: new Set(), myOffers: new Set() });
    await refresh();
  } catch (e) {
    update({ connecting: false, walletError: explain(e, { feesPaidBy: state.d?.fee_granter }).message });
  }
}

function disconnect() {
  state.wallet?.client.disconnect();
  void state.wallet?.disconnect();
  localStorage.removeItem(remembered());
  update({ wallet: null, balance: null, myWeight: null, myVotingWeight: null, toVote: 0, mine: [], toCosign: [], actions: {}, drafts: {} });
  void refresh();
}

function walletBox() {
  const w = state.wallet;
  if (!w) {
    return html`<div class="wallet">
      ${connectButtons(connect)}
      ${state.walletError ? html`<div class="status status-error wallet-error" role="alert">${state.walletError}</div>` : nothing}
    </div>`;
  }
  const role = isSteward() ? "steward" : isMember() ? "member" : state.myWeight === null ? "…" : "visitor";
  return html`<div class="wallet connected" data-testid="wallet" data-address=${w.address} data-wallet=${w.walletId}>
    <span class="who-am-i"><b data-testid="wallet-name">${nameOf(w.address) ?? w.name ?? "you"}</b>
      <span class="muted addr">${shortAddr(w.address, 9, 4)}</span></span>
    <span class="chip ${role === "visitor" ? "warn" : "good"}" data-testid="role">${role}</span>
    ${byMembers() && (state.myVotingWeight ?? 0) > 0
      ? html`<span class="chip info" data-testid="wallet-voting-weight" title="your voting weight in the members' governance">${state.myVotingWeight} vote${state.myVotingWeight === 1 ? "" : "s"}</span>`
      : nothing}
    ${w.feesPaidBy
      ? html`<span class="chip info fees-paid" data-testid="fees-paid" data-granter=${w.feesPaidBy}
          title="The holon pays your transaction fees from its allowance (x/feegrant, granter ${w.feesPaidBy}): your wallet needs no coins.">${FEES_NOTE}</span>`
      : nothing}
    <span class="wallet-balance" title="your balance">${state.balance !== null ? `${formatTokens(state.balance, decimals(), 2)} ${symbol()}` : ""}</span>
    <button class="ghost small-btn" @click=${disconnect} title="Disconnect">✕</button>
  </div>`;
}

function cyclePill() {
  const c = state.current;
  if (!c) return nothing;
  const left = secondsLeft();
  return html`<a class="cycle-pill ${left === 0 ? "ended" : ""}" href="#/holon" data-testid="cycle-pill" data-cycle=${c.cycle}>
    Cycle ${c.cycle} · ${left > 0 ? `${formatDuration(left)} left` : "ended"}</a>`;
}

function nav() {
  return html`<nav class="tabs" aria-label="Screens">
    ${ROUTES.map((r) => {
      const count = r.id === "cosign" ? state.toCosign.length : r.id === "proposals" ? state.toVote : 0;
      return html`<a href="#/${r.id}" class=${state.route === r.id ? "on" : ""} aria-current=${state.route === r.id ? "page" : nothing}>
        ${r.label}${count ? html` <span class="count" data-testid="${r.id}-count">${count}</span>` : nothing}</a>`;
    })}
  </nav>`;
}

function screen() {
  switch (state.route) {
    case "holon":
      return holonView();
    case "needs":
      return needsView();
    case "attest":
      return attestView();
    case "cosign":
      return cosignView();
    case "flow":
      return flowView();
    case "commons":
      return commonsView();
    case "proposals":
      return proposalsView();
    case "stewards":
      return stewardsView();
  }
}

function app() {
  if (state.loadError) {
    return html`<main class="boot-error"><h1>cw-flow</h1><p class="status status-error" role="alert">${state.loadError}</p>
      ${state.sourceRefused
        ? html`<p>Open the holon's own page instead, or ask this site to list that file in <code>deployments.json</code>.</p>`
        : html`<p>The page reads the holon from <code>${state.deploymentUrl}</code>: a deployment file written by <code>scripts/deploy.mjs</code>.
          Choose another with <code>?holon=SLUG</code> or <code>?deployment=URL</code> (a file of this site, or one its <code>deployments.json</code> lists).</p>`}</main>`;
  }
  if (!state.d) return html`<main class="boot"><p>Loading the holon…</p></main>`;
  return html`
    <header class="top">
      <div class="brand">
        <span class="logo" aria-hidden="true">◎</span>
        <div><h1 data-testid="holon-name">${state.d.holon}</h1><span class="muted small">${symbol()} · ${state.d.chain_id}</span></div>
      </div>
      ${cyclePill()}
      ${walletBox()}
    </header>
    ${nav()}
    <main class="screen" data-route=${state.route}>
      ${walletOptions(connect)}
      ${state.readError ? html`<p class="status status-error" role="alert">${state.readError}</p>` : nothing}
      ${state.wallet && state.myWeight === 0 && !isSteward()
        ? html`<p class="notice">This wallet is not a member of ${state.d.holon}: you can look around, but the contracts will refuse what only members do.</p>`
        : nothing}
      ${screen()}
    </main>
    <footer class="foot muted small">cw-flow · every number on this page is read from the chain ·
      <span data-testid="last-read">${state.loadedAt ? `read ${new Date(state.loadedAt).toLocaleTimeString()}` : "reading…"}</span>${state.loading ? " ⟳" : ""}</footer>`;
}

async function boot() {
  const root = document.getElementById("app")!;
  setRenderer(() => render(app(), root));
  const { route, params } = routeFromHash(location.hash);
  update({ route, needFilter: params.get("c") ?? "" });
  onRoute(() => void refresh());
  // ?deployment=URL names the contracts every button signs for: only this site's files, or
  // those the site lists in deployments.json.
  const source = await deploymentSource(location.search, location.href);
  update({ deploymentUrl: source.url });
  if (!source.ok) {
    update({ loadError: source.reason, sourceRefused: true });
    return;
  }
  try {
    const d = await loadDeployment(state.deploymentUrl);
    document.title = `${d.holon} · cw-flow`;
    // Every query the page sends is counted (window.__flowQueries).
    const client = countQueries(await readOnlyClient(d), (window.__flowQueries = newCount()));
    update({ d, holon: new Holon(d, client) });
  } catch (e) {
    update({ loadError: e instanceof DeploymentError ? `The holon could not be loaded: ${e.message}.` : explain(e).message });
    return;
  }
  // A wallet connected here before reconnects at once, while the first read runs.
  const last = localStorage.getItem(remembered());
  void findWallets().then((found) => {
    const id = (last === "1" ? "keplr-extension" : last) as WalletId | null;
    if (id && found.some((w) => w.id === id && w.installed)) void connect(id);
  });
  await refresh();
  for (const ev of ["keplr_keystorechange", "leap_keystorechange", "cosmostation_keystorechange"])
    window.addEventListener(ev, () => {
      if (state.wallet) void connect(state.wallet.walletId);
    });
  // Read again when a block with transactions is committed (websocket), polling with backoff
  // only while the socket is down or the node refuses.
  const live = new Live({ refresh: refreshOk, wsUrl: websocketUrl(state.d!.rpc), visible: () => !document.hidden });
  live.start();
  document.addEventListener("visibilitychange", () => {
    if (!document.hidden) live.request();
  });
  (window as { __flowLive?: Live }).__flowLive = live;
  // The countdown; a cycle that just ended is read again at once.
  let lastLeft = -1;
  setInterval(() => {
    const left = secondsLeft();
    if (lastLeft > 0 && left === 0) void refresh();
    lastLeft = left;
    update();
  }, 1_000);
}

void boot();
