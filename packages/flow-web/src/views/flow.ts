// My flow: balance, claims, the open cycle's preview, a closed cycle's breakdown (explain)
// with the cycle's distribution across members, and what to do with tokens: gift, gift back
// to the pool, redeem against the treasury, exchange into another holon.
import { html, nothing } from "lit-html";

import { act, busy, refuse } from "../actions";
import { status } from "./status";
import { AmountError, formatDecimal, formatShare, formatTokens, isZero, mulFloor, parseTokens } from "../format";
import { loadDistribution, refresh } from "../load";
import { decimals, denom, me, state, symbol, update } from "../store";
import type { CycleView } from "../store";
import { card, coins, denomLabel, empty, fields, tokens, who } from "./common";
import { distributionChart, distributionTable } from "./chart";
import { PAGE } from "../paging";
import { resolveMember } from "./attest";

const tx = () => state.holon!.as(state.wallet!.client, state.wallet!.address);

function amountOf(form: HTMLFormElement, key: string): bigint | null {
  try {
    const v = parseTokens(fields(form).amount ?? "", decimals());
    if (v <= 0n) throw new AmountError("Enter an amount above zero.");
    return v;
  } catch (e) {
    refuse(key, (e as AmountError).message);
    return null;
  }
}

const claim = (k: number | null) =>
  act(
    k === null ? "claim-all" : `claim-${k}`,
    () => tx().distributor.claim(k === null ? {} : { cycle: k }),
    (res) => {
      const minted = mintedTo(res, me()!);
      if (minted !== null) {
        const more = claimAttr(res, "more") === "true" ? " Claim all again for later cycles." : "";
        return `Claimed ${formatTokens(minted, decimals())} ${symbol()}: they are in your wallet.${more}`;
      }
      // A bulk claim that looked at cycles owing nothing still moves on: say where it got to.
      const next = claimAttr(res, "next_cycle");
      return next && claimAttr(res, "more") === "true"
        ? `Nothing was owed to you in cycles ${claimAttr(res, "scanned_from")}–${Number(next) - 1}; press Claim all again to look at the next ones.`
        : "Claimed: the tokens are in your wallet.";
    },
    refresh,
  );

/** An attribute of the distributor's claim event. */
function claimAttr(res: unknown, key: string): string | undefined {
  const events = (res as { events?: { type: string; attributes: { key: string; value: string }[] }[] })?.events ?? [];
  for (const e of events) {
    if (!e.type.startsWith("wasm")) continue;
    if (e.attributes.some((a) => a.key === "action" && a.value === "claim")) {
      return e.attributes.find((a) => a.key === key)?.value;
    }
  }
  return undefined;
}

/** Tokens minted to `addr` by a claim (the cw20 mint event). */
function mintedTo(res: unknown, addr: string): bigint | null {
  const events = (res as { events?: { type: string; attributes: { key: string; value: string }[] }[] })?.events ?? [];
  let sum = 0n;
  let seen = false;
  for (const e of events) {
    if (!e.type.startsWith("wasm")) continue;
    const get = (k: string) => e.attributes.find((a) => a.key === k)?.value;
    if (get("action") === "mint" && get("to") === addr && get("amount")) {
      sum += BigInt(get("amount")!);
      seen = true;
    }
  }
  return seen ? sum : null;
}

async function gift(e: Event) {
  e.preventDefault();
  const form = e.target as HTMLFormElement;
  const amount = amountOf(form, "gift");
  if (amount === null) return;
  const to = resolveMember(fields(form).recipient ?? "");
  if (!to) return refuse("gift", "Say who receives the gift: a member's name or an address.");
  if (await act("gift", () => tx().token.transfer({ recipient: to, amount: amount.toString() }),
    `Gave ${formatTokens(amount, decimals())} ${symbol()}.`, refresh)) form.reset();
}

async function giftToPool(e: Event) {
  e.preventDefault();
  const form = e.target as HTMLFormElement;
  const amount = amountOf(form, "pool");
  if (amount === null) return;
  const d = state.d!;
  if (await act("pool", () => tx().sendToHolon(d.addresses.token, d.addresses.distributor, amount.toString(), { gift_to_pool: {} }),
    `Gave ${formatTokens(amount, decimals())} ${symbol()} back to the pool: they join the next cycle's budget.`, refresh)) form.reset();
}

async function redeem(e: Event) {
  e.preventDefault();
  const form = e.target as HTMLFormElement;
  const amount = amountOf(form, "redeem");
  if (amount === null) return;
  const d = state.d!;
  if (await act("redeem", () => tx().sendToHolon(d.addresses.token, d.addresses.distributor, amount.toString(), { redeem: { recipient: null } }),
    `Redeemed ${formatTokens(amount, decimals())} ${symbol()} for ${amount} ${denom()}.`, refresh)) form.reset();
}

async function exchange(e: Event) {
  e.preventDefault();
  const form = e.target as HTMLFormElement;
  const amount = amountOf(form, "exchange");
  if (amount === null) return;
  const target = state.targets.find((t) => t.distributor === fields(form).target);
  if (!target) return refuse("exchange", "Choose the holon to exchange into.");
  const d = state.d!;
  const get = target.accepted ? mulFloor(amount, target.accepted.rate) : 0n;
  if (await act("exchange", () => tx().sendToHolon(d.addresses.token, target.distributor, amount.toString(), { exchange: { recipient: null } }),
    `Exchanged ${formatTokens(amount, decimals())} ${symbol()} for ${formatTokens(get, target.decimals)} ${target.symbol}.`, refresh)) form.reset();
}

function moreShares() {
  const d = state.distribution;
  if (!d) return;
  update({ openShown: state.openShown + PAGE.cw4 });
  void loadDistribution(d.cycle, d.closed);
}

function selectCycle(k: number, closed: boolean) {
  update({ selectedCycle: k, chosenCycle: k, distribution: null });
  void loadDistribution(k, closed);
}

function breakdown(c: CycleView) {
  const x = c.mine;
  const info = c.info!;
  const label = (id: string) => state.categories.find((k) => k.id === id)?.label ?? id;
  if (!x) return empty("Connect your wallet to see your breakdown.");
  return html`<div class="breakdown" data-testid="explain-${c.cycle}">
    <p>Cycle ${c.cycle} was closed under policy v${info.policy_version} (model <b>${info.model}</b>). Budget
      ${tokens(info.budget)}: ${!isZero(info.baseline_pool) ? html`${tokens(info.baseline_pool)} shared equally as baseline, ` : nothing}
      ${tokens(info.contribution_pool)} by weight among ${info.contributors} contributor${info.contributors === 1 ? "" : "s"} (total weight W = ${formatDecimal(info.total_weight)}).</p>
    ${x.categories.length
      ? html`<div class="table-wrap wide-only"><table class="table compact">
          <thead><tr><th>Category</th><th class="num">Hours</th><th class="num">Credit</th><th class="num" title="impact × capacity">×I·K</th>
            <th class="num" title="scarcity factor N_c">×N</th><th class="num">Weight</th><th class="num">Share</th></tr></thead>
          <tbody>${x.categories.map((k) => html`<tr>
            <td>${label(k.category)}</td><td class="num">${formatDecimal(k.hours)}</td><td class="num">${formatDecimal(k.base_credit)}</td>
            <td class="num">${formatDecimal(k.multiplier)}</td><td class="num">${formatDecimal(k.factor)}</td>
            <td class="num">${formatDecimal(k.weight)}</td><td class="num">${formatShare(k.share)}</td></tr>`)}</tbody>
        </table></div>
        <ul class="phone-only cat-lines">${x.categories.map((k) => html`<li><b>${label(k.category)}</b>: ${formatDecimal(k.hours)} h, credit ${formatDecimal(k.base_credit)}
          × ${formatDecimal(k.multiplier)} (impact, capacity) × ${formatDecimal(k.factor)} (scarcity) = weight <b>${formatDecimal(k.weight)}</b>, ${formatShare(k.share)}</li>`)}</ul>`
      : html`<p class="muted">You had no contribution in this cycle.</p>`}
    <dl class="facts">
      <div><dt>Your weight W<sub>i</sub></dt><dd>${formatDecimal(x.weight)} of ${formatDecimal(x.total_weight)} (${formatShare(x.share)})</dd></div>
      <div><dt>By weight</dt><dd><code>floor(${formatTokens(x.contribution_pool, decimals())} × ${formatDecimal(x.weight)} ÷ ${formatDecimal(x.total_weight)})</code> = ${tokens(x.contribution_amount)}</dd></div>
      ${!isZero(x.baseline_amount) ? html`<div><dt>Baseline</dt><dd>${tokens(x.baseline_amount)}</dd></div>` : nothing}
      <div><dt>Your share</dt><dd><b>${tokens(x.amount, { testid: `explain-amount-${c.cycle}` })}</b> ${x.claimed ? html`<span class="chip good">claimed</span>` : BigInt(x.amount) > 0n ? html`<span class="chip warn">not claimed yet</span>` : nothing}</dd></div>
    </dl>
  </div>`;
}

export function flowView() {
  const addr = me();
  const cur = state.current;
  const p = state.preview;
  const unclaimed = state.cycles.filter((c) => c.mine && !c.mine.claimed && BigInt(c.mine.amount) > 0n);
  const total = unclaimed.reduce((s, c) => s + BigInt(c.mine!.amount), 0n);
  const sel = state.selectedCycle;
  const selView = state.cycles.find((c) => c.cycle === sel);
  const dist = state.distribution;
  const accepting = state.targets.filter((t) => t.accepted && t.accepted.enabled && !t.accepted.removed);
  const others = state.members.filter((m) => m.addr !== addr);
  return html`<div class="grid">
    ${card(
      "My tokens",
      addr
        ? html`<div class="big-amount">${tokens(state.balance, { testid: "balance" })}</div>
            ${state.targets.filter((t) => t.balance && t.balance !== "0").map(
              (t) => html`<p class="small">and <span data-testid="foreign-balance-${t.symbol}" data-base-units=${t.balance}>${formatTokens(t.balance!, t.decimals)} ${t.symbol}</span> of ${t.name}</p>`,
            )}
            ${unclaimed.length
              ? html`<div class="claim-box">
                  <p><b>${tokens(total)}</b> to claim from cycle${unclaimed.length > 1 ? "s" : ""} ${unclaimed.map((c) => c.cycle).join(", ")}.</p>
                  <div class="actions">
                    ${unclaimed.map((c) => html`<button ?disabled=${busy(`claim-${c.cycle}`) || busy("claim-all")} @click=${() => claim(c.cycle)}>Claim ${formatTokens(c.mine!.amount, decimals())} ${symbol()} (cycle ${c.cycle})</button>`)}
                    ${unclaimed.length > 1 ? html`<button class="secondary" ?disabled=${busy("claim-all")} @click=${() => claim(null)}>Claim all</button>` : nothing}
                  </div>
                </div>`
              : html`<p class="muted">Nothing to claim right now.</p>`}
            ${unclaimed.map((c) => status(`claim-${c.cycle}`))}${status("claim-all")}
            ${Object.keys(state.actions).filter((k) => /^claim-\d+$/.test(k) && !unclaimed.some((c) => `claim-${c.cycle}` === k)).map((k) => status(k))}`
        : empty("Connect your wallet to see your tokens."),
      { id: "tokens-card" },
    )}
    ${card(
      cur ? `Cycle ${cur.cycle} so far` : "This cycle",
      p && addr
        ? html`<dl class="facts" data-testid="preview">
            <div><dt>Your hours</dt><dd>${formatDecimal(p.hours)}</dd></div>
            <div><dt>Your weight</dt><dd>${formatDecimal(p.weight)} of ${formatDecimal(p.total_weight)} (${formatShare(p.share)})</dd></div>
            <div><dt>Budget if it closed now</dt><dd>${tokens(p.budget)}</dd></div>
            <div><dt>Your share if it closed now</dt><dd><b>${tokens(p.amount, { testid: "preview-amount" })}</b></dd></div>
          </dl>
          <p class="muted small">Only what is co-signed counts. The budget is fixed when the cycle closes.</p>`
        : empty(addr ? "Reading…" : "Connect your wallet to see your share."),
      { id: "preview-card" },
    )}
    ${card(
      "Cycles",
      html`<nav class="filters" aria-label="Cycles">
          ${cur ? html`<button class="pill ${sel === cur.cycle ? "on" : ""}" @click=${() => selectCycle(cur.cycle, false)}>Cycle ${cur.cycle} (open)</button>` : nothing}
          ${state.cycles.map((c) => html`<button class="pill ${sel === c.cycle ? "on" : ""}" @click=${() => selectCycle(c.cycle, true)}>Cycle ${c.cycle}</button>`)}
        </nav>
        ${selView ? breakdown(selView) : sel === cur?.cycle ? html`<p class="muted">The open cycle: shares below are what each member would get if it closed now.</p>` : nothing}
        ${dist && dist.cycle === sel
          ? html`${dist.rows.some((r) => r.amount !== "0")
              ? html`${distributionChart(dist.rows, `How cycle ${dist.cycle}${dist.closed ? " is shared among members" : dist.complete ? " would be shared among members if it closed now" : ` (so far) is shared among the first ${dist.rows.length} of ${dist.members} members`}, in ${symbol()}`)}
                  ${distributionTable(dist.rows, dist.closed ? dist.budget : null)}`
              : empty(`Nobody has earned anything in cycle ${dist.cycle}${dist.closed ? "" : " yet"}.`)}
            ${!dist.closed && !dist.complete && dist.rows.length < dist.members
              ? html`<p class="small muted">Shares so far of the first ${dist.rows.length} of ${dist.members} members.
                  <button class="ghost small-btn" data-testid="more-shares" @click=${moreShares}>Show ${Math.min(PAGE.cw4, dist.members - dist.rows.length)} more</button></p>`
              : nothing}`
          : html`<p class="muted">Reading the distribution…</p>`}`,
      { id: "cycles-card", cls: "wide" },
    )}
    ${card(
      "Give and use tokens",
      html`<div class="forms">
        <form class="form" aria-label="Gift tokens to a member" @submit=${gift}>
          <h3>Gift to a member</h3>
          <label>To <input name="recipient" list="gift-members" autocomplete="off" placeholder="a member's name or address" required />
            <datalist id="gift-members">${others.map((m) => html`<option value=${m.name ?? m.addr}></option>`)}</datalist></label>
          <label>Amount (${symbol()}) <input name="amount" inputmode="decimal" placeholder="10" required /></label>
          <div class="form-end"><button type="submit" ?disabled=${busy("gift") || !addr}>Give</button>${status("gift")}</div>
        </form>
        <form class="form" aria-label="Gift tokens back to the pool" @submit=${giftToPool}>
          <h3>Gift back to the pool</h3>
          <p class="small muted">The tokens are burned and their backing joins the next cycle's budget.</p>
          <label>Amount (${symbol()}) <input name="amount" inputmode="decimal" placeholder="10" required /></label>
          <div class="form-end"><button type="submit" ?disabled=${busy("pool") || !addr}>Give to the pool</button>${status("pool")}</div>
        </form>
        ${denom()
          ? html`<form class="form" aria-label="Redeem tokens against the treasury" @submit=${redeem}>
              <h3>Redeem</h3>
              <p class="small muted">Each ${symbol()} pays out one ${denomLabel(denom()!)} (${denom()} base unit for base unit) from the treasury.
                The treasury holds ${coins(state.treasury?.held)}.</p>
              <label>Amount (${symbol()}) <input name="amount" inputmode="decimal" placeholder="10" required /></label>
              <div class="form-end"><button type="submit" ?disabled=${busy("redeem") || !addr}>Redeem</button>${status("redeem")}</div>
            </form>`
          : nothing}
        <form class="form" aria-label="Exchange into another holon" @submit=${exchange}>
          <h3>Exchange into another holon</h3>
          ${accepting.length
            ? html`<label>Holon
                  <select name="target">${accepting.map((t) => html`<option value=${t.distributor}>${t.name} (${t.symbol}) — ${formatDecimal(t.accepted!.rate)} ${t.symbol} per ${symbol()}</option>`)}</select>
                </label>
                <p class="small muted">${accepting.map((t) => html`${t.name} holds ${formatTokens(t.accepted!.holdings, decimals())} of at most ${formatTokens(t.accepted!.credit_limit, decimals())} ${symbol()}. `)}</p>
                <label>Amount (${symbol()}) <input name="amount" inputmode="decimal" placeholder="10" required /></label>
                <div class="form-end"><button type="submit" ?disabled=${busy("exchange") || !addr}>Exchange</button>${status("exchange")}</div>`
            : html`<p class="muted small">No other holon on this chain accepts ${symbol()} yet.${state.targets.length ? html` Known: ${state.targets.map((t) => t.name).join(", ")}.` : nothing}</p>`}
        </form>
      </div>`,
      { id: "use-card", cls: "wide" },
    )}
  </div>`;
}

export { who };
