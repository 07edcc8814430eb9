import { describe, expect, it } from "vitest";

import type { Payout, PayoutsResponse, PreviewResponse } from "@cw-flow/client/Distributor.types";
import { PagingError } from "../paging";
import { type PreviewQueries, openShares } from "./shares";

const addr = (i: number) => `wasm1member${String(i).padStart(4, "0")}`;

/**
 * A distributor whose open cycle lists `n` members (as `previews` would: address order, at
 * most 100 a page, `next_start_after` on a full page): member i is owed 1,000 + i, and its
 * `preview` says the same. Counts each query.
 */
function distributor(n: number, opts: { previews?: "unknown" | "broken" } = {}) {
  const members = Array.from({ length: n }, (_, i) => addr(i));
  const owed = (m: string) => String(1_000 + members.indexOf(m));
  const calls = { previews: [] as (string | undefined)[], preview: 0 };
  const d: PreviewQueries = {
    async previews({ startAfter, limit }) {
      calls.previews.push(startAfter);
      if (opts.previews === "unknown") throw new Error("Error parsing into type distributor::msg::QueryMsg: unknown variant `previews`");
      if (opts.previews === "broken") throw new Error("rpc error: connection refused");
      const from = startAfter === undefined ? 0 : members.indexOf(startAfter) + 1;
      const page = members.slice(from, from + Math.min(limit ?? 10, 100));
      const payouts: Payout[] = page.map((m) => ({
        member: m,
        hours: "0",
        credit: "0",
        weight: "1",
        share: "0",
        contribution_amount: "1000",
        baseline_amount: String(Number(owed(m)) - 1_000),
        amount: owed(m),
        claimed: false,
        claimed_amount: "0",
      }));
      return {
        cycle: 2,
        policy_version: 1,
        total_weight: String(n),
        contribution_pool: "0",
        baseline_each: "0",
        payouts,
        next_start_after: page.length === 100 ? page[page.length - 1] : null,
      } as PayoutsResponse;
    },
    async preview({ member }) {
      calls.preview++;
      return { cycle: 2, member, amount: owed(member), weight: "1" } as PreviewResponse;
    },
  };
  return { d, calls, members, owed };
}

describe("the open cycle's shares (My flow)", () => {
  it("reads 1,000 members' previews in 11 queries (10 pages of 100 and an empty one), no preview", async () => {
    const s = distributor(1_000);
    const { rows, complete } = await openShares(s.d, s.members.slice(0, 30));
    expect(complete).toBe(true);
    expect(rows.length).toBe(1_000);
    expect(rows.map((r) => r.addr)).toEqual(s.members);
    expect(rows.every((r) => r.amount === s.owed(r.addr))).toBe(true);
    expect(s.calls.previews).toEqual([undefined, ...Array.from({ length: 10 }, (_, i) => addr(i * 100 + 99))]);
    expect(s.calls.preview).toBe(0);
  });

  it("a small holon costs one query, whatever members are on show", async () => {
    const s = distributor(5);
    const { rows, complete } = await openShares(s.d, s.members);
    expect([rows.length, complete, s.calls.previews.length, s.calls.preview]).toEqual([5, true, 1, 0]);
    expect(rows.map((r) => [r.addr, r.amount])).toEqual(s.members.map((m, i) => [m, String(1_000 + i)]));
  });

  it("250 members: 3 pages (100, 100, 50)", async () => {
    const s = distributor(250);
    const { rows } = await openShares(s.d, []);
    expect(rows.length).toBe(250);
    expect(s.calls.previews).toEqual([undefined, addr(99), addr(199)]);
  });

  it("a distributor without previews: one preview per member on show, and says so", async () => {
    const s = distributor(100, { previews: "unknown" });
    const { rows, complete } = await openShares(s.d, s.members.slice(0, 30));
    expect(complete).toBe(false);
    expect(rows.map((r) => r.addr)).toEqual(s.members.slice(0, 30));
    expect(rows.map((r) => r.amount)).toEqual(s.members.slice(0, 30).map(s.owed));
    expect([s.calls.previews.length, s.calls.preview]).toEqual([1, 30]);
  });

  it("another error is not hidden behind the fallback", async () => {
    const s = distributor(10, { previews: "broken" });
    await expect(openShares(s.d, s.members)).rejects.toThrow(/connection refused/);
    expect(s.calls.preview).toBe(0);
  });

  it("a node that answers the same page twice is refused", async () => {
    const s = distributor(300);
    const d: PreviewQueries = { ...s.d, previews: ({ limit }) => s.d.previews({ limit }) };
    await expect(openShares(d, [])).rejects.toBeInstanceOf(PagingError);
  });
});
