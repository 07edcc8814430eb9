//! A member's marks across needs: which needs they request and which they offer toward,
//! kept in two (member, need) indexes beside the per-need sets, so that one paged query
//! answers "which needs did I mark" without a query per need.
//!
//! Every change of a per-need set (`REQUESTS`, `OFFERS`) goes through these functions, which
//! write the index in the same message: one key each, no walk.

use cosmwasm_std::{Addr, Deps, Order, StdResult, Storage};
use cw_storage_plus::Bound;
use flow_types::common::page_limit;
use flow_types::registry::{Mark, MarksResponse};

use crate::state::{MARKS_INDEXED, OFFERS, OFFERS_BY_MEMBER, REQUESTS, REQUESTS_BY_MEMBER};

pub fn add_request(storage: &mut dyn Storage, id: u64, member: &Addr) -> StdResult<()> {
    REQUESTS.save(storage, (id, member), &())?;
    REQUESTS_BY_MEMBER.save(storage, (member, id), &())
}

pub fn remove_request(storage: &mut dyn Storage, id: u64, member: &Addr) {
    REQUESTS.remove(storage, (id, member));
    REQUESTS_BY_MEMBER.remove(storage, (member, id));
}

pub fn add_offer(storage: &mut dyn Storage, id: u64, member: &Addr) -> StdResult<()> {
    OFFERS.save(storage, (id, member), &())?;
    OFFERS_BY_MEMBER.save(storage, (member, id), &())
}

pub fn remove_offer(storage: &mut dyn Storage, id: u64, member: &Addr) {
    OFFERS.remove(storage, (id, member));
    OFFERS_BY_MEMBER.remove(storage, (member, id));
}

/// One page of `member`'s marks in need id order: the union of their requests and offers
/// after `start_after`. Reads at most `limit` keys of each index (the first `limit` ids of
/// the union are among the first `limit` of each).
pub fn query_marks(
    deps: Deps,
    member: Addr,
    start_after: Option<u64>,
    limit: Option<u32>,
) -> StdResult<MarksResponse> {
    let limit = page_limit(limit);
    let page = |index: cw_storage_plus::Map<(&Addr, u64), ()>| -> StdResult<Vec<u64>> {
        index
            .prefix(&member)
            .keys(
                deps.storage,
                start_after.map(Bound::exclusive),
                None,
                Order::Ascending,
            )
            .take(limit)
            .collect()
    };
    let requested = page(REQUESTS_BY_MEMBER)?;
    let offered = page(OFFERS_BY_MEMBER)?;
    let (mut r, mut o) = (requested.iter().peekable(), offered.iter().peekable());
    let mut marks = Vec::with_capacity(limit);
    while marks.len() < limit {
        let need_id = match (r.peek(), o.peek()) {
            (Some(&&a), Some(&&b)) => a.min(b),
            (Some(&&a), None) => a,
            (None, Some(&&b)) => b,
            (None, None) => break,
        };
        let requested = r.next_if(|&&a| a == need_id).is_some();
        let offered = o.next_if(|&&b| b == need_id).is_some();
        marks.push(Mark {
            need_id,
            requested,
            offered,
        });
    }
    Ok(MarksResponse { member, marks })
}

/// Builds both indexes from the per-need sets when a registry older than them has the sets
/// only (no `MARKS_INDEXED`); returns how many marks it indexed (0 when already indexed).
/// Run once by `migrate`: it walks every mark (at most needs × 2 × the requester bound).
pub fn backfill(storage: &mut dyn Storage) -> StdResult<u64> {
    if MARKS_INDEXED.may_load(storage)?.is_some() {
        return Ok(0);
    }
    let requests: Vec<(u64, Addr)> = REQUESTS
        .keys(storage, None, None, Order::Ascending)
        .collect::<StdResult<_>>()?;
    let offers: Vec<(u64, Addr)> = OFFERS
        .keys(storage, None, None, Order::Ascending)
        .collect::<StdResult<_>>()?;
    let count = (requests.len() + offers.len()) as u64;
    for (id, member) in requests {
        REQUESTS_BY_MEMBER.save(storage, (&member, id), &())?;
    }
    for (id, member) in offers {
        OFFERS_BY_MEMBER.save(storage, (&member, id), &())?;
    }
    MARKS_INDEXED.save(storage, &true)?;
    Ok(count)
}
