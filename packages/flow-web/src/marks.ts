// Which needs on the board the connected member already marked ("I need this too" / "I can
// provide this"): the registry's `marks { member, start_after, limit }`, one query per page of
// 100 of the member's own marks, however many needs the board shows. A registry older than
// that query refuses it as an unknown variant; the member's place in each need's
// `requesters` / `offers` list is then read need by need, as before.
import type { Mark } from "@cw-flow/client/NeedRegistry.types";
import { PAGE, allPages, isUnknownQuery, memberIn } from "./paging";

export interface MyMarks {
  myRequests: Set<number>;
  myOffers: Set<number>;
}

/** One page of the member's marks (need id order). */
export type MarksPage = (startAfter: number | undefined, limit: number) => Promise<Mark[]>;
/** One page of a need's requesters or offerers (address order). */
export type MembersPage = (needId: number, startAfter: string | undefined, limit: number) => Promise<string[]>;

export interface PerNeed {
  member: string;
  requesters: MembersPage;
  offers: MembersPage;
}

type BoardNeed = { id: number; requesters: number; offers: number };

/**
 * The member's requests and offers among `needs` (the ids of the board's needs only: marks on
 * closed needs are left out). No query when the board is empty; `perNeed` answers only when
 * the registry does not know `marks`.
 */
export async function readMyMarks(needs: BoardNeed[], marksPage: MarksPage, perNeed?: PerNeed): Promise<MyMarks> {
  const myRequests = new Set<number>();
  const myOffers = new Set<number>();
  if (needs.length === 0) return { myRequests, myOffers };
  const shown = new Set(needs.map((n) => n.id));
  let marks: Mark[];
  try {
    marks = await allPages(marksPage, (m) => m.need_id, { limit: PAGE.flow });
  } catch (e) {
    if (!perNeed || !isUnknownQuery(e)) throw e;
    return readPerNeed(needs, perNeed);
  }
  for (const m of marks) {
    if (!shown.has(m.need_id)) continue;
    if (m.requested) myRequests.add(m.need_id);
    if (m.offered) myOffers.add(m.need_id);
  }
  return { myRequests, myOffers };
}

/** A registry without `marks`: none for a need whose counts are 0, else pages up to the member's place. */
async function readPerNeed(needs: BoardNeed[], { member, requesters, offers }: PerNeed): Promise<MyMarks> {
  const marks = await Promise.all(
    needs.map(async (n) => {
      const page = (q: MembersPage) => (startAfter: string | undefined, limit: number) => q(n.id, startAfter, limit);
      const [requested, offered] = await Promise.all([
        memberIn(page(requesters), member, { limit: PAGE.flow, count: n.requesters }),
        memberIn(page(offers), member, { limit: PAGE.flow, count: n.offers }),
      ]);
      return { requested, offered };
    }),
  );
  return {
    myRequests: new Set(needs.filter((_, i) => marks[i].requested).map((n) => n.id)),
    myOffers: new Set(needs.filter((_, i) => marks[i].offered).map((n) => n.id)),
  };
}
