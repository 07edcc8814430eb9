// Lists the page reads, followed to their end: every list query of the holon's contracts
// answers one page at a time (cw4's `list_members` at most 30, ours at most 100), and a page
// that stopped at the first one silently lost everything after it.

/** The largest page each contract answers (asking more gives this many: a "short" page is shorter). */
export const PAGE = {
  /** cw4-group `list_members` (cw-plus MAX_LIMIT) */
  cw4: 30,
  /** cw3 `list_proposals` / `list_votes` (cw-plus MAX_LIMIT) */
  cw3: 30,
  /** cw-flow's own list queries (flow_types::common::MAX_LIMIT) */
  flow: 100,
} as const;

export class PagingError extends Error {}

/** A contract older than a query refuses it as an unknown variant of its QueryMsg. */
export const isUnknownQuery = (e: unknown) => /unknown variant|no such variant|parsing into type/i.test(String((e as Error)?.message ?? e));

export interface AllPagesOptions {
  /** The page size asked for; a page shorter than this is the last one. */
  limit: number;
  /** A bound on pages read (a node that never ends a list must not hang the page). */
  maxPages?: number;
}

/**
 * Reads every page of a list: `fetchPage(startAfter, limit)` gives one page (startAfter
 * undefined for the first), `keyOf` the key the next page starts after (the last item's).
 * Stops on an empty page or a page shorter than `limit`. A node that answers the same page
 * twice (its last key does not move) would loop forever: that is refused with a PagingError.
 */
export async function allPages<T, K>(
  fetchPage: (startAfter: K | undefined, limit: number) => Promise<T[]>,
  keyOf: (item: T) => K,
  { limit, maxPages = 1_000 }: AllPagesOptions,
): Promise<T[]> {
  const out: T[] = [];
  let startAfter: K | undefined;
  let lastKey: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const items = await fetchPage(startAfter, limit);
    if (items.length === 0) return out;
    const key = keyOf(items[items.length - 1]);
    const seen = JSON.stringify(key);
    if (seen === lastKey || (startAfter !== undefined && seen === JSON.stringify(startAfter)))
      throw new PagingError(`the node answered the same page twice (after ${seen}): the list was not read to its end`);
    lastKey = seen;
    out.push(...items);
    if (items.length < limit) return out;
    startAfter = key;
  }
  throw new PagingError(`the list has more than ${maxPages} pages of ${limit}: not read to its end`);
}

/**
 * Whether `member` is in a list of addresses that the contract keeps in ascending order (a
 * need's requesters or offerers: cw-storage-plus keys, byte order), reading pages only until
 * the member is found or the list has passed where they would be. `count`, when the contract
 * says how long the list is, saves the read of an empty one.
 */
export async function memberIn(
  fetchPage: (startAfter: string | undefined, limit: number) => Promise<string[]>,
  member: string,
  { limit, count, maxPages = 1_000 }: AllPagesOptions & { count?: number },
): Promise<boolean> {
  if (count === 0) return false;
  let startAfter: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const items = await fetchPage(startAfter, limit);
    if (items.includes(member)) return true;
    const last = items[items.length - 1];
    if (items.length < limit || last === undefined || last > member) return false;
    if (startAfter !== undefined && last <= startAfter)
      throw new PagingError(`the node answered the same page twice (after ${JSON.stringify(startAfter)}): the list was not read to its end`);
    startAfter = last;
  }
  throw new PagingError(`the list has more than ${maxPages} pages of ${limit}: not read to its end`);
}
