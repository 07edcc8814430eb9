// The holon at a glance: name, token, the open cycle and its time left, treasury and budget,
// the policy in force, and what is needed most.
import { html, nothing } from "lit-html";

import { formatDecimal, formatDuration, formatShare, formatTime, formatTokens, isZero } from "../format";
import { thresholdWords } from "../governance";
import { byMembers, decimals, secondsLeft, state, symbol } from "../store";
import { MODEL_WORDS, card, coins, empty, scheduledLine, tokens, who } from "./common";

export function holonView() {
  const { info, tokenInfo, current, treasury, policy, preview } = state;
  const left = secondsLeft();
  const cat = (id: string) => state.categories.find((c) => c.id === id)?.label ?? id;
  const demand = [...state.demand].sort((a, b) => b.requesters - a.requesters || b.open_needs - a.open_needs);
  return html`
    <div class="grid">
      ${card(
        state.d?.holon ?? "",
        html`<dl class="facts">
          <div><dt>Token</dt><dd>${tokenInfo ? html`${tokenInfo.name} <b>(${tokenInfo.symbol})</b>` : "—"}</dd></div>
          <div><dt>In circulation</dt><dd>${tokens(tokenInfo?.total_supply)}</dd></div>
          <div><dt>Members</dt><dd data-testid="member-count">${state.members.length}</dd></div>
          <div><dt>${byMembers() ? "Governed by" : "Stewards"}</dt><dd data-testid="governed-by">${byMembers()
            ? html`<a href="#/proposals">the members</a>${state.gov?.threshold ? html` <span class="muted small">(${thresholdWords(state.gov.threshold)})</span>` : nothing}`
            : who(state.governance)}</dd></div>
          <div><dt>Chain</dt><dd>${state.d?.chain_id}</dd></div>
        </dl>`,
        { id: "holon-card", cls: "hero" },
      )}
      ${card(
        current ? `Cycle ${current.cycle}` : "Cycle",
        current
          ? html`<div class="big-time" data-testid="time-left">${left > 0 ? formatDuration(left) : "ended"}</div>
              <p class="muted">${left > 0 ? "left in this cycle" : "this cycle's time is up"} · ends ${formatTime(current.end)}</p>
              ${current.can_close
                ? html`<p class="notice">Cycle ${current.next_to_close} has ended and is waiting to be closed. Anyone can close it
                    from the <a href="#/stewards">Stewards</a> screen; then its contributors claim.</p>`
                : nothing}
              ${preview
                ? html`<p>If it closed now, the budget would be <b>${tokens(preview.budget)}</b>, shared by
                    ${isZero(preview.total_weight) ? "no contribution yet" : html`a total weight of <b>${formatDecimal(preview.total_weight)}</b>`}.</p>`
                : nothing}`
          : empty("Reading the cycle…"),
        { id: "cycle-card" },
      )}
      ${card(
        "Treasury",
        treasury && treasury.denom
          ? html`<dl class="facts">
                <div><dt>Held</dt><dd data-testid="treasury-held">${coins(treasury.held)}</dd></div>
                <div><dt>Unallocated (next budget)</dt><dd data-testid="treasury-unallocated">${coins(treasury.unallocated)}</dd></div>
                <div><dt>Allocated, not yet claimed</dt><dd>${coins(treasury.allocated)}</dd></div>
                <div><dt>Backing tokens in circulation</dt><dd>${coins(treasury.outstanding)}</dd></div>
                <div><dt>Reserve kept back</dt><dd>${coins(treasury.reserve)}</dd></div>
              </dl>
              <p class="muted small">Each ${symbol()} is backed by one unit of ${treasury.denom} and can be redeemed for it.</p>`
          : treasury
            ? html`<p>This holon has a fixed budget per cycle: its tokens are not backed by a treasury.</p>`
            : empty("Reading the treasury…"),
        { id: "treasury-card" },
      )}
      ${card(
        "How tokens are calculated",
        policy
          ? html`<p>Model <b>${policy.policy.model}</b>: ${MODEL_WORDS[policy.policy.model]} (policy version ${policy.version}).</p>
              <ul class="plain">
                <li>Budget of a cycle: the unallocated treasury at close, less a reserve of <b>${formatShare(policy.policy.reserve)}</b>.</li>
                <li>Baseline: <b>${formatShare(policy.policy.baseline)}</b> of the budget is shared equally by all members.</li>
                <li>The rest goes by weight: each contributor gets <code>floor(pool × their weight ÷ total weight)</code>.</li>
                ${policy.policy.max_credit_per_member
                  ? html`<li>At most <b>${formatDecimal(policy.policy.max_credit_per_member)}</b> hour-equivalents per member per cycle.</li>`
                  : nothing}
              </ul>
              ${scheduledLine()}
              <p class="muted small">Every payout can be recomputed from the chain: see <a href="#/flow">My flow</a> for the breakdown of each cycle.</p>`
          : empty("Reading the policy…"),
        { id: "policy-card" },
      )}
      ${card(
        `Members (${state.members.length})`,
        state.members.length
          ? html`<details class="member-list" ?open=${state.members.length <= 30}>
              <summary>${state.members.length} member${state.members.length === 1 ? "" : "s"}, total weight ${state.members.reduce((s, m) => s + m.weight, 0)}</summary>
              <ul class="plain" style="columns: 13rem" data-testid="member-list">${state.members.map(
                (m) => html`<li data-member=${m.addr} data-weight=${m.weight}>${who(m.addr)} <span class="muted small">weight ${m.weight}</span></li>`,
              )}</ul></details>`
          : empty("Reading the members…"),
        { id: "members-card", cls: "wide" },
      )}
      ${card(
        "What the holon needs",
        demand.length
          ? html`<table class="table">
              <thead><tr><th>Category</th><th class="num">Asking</th><th class="num">Offering</th><th class="num">Open needs</th></tr></thead>
              <tbody>${demand.map(
                (d) => html`<tr><td><a href="#/needs?c=${d.category}">${cat(d.category)}</a></td><td class="num">${d.requesters}</td>
                  <td class="num">${d.providers}</td><td class="num">${d.open_needs}</td></tr>`,
              )}</tbody></table>`
          : empty("No categories yet."),
        { id: "demand-card", cls: "wide" },
      )}
    </div>`;
}

export const budgetLine = () =>
  state.preview ? `${formatTokens(state.preview.budget, decimals())} ${symbol()}` : "";
