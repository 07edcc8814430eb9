// The holon's commons in pure functions (unit-tested in commons.test.ts): what a listing costs,
// a booking window from the date inputs of the page, what a cancellation returns, the payloads
// of a cw20 Send to the commons, a listing typed in a form, and the commons' lists read to
// their end (every list query of the commons answers at most 100 a page).
import type {
  Booking, Listing, ListingInput, ListingKind, ListingStatus, Purchase, PurchaseStatus, RefundRule, Unit,
} from "@cw-flow/client/Commons.types";

import { AmountError, formatDuration, formatTokens, parseDecimal, parseTokens, parseWhole } from "./format";
import { PAGE, allPages } from "./paging";

export const HOUR = 3_600;
export const DAY = 86_400;
/** The commons' Uint128 prices and amounts: a product past this is refused (PriceOverflow). */
const U128_MAX = (1n << 128n) - 1n;

export class CommonsError extends Error {}

/** Seconds in one unit of a booking window (null: a `booking` is one unit whatever its length; an `item` is not booked). */
export function unitSeconds(unit: Unit): number | null {
  return unit === "hour" ? HOUR : unit === "day" ? DAY : null;
}

/** A resource booked by window (hour, day or booking), not bought. */
export const isBooked = (l: Pick<Listing, "kind" | "unit">) => l.kind === "resource" && l.unit !== "item";

/** "hour" → "an hour", "day" → "a day", "item" → "each", "booking" → "a booking". */
export const perUnit = (unit: Unit) => (unit === "hour" ? "an hour" : unit === "day" ? "a day" : unit === "item" ? "each" : "a booking");

/** A number of units in words: "2 days", "1 hour", "3 items", "1 booking". */
export const unitsWords = (n: number | bigint, unit: Unit) => `${n} ${unit}${BigInt(n) === 1n ? "" : "s"}`;

/**
 * How many units a window `[start, end)` (Unix seconds) of a booked listing is, as the commons
 * counts them: whole hours or days, or one `booking` whatever its length. Throws a
 * CommonsError in plain words for an empty window or one that is not whole units.
 */
export function windowUnits(unit: Unit, start: number, end: number): number {
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end)) throw new CommonsError("Choose when the booking starts and ends.");
  if (end <= start) throw new CommonsError("The booking must end after it starts.");
  const secs = unitSeconds(unit);
  if (unit === "booking") return 1;
  if (secs === null) throw new CommonsError("This listing is bought by quantity, not booked.");
  if ((end - start) % secs !== 0) throw new CommonsError(`This resource is booked by whole ${unit}s: the window is ${formatDuration(end - start)}.`);
  return (end - start) / secs;
}

/** price × units in base units, as the commons asks it (a product past 128 bits is refused). */
export function amountDue(price: string, units: number | bigint): bigint {
  const due = BigInt(price) * BigInt(units);
  if (due > U128_MAX) throw new CommonsError("That many units cost more than any amount the token can hold.");
  return due;
}

/** "YYYY-MM-DD" as Unix seconds at 00:00 UTC of that day (days are booked midnight to midnight UTC). */
export function utcDay(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.trim());
  if (!m) throw new CommonsError("Choose a date.");
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (Number.isNaN(t)) throw new CommonsError("Choose a date.");
  return t / 1000;
}

/** A `datetime-local` value ("YYYY-MM-DDTHH:MM", the member's own time zone) as Unix seconds. */
export function localTime(value: string): number {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value.trim())) throw new CommonsError("Choose a date and a time.");
  const t = new Date(value.trim()).getTime();
  if (Number.isNaN(t)) throw new CommonsError("Choose a date and a time.");
  return Math.floor(t / 1000);
}

/** Unix seconds as a `datetime-local` value in the member's time zone. */
export function toLocalInput(secs: number): string {
  const d = new Date(secs * 1000);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** Unix seconds as a `date` value of the UTC day. */
export const toUtcDate = (secs: number) => new Date(secs * 1000).toISOString().slice(0, 10);

/**
 * The booking window the page's inputs describe. Days: the first and the last day booked
 * (date inputs, whole UTC days, the last day included). Hours and bookings: the start and the
 * end (datetime-local inputs, the member's time zone, the end excluded).
 */
export function windowFromInputs(unit: Unit, from: string, to: string): { start: number; end: number } {
  if (unit === "day") {
    const start = utcDay(from);
    const last = utcDay(to);
    if (last < start) throw new CommonsError("The last day must be on or after the first day.");
    return { start, end: last + DAY };
  }
  return { start: localTime(from), end: localTime(to) };
}

/** What a booking costs, from the page's inputs: the window, its units and the amount (or the reason it can't be booked). */
export function bookingQuote(l: Pick<Listing, "unit" | "price">, from: string, to: string): { start: number; end: number; units: number; amount: bigint } {
  const { start, end } = windowFromInputs(l.unit, from, to);
  const units = windowUnits(l.unit, start, end);
  return { start, end, units, amount: amountDue(l.price, units) };
}

/** What a purchase of `quantity` (as typed) costs, or the reason in plain words. */
export function purchaseQuote(l: Pick<Listing, "price" | "stock">, quantity: string, max = 1_000): { quantity: number; amount: bigint } {
  let q: number;
  try {
    q = parseWhole(quantity, "quantity", 1, max);
  } catch (e) {
    throw new CommonsError((e as Error).message);
  }
  if (l.stock !== null && l.stock !== undefined && q > l.stock)
    throw new CommonsError(l.stock === 0 ? "None left." : `Only ${l.stock} left.`);
  return { quantity: q, amount: amountDue(l.price, q) };
}

/** The cw20 `Send` payloads the commons takes (ReceiveMsg). */
export const bookMsg = (listing: number, start: number, end: number) => ({ book: { listing, start, end } });
export const buyMsg = (listing: number, quantity: number) => ({ buy: { listing, quantity } });

/** A Decimal fraction (≤ 1) as a percentage: "0.5" → "50%", "0.333" → "33.3%". */
export function percentOf(d: string): string {
  const [w, f = ""] = d.split(".");
  const scaled = BigInt(w + f.padEnd(18, "0").slice(0, 18)) * 100n; // × 10^18
  const unit = 10n ** 18n;
  const frac = (scaled % unit).toString().padStart(18, "0").replace(/0+$/, "");
  return `${scaled / unit}${frac ? "." + frac : ""}%`;
}

/** A notice in words: "2 days", "1 day", "6 hours", else "1 h 30 min". */
export function noticeWords(s: number): string {
  if (s > 0 && s % DAY === 0) return `${s / DAY} day${s === DAY ? "" : "s"}`;
  if (s > 0 && s % HOUR === 0) return `${s / HOUR} hour${s === HOUR ? "" : "s"}`;
  return formatDuration(s);
}

/** A listing's refund rule in words (a sentence). */
export function refundWords(rule: RefundRule | null | undefined): string {
  if (!rule) return "Cancelled before the start: all of it back";
  const late = percentOf(rule.late_refund_percent);
  if (rule.full_refund_notice_seconds === 0) return `Cancelled before the start: ${late} back`;
  return `Cancelled at least ${noticeWords(rule.full_refund_notice_seconds)} before the start: all of it back; later: ${late} back`;
}

/**
 * What cancelling `booking` at `now` (Unix seconds) returns, as the commons computes it: all of
 * it with at least `full_refund_notice_seconds` of notice, else floor(amount × late percent).
 * Null once the booking has started (it can't be cancelled).
 */
export function refundAt(booking: Pick<Booking, "amount" | "start">, rule: RefundRule | null | undefined, now: number): bigint | null {
  if (now >= booking.start) return null;
  const amount = BigInt(booking.amount);
  if (!rule || booking.start - now >= rule.full_refund_notice_seconds) return amount;
  const [w, f = ""] = rule.late_refund_percent.split(".");
  const scaled = BigInt(w + f.padEnd(18, "0").slice(0, 18));
  return (amount * scaled) / 10n ** 18n;
}

/** A listing's price in words: "20 AFLOW a day". */
export const priceWords = (l: Pick<Listing, "price" | "unit">, decimals: number, symbol: string) =>
  `${formatTokens(l.price, decimals)} ${symbol} ${perUnit(l.unit)}`;

export const KIND_WORDS: Record<ListingKind, string> = { resource: "the holon's", offer: "a member's offer" };

export const LISTING_STATUS: Record<ListingStatus, [string, string]> = {
  active: ["available", "good"],
  paused: ["paused", "warn"],
  withdrawn: ["withdrawn", "muted"],
};

export const BOOKING_STATUS: Record<Booking["status"], [string, string]> = {
  held: ["paid, held until the start", "info"],
  released: ["started: paid to the pool", "good"],
  cancelled: ["cancelled", "muted"],
};

export const PURCHASE_STATUS: Record<PurchaseStatus, [string, string]> = {
  escrowed: ["in escrow: confirm or dispute", "warn"],
  disputed: ["disputed: the stewards decide", "bad"],
  released: ["paid to the provider", "good"],
  resolved: ["resolved by the stewards", "good"],
  to_pool: ["paid to the pool", "good"],
};

/**
 * A listing as typed in a form (strings): title, description, category, unit, price in tokens
 * per unit, stock (empty: no limit), and for a booked resource the refund rule (days of
 * notice for a full refund, the percentage back later). Throws an AmountError / CommonsError
 * in plain words.
 */
export function listingFrom(kind: ListingKind, f: Record<string, string>, decimals: number): ListingInput {
  const title = (f.title ?? "").trim();
  if (!title) throw new CommonsError("Give it a title.");
  const unit = (f.unit ?? "") as Unit;
  if (!["hour", "day", "item", "booking"].includes(unit)) throw new CommonsError("Choose what one unit is.");
  if (kind === "offer" && unit === "booking") throw new CommonsError("An offer is priced by the hour, the day or the item.");
  if (!f.category) throw new CommonsError("Choose a category.");
  const price = parseTokens(f.price ?? "", decimals);
  if (price <= 0n) throw new AmountError("The price must be above zero.");
  const booked = kind === "resource" && unit !== "item";
  const stockText = (f.stock ?? "").trim();
  let stock: number | null = null;
  if (stockText) {
    if (booked) throw new CommonsError("A booked resource has no stock: its calendar decides.");
    stock = parseWhole(stockText, "stock", 0, Number.MAX_SAFE_INTEGER);
  }
  let refund: RefundRule | null = null;
  const notice = (f.notice_days ?? "").trim();
  const late = (f.late_percent ?? "").trim();
  if (booked && (notice || late)) {
    const days = parseDecimal(notice || "0", "notice in days");
    const seconds = Math.round(Number(days) * DAY);
    const pct = parseDecimal(late || "0", "percentage back");
    if (Number(pct) > 100) throw new AmountError("The percentage back is at most 100.");
    refund = { full_refund_notice_seconds: seconds, late_refund_percent: fractionOfPercent(pct) };
  }
  return { kind, title, description: (f.description ?? "").trim(), category: f.category, unit, price: price.toString(), stock, refund };
}

/** "50" (percent) → "0.5" (a Decimal fraction), exactly. */
export function fractionOfPercent(pct: string): string {
  const [w, f = ""] = pct.split(".");
  const scaled = BigInt(w + f.padEnd(18, "0").slice(0, 18)) / 100n; // × 10^18
  const s = scaled.toString().padStart(19, "0");
  const whole = s.slice(0, -18).replace(/^0+(?=\d)/, "");
  const fr = s.slice(-18).replace(/0+$/, "");
  return fr ? `${whole}.${fr}` : whole;
}

// ---------------------------------------------------------------------------- lists, every page

type Page<T, K> = (startAfter: K | undefined, limit: number) => Promise<T[]>;

/** Every listing (by category, by provider, or all), in id order. */
export const allListings = (page: Page<Listing, number>) => allPages(page, (l) => l.id, { limit: PAGE.flow });
/** Every booking of a booker, in id order. */
export const allBookings = (page: Page<Booking, number>) => allPages(page, (b) => b.id, { limit: PAGE.flow });
/** Every purchase of a buyer or of a provider, in id order. */
export const allPurchases = (page: Page<Purchase, number>) => allPages(page, (p) => p.id, { limit: PAGE.flow });
/** A resource's calendar over a window: `start_after` is the last booking's start. */
export const allCalendar = (page: Page<Booking, number>) => allPages(page, (b) => b.start, { limit: PAGE.flow });

/** Listings grouped by category, in the order of `categories` (unknown categories last). */
export function byCategory(listings: Listing[], categories: string[]): [string, Listing[]][] {
  const groups = new Map<string, Listing[]>();
  for (const c of categories) groups.set(c, []);
  for (const l of listings) groups.set(l.category, [...(groups.get(l.category) ?? []), l]);
  return [...groups.entries()];
}
