//! Demand counters, kept current on every change so that reading them is O(#categories).
//!
//! Per (category, member) the registry counts the member's requests (and offers) on open
//! needs of the category. The category's `requesters` (`providers`) is the number of members
//! whose count is above zero: it goes up when a count goes 0 → 1 and down when it goes 1 → 0.

use cosmwasm_std::{Addr, Order, StdResult, Storage};
use cw_storage_plus::Map;
use flow_types::registry::Need;

use crate::helpers::{decr, incr};
use crate::state::{CategoryCounts, DEMAND, MEMBER_OFFERS, MEMBER_REQUESTS, OFFERS, REQUESTS};

/// Which side of the board a count is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// "I need this" (posting or endorsing).
    Request,
    /// "I can provide this".
    Offer,
}

fn member_counts<'a>(side: Side) -> Map<(&'a str, &'a Addr), u32> {
    match side {
        Side::Request => MEMBER_REQUESTS,
        Side::Offer => MEMBER_OFFERS,
    }
}

fn update_counts(
    storage: &mut dyn Storage,
    category: &str,
    f: impl FnOnce(&mut CategoryCounts) -> StdResult<()>,
) -> StdResult<()> {
    let mut counts = DEMAND.may_load(storage, category)?.unwrap_or_default();
    f(&mut counts)?;
    DEMAND.save(storage, category, &counts)
}

fn distinct(counts: &mut CategoryCounts, side: Side) -> &mut u32 {
    match side {
        Side::Request => &mut counts.requesters,
        Side::Offer => &mut counts.providers,
    }
}

/// Counts one more request (offer) of `member` on an open need of `category`.
pub fn add(storage: &mut dyn Storage, side: Side, category: &str, member: &Addr) -> StdResult<()> {
    let map = member_counts(side);
    let before = map
        .may_load(storage, (category, member))?
        .unwrap_or_default();
    map.save(storage, (category, member), &incr(before)?)?;
    if before == 0 {
        update_counts(storage, category, |c| {
            let n = distinct(c, side);
            *n = incr(*n)?;
            Ok(())
        })?;
    }
    Ok(())
}

/// Counts one request (offer) of `member` on an open need of `category` less.
pub fn remove(
    storage: &mut dyn Storage,
    side: Side,
    category: &str,
    member: &Addr,
) -> StdResult<()> {
    let map = member_counts(side);
    let before = map
        .may_load(storage, (category, member))?
        .unwrap_or_default();
    let after = decr(before)?;
    if after == 0 {
        map.remove(storage, (category, member));
        update_counts(storage, category, |c| {
            let n = distinct(c, side);
            *n = decr(*n)?;
            Ok(())
        })?;
    } else {
        map.save(storage, (category, member), &after)?;
    }
    Ok(())
}

/// The members with a request (offer) on a need. Bounded by the requester bound.
fn members_of(storage: &dyn Storage, side: Side, need_id: u64) -> StdResult<Vec<Addr>> {
    let set = match side {
        Side::Request => REQUESTS,
        Side::Offer => OFFERS,
    };
    set.prefix(need_id)
        .keys(storage, None, None, Order::Ascending)
        .collect()
}

/// A need became open: its requests and offers count again, and it counts as an open need.
pub fn count_need(storage: &mut dyn Storage, need: &Need) -> StdResult<()> {
    for side in [Side::Request, Side::Offer] {
        for member in members_of(storage, side, need.id)? {
            add(storage, side, &need.category, &member)?;
        }
    }
    update_counts(storage, &need.category, |c| {
        c.open_needs = incr(c.open_needs)?;
        Ok(())
    })
}

/// A need left the open state: its requests and offers stop counting.
pub fn uncount_need(storage: &mut dyn Storage, need: &Need) -> StdResult<()> {
    for side in [Side::Request, Side::Offer] {
        for member in members_of(storage, side, need.id)? {
            remove(storage, side, &need.category, &member)?;
        }
    }
    update_counts(storage, &need.category, |c| {
        c.open_needs = decr(c.open_needs)?;
        Ok(())
    })
}
