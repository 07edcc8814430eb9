// The needs board: needs by category, "I need this too", "I can provide this", post a need.
import { html, nothing } from "lit-html";

import { act, busy, refuse } from "../actions";
import { orphanStatuses, status } from "./status";
import { AmountError, formatDecimal, parseDecimal } from "../format";
import { refresh } from "../load";
import { canSteer, isMember, isSteward, me, state, update } from "../store";
import { steer } from "../steer";
import type { Need } from "@cw-flow/client/NeedRegistry.types";
import { card, chip, empty, fields, who } from "./common";
import { go } from "../router";

const tx = () => state.holon!.as(state.wallet!.client, state.wallet!.address);

async function post(e: Event) {
  e.preventDefault();
  const form = e.target as HTMLFormElement;
  const f = fields(form);
  let quantity: string;
  try {
    quantity = parseDecimal(f.quantity || "", "quantity");
  } catch (err) {
    refuse("post-need", (err as AmountError).message);
    return;
  }
  const ok = await act(
    "post-need",
    () =>
      tx().registry.postNeed({
        need: {
          category: f.category,
          title: f.title.trim(),
          description: f.description.trim(),
          unit: f.unit.trim(),
          quantity,
          period: f.period as Need["period"],
          impact: null,
          unit_credit: null,
          capacity_building: null,
        },
      }),
    (res) => {
      const id = attr(res, "need_id");
      return `Posted${id ? ` as need #${id}` : ""}. It counts as your request.`;
    },
    refresh,
  );
  if (ok) form.reset();
}

/** The first wasm event attribute `key` of a transaction result. */
export function attr(res: unknown, key: string): string | null {
  const events = (res as { events?: { type: string; attributes: { key: string; value: string }[] }[] })?.events ?? [];
  for (const e of events) {
    if (!e.type.startsWith("wasm")) continue;
    const a = e.attributes.find((x) => x.key === key);
    if (a) return a.value;
  }
  return null;
}

const needAction = (id: number, kind: "endorse" | "withdrawEndorsement" | "offer" | "withdrawOffer", done: string) =>
  act(`${kind}-${id}`, () => tx().registry[kind]({ id }), done, refresh);

const setStatus = (id: number, s: "fulfilled" | "closed") =>
  act(`status-${id}`, () => tx().registry.setNeedStatus({ id, status: s }), `Need #${id} is now ${s}.`, refresh);

/** Someone else's need marked fulfilled or closed: proposed to the members (who govern). */
const proposeStatus = (id: number, s: "fulfilled" | "closed") =>
  steer(`status-${id}`, { kind: "set_need_status", id, status: s }, () => tx().registry.setNeedStatus({ id, status: s }), `Need #${id} is now ${s}.`, refresh);

function needCard(n: Need) {
  const mine = me();
  const posted = n.posted_by === mine;
  const requested = state.myRequests.has(n.id);
  const offered = state.myOffers.has(n.id);
  const canAct = !!mine && isMember();
  return html`<article class="need" data-testid="need-${n.id}" data-title=${n.title}>
    <div class="need-head">
      <h3>${n.title} <span class="muted">#${n.id}</span></h3>
      <span class="need-qty">${formatDecimal(n.quantity)} ${n.unit} · ${n.period}</span>
    </div>
    ${n.description ? html`<p class="need-desc">${n.description}</p>` : nothing}
    <p class="need-meta">
      Posted by ${who(n.posted_by)} · <b>${n.requesters}</b> asking · <b>${n.offers}</b> offering
      ${!isZeroStr(n.unit_credit) ? html` · ${formatDecimal(n.unit_credit)} h credited per ${n.unit}` : nothing}
      ${n.impact !== "1" ? html` · impact ×${formatDecimal(n.impact)}` : nothing}
      ${n.capacity_building ? chip("builds capacity", "info") : nothing}
    </p>
    <div class="actions">
      ${posted
        ? chip("you asked for this", "good")
        : requested
          ? html`<button class="secondary" ?disabled=${busy(`withdrawEndorsement-${n.id}`)}
              @click=${() => needAction(n.id, "withdrawEndorsement", "Your request is withdrawn.")}>Withdraw my request</button>`
          : html`<button ?disabled=${!canAct || busy(`endorse-${n.id}`)}
              @click=${() => needAction(n.id, "endorse", "Noted: you need this too.")}>I need this too</button>`}
      ${offered
        ? html`<button class="secondary" ?disabled=${busy(`withdrawOffer-${n.id}`)}
            @click=${() => needAction(n.id, "withdrawOffer", "Your offer is withdrawn.")}>Withdraw my offer</button>`
        : html`<button class="secondary" ?disabled=${!canAct || busy(`offer-${n.id}`)}
            @click=${() => needAction(n.id, "offer", "Noted: you can provide this.")}>I can provide this</button>`}
      <button class="ghost" ?disabled=${!canAct} @click=${() => {
        update({ attestNeed: n.id });
        go("attest");
      }}>I did something toward this</button>
      ${posted || isSteward()
        ? html`<button class="ghost" ?disabled=${busy(`status-${n.id}`)} @click=${() => setStatus(n.id, "fulfilled")}>Mark fulfilled</button>
            <button class="ghost" ?disabled=${busy(`status-${n.id}`)} @click=${() => setStatus(n.id, "closed")}>Close</button>`
        : canSteer()
          ? html`<button class="ghost" ?disabled=${busy(`status-${n.id}`)} @click=${() => proposeStatus(n.id, "fulfilled")}>Propose: fulfilled</button>
              <button class="ghost" ?disabled=${busy(`status-${n.id}`)} @click=${() => proposeStatus(n.id, "closed")}>Propose: close</button>`
          : nothing}
    </div>
    ${status(`endorse-${n.id}`)}${status(`withdrawEndorsement-${n.id}`)}${status(`offer-${n.id}`)}
    ${status(`withdrawOffer-${n.id}`)}${status(`status-${n.id}`)}
  </article>`;
}

const isZeroStr = (d: string) => /^0+(\.0*)?$/.test(d);

export function postNeedForm() {
  const stewardsOnly = state.registryConfig?.posting === "stewards";
  return html`<details class="card post-need" ?open=${state.needs.length === 0}>
    <summary><h2>Post a need</h2></summary>
    ${stewardsOnly && !isSteward()
      ? html`<p class="notice">In this holon only the stewards post needs; you can still try, and the chain will say.</p>`
      : nothing}
    <form @submit=${post} class="form" aria-label="Post a need">
      <label>Category
        <select name="category" required>
          ${state.categories.map((c) => html`<option value=${c.id}>${c.label}</option>`)}
        </select>
      </label>
      <label>What is needed <input name="title" required maxlength="128" placeholder="Fresh bread: 20 loaves weekly" /></label>
      <label class="span2">Details <textarea name="description" rows="2" maxlength="1024" placeholder="Optional"></textarea></label>
      <label>Quantity <input name="quantity" required inputmode="decimal" placeholder="20" /></label>
      <label>Unit <input name="unit" required maxlength="16" placeholder="loaf, hours, lb" /></label>
      <label>How often
        <select name="period">
          <option value="weekly">weekly</option>
          <option value="monthly">monthly</option>
          <option value="once">once</option>
        </select>
      </label>
      <div class="form-end">
        <button type="submit" ?disabled=${busy("post-need") || !state.wallet}>Post the need</button>
        ${status("post-need")}
      </div>
    </form>
  </details>`;
}

export function needsView() {
  const filter = state.needFilter;
  const cats = state.categories.filter((c) => !filter || c.id === filter);
  const demandOf = (id: string) => state.demand.find((d) => d.category === id);
  return html`
    <nav class="filters" aria-label="Categories">
      <button class="pill ${filter ? "" : "on"}" @click=${() => update({ needFilter: "" })}>All</button>
      ${state.categories.map(
        (c) => html`<button class="pill ${filter === c.id ? "on" : ""}" @click=${() => update({ needFilter: c.id })}>${c.label}</button>`,
      )}
    </nav>
    ${orphanStatuses(["status-"], new Set(state.needs.map((n) => `status-${n.id}`)))}
    ${postNeedForm()}
    ${cats.length === 0 ? empty("No categories yet: the stewards add them.") : nothing}
    ${cats.map((c) => {
      const needs = state.needs.filter((n) => n.category === c.id);
      const d = demandOf(c.id);
      return html`<section class="category" data-testid="category-${c.id}">
        <header class="category-head">
          <h2>${c.label}</h2>
          ${d ? html`<span class="muted">${d.requesters} asking · ${d.providers} offering · ${d.open_needs} open</span>` : nothing}
        </header>
        ${needs.length ? needs.map(needCard) : html`<p class="empty">No open need in ${c.label.toLowerCase()}.</p>`}
      </section>`;
    })}
  `;
}
