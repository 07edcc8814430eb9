// The commons: the holon's resources (booked by the hour, the day or the booking, or bought by
// the item; paid back to the pool) and its members' offers (bought by quantity; paid to the
// member through escrow). Browse by category, a resource's calendar and booking a window,
// buying an offer, my bookings and purchases (cancel, confirm, dispute, release), the purchases
// of my offers, listing an offer (members) or a resource (governance: signed by the steward's
// wallet, or proposed to the members where they govern), pausing, resuming and withdrawing.
// Every payment is a cw20 Send of the holon's token to the commons; its amount is shown before
// anything is signed.
import { html, nothing } from "lit-html";

import type { Booking, Listing, ListingKind, Purchase } from "@cw-flow/client/Commons.types";

import { act, busy, refuse } from "../actions";
import {
  BOOKING_STATUS, CommonsError, DAY, LISTING_STATUS, PURCHASE_STATUS, bookMsg, bookingQuote, buyMsg, byCategory, isBooked, listingFrom,
  perUnit, priceWords, purchaseQuote, refundAt, refundWords, toLocalInput, toUtcDate, unitsWords,
} from "../commons";
import { AmountError, formatTime, formatTokens, parseTokens, shortAddr, wholeDuration } from "../format";
import type { CommonsStatusChange } from "../governance";
import { refresh } from "../load";
import { steer, verb } from "../steer";
import { byMembers, canSteer, decimals, isMember, me, nameOf, state, symbol, update } from "../store";
import { card, chip, empty, fields, tokens, who } from "./common";
import { attr } from "./needs";
import { orphanStatuses, status } from "./status";

const tx = () => state.holon!.as(state.wallet!.client, state.wallet!.address);
const commons = () => tx().commons!;
const now = () => Math.floor(Date.now() / 1000);
const money = (base: bigint | string) => `${formatTokens(base, decimals())} ${symbol()}`;
const label = (id: string) => state.categories.find((c) => c.id === id)?.label ?? id;
const listingOf = (id: number) => state.listings.find((l) => l.id === id);
const titleOf = (id: number) => listingOf(id)?.title ?? `listing #${id}`;

/** A booking window in words: whole UTC days for a day resource, else times in the member's zone. */
export function windowWords(unit: Listing["unit"] | undefined, start: number, end: number): string {
  if (unit === "day" && start % DAY === 0 && end % DAY === 0) {
    const first = toUtcDate(start);
    const last = toUtcDate(end - DAY);
    return first === last ? `${first} (UTC)` : `${first} to ${last} (UTC, ${(end - start) / DAY} days)`;
  }
  const t = (s: number) => new Date(s * 1000).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
  return `${t(start)} – ${t(end)}`;
}

const input = (id: number, name: string) => state.commonsInputs[`${id}:${name}`] ?? "";
const onInput = (id: number) => (e: Event) => {
  const el = e.target as HTMLInputElement;
  if (el.name) update({ commonsInputs: { ...state.commonsInputs, [`${id}:${el.name}`]: el.value } });
};

// ---------------------------------------------------------------------------- payments

/** The quote of the open form, or why it can't be paid yet. */
function quoteOf(l: Listing): { ok: true; units: number; amount: bigint; start?: number; end?: number } | { ok: false; why: string } {
  try {
    if (isBooked(l)) {
      const q = bookingQuote(l, input(l.id, "from"), input(l.id, "to"));
      return { ok: true, ...q };
    }
    const q = purchaseQuote(l, input(l.id, "quantity") || "1", state.commonsConfig?.bounds.max_quantity ?? 1_000);
    return { ok: true, units: q.quantity, amount: q.amount };
  } catch (e) {
    if (e instanceof CommonsError || e instanceof AmountError) return { ok: false, why: e.message };
    throw e;
  }
}

async function book(e: Event, l: Listing) {
  e.preventDefault();
  const key = `book-${l.id}`;
  const q = quoteOf(l);
  if (!q.ok) return refuse(key, q.why);
  const { start, end, units, amount } = q as { start: number; end: number; units: number; amount: bigint };
  await act(
    key,
    () => tx().payCommons(amount.toString(), bookMsg(l.id, start, end)),
    (res) => {
      const id = attr(res, "booking");
      return `Booked${id ? ` (booking #${id})` : ""}: ${l.title}, ${windowWords(l.unit, start, end)}. You paid ${money(amount)} for ${unitsWords(units, l.unit)}; the commons holds it until the start.`;
    },
    refresh,
  );
}

async function buy(e: Event, l: Listing) {
  e.preventDefault();
  const key = `buy-${l.id}`;
  const q = quoteOf(l);
  if (!q.ok) return refuse(key, q.why);
  const ok = await act(
    key,
    () => tx().payCommons(q.amount.toString(), buyMsg(l.id, q.units)),
    (res) => {
      const id = attr(res, "purchase");
      return l.kind === "offer"
        ? `Bought${id ? ` (purchase #${id})` : ""}: ${unitsWords(q.units, l.unit)} of ${l.title} for ${money(q.amount)}, held in escrow. Confirm it under “My bookings and purchases” once you have it; the provider is paid then.`
        : `Bought${id ? ` (purchase #${id})` : ""}: ${unitsWords(q.units, l.unit)} of ${l.title} for ${money(q.amount)}, paid to the pool.`;
    },
    refresh,
  );
  if (ok) update({ commonsInputs: { ...state.commonsInputs, [`${l.id}:quantity`]: "" } });
}

// ---------------------------------------------------------------------------- listings

const STATUS_VERB: Record<CommonsStatusChange, [string, string, string]> = {
  pause: ["Pause", "Propose pausing", "paused: it takes no bookings or purchases until resumed"],
  resume: ["Resume", "Propose resuming", "available again"],
  withdraw: ["Withdraw", "Propose withdrawing", "withdrawn for good"],
};

/** Pause, resume or withdraw: the member's own offer at once; a resource as governance (proposed where the members govern). */
function setStatus(l: Listing, change: CommonsStatusChange) {
  const key = `listing-${l.id}`;
  const direct = () => commons()[change]({ listing: l.id });
  const done = `${l.title} is ${STATUS_VERB[change][2]}.`;
  if (l.kind === "offer") return act(key, direct, done, refresh);
  return steer(key, { kind: "commons_status", listing: l.id, status: change }, direct, done, refresh);
}

function statusButtons(l: Listing) {
  if (l.status === "withdrawn") return nothing;
  const mine = l.kind === "offer" && l.provider === me();
  const governs = l.kind === "resource" && canSteer();
  if (!mine && !governs) return nothing;
  const label = (c: CommonsStatusChange) => (l.kind === "resource" ? verb(STATUS_VERB[c][0], STATUS_VERB[c][1]) : STATUS_VERB[c][0]);
  const b = (c: CommonsStatusChange) =>
    html`<button class="ghost small-btn" data-testid="${c}-${l.id}" ?disabled=${busy(`listing-${l.id}`)} @click=${() => setStatus(l, c)}>${label(c)}</button>`;
  return html`${l.status === "active" ? b("pause") : b("resume")}${b("withdraw")}`;
}

function quoteLine(l: Listing) {
  const q = quoteOf(l);
  if (!q.ok) return html`<p class="hint" data-testid="quote-${l.id}" data-base-units="">${q.why}</p>`;
  return html`<p class="quote-line" data-testid="quote-${l.id}" data-base-units=${q.amount.toString()} data-units=${q.units}>
    You pay <b>${money(q.amount)}</b> (${unitsWords(q.units, l.unit)} × ${money(l.price)})${l.kind === "offer" ? ", held in escrow until you confirm" : isBooked(l) ? ", held until the start, then to the pool" : ", to the pool"}.</p>`;
}

function bookingForm(l: Listing) {
  const q = quoteOf(l);
  const days = l.unit === "day";
  // The first whole minute from now on: a window that has begun by the time it is signed is
  // the commons' refusal, in plain words.
  const soon = now() + 60;
  return html`<form class="form commons-pay" aria-label="Book ${l.title}" @input=${onInput(l.id)} @submit=${(e: Event) => book(e, l)}>
    <label>${days ? "First day" : "Start"} <input name="from" type=${days ? "date" : "datetime-local"} required
      min=${days ? toUtcDate(now()) : toLocalInput(soon)} .value=${input(l.id, "from")} /></label>
    <label>${days ? "Last day" : "End"} <input name="to" type=${days ? "date" : "datetime-local"} required .value=${input(l.id, "to")} /></label>
    <p class="hint span2">${days ? "Whole days, midnight to midnight UTC, the last day included." : l.unit === "hour" ? "Whole hours; the end is when you give it back." : "One price for the window, whatever its length."}
      ${refundWords(l.refund)}.</p>
    <div class="span2">${quoteLine(l)}</div>
    <div class="form-end span2">
      <button type="submit" data-testid="book-${l.id}" ?disabled=${busy(`book-${l.id}`) || !state.wallet || l.status !== "active"}>${q.ok ? `Book for ${money(q.amount)}` : "Book"}</button>
      ${status(`book-${l.id}`)}
    </div>
  </form>`;
}

function buyForm(l: Listing) {
  const q = quoteOf(l);
  return html`<form class="inline-form commons-pay" aria-label="Buy ${l.title}" @input=${onInput(l.id)} @submit=${(e: Event) => buy(e, l)}>
    <label class="qty">How many ${l.unit === "item" ? "" : `${l.unit}s`} <input name="quantity" inputmode="numeric" size="4" placeholder="1" .value=${input(l.id, "quantity")} /></label>
    <button type="submit" data-testid="buy-${l.id}" ?disabled=${busy(`buy-${l.id}`) || !state.wallet || l.status !== "active"}>${q.ok ? `Buy for ${money(q.amount)}` : "Buy"}</button>
  </form>${quoteLine(l)}${status(`buy-${l.id}`)}`;
}

function calendarView(l: Listing) {
  const c = state.calendar;
  if (!c || c.listing !== l.id) return html`<p class="hint">Reading its calendar…</p>`;
  return html`<div class="calendar" data-testid="calendar-${l.id}">
    <p class="small"><b>Booked in the next ${state.calendarDays} days</b>
      <button class="ghost small-btn" @click=${() => { update({ calendarDays: state.calendarDays + 14 }); void refresh(); }}>Show 14 more days</button></p>
    ${c.bookings.length === 0
      ? html`<p class="empty">Free: nothing is booked from now to ${windowWords(undefined, c.to, c.to).split(" – ")[0]}.</p>`
      : html`<ul class="plain">${c.bookings.map(
          (b) => html`<li data-testid="calendar-booking-${b.id}" data-start=${b.start} data-end=${b.end}>${windowWords(l.unit, b.start, b.end)} · ${who(b.booker)} · booking #${b.id}</li>`,
        )}</ul>`}
  </div>`;
}

function listingCard(l: Listing) {
  const [w, k] = LISTING_STATUS[l.status];
  const open = state.commonsListing === l.id;
  const booked = isBooked(l);
  const stock = booked ? null : l.stock === null || l.stock === undefined ? "no limit" : `${l.stock} left`;
  return html`<article class="need listing" data-testid="listing-${l.id}" data-title=${l.title} data-status=${l.status}>
    <div class="need-head">
      <h3>${l.title} <span class="muted">#${l.id}</span></h3>
      <span class="need-qty" data-testid="price-${l.id}" data-base-units=${l.price}>${priceWords(l, decimals(), symbol())}</span>
    </div>
    ${l.description ? html`<p class="need-desc">${l.description}</p>` : nothing}
    <p class="need-meta">
      ${l.kind === "resource" ? html`The holon's resource, paid back to the pool` : html`Offered by ${who(l.provider)}, paid to them through escrow`}
      · ${booked ? `booked by the ${l.unit}` : `bought by the ${l.unit === "item" ? "item" : l.unit}`}
      ${stock ? html` · <span data-testid="stock-${l.id}">${stock}</span>` : nothing}
      · <span class="chip ${k}" data-testid="listing-status-${l.id}">${w}</span>
    </p>
    ${booked ? html`<p class="small muted">${refundWords(l.refund)}.</p>` : nothing}
    <div class="actions">
      ${booked
        ? html`<button class=${open ? "secondary" : ""} data-testid="open-${l.id}" @click=${() => {
            update({ commonsListing: open ? null : l.id, calendar: null });
            if (!open) void refresh();
          }}>${open ? "Close the calendar" : "Calendar and booking"}</button>`
        : nothing}
      ${statusButtons(l)}
    </div>
    ${status(`listing-${l.id}`)}
    ${booked ? (open ? html`${calendarView(l)}${bookingForm(l)}` : nothing) : l.status === "active" ? buyForm(l) : nothing}
  </article>`;
}

// ---------------------------------------------------------------------------- mine

function bookingRow(b: Booking) {
  const l = listingOf(b.listing);
  const [w, k] = BOOKING_STATUS[b.status];
  const t = now();
  const refund = b.status === "held" ? refundAt(b, l?.refund, t) : null;
  return html`<article class="attestation" data-testid="booking-${b.id}" data-status=${b.status}>
    <div class="row-head"><h3>Booking #${b.id} · ${titleOf(b.listing)}</h3><span class="chip ${k}" data-status=${b.status}>${w}</span></div>
    <p>${windowWords(l?.unit, b.start, b.end)} · ${unitsWords(b.units, l?.unit ?? "booking")} · ${tokens(b.amount, { testid: `booking-amount-${b.id}` })}
      ${b.status === "cancelled" ? html` · ${tokens(b.refunded)} refunded` : nothing}</p>
    ${b.status === "held"
      ? refund !== null
        ? html`<div class="actions"><button class="secondary" data-testid="cancel-booking-${b.id}" ?disabled=${busy(`cancel-${b.id}`)} @click=${() =>
            act(`cancel-${b.id}`, () => commons().cancel({ booking: b.id }), (res) => `Cancelled booking #${b.id}: ${money(attr(res, "refund") ?? "0")} back to you.`, refresh)}>
            Cancel (${money(refund)} back now)</button></div>`
        : html`<div class="actions"><button class="secondary" data-testid="release-booking-${b.id}" ?disabled=${busy(`release-${b.id}`)} @click=${() =>
            act(`release-${b.id}`, () => commons().release({ booking: b.id }), `Booking #${b.id}'s payment went to the pool.`, refresh)}>Release the payment to the pool</button></div>`
      : nothing}
    ${status(`cancel-${b.id}`)}${status(`release-${b.id}`)}
  </article>`;
}

async function dispute(e: Event, p: Purchase) {
  e.preventDefault();
  const reason = fields(e.target as HTMLFormElement).reason?.trim() ?? "";
  if (!reason) return refuse(`dispute-${p.id}`, "Say what went wrong: the stewards read it before they decide.");
  await act(`dispute-${p.id}`, () => commons().dispute({ purchase: p.id, reason }), `You disputed purchase #${p.id}: its payment is frozen until the stewards decide.`, refresh);
}

function purchaseRow(p: Purchase, asProvider = false) {
  const l = listingOf(p.listing);
  const [w, k] = PURCHASE_STATUS[p.status];
  const until = Number(BigInt(p.confirm_by) / 1_000_000_000n);
  const openWindow = now() < until;
  return html`<article class="attestation" data-testid="${asProvider ? "sale" : "purchase"}-${p.id}" data-status=${p.status}>
    <div class="row-head"><h3>Purchase #${p.id} · ${titleOf(p.listing)}</h3><span class="chip ${k}" data-status=${p.status}>${w}</span></div>
    <p>${unitsWords(p.quantity, l?.unit ?? "item")} · ${tokens(p.amount, { testid: `purchase-amount-${p.id}` })}
      · ${asProvider ? html`bought by ${who(p.buyer)}` : html`from ${who(p.provider)}`} · ${formatTime(p.bought_at)}</p>
    ${p.status === "escrowed" ? html`<p class="small">${openWindow ? html`The buyer confirms or disputes until <b>${formatTime(p.confirm_by)}</b>; after that anyone releases it to the provider.` : "The time to confirm or dispute has passed: anyone can release it to the provider."}</p>` : nothing}
    ${p.dispute_reason ? html`<p class="small">Dispute: “${p.dispute_reason}”</p>` : nothing}
    ${!p.refunded || p.refunded === "0" ? nothing : html`<p class="small">${tokens(p.refunded)} refunded to the buyer.</p>`}
    ${p.status === "escrowed" && openWindow && !asProvider
      ? html`<div class="actions">
          <button data-testid="confirm-${p.id}" ?disabled=${busy(`confirm-${p.id}`)} @click=${() =>
            act(`confirm-${p.id}`, () => commons().confirm({ purchase: p.id }), `Confirmed purchase #${p.id}: ${money(p.amount)} paid to ${nameOf(p.provider) ?? shortAddr(p.provider)}.`, refresh)}>I have it: confirm</button>
        </div>
        <form class="inline-form" aria-label="Dispute purchase ${p.id}" @submit=${(e: Event) => dispute(e, p)}>
          <input name="reason" maxlength="512" placeholder="What went wrong?" aria-label="Reason for disputing purchase ${p.id}" />
          <button class="danger" type="submit" data-testid="dispute-${p.id}" ?disabled=${busy(`dispute-${p.id}`)}>Dispute</button>
        </form>`
      : nothing}
    ${p.status === "escrowed" && !openWindow
      ? html`<div class="actions"><button class="secondary" data-testid="release-purchase-${p.id}" ?disabled=${busy(`release-purchase-${p.id}`)} @click=${() =>
          act(`release-purchase-${p.id}`, () => commons().releasePurchase({ purchase: p.id }), `Purchase #${p.id}'s payment went to the provider.`, refresh)}>Release the payment to the provider</button></div>`
      : nothing}
    ${status(`confirm-${p.id}`)}${status(`dispute-${p.id}`)}${status(`release-purchase-${p.id}`)}
  </article>`;
}

// ---------------------------------------------------------------------------- listing forms

async function list(e: Event, kind: ListingKind) {
  e.preventDefault();
  const form = e.target as HTMLFormElement;
  const key = kind === "offer" ? "list-offer" : "list-resource";
  let listing;
  try {
    listing = listingFrom(kind, fields(form), decimals());
  } catch (err) {
    if (err instanceof CommonsError || err instanceof AmountError) return refuse(key, err.message);
    throw err;
  }
  const said = (res: unknown) => {
    const id = attr(res, "listing");
    return `Listed${id ? ` as #${id}` : ""}: ${listing.title}, ${money(listing.price)} ${perUnit(listing.unit)}.`;
  };
  const ok =
    kind === "offer"
      ? await act(key, () => commons().list({ listing }), said, refresh)
      : await steer(key, { kind: "commons_list", listing }, () => commons().list({ listing }), said, refresh);
  if (ok) form.reset();
}

function listingForm(kind: ListingKind) {
  const key = kind === "offer" ? "list-offer" : "list-resource";
  const units: [string, string][] =
    kind === "offer"
      ? [["hour", "by the hour"], ["day", "by the day"], ["item", "by the item"]]
      : [["day", "booked by the day"], ["hour", "booked by the hour"], ["booking", "booked, one price a booking"], ["item", "bought by the item"]];
  return html`<form class="form" aria-label=${kind === "offer" ? "List my offer" : "List a holon resource"} @submit=${(e: Event) => list(e, kind)}>
    <label>Title <input name="title" required maxlength="128" placeholder=${kind === "offer" ? "Childcare at my place" : "Tool library"} /></label>
    <label>Category
      <select name="category" required>${state.categories.map((c) => html`<option value=${c.id}>${c.label}</option>`)}</select>
    </label>
    <label class="span2">Details <textarea name="description" rows="2" maxlength="1024" placeholder="Optional"></textarea></label>
    <label>Priced <select name="unit">${units.map(([v, w]) => html`<option value=${v}>${w}</option>`)}</select></label>
    <label>Price (${symbol()} a unit) <input name="price" required inputmode="decimal" placeholder="15" /></label>
    <label>Stock <input name="stock" inputmode="numeric" placeholder="no limit" /></label>
    ${kind === "resource"
      ? html`<label>Full refund with notice of (days) <input name="notice_days" inputmode="decimal" placeholder="until the start" /></label>
          <label>Later, back (%) <input name="late_percent" inputmode="decimal" placeholder="0" /></label>`
      : nothing}
    <p class="hint span2">${kind === "offer"
      ? html`Members buy it by quantity; their payment waits in escrow until they confirm (or ${confirmWindow()} pass), then it is yours.`
      : html`Members book it for a time (or buy items of it); their payments go back to the pool. Only the holon's governance lists resources${byMembers() ? ": the members vote on it" : ""}.`}</p>
    <div class="form-end span2">
      <button type="submit" ?disabled=${busy(key) || !state.wallet}>${kind === "offer" ? "List my offer" : verb("List the resource", "Propose listing it")}</button>
      ${status(key)}
    </div>
  </form>`;
}

const confirmWindow = () => {
  const s = state.commonsConfig?.confirm_window_seconds;
  return s ? wholeDuration(s) : "the confirmation window";
};

/** Reads the purchase whose number is typed, so the steward sees what they resolve. */
async function lookUpDispute(e: Event) {
  const id = Number((e.target as HTMLInputElement).value);
  if (!Number.isSafeInteger(id) || id <= 0) return update({ disputeLookup: null });
  let purchase: Purchase | null = null;
  try {
    purchase = (await state.holon!.commons!.purchase({ id })).purchase;
  } catch {
    // not found (or the node did not answer): said below the field, and checked again on submit
  }
  // Only the latest number typed is shown.
  const typed = (document.querySelector('form[aria-label="Resolve a disputed purchase"] [name="purchase"]') as HTMLInputElement | null)?.value;
  if (typed === undefined || Number(typed) === id) update({ disputeLookup: { id, purchase } });
}

/** What the steward is about to resolve, in words. */
function disputeWords(id: number, p: Purchase | null) {
  if (!p) return html`<p class="notice span2" data-testid="resolve-purchase">There is no purchase #${id}.</p>`;
  const name = (a: string) => nameOf(a) ?? shortAddr(a);
  const what = `${name(p.buyer)} bought ${unitsWords(p.quantity, listingOf(p.listing)?.unit ?? "item")} of ${titleOf(p.listing)} from ${name(p.provider)}: ${money(p.amount)}`;
  return html`<p class="hint span2" data-testid="resolve-purchase" data-status=${p.status}>
    Purchase #${id}: ${what}, ${PURCHASE_STATUS[p.status][0]}${p.dispute_reason ? html` — “${p.dispute_reason}”` : nothing}.
  </p>`;
}

async function resolve(e: Event) {
  e.preventDefault();
  const f = fields(e.target as HTMLFormElement);
  const purchase = Number(f.purchase);
  if (!Number.isSafeInteger(purchase) || purchase <= 0) return refuse("resolve", "Enter the number of the disputed purchase.");
  let refund: bigint;
  try {
    refund = parseTokens(f.refund || "0", decimals());
  } catch (err) {
    return refuse("resolve", (err as AmountError).message);
  }
  // Said before anything is signed or proposed (a proposal would fail only when executed).
  let p: Purchase | null = null;
  try {
    p = (await state.holon!.commons!.purchase({ id: purchase })).purchase;
  } catch {
    return refuse("resolve", `There is no purchase #${purchase}.`);
  }
  if (p.status !== "disputed")
    return refuse("resolve", `Purchase #${purchase} is not disputed (it is ${PURCHASE_STATUS[p.status][0].split(":")[0]}): only a disputed purchase is resolved.`);
  if (refund > BigInt(p.amount))
    return refuse("resolve", `At most ${money(p.amount)} can go back to the buyer: that is what purchase #${purchase} cost.`);
  await steer(
    "resolve",
    { kind: "commons_resolve", purchase, refund: refund.toString() },
    () => commons().resolve({ purchase, refund: refund.toString() }),
    `Resolved purchase #${purchase}: ${money(refund)} back to the buyer, the rest to the provider.`,
    refresh,
  );
}

// ---------------------------------------------------------------------------- the screen

export function commonsView() {
  if (state.d && !state.d.addresses.commons)
    return card("Commons", empty("This holon has no commons: it was deployed before the commons existed."), { id: "commons-card" });
  const filter = state.commonsFilter;
  const shown = state.listings.filter((l) => l.status !== "withdrawn");
  const groups = byCategory(shown, state.categories.map((c) => c.id)).filter(([c, ls]) => (!filter || c === filter) && (ls.length > 0 || c === filter));
  const addr = me();
  const t = state.commonsTotals;
  const mineListed = state.listings.filter((l) => l.kind === "offer" && l.provider === addr);
  return html`
    <p class="notice">Spend ${symbol()} inside the holon: the holon's resources (what you pay goes back to the pool, for the next cycle's budget)
      and members' offers (paid to the member once you confirm).</p>
    <nav class="filters" aria-label="Categories">
      <button class="pill ${filter ? "" : "on"}" @click=${() => update({ commonsFilter: "" })}>All</button>
      ${state.categories.map((c) => html`<button class="pill ${filter === c.id ? "on" : ""}" @click=${() => update({ commonsFilter: c.id })}>${c.label}</button>`)}
    </nav>
    ${orphanStatuses(["listing-"], new Set(shown.map((l) => `listing-${l.id}`)))}
    ${groups.length === 0 ? empty(filter ? `Nothing is listed in ${label(filter).toLowerCase()} yet.` : "Nothing is listed yet: members list their offers below, the stewards the holon's resources.") : nothing}
    ${groups.map(
      ([c, ls]) => html`<section class="category" data-testid="commons-category-${c}">
        <header class="category-head"><h2>${label(c)}</h2><span class="muted">${ls.length} listed</span></header>
        ${ls.length ? ls.map(listingCard) : html`<p class="empty">Nothing listed in ${label(c).toLowerCase()}.</p>`}
      </section>`,
    )}
    <div class="grid">
      ${card(
        "My bookings and purchases",
        html`${orphanStatuses(["cancel-", "release-", "confirm-", "dispute-"], new Set([
          ...state.myBookings.flatMap((b) => [`cancel-${b.id}`, `release-${b.id}`]),
          ...state.myPurchases.flatMap((p) => [`confirm-${p.id}`, `dispute-${p.id}`, `release-purchase-${p.id}`]),
        ]))}${!addr
          ? empty("Connect your wallet to see your bookings and purchases.")
          : state.myBookings.length + state.myPurchases.length === 0
            ? empty("You have not booked or bought anything yet.")
            : html`<div class="list">${state.myBookings.map(bookingRow)}${state.myPurchases.map((p) => purchaseRow(p))}</div>`}`,
        { id: "my-commons-card" },
      )}
      ${card(
        "What members bought from me",
        !addr ? empty("Connect your wallet to see who bought from you.") : state.mySales.length === 0 ? empty("Nobody has bought from your offers yet.") : html`<div class="list">${state.mySales.map((p) => purchaseRow(p, true))}</div>`,
        { id: "sales-card" },
      )}
      ${card(
        "List my offer",
        html`${!isMember() && state.wallet ? html`<p class="notice">Only the holon's members list offers: the chain will refuse this wallet.</p>` : nothing}
          ${listingForm("offer")}
          ${mineListed.length
            ? html`<h3 class="small">My offers</h3><ul class="plain" data-testid="my-offers">${mineListed.map(
                (l) => html`<li data-testid="my-offer-${l.id}">${l.title} #${l.id} · ${priceWords(l, decimals(), symbol())} · ${chip(LISTING_STATUS[l.status][0], LISTING_STATUS[l.status][1])} ${statusButtons(l)}</li>`,
              )}</ul>`
            : nothing}`,
        { id: "list-offer-card" },
      )}
      ${card(
        "List a holon resource",
        html`${!canSteer() && state.wallet ? html`<p class="notice">Only the holon's governance lists its resources: the chain will refuse this wallet.</p>` : nothing}
          ${listingForm("resource")}`,
        { id: "list-resource-card" },
      )}
      ${card(
        "Resolve a disputed purchase",
        html`<form class="form" aria-label="Resolve a disputed purchase" @submit=${resolve}>
          <label>Purchase # <input name="purchase" inputmode="numeric" required @input=${lookUpDispute} /></label>
          <label>Back to the buyer (${symbol()}) <input name="refund" inputmode="decimal" placeholder="0" /></label>
          ${state.disputeLookup ? disputeWords(state.disputeLookup.id, state.disputeLookup.purchase) : nothing}
          <p class="hint span2">The governance of the holon splits a disputed purchase: this much back to its buyer, the rest to the member who offered it.</p>
          <div class="form-end span2"><button type="submit" ?disabled=${busy("resolve") || !state.wallet}>${verb("Resolve", "Propose this resolution")}</button>${status("resolve")}</div>
        </form>`,
        { id: "resolve-card" },
      )}
      ${card(
        "The commons' books",
        t
          ? html`<dl class="facts" data-testid="commons-totals">
              <div><dt>Held now</dt><dd>${tokens(t.held, { testid: "commons-held" })} <span class="muted small">bookings not yet started, purchases in escrow or dispute</span></dd></div>
              <div><dt>Back to the pool</dt><dd>${tokens(t.to_pool)}</dd></div>
              <div><dt>Paid to members</dt><dd>${tokens(t.to_providers)}</dd></div>
              <div><dt>Refunded</dt><dd>${tokens(t.refunded)}</dd></div>
            </dl>
            <p class="small muted">Governed by ${who(state.commonsOwner)}; buyers have ${confirmWindow()} to confirm or dispute.</p>`
          : empty("Reading…"),
        { id: "commons-books-card" },
      )}
    </div>`;
}
