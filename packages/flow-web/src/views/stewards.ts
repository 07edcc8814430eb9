// For stewards: close ended cycles, fund the treasury, the policy (model, scarcity, reserve,
// baseline, caps), categories and their factors, accepted holons (accept, pause, remove,
// settle what is held at its treasury), the attestation rules. Everyone sees all of it
// (transparency); the contracts refuse changes by anyone but governance, and the page says so.
import { html, nothing } from "lit-html";

import { act, busy, refuse } from "../actions";
import { status } from "./status";
import { membershipActions, periodWords, ruleWords, thresholdWords, totalWeight, wasmExecute } from "../governance";
import { FeeGrantError, feeGrantPlan, grantAny, granterSteps, revokeAny, toEncodeObject } from "../feegrant";
import { steer, verb } from "../steer";
import { AmountError, formatDecimal, formatDuration, formatShare, formatTime, formatTokens, parseDecimal, parseTokens, parseWhole } from "../format";
import { refresh, reloadAll } from "../load";
import { prefixOf } from "../chain";
import { byMembers, decimals, denom, isSteward, nameOf, secondsLeft, state, symbol } from "../store";
import type { Member } from "../holon";
import type { AcceptedHolon, Policy, PolicyResponse, Scarcity } from "@cw-flow/client/Distributor.types";
import type { Category } from "@cw-flow/client/NeedRegistry.types";
import type { AttestationPolicy } from "@cw-flow/client/Attestation.types";
import { MODEL_WORDS, card, coins, denomLabel, empty, fields, scheduledLine, tokens, who } from "./common";

const tx = () => state.holon!.as(state.wallet!.client, state.wallet!.address);

/** "12.5" (percent) → "0.125" (a Decimal fraction). */
export function percentToFraction(text: string, what: string): string {
  const d = parseDecimal(text || "0", what);
  const [w, f = ""] = d.split(".");
  const scaled = BigInt(w + f.padEnd(18, "0")); // × 10^18
  const frac = scaled / 100n; // ÷ 100, still × 10^18 (≤ 16 fraction digits typed stay exact)
  const s = frac.toString().padStart(19, "0");
  const whole = s.slice(0, -18).replace(/^0+(?=\d)/, "");
  const fr = s.slice(-18).replace(/0+$/, "");
  return fr ? `${whole}.${fr}` : whole;
}

const pct = (d: string) => formatShare(d, 4).replace("%", "");

/** Closes every ended cycle in one transaction, counted from the chain at the moment of the click. */
async function closeCycles() {
  await act(
    "close",
    async () => {
      const c = await state.holon!.distributor.currentCycle();
      const count = c.cycle - c.next_to_close;
      if (count <= 0) throw new Error(`cycle ${c.cycle} has not ended yet: it ends at ${c.end}`);
      closing = count === 1 ? `cycle ${c.next_to_close}` : `cycles ${c.next_to_close}–${c.cycle - 1}`;
      return tx().closeCycles(count);
    },
    () => `Closed ${closing}. Contributors can claim now.`,
    refresh,
  );
}
let closing = "";

/** Funds the treasury with the amount the form names (treasury holons only). */
async function fund(e: Event) {
  e.preventDefault();
  const form = e.target as HTMLFormElement;
  const f = fields(form);
  const d = denom();
  if (!d) return refuse("fund", "This holon has a fixed budget: there is no treasury to fund.");
  let amount: bigint;
  try {
    amount = parseTokens(f.amount ?? "", decimals());
    if (amount <= 0n) throw new AmountError("Enter an amount above zero.");
  } catch (err) {
    return refuse("fund", (err as AmountError).message);
  }
  const ok = await act(
    "fund",
    () => tx().distributor.fund({ memo: f.memo?.trim() || undefined }, "auto", undefined, [{ denom: d, amount: amount.toString() }]),
    `Added ${formatTokens(amount, decimals())} ${denomLabel(d)} to the treasury.`,
    refresh,
  );
  if (ok) form.reset();
}

/** The policy the policy form describes (throws an AmountError on a bad number). */
function policyFrom(f: Record<string, string>): Policy {
  const scarcity: Scarcity =
    f.scarcity === "auto"
      ? { auto: { min: parseDecimal(f.auto_min || "0.5", "minimum factor"), max: parseDecimal(f.auto_max || "2", "maximum factor") } }
      : {
          fixed: {
            factors: state.categories
              .filter((c) => (f[`factor_${c.id}`] ?? "").trim() !== "")
              .map((c) => ({ category: c.id, factor: parseDecimal(f[`factor_${c.id}`], `factor of ${c.label}`) })),
          },
        };
  return {
    model: f.model as Policy["model"],
    scarcity,
    capacity_bonus: parseDecimal(f.capacity_bonus || "0", "capacity bonus"),
    reserve: percentToFraction(f.reserve, "reserve"),
    baseline: percentToFraction(f.baseline, "baseline"),
    max_credit_per_member: f.max_credit?.trim() ? parseDecimal(f.max_credit, "cap") : null,
    anyone_may_settle: f.anyone_may_settle === "on",
  };
}

/** Saves the policy form as the next cycle's policy. */
async function setPolicy(e: Event) {
  e.preventDefault();
  let policy: Policy;
  try {
    policy = policyFrom(fields(e.target as HTMLFormElement));
  } catch (err) {
    return refuse("policy", (err as AmountError).message);
  }
  const next = (state.current?.cycle ?? 0) + 1;
  await steer("policy", { kind: "set_policy", policy }, () => tx().distributor.setPolicy({ policy }), `Saved as a new policy version: it applies from cycle ${next}.`, reloadAll);
}

/** Adds or changes the category the category form describes. */
async function setCategory(e: Event) {
  e.preventDefault();
  const f = fields(e.target as HTMLFormElement);
  let category;
  try {
    category = {
      id: f.id.trim(),
      label: f.label.trim() || f.id.trim(),
      impact: parseDecimal(f.impact || "1", "impact"),
      need_factor: parseDecimal(f.need_factor || "1", "need factor"),
      unit_credit: parseDecimal(f.unit_credit || "0", "unit credit"),
      capacity_building: f.capacity_building === "on",
    };
  } catch (err) {
    return refuse("category", (err as AmountError).message);
  }
  await steer("category", { kind: "set_category", category }, () => tx().registry.setCategory({ category }), `Saved category “${category.label}”. New needs take its factors.`, reloadAll);
}

/** Fills the category form with category `id`, to change it. */
function editCategory(id: string) {
  const c = state.categories.find((x) => x.id === id);
  const form = document.querySelector<HTMLFormElement>("form[aria-label='Add or change a category']");
  if (!c || !form) return;
  (form.elements.namedItem("id") as HTMLInputElement).value = c.id;
  (form.elements.namedItem("label") as HTMLInputElement).value = c.label;
  (form.elements.namedItem("impact") as HTMLInputElement).value = c.impact;
  (form.elements.namedItem("need_factor") as HTMLInputElement).value = c.need_factor;
  (form.elements.namedItem("unit_credit") as HTMLInputElement).value = c.unit_credit;
  (form.elements.namedItem("capacity_building") as HTMLInputElement).checked = c.capacity_building;
  form.scrollIntoView({ behavior: "smooth", block: "center" });
}

/** Accepts the other holon's token the form names, at its rate and up to its limit. */
async function acceptHolon(e: Event) {
  e.preventDefault();
  const form = e.target as HTMLFormElement;
  const f = fields(form);
  const distributor = f.distributor.trim();
  const known = state.targets.find((t) => t.distributor === distributor);
  let rate: string, limit: bigint;
  try {
    rate = parseDecimal(f.rate, "rate");
    limit = parseTokens(f.limit ?? "", known?.decimals ?? 6);
  } catch (err) {
    return refuse("accept", (err as AmountError).message);
  }
  if (!distributor) return refuse("accept", "Paste the other holon's distributor address.");
  const ok = await steer(
    "accept",
    { kind: "accept_holon", distributor, rate, credit_limit: limit.toString() },
    () => tx().distributor.acceptHolon({ distributor, rate, creditLimit: limit.toString() }),
    `Accepted${known ? ` ${known.name}` : ""}: its members can now exchange into ${symbol()}.`,
    refresh,
  );
  if (ok) form.reset();
}

/** Redeems what this holon holds of another holon's tokens at that holon's treasury. */
async function settle(h: AcceptedHolon) {
  const held = formatTokens(h.holdings, 6);
  // Anyone may settle when the policy says so; else it is governance's to decide.
  const run = state.policy?.policy.anyone_may_settle ? act : (key: string, direct: () => Promise<unknown>, ok: string, after: () => Promise<void>) =>
    steer(key, { kind: "settle_foreign", token: h.token }, direct as () => Promise<void>, ok, after);
  await run(
    `holon-${h.token}`,
    () => tx().distributor.settleForeign({ token: h.token }),
    `Settled: ${held} of ${h.name}'s tokens redeemed at its treasury, paid into ours.`,
    refresh,
  );
}

/** Pauses an accepted holon's token, or accepts it again. */
async function toggleHolon(h: AcceptedHolon) {
  await steer(
    `holon-${h.token}`,
    { kind: "update_holon", token: h.token, enabled: !h.enabled },
    () => tx().distributor.updateHolon({ token: h.token, enabled: !h.enabled }),
    h.enabled ? "Paused." : "Accepting again.",
    refresh,
  );
}

/** Stops accepting a holon's token; what is held stays redeemable. */
async function removeHolon(h: AcceptedHolon) {
  await steer(`holon-${h.token}`, { kind: "remove_holon", token: h.token }, () => tx().distributor.removeHolon({ token: h.token }), "Removed: what is held stays redeemable.", refresh);
}

/** The longest challenge window or expiry the form takes: a year. */
const YEAR = 365 * 24 * 3600;

/** Saves the attestation rules form; they apply at once. */
async function setRules(e: Event) {
  e.preventDefault();
  const f = fields(e.target as HTMLFormElement);
  let policy: AttestationPolicy;
  try {
    policy = {
      cosigns_required: parseWhole(f.cosigns_required ?? "", "number of co-signs", 1, 5),
      challenge_seconds: parseWhole(f.challenge_seconds || "0", "challenge window", 0, YEAR),
      max_hours_per_attestation: parseDecimal(f.max_hours_per_attestation ?? "", "most hours per attestation"),
      max_hours_per_cycle: parseDecimal(f.max_hours_per_cycle ?? "", "most hours per cycle"),
      max_cosigns_per_pair_per_cycle: parseWhole(f.max_cosigns_per_pair_per_cycle ?? "", "co-signs per pair", 1, 1000),
      pending_expiry_seconds: parseWhole(f.pending_expiry_seconds || "0", "expiry", 0, YEAR),
    };
  } catch (err) {
    return refuse("rules", (err as AmountError).message);
  }
  await steer("rules", { kind: "set_attestation_policy", policy }, () => tx().attestation.setPolicy({ policy }), "Saved: the attestation rules apply at once.", reloadAll);
}

/** The fixed scarcity factor the policy in force gives category `id`, or "" (none, or auto scarcity). */
function fixedFactor(id: string): string {
  const p = state.policy?.policy;
  return p && "fixed" in p.scarcity ? p.scarcity.fixed.factors.find((x) => x.category === id)?.factor ?? "" : "";
}

/** The stewards' screen: who may change what, then one card per setting. */
export function stewardsView() {
  return html`
    ${stewardsNotice()}
    <div class="grid">
    ${closeCard()}
    ${fundCard()}
    ${policyCard()}
    ${categoriesCard()}
    ${acceptedCard()}
    ${rulesCard()}
    ${membersCard()}
    </div>`;
}

/** Whether the connected wallet is the holon's governance, in words. */
function stewardsNotice() {
  if (byMembers()) return membersNotice();
  return !state.wallet
    ? html`<p class="notice">Anyone can read these settings. Connect the stewards' wallet to change them.</p>`
    : isSteward()
      ? html`<p class="notice good">You are connected as the holon's stewards (governance).</p>`
      : html`<p class="notice">Your wallet is not the holon's governance (${who(state.governance)}): anyone can close cycles and fund
            the treasury, but the contracts refuse other changes from you, and this page will say so.</p>`;
}

/** "Close the cycle": the ended cycles and the button that closes them, or when the open one ends. */
function closeCard() {
  const cur = state.current;
  const toClose = cur && cur.can_close ? cur.cycle - cur.next_to_close : 0;
  return card(
    "Close the cycle",
    cur
      ? html`${toClose > 0
            ? html`<p>${toClose === 1 ? html`Cycle ${cur.next_to_close} has ended.` : html`Cycles ${cur.next_to_close}–${cur.cycle - 1} have ended.`}
                Closing pins the budget and the factors; then members claim.</p>
                <div class="actions"><button ?disabled=${busy("close")} @click=${closeCycles}>${toClose === 1 ? `Close cycle ${cur.next_to_close}` : "Close the ended cycles"}</button></div>`
            : html`<p>Cycle ${cur.cycle} is open: it can be closed once it ends${secondsLeft() > 0 ? html`, in ${formatDuration(secondsLeft())}` : nothing}. Every earlier cycle is closed.</p>`}
          ${status("close")}`
      : empty("Reading…"),
    { id: "close-card" },
  );
}

/** "Fund the treasury": what it holds, the fund form and the funds so far; or the fixed budget. */
function fundCard() {
  return card(
    "Fund the treasury",
    denom()
      ? html`<p>The treasury holds ${coins(state.treasury?.held)}; ${coins(state.treasury?.unallocated)} is unallocated and goes into the next close.</p>
          ${fundForm()}
          ${fundsTable()}`
      : html`<p>This holon has a fixed budget of ${tokens((state.config?.budget as { fixed?: { emission: string } })?.fixed?.emission ?? null)} per cycle: no treasury.</p>`,
    { id: "fund-card" },
  );
}

/** The form that funds the treasury. */
function fundForm() {
  return html`<form class="form" aria-label="Fund the treasury" @submit=${fund}>
            <label>Amount (${denomLabel(denom()!)}) <input name="amount" inputmode="decimal" placeholder="5000" required /></label>
            <label>Memo <input name="memo" maxlength="256" placeholder="Bread sales, March" /></label>
            <div class="form-end span2"><button type="submit" ?disabled=${busy("fund") || !state.wallet}>Fund</button>${status("fund")}</div>
          </form>`;
}

/** The treasury's funds so far (who, how much, memo, cycle), if any. */
function fundsTable() {
  return state.funds.length
    ? html`<div class="table-wrap"><table class="table"><thead><tr><th>From</th><th class="num">Amount</th><th>Memo</th><th>Cycle</th></tr></thead>
        <tbody>${state.funds.map((r) => html`<tr><td>${who(r.from)}</td><td class="num">${coins(r.amount)}</td><td>${r.memo ?? ""}</td><td>${r.cycle}</td></tr>`)}</tbody></table></div>`
    : nothing;
}

/** "Policy": the version in force, its schedule, and the form for the next cycle's. */
function policyCard() {
  const policy = state.policy;
  const p = policy?.policy;
  return card(
    "Policy",
    p && policy
      ? html`${policySummary(policy)}
          ${policyForm(p)}`
      : empty("Reading the policy…"),
    { id: "policy-form-card", cls: "wide" },
  );
}

/** The policy in force and the schedule of versions, in words. */
function policySummary(policy: PolicyResponse) {
  const p = policy.policy;
  return html`<p>Version <b>${policy.version}</b> is in force: model <b>${p.model}</b> (${MODEL_WORDS[p.model]}), reserve ${formatShare(p.reserve)},
            baseline ${formatShare(p.baseline)}, ${"auto" in p.scarcity ? html`scarcity auto (${formatDecimal(p.scarcity.auto.min)}–${formatDecimal(p.scarcity.auto.max)})` : "scarcity fixed"},
            capacity bonus ${formatDecimal(p.capacity_bonus)}, ${p.max_credit_per_member ? html`cap ${formatDecimal(p.max_credit_per_member)} h per member` : "no cap per member"}.</p>
          ${scheduledLine()}
          <p class="small muted" data-testid="policy-schedule">Schedule: ${policy.schedule.map((s, i) => html`${i ? " · " : ""}v${s.version} from cycle ${s.from_cycle}`)}. A change applies from the next cycle.</p>`;
}

/** The form that changes the policy, filled with the one in force. */
function policyForm(p: Policy) {
  return html`<form class="form" aria-label="Change the policy" @submit=${setPolicy}>
            <label>Model
              <select name="model">${(["time", "need", "impact", "hybrid"] as const).map((m) => html`<option value=${m} ?selected=${p.model === m}>${m}: ${MODEL_WORDS[m]}</option>`)}</select>
            </label>
            <label>Scarcity
              <select name="scarcity">
                <option value="fixed" ?selected=${"fixed" in p.scarcity}>fixed factors per category</option>
                <option value="auto" ?selected=${"auto" in p.scarcity}>auto: requesters ÷ contributors</option>
              </select>
            </label>
            <label>Auto: lowest factor <input name="auto_min" inputmode="decimal" .value=${"auto" in p.scarcity ? p.scarcity.auto.min : "0.5"} /></label>
            <label>Auto: highest factor <input name="auto_max" inputmode="decimal" .value=${"auto" in p.scarcity ? p.scarcity.auto.max : "2"} /></label>
            <fieldset class="span2"><legend>Fixed scarcity factor per category (blank: the category's need factor)</legend>
              <div class="factor-grid">${state.categories.map((c) => html`<label>${c.label} <input name="factor_${c.id}" inputmode="decimal" .value=${fixedFactor(c.id)} placeholder=${c.need_factor} /></label>`)}</div>
            </fieldset>
            <label>Reserve kept back (%) <input name="reserve" inputmode="decimal" .value=${pct(p.reserve)} /></label>
            <label>Baseline shared equally (%) <input name="baseline" inputmode="decimal" .value=${pct(p.baseline)} /></label>
            <label>Capacity-building bonus <input name="capacity_bonus" inputmode="decimal" .value=${p.capacity_bonus} /></label>
            <label>Most hour-equivalents per member per cycle <input name="max_credit" inputmode="decimal" .value=${p.max_credit_per_member ?? ""} placeholder="no cap" /></label>
            <label class="check span2"><input type="checkbox" name="anyone_may_settle" ?checked=${p.anyone_may_settle} /> Anyone may settle foreign tokens at their holon's treasury</label>
            <div class="form-end span2"><button type="submit" ?disabled=${busy("policy") || !state.wallet}>${verb("Save as the next cycle's policy", "Propose as the next cycle's policy")}</button>${status("policy")}</div>
          </form>`;
}

/** "Categories": the table of categories and the form that adds or changes one. */
function categoriesCard() {
  return card(
    "Categories",
    html`<div class="table-wrap"><table class="table">
        <thead><tr><th>Category</th><th class="num">Impact</th><th class="num">Need factor</th><th class="num">Unit credit</th><th>Capacity</th><th class="num">Asking</th><th></th></tr></thead>
        <tbody>${state.categories.map(categoryRow)}</tbody></table></div>
      ${categoryForm()}`,
    { id: "categories-card", cls: "wide" },
  );
}

/** One category's row: its factors, how many ask for it, and its Edit button. */
function categoryRow(c: Category) {
  const d = state.demand.find((x) => x.category === c.id);
  return html`<tr><td>${c.label} <span class="muted small">${c.id}</span></td><td class="num">${formatDecimal(c.impact)}</td>
            <td class="num">${formatDecimal(fixedFactor(c.id) || c.need_factor)}</td><td class="num">${formatDecimal(c.unit_credit)}</td>
            <td>${c.capacity_building ? "builds capacity" : ""}</td><td class="num">${d?.requesters ?? 0}</td>
            <td><button class="ghost small-btn" @click=${() => editCategory(c.id)}>Edit</button></td></tr>`;
}

/** The form that adds a category or changes one (Edit fills it). */
function categoryForm() {
  return html`<form class="form" aria-label="Add or change a category" @submit=${setCategory}>
        <label>Id <input name="id" required maxlength="32" pattern="[a-z0-9_-]+" placeholder="tool-lending" /></label>
        <label>Label <input name="label" maxlength="64" placeholder="Tool lending" /></label>
        <label>Impact (0–10) <input name="impact" inputmode="decimal" placeholder="1" /></label>
        <label>Need factor <input name="need_factor" inputmode="decimal" placeholder="1" /></label>
        <label>Hours credited per unit <input name="unit_credit" inputmode="decimal" placeholder="0" /></label>
        <label class="check"><input type="checkbox" name="capacity_building" /> Builds capacity</label>
        <div class="form-end span2"><button type="submit" ?disabled=${busy("category") || !state.wallet}>${verb("Save category", "Propose this category")}</button>${status("category")}</div>
      </form>`;
}

/** "Accepted holons": the foreign holons whose tokens this one takes, and the form that accepts one. */
function acceptedCard() {
  return card(
    "Accepted holons",
    html`${state.accepted.length
        ? html`<div class="table-wrap"><table class="table">
            <thead><tr><th>Holon</th><th class="num">Rate</th><th class="num">Holding / limit</th><th>State</th><th></th></tr></thead>
            <tbody>${state.accepted.map(acceptedRow)}</tbody></table></div>`
        : html`<p class="muted">This holon accepts no other holon's token yet.</p>`}
      ${acceptHolonForm()}`,
    { id: "accepted-card", cls: "wide" },
  );
}

/** One accepted holon's row: rate, holding and limit, state, and Settle / Pause or Resume / Remove. */
function acceptedRow(h: AcceptedHolon) {
  return html`<tr data-testid="accepted-${h.name}">
              <td>${h.name}<br /><span class="muted small">${h.token}</span></td>
              <td class="num">${formatDecimal(h.rate)} ${symbol()} each</td>
              <td class="num">${formatTokens(h.holdings, 6)} / ${formatTokens(h.credit_limit, 6)}</td>
              <td>${h.removed ? "removed" : h.enabled ? "accepting" : "paused"}</td>
              <td>${BigInt(h.holdings) > 0n
                ? html`<button class="ghost small-btn" ?disabled=${busy(`holon-${h.token}`)} @click=${() => settle(h)}>${state.policy?.policy.anyone_may_settle ? "Settle" : verb("Settle", "Propose settling")}</button> `
                : nothing}${h.removed
                ? nothing
                : html`<button class="ghost small-btn" ?disabled=${busy(`holon-${h.token}`)} @click=${() => toggleHolon(h)}>${h.enabled ? verb("Pause", "Propose pausing") : verb("Resume", "Propose resuming")}</button>
                    <button class="ghost small-btn" ?disabled=${busy(`holon-${h.token}`)} @click=${() => removeHolon(h)}>${verb("Remove", "Propose removing")}</button>`}
                ${status(`holon-${h.token}`)}</td></tr>`;
}

/** The form that accepts another holon's token (the known holons offered in a list). */
function acceptHolonForm() {
  return html`<form class="form" aria-label="Accept another holon's token" @submit=${acceptHolon}>
        <label class="span2">Other holon's distributor
          <input name="distributor" list="known-holons" required autocomplete="off" placeholder="${prefixOf(state.d!)}1…" />
          <datalist id="known-holons">${state.targets.map((t) => html`<option value=${t.distributor}>${t.name} (${t.symbol})</option>`)}</datalist>
        </label>
        <label>Rate (${symbol()} per their token) <input name="rate" inputmode="decimal" required placeholder="1" /></label>
        <label>Most of their tokens to hold <input name="limit" inputmode="decimal" required placeholder="1000" /></label>
        <div class="form-end span2"><button type="submit" ?disabled=${busy("accept") || !state.wallet}>${verb("Accept", "Propose accepting it")}</button>${status("accept")}</div>
      </form>`;
}

/** "Attestation rules": the rules in force, the disputes waiting, the form, and the cycle clock. */
function rulesCard() {
  const ap = state.attestationConfig?.policy;
  return card(
    "Attestation rules",
    ap
      ? html`${rulesFacts(ap)}
        ${disputesWaiting()}
        ${rulesForm(ap)}
        <p class="small muted">Cycle clock: ${state.config ? html`${state.config.cycle_seconds} s per cycle since ${formatTime(state.config.start)}` : "—"}.</p>`
      : empty("Reading…"),
    { id: "rules-card", cls: "wide" },
  );
}

/** The attestation rules in force, as a list of facts. */
function rulesFacts(ap: AttestationPolicy) {
  return html`<dl class="facts">
          <div><dt>Co-signs needed</dt><dd>${ap.cosigns_required}</dd></div>
          <div><dt>Challenge window</dt><dd>${Number(ap.challenge_seconds) ? `${ap.challenge_seconds} s` : "none"}</dd></div>
          <div><dt>Hours per attestation</dt><dd>at most ${formatDecimal(ap.max_hours_per_attestation)}</dd></div>
          <div><dt>Hours per member per cycle</dt><dd>at most ${formatDecimal(ap.max_hours_per_cycle)}</dd></div>
          <div><dt>Co-signs per pair per cycle</dt><dd>at most ${ap.max_cosigns_per_pair_per_cycle}</dd></div>
          <div><dt>Pending attestations expire</dt><dd>${Number(ap.pending_expiry_seconds) ? `after ${ap.pending_expiry_seconds} s` : "never"}</dd></div>
        </dl>`;
}

/** A link to the disputes that wait for the stewards, if any. */
function disputesWaiting() {
  return state.disputed.length ? html`<p><a href="#/cosign">${state.disputed.length} dispute(s)</a> wait for the stewards.</p>` : nothing;
}

/** The form that changes the attestation rules, filled with those in force. */
function rulesForm(ap: AttestationPolicy) {
  return html`<form class="form" aria-label="Change the attestation rules" @submit=${setRules}>
          <label>Co-signs needed (1–5) <input name="cosigns_required" inputmode="numeric" .value=${String(ap.cosigns_required)} /></label>
          <label>Challenge window (seconds, 0: none) <input name="challenge_seconds" inputmode="numeric" .value=${String(ap.challenge_seconds)} /></label>
          <label>Most hours per attestation <input name="max_hours_per_attestation" inputmode="decimal" .value=${ap.max_hours_per_attestation} /></label>
          <label>Most hours per member per cycle <input name="max_hours_per_cycle" inputmode="decimal" .value=${ap.max_hours_per_cycle} /></label>
          <label>Co-signs per pair per cycle <input name="max_cosigns_per_pair_per_cycle" inputmode="numeric" .value=${String(ap.max_cosigns_per_pair_per_cycle)} /></label>
          <label>Pending attestations expire after (seconds, 0: never) <input name="pending_expiry_seconds" inputmode="numeric" .value=${String(ap.pending_expiry_seconds)} /></label>
          <div class="form-end span2"><button type="submit" ?disabled=${busy("rules") || !state.wallet}>${verb("Save the rules", "Propose these rules")}</button>${status("rules")}</div>
        </form>`;
}

/** When the members govern: how they decide, and this wallet's say in it. */
function membersNotice() {
  const gov = state.gov!;
  const t = gov.threshold;
  const weight = state.myVotingWeight;
  return html`<div class="notice good" data-testid="governance-notice">
    <p><b>This holon is governed by its members.</b> Every change on this screen becomes a proposal that the members vote on
      (<a href="#/proposals">Proposals</a>); it is made once the proposal passes and someone executes it. Closing cycles and
      funding the treasury stay open to everyone.</p>
    ${t ? html`<p class="small">${ruleWords(t)} Now: ${thresholdWords(t)}${gov.config ? html`; voting lasts ${periodWords(gov.config.max_voting_period)}` : nothing}.</p>` : nothing}
    ${!state.wallet
      ? html`<p class="small">Connect your wallet to propose.</p>`
      : weight && weight > 0
        ? html`<p class="small" data-testid="stewards-voting-weight">Your voting weight: <b>${weight}</b>${t ? html` of ${totalWeight(t)}` : nothing}.</p>`
        : html`<p class="small">Your wallet is not a member: the multisig will refuse its proposals, and this page will say so.</p>`}
  </div>`;
}

/** "Members": the group's members and weights; add, re-weigh or remove one (the group's admin does it). */
function membersCard() {
  const canTry = !!state.wallet;
  return card(
    "Members",
    html`<div class="table-wrap"><table class="table">
        <thead><tr><th>Member</th><th class="num">Weight</th><th></th></tr></thead>
        <tbody>${state.members.map(memberRow)}</tbody></table></div>
      <form class="form" aria-label="Add a member or change a weight" @submit=${changeMember}>
        <label>Name or address <input name="member" required autocomplete="off" placeholder="${prefixOf(state.d!)}1…" /></label>
        <label>Weight (votes and share of the baseline) <input name="weight" inputmode="numeric" placeholder="1" /></label>
        <div class="form-end span2"><button type="submit" ?disabled=${busy("members") || !canTry}>${verb("Save the member", "Propose this member")}</button>${status("members")}</div>
      </form>
      <p class="small muted">${byMembers() ? "A member added by proposal attests and votes on proposals made after it; a removed member no longer can." : "Only the group's admin (the holon's governance) can change the members."}</p>
      ${membersFeesLine()}`,
    { id: "members-card", cls: "wide" },
  );
}

/** Who grants a new member the holon's fee allowance, said where members are added. */
function membersFeesLine() {
  const d = state.d!;
  if (!d.fee_granter) return nothing;
  const gov = state.gov?.address ?? d.governance;
  const line =
    d.fee_granter === gov
      ? byMembers()
        ? "The holon pays its members' fees from the members' multisig: the proposal that adds a member also grants them the holon's allowance, and the one that removes a member revokes it."
        : "The holon pays its members' fees from the governing wallet: adding a member grants them the holon's allowance in the same transaction, removing one revokes it."
      : `The holon pays its members' fees from the account ${d.fee_granter}: after a member is added or removed, that account grants or revokes the allowance with scripts/feegrant.mjs (the page names the command).`;
  return html`<p class="small" data-testid="members-fees">${line}</p>`;
}

function memberRow(m: Member) {
  return html`<tr data-testid="member-${m.addr}"><td>${nameOf(m.addr) ?? ""} <span class="muted small">${m.addr}</span></td><td class="num">${m.weight}</td>
    <td><button class="ghost small-btn" ?disabled=${busy(`member-${m.addr}`) || !state.wallet} @click=${() => removeMember(m)}>${verb("Remove", "Propose removing")}</button>
    ${status(`member-${m.addr}`)}</td></tr>`;
}

const groupTx = () => {
  const w = state.wallet!;
  return (msg: unknown) => w.client.execute(w.address, state.d!.addresses.group, msg, "auto");
};

/**
 * A membership change with the holon's fee grant, as scripts/governance.mjs --add-member /
 * --remove-member makes it: where the granter is the holon's governance, the grant of each
 * joining member and the revoke of each leaving one go with the group's update_members (in the
 * proposal when the members govern; in the same transaction when the governing wallet is the
 * granter and signs); where an account is the granter, the steward is told the command it runs.
 */
function membershipChange(key: string, add: { addr: string; weight: number }[], remove: string[], success: string, after: () => Promise<void>) {
  const d = state.d!;
  let plan;
  try {
    plan = feeGrantPlan(d, state.gov?.address ?? d.governance);
  } catch (e) {
    return refuse(key, e instanceof FeeGrantError ? `This can't be done from the page: ${e.message}.` : String(e));
  }
  const current = state.members.map((m) => m.addr);
  const joining = add.filter((a) => !current.includes(a.addr)).map((a) => a.addr);
  const grant = plan.kind === "governance" ? { granter: plan.granter, allowance: plan.record } : null;
  const note = plan.kind === "account" ? granterSteps(d, plan.granter, joining, remove, byMembers()) : null;
  const update = { update_members: { add, remove } };
  const direct = async () => {
    const w = state.wallet!;
    // The governing wallet is the granter: it grants and revokes in the same transaction.
    if (!grant || w.address !== grant.granter || (joining.length === 0 && remove.length === 0)) return groupTx()(update);
    const msgs = membershipActions({ add, remove }, grant, current).map((a) => {
      if (a.kind === "grant_fees") return grantAny(a.granter, a.grantee, a.allowance);
      if (a.kind === "revoke_fees") return revokeAny(a.granter, a.grantee);
      return wasmExecute(d.addresses.group, update);
    });
    return w.client.signAndBroadcast(w.address, msgs.map((m) => toEncodeObject(w.address, m)), "auto").then((r) => {
      if (r.code !== 0) throw new Error(`Error when broadcasting tx ${r.transactionHash} at height ${r.height}. Code: ${r.code}; Raw log: ${r.rawLog}`);
      return r;
    });
  };
  const grantsNow = !byMembers() && !!grant && state.wallet?.address === grant.granter && (joining.length > 0 || remove.length > 0);
  const said = grantsNow ? `${success} ${feesWords(joining, remove)}` : success;
  return steer(key, membershipActions({ add, remove }, grant, current), direct, said, after, note);
}

const feesWords = (joining: string[], remove: string[]) =>
  [joining.length ? "The holon pays their fees from now on." : "", remove.length ? "The holon no longer pays their fees." : ""].filter(Boolean).join(" ");


/** A member's address from what was typed: a name of the deployment file, or an address. */
function memberAddress(text: string): string | null {
  const t = text.trim();
  const named = state.members.find((m) => m.name === t)?.addr ?? state.d?.members?.find((m) => m.name === t)?.address;
  if (named) return named;
  return t.startsWith(`${prefixOf(state.d!)}1`) && t.length > 38 ? t : null;
}

async function changeMember(e: Event) {
  e.preventDefault();
  const form = e.target as HTMLFormElement;
  const f = fields(form);
  const addr = memberAddress(f.member ?? "");
  if (!addr) return refuse("members", `Type a member's name from this holon or a ${prefixOf(state.d!)}1… address.`);
  let weight: number;
  try {
    weight = parseWhole(f.weight || "1", "weight", 0, 1_000_000);
  } catch (err) {
    return refuse("members", (err as AmountError).message);
  }
  const add = [{ addr, weight }];
  const was = state.members.find((m) => m.addr === addr);
  const ok = await membershipChange(
    "members",
    add,
    [],
    was ? `${nameOf(addr) ?? addr} now has weight ${weight}.` : `${nameOf(addr) ?? addr} is a member now (weight ${weight}).`,
    reloadAll,
  );
  if (ok) form.reset();
}

async function removeMember(m: Member) {
  await membershipChange(`member-${m.addr}`, [], [m.addr], `${m.name ?? m.addr} is no longer a member.`, reloadAll);
}
