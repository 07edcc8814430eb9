// The open cycle's shares on My flow: what each member would get if the cycle closed now.
//
// The distributor's `previews { start_after, limit }` answers a page of members (100) in one
// query, in `payouts`' shape, each amount exactly the member's own `preview`: the page reads
// every page through allPages, so a load costs one query per 100 listed members (one for a
// small holon), never one per member. A distributor older than that query refuses it as an
// unknown variant: then, as before, one `preview` per member on show (`shown`, a page of the
// group at a time).
import type { PayoutsResponse, PreviewResponse } from "@cw-flow/client/Distributor.types";
import { PAGE, allPages, isUnknownQuery } from "../paging";

export type ShareRow = { addr: string; amount: string; weight: string };

/** The two queries the open cycle's shares are read with (DistributorQueryClient's). */
export interface PreviewQueries {
  previews: (args: { startAfter?: string; limit?: number }) => Promise<PayoutsResponse>;
  preview: (args: { member: string }) => Promise<PreviewResponse>;
}

export interface OpenShares {
  rows: ShareRow[];
  /** Every member the contract lists (previews): no "show more". False: the first `shown`. */
  complete: boolean;
}

/** The open cycle's shares: every page of `previews`, or `preview` member by member for `shown`. */
export async function openShares(d: PreviewQueries, shown: string[]): Promise<OpenShares> {
  try {
    const list = await allPages(
      async (startAfter: string | undefined, limit) => (await d.previews({ startAfter, limit })).payouts,
      (p) => p.member,
      { limit: PAGE.flow },
    );
    return { rows: list.map((p) => ({ addr: p.member, amount: p.amount, weight: p.weight })), complete: true };
  } catch (e) {
    if (!isUnknownQuery(e)) throw e;
  }
  const rows = await Promise.all(
    shown.map(async (addr) => {
      const p = await d.preview({ member: addr }).catch(() => null);
      return { addr, amount: p?.amount ?? "0", weight: p?.weight ?? "0" };
    }),
  );
  return { rows, complete: false };
}
