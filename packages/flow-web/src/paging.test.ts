import { describe, expect, it } from "vitest";

import { PagingError, allPages, memberIn } from "./paging";

/** A list of `n` items with keys 1..n served like a contract capped at `cap` per page. */
function server(n: number, cap: number) {
  const items = Array.from({ length: n }, (_, i) => ({ id: i + 1 }));
  const calls: (number | undefined)[] = [];
  const fetchPage = async (startAfter: number | undefined, limit: number) => {
    calls.push(startAfter);
    const from = startAfter === undefined ? 0 : items.findIndex((x) => x.id === startAfter) + 1;
    return items.slice(from, from + Math.min(limit, cap));
  };
  return { fetchPage, calls };
}

describe("allPages", () => {
  it("reads 1,000 members of a cw4 group 30 at a time, and no page more", async () => {
    const s = server(1000, 30);
    const all = await allPages(s.fetchPage, (x) => x.id, { limit: 30 });
    expect(all.map((x) => x.id)).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
    // 33 full pages and a short one of 10
    expect(s.calls.length).toBe(34);
    expect(s.calls[0]).toBeUndefined();
    expect(s.calls[1]).toBe(30);
    expect(s.calls[33]).toBe(990);
  });

  it("stops at a short first page (one query for a small holon)", async () => {
    const s = server(5, 30);
    expect((await allPages(s.fetchPage, (x) => x.id, { limit: 30 })).length).toBe(5);
    expect(s.calls).toEqual([undefined]);
  });

  it("stops on an empty page (a list of exactly one page)", async () => {
    const s = server(30, 30);
    expect((await allPages(s.fetchPage, (x) => x.id, { limit: 30 })).length).toBe(30);
    expect(s.calls).toEqual([undefined, 30]);
  });

  it("reads an empty list with one query", async () => {
    const s = server(0, 30);
    expect(await allPages(s.fetchPage, (x) => x.id, { limit: 30 })).toEqual([]);
    expect(s.calls.length).toBe(1);
  });

  it("uses the last key of a page as the next start_after (string keys)", async () => {
    const keys = ["wasm1a", "wasm1b", "wasm1c", "wasm1d", "wasm1e"];
    const seen: (string | undefined)[] = [];
    const all = await allPages(
      async (after: string | undefined, limit) => {
        seen.push(after);
        const from = after === undefined ? 0 : keys.indexOf(after) + 1;
        return keys.slice(from, from + limit).map((addr) => ({ addr }));
      },
      (m) => m.addr,
      { limit: 2 },
    );
    expect(all.map((m) => m.addr)).toEqual(keys);
    expect(seen).toEqual([undefined, "wasm1b", "wasm1d"]);
  });

  it("refuses a node that answers the same page twice instead of looping", async () => {
    let calls = 0;
    const same = async () => {
      calls++;
      return [{ id: 1 }, { id: 2 }];
    };
    await expect(allPages(same, (x) => x.id, { limit: 2 })).rejects.toThrow(PagingError);
    await expect(allPages(same, (x) => x.id, { limit: 2 })).rejects.toThrow(/same page twice/);
    expect(calls).toBe(4);
  });

  it("refuses a page that ends at the key it started after", async () => {
    const stuck = async (after: number | undefined) => (after === undefined ? [{ id: 1 }, { id: 2 }] : [{ id: 2 }, { id: 2 }]);
    await expect(allPages(stuck, (x) => x.id, { limit: 2 })).rejects.toThrow(/same page twice/);
  });

  it("gives up after maxPages", async () => {
    let n = 0;
    const endless = async () => [{ id: ++n }, { id: ++n }];
    await expect(allPages(endless, (x) => x.id, { limit: 2, maxPages: 5 })).rejects.toThrow(/more than 5 pages/);
    expect(n).toBe(10);
  });
});

describe("memberIn: is a member in a need's requesters or offerers (ascending addresses)", () => {
  // 250 requesters in the contract's order (byte order of the address strings).
  const list = Array.from({ length: 250 }, (_, i) => `wasm1m${String(i).padStart(4, "0")}`);
  const counted = () => {
    const asked: (string | undefined)[] = [];
    const fetchPage = async (startAfter: string | undefined, limit: number) => {
      asked.push(startAfter);
      const from = startAfter === undefined ? 0 : list.findIndex((a) => a > startAfter);
      return from < 0 ? [] : list.slice(from, from + limit);
    };
    return { asked, fetchPage };
  };

  it("a need nobody requests: no query at all", async () => {
    const { asked, fetchPage } = counted();
    expect(await memberIn(fetchPage, list[3], { limit: 100, count: 0 })).toBe(false);
    expect(asked).toEqual([]);
  });

  it("found on the first page: one query", async () => {
    const { asked, fetchPage } = counted();
    expect(await memberIn(fetchPage, list[42], { limit: 100, count: 250 })).toBe(true);
    expect(asked).toEqual([undefined]);
  });

  it("found on the third page: three queries, each after the last key", async () => {
    const { asked, fetchPage } = counted();
    expect(await memberIn(fetchPage, list[230], { limit: 100, count: 250 })).toBe(true);
    expect(asked).toEqual([undefined, list[99], list[199]]);
  });

  it("not there: stops once the list has passed the member's place", async () => {
    const { asked, fetchPage } = counted();
    expect(await memberIn(fetchPage, "wasm1m0050x", { limit: 100, count: 250 })).toBe(false);
    expect(asked).toEqual([undefined]);
    const tail = counted();
    expect(await memberIn(tail.fetchPage, "wasm1z", { limit: 100, count: 250 })).toBe(false);
    expect(tail.asked).toEqual([undefined, list[99], list[199]]);
  });

  it("a node that answers the same page again is refused", async () => {
    const same = async () => list.slice(0, 100);
    await expect(memberIn(same, "wasm1z", { limit: 100 })).rejects.toThrow(PagingError);
  });
});
