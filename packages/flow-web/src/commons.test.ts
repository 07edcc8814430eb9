import { describe, expect, it } from "vitest";

import type { Booking, Listing } from "@cw-flow/client/Commons.types";

import {
  CommonsError, DAY, HOUR, allBookings, allCalendar, allListings, amountDue, bookMsg, bookingQuote, buyMsg, byCategory, fractionOfPercent,
  isBooked, listingFrom, noticeWords, percentOf, priceWords, purchaseQuote, refundAt, refundWords, toUtcDate, utcDay, windowFromInputs, windowUnits,
} from "./commons";

const listing = (over: Partial<Listing> = {}): Listing => ({
  id: 1, kind: "resource", provider: "wasm1gov", title: "Tool library", description: "", category: "garden", unit: "day",
  price: "20000000", stock: null, refund: null, status: "active", created_at: "0", ...over,
});

describe("windows and amounts, as the commons counts them", () => {
  it("counts whole hours and days, one booking whatever its length", () => {
    expect(windowUnits("hour", 3 * HOUR, 5 * HOUR)).toBe(2);
    expect(windowUnits("day", 0, 2 * DAY)).toBe(2);
    expect(windowUnits("booking", 100, 100 + 5 * DAY + 17)).toBe(1);
    expect(() => windowUnits("hour", 0, 5400)).toThrow(/whole hours: the window is 1 h 30 min/);
    expect(() => windowUnits("day", 10, 10)).toThrow(/end after it starts/);
    expect(() => windowUnits("item", 0, DAY)).toThrow(CommonsError);
  });

  it("prices exactly, in base units, and refuses a product past 128 bits", () => {
    expect(amountDue("20000000", 2)).toBe(40_000_000n);
    expect(amountDue("340282366920938463463374607431768211455", 1)).toBe((1n << 128n) - 1n);
    expect(() => amountDue("170141183460469231731687303715884105728", 2)).toThrow(/cost more than any amount/);
  });

  it("reads date inputs as whole UTC days, the last day included", () => {
    expect(utcDay("2026-12-10")).toBe(Date.UTC(2026, 11, 10) / 1000);
    expect(windowFromInputs("day", "2026-12-10", "2026-12-11")).toEqual({ start: Date.UTC(2026, 11, 10) / 1000, end: Date.UTC(2026, 11, 12) / 1000 });
    expect(() => windowFromInputs("day", "2026-12-11", "2026-12-10")).toThrow(/last day must be on or after/);
    expect(() => windowFromInputs("day", "", "2026-12-10")).toThrow(/Choose a date/);
    expect(toUtcDate(Date.UTC(2026, 11, 10) / 1000 + 5 * HOUR)).toBe("2026-12-10");
    // datetime-local values are the member's own time: an hour apart is one hour.
    const w = windowFromInputs("hour", "2026-12-10T10:00", "2026-12-10T12:00");
    expect(w.end - w.start).toBe(2 * HOUR);
  });

  it("quotes a booking and a purchase before anything is signed", () => {
    const q = bookingQuote(listing(), "2026-12-10", "2026-12-11");
    expect([q.units, q.amount]).toEqual([2, 40_000_000n]);
    const offer = listing({ kind: "offer", unit: "hour", price: "15000000" });
    expect(purchaseQuote(offer, "2")).toEqual({ quantity: 2, amount: 30_000_000n });
    expect(() => purchaseQuote(offer, "0")).toThrow(/between 1 and 1,000/);
    expect(() => purchaseQuote(offer, "1001")).toThrow(/between 1 and 1,000/);
    expect(() => purchaseQuote(listing({ unit: "item", stock: 3 }), "4")).toThrow(/Only 3 left/);
    expect(() => purchaseQuote(listing({ unit: "item", stock: 0 }), "1")).toThrow(/None left/);
  });

  it("builds the cw20 Send payloads the commons takes", () => {
    expect(bookMsg(1, 100, 200)).toEqual({ book: { listing: 1, start: 100, end: 200 } });
    expect(buyMsg(2, 3)).toEqual({ buy: { listing: 2, quantity: 3 } });
  });

  it("tells booked resources from bought listings", () => {
    expect(isBooked(listing())).toBe(true);
    expect(isBooked(listing({ unit: "item" }))).toBe(false);
    expect(isBooked(listing({ kind: "offer", unit: "hour" }))).toBe(false);
  });
});

describe("refunds", () => {
  const rule = { full_refund_notice_seconds: 2 * DAY, late_refund_percent: "0.5" };
  const b = { amount: "40000000", start: 10 * DAY };
  it("returns all of it with enough notice, the late share (rounded down) after, nothing once started", () => {
    expect(refundAt(b, rule, 8 * DAY)).toBe(40_000_000n);
    expect(refundAt(b, rule, 8 * DAY + 1)).toBe(20_000_000n);
    expect(refundAt({ amount: "3", start: 10 }, { full_refund_notice_seconds: 100, late_refund_percent: "0.33" }, 5)).toBe(0n);
    expect(refundAt({ amount: "100", start: 10 }, { full_refund_notice_seconds: 100, late_refund_percent: "0.33" }, 5)).toBe(33n);
    expect(refundAt(b, null, 10 * DAY - 1)).toBe(40_000_000n);
    expect(refundAt(b, rule, 10 * DAY)).toBeNull();
  });
  it("says the rule in words", () => {
    expect(refundWords(null)).toBe("Cancelled before the start: all of it back");
    expect(refundWords(rule)).toBe("Cancelled at least 2 days before the start: all of it back; later: 50% back");
    expect(refundWords({ full_refund_notice_seconds: 0, late_refund_percent: "0" })).toBe("Cancelled before the start: 0% back");
    expect(refundWords({ full_refund_notice_seconds: HOUR, late_refund_percent: "0.25" })).toBe("Cancelled at least 1 hour before the start: all of it back; later: 25% back");
    expect(noticeWords(DAY)).toBe("1 day");
    expect(noticeWords(5400)).toBe("1 h 30 min");
    expect(percentOf("0.333")).toBe("33.3%");
    expect(fractionOfPercent("50")).toBe("0.5");
    expect(fractionOfPercent("12.5")).toBe("0.125");
    expect(fractionOfPercent("100")).toBe("1");
  });
});

describe("a listing typed in a form", () => {
  it("an offer: price in tokens per unit as base units, no refund rule", () => {
    expect(listingFrom("offer", { title: " Childcare at Alex's ", category: "childcare", unit: "hour", price: "15", stock: "", description: "" }, 6)).toEqual({
      kind: "offer", title: "Childcare at Alex's", description: "", category: "childcare", unit: "hour", price: "15000000", stock: null, refund: null,
    });
  });
  it("a booked resource with its refund rule; no stock for it", () => {
    expect(listingFrom("resource", { title: "Tool library", category: "garden", unit: "day", price: "20", notice_days: "2", late_percent: "50" }, 6)).toEqual({
      kind: "resource", title: "Tool library", description: "", category: "garden", unit: "day", price: "20000000", stock: null,
      refund: { full_refund_notice_seconds: 2 * DAY, late_refund_percent: "0.5" },
    });
    expect(() => listingFrom("resource", { title: "T", category: "garden", unit: "day", price: "20", stock: "3" }, 6)).toThrow(/no stock/);
    expect(listingFrom("resource", { title: "Bread share", category: "food", unit: "item", price: "2.5", stock: "12" }, 6)).toMatchObject({ price: "2500000", stock: 12, refund: null });
  });
  it("refuses what the commons would refuse, in plain words", () => {
    expect(() => listingFrom("offer", { title: "", category: "food", unit: "hour", price: "1" }, 6)).toThrow(/title/);
    expect(() => listingFrom("offer", { title: "x", category: "food", unit: "booking", price: "1" }, 6)).toThrow(/hour, the day or the item/);
    expect(() => listingFrom("offer", { title: "x", category: "food", unit: "hour", price: "0" }, 6)).toThrow(/above zero/);
    expect(() => listingFrom("offer", { title: "x", category: "food", unit: "hour", price: "0.0000001" }, 6)).toThrow(/At most 6 decimal places/);
    expect(() => listingFrom("resource", { title: "x", category: "food", unit: "day", price: "1", late_percent: "150" }, 6)).toThrow(/at most 100/);
  });
  it("prices in words", () => {
    expect(priceWords(listing(), 6, "AFLOW")).toBe("20 AFLOW a day");
    expect(priceWords(listing({ unit: "hour", price: "15500000" }), 6, "AFLOW")).toBe("15.5 AFLOW an hour");
    expect(priceWords(listing({ unit: "item", price: "1" }), 6, "AFLOW")).toBe("0.000001 AFLOW each");
  });
});

describe("the commons' lists, read to their end", () => {
  it("follows every page of listings (100 a page) by id", async () => {
    const all = Array.from({ length: 230 }, (_, i) => listing({ id: i + 1 }));
    const asked: (number | undefined)[] = [];
    const got = await allListings(async (after, limit) => {
      asked.push(after);
      const from = after === undefined ? 0 : all.findIndex((l) => l.id === after) + 1;
      return all.slice(from, from + limit);
    });
    expect(got.length).toBe(230);
    expect(asked).toEqual([undefined, 100, 200]);
  });
  it("pages a calendar by the last booking's start, and bookings by id", async () => {
    const bookings: Booking[] = Array.from({ length: 150 }, (_, i) => ({
      id: 150 - i, listing: 1, booker: "wasm1x", start: 1000 + i * 10, end: 1000 + i * 10 + 10, units: 1, amount: "1", status: "held", refunded: "0", booked_at: "0",
    }));
    const asked: (number | undefined)[] = [];
    const cal = await allCalendar(async (after, limit) => {
      asked.push(after);
      return bookings.filter((b) => after === undefined || b.start > after).slice(0, limit);
    });
    expect(cal.length).toBe(150);
    expect(asked).toEqual([undefined, 1990]);
    const byId = [...bookings].sort((a, b) => a.id - b.id);
    const mine = await allBookings(async (after, limit) => byId.filter((b) => after === undefined || b.id > after).slice(0, limit));
    expect(mine.map((b) => b.id)).toEqual(byId.map((b) => b.id));
  });
  it("groups listings by category in the registry's order", () => {
    const g = byCategory([listing({ id: 1, category: "garden" }), listing({ id: 2, category: "food" }), listing({ id: 3, category: "other" })], ["food", "garden"]);
    expect(g.map(([c, ls]) => [c, ls.map((l) => l.id)])).toEqual([["food", [2]], ["garden", [1]], ["other", [3]]]);
  });
});
