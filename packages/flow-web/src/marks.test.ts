import { describe, expect, it } from "vitest";

import type { Mark } from "@cw-flow/client/NeedRegistry.types";
import { type PerNeed, readMyMarks } from "./marks";
import { PagingError } from "./paging";

/**
 * The registry's `marks` for one member, served as the contract does: need id order, after
 * `startAfter`, at most 100 a page. Counts the queries.
 */
function registry(marks: Mark[]) {
  const asked: (number | undefined)[] = [];
  const marksPage = async (startAfter: number | undefined, limit: number) => {
    asked.push(startAfter);
    return marks.filter((m) => startAfter === undefined || m.need_id > startAfter).slice(0, Math.min(limit, 100));
  };
  return { asked, marksPage };
}

const need = (id: number, requesters = 1, offers = 1) => ({ id, requesters, offers });
const ids = (s: Set<number>) => [...s].sort((a, b) => a - b);

/** Per-need lists that must not be read (the registry knows `marks`). */
const untouched: PerNeed = {
  member: "wasm1me",
  requesters: async () => {
    throw new Error("requesters read");
  },
  offers: async () => {
    throw new Error("offers read");
  },
};

describe("readMyMarks: the board's marks of one member from the registry's marks query", () => {
  it("one query for a board of 1,000 needs when the member marked fewer than 100", async () => {
    const board = Array.from({ length: 1000 }, (_, i) => need(i + 1, 50, 50));
    const r = registry([
      { need_id: 3, requested: true, offered: false },
      { need_id: 7, requested: true, offered: true },
      { need_id: 999, requested: false, offered: true },
    ]);
    const m = await readMyMarks(board, r.marksPage, untouched);
    expect(r.asked).toEqual([undefined]);
    expect(ids(m.myRequests)).toEqual([3, 7]);
    expect(ids(m.myOffers)).toEqual([7, 999]);
  });

  it("one query per page of 100 marks, each after the last need id", async () => {
    // 250 marks: requested the odd ids, offered every third, among needs 1..400.
    const marks: Mark[] = [];
    for (let id = 1; marks.length < 250; id++)
      if (id % 2 === 1 || id % 3 === 0) marks.push({ need_id: id, requested: id % 2 === 1, offered: id % 3 === 0 });
    const board = Array.from({ length: 400 }, (_, i) => need(i + 1));
    const r = registry(marks);
    const m = await readMyMarks(board, r.marksPage, untouched);
    expect(r.asked).toEqual([undefined, marks[99].need_id, marks[199].need_id]);
    expect(ids(m.myRequests)).toEqual(marks.filter((x) => x.requested).map((x) => x.need_id));
    expect(ids(m.myOffers)).toEqual(marks.filter((x) => x.offered).map((x) => x.need_id));
  });

  it("exactly 100 marks: a second, empty page ends the list", async () => {
    const marks = Array.from({ length: 100 }, (_, i) => ({ need_id: i + 1, requested: true, offered: false }));
    const r = registry(marks);
    const m = await readMyMarks(marks.map((x) => need(x.need_id)), r.marksPage, untouched);
    expect(r.asked).toEqual([undefined, 100]);
    expect(m.myRequests.size).toBe(100);
    expect(m.myOffers.size).toBe(0);
  });

  it("marks on needs the board does not show (closed, fulfilled) are left out", async () => {
    const r = registry([
      { need_id: 2, requested: true, offered: true },
      { need_id: 4, requested: true, offered: false },
      { need_id: 5, requested: false, offered: true },
    ]);
    const m = await readMyMarks([need(1), need(4)], r.marksPage, untouched);
    expect(ids(m.myRequests)).toEqual([4]);
    expect(ids(m.myOffers)).toEqual([]);
  });

  it("an empty board sends no query; a member with no marks, one", async () => {
    const r = registry([]);
    const empty = await readMyMarks([], r.marksPage, untouched);
    expect(r.asked).toEqual([]);
    expect(empty.myRequests.size + empty.myOffers.size).toBe(0);
    const none = await readMyMarks([need(1), need(2)], r.marksPage, untouched);
    expect(r.asked).toEqual([undefined]);
    expect(none.myRequests.size + none.myOffers.size).toBe(0);
  });

  it("a registry without marks: need by need, only where the counts are not 0", async () => {
    const refused = async (): Promise<Mark[]> => {
      throw new Error("Query failed with (6): Error parsing into type flow_types::registry::QueryMsg: unknown variant `marks`");
    };
    const lists: Record<number, { requesters: string[]; offers: string[] }> = {
      1: { requesters: ["wasm1a", "wasm1me"], offers: [] },
      2: { requesters: ["wasm1a"], offers: ["wasm1me"] },
      3: { requesters: [], offers: [] },
    };
    const asked: string[] = [];
    const perNeed: PerNeed = {
      member: "wasm1me",
      requesters: async (id, after) => (asked.push(`requesters ${id}`), lists[id].requesters.filter((a) => !after || a > after)),
      offers: async (id, after) => (asked.push(`offers ${id}`), lists[id].offers.filter((a) => !after || a > after)),
    };
    const m = await readMyMarks([need(1, 2, 0), need(2, 1, 1), need(3, 0, 0)], refused, perNeed);
    expect(ids(m.myRequests)).toEqual([1]);
    expect(ids(m.myOffers)).toEqual([2]);
    expect(asked.sort()).toEqual(["offers 2", "requesters 1", "requesters 2"]);
  });

  it("any other failure is the page's error, not a silent fallback", async () => {
    const down = async (): Promise<Mark[]> => {
      throw new Error("the node did not answer");
    };
    await expect(readMyMarks([need(1)], down, untouched)).rejects.toThrow("the node did not answer");
    const same = async () => [{ need_id: 1, requested: true, offered: false }, ...Array.from({ length: 99 }, () => ({ need_id: 1, requested: true, offered: false }))];
    await expect(readMyMarks([need(1)], same, untouched)).rejects.toThrow(PagingError);
  });
});
