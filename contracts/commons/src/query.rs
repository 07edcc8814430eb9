//! Queries. Every list is paged (default 10, at most 100) and reads only what it returns.

use cosmwasm_std::{Deps, Order, StdResult};
use cw_storage_plus::Bound;
use flow_types::common::page_limit;
use flow_types::commons::{
    Booking, BookingResponse, BookingsResponse, CalendarResponse, ConfigResponse, Listing,
    ListingResponse, ListingsResponse, Purchase, PurchaseResponse, PurchasesResponse,
    TotalsResponse, MAX_CATEGORY_LEN,
};
use flow_types::validate;

use crate::bookings::{last_slot_before, load_booking};
use crate::error::ContractError;
use crate::listings::load_listing;
use crate::purchases::load_purchase;
use crate::state::{bookings, listings, purchases, CALENDAR, CONFIG, TOTALS};

pub fn query_config(deps: Deps) -> StdResult<ConfigResponse> {
    Ok(ConfigResponse {
        config: CONFIG.load(deps.storage)?,
    })
}

pub fn query_totals(deps: Deps) -> StdResult<TotalsResponse> {
    Ok(TotalsResponse {
        totals: TOTALS.load(deps.storage)?,
    })
}

pub fn query_listing(deps: Deps, id: u64) -> Result<ListingResponse, ContractError> {
    Ok(ListingResponse {
        listing: load_listing(deps.storage, id)?,
    })
}

pub fn query_listings(
    deps: Deps,
    category: Option<String>,
    provider: Option<String>,
    start_after: Option<u64>,
    limit: Option<u32>,
) -> Result<ListingsResponse, ContractError> {
    let limit = page_limit(limit);
    let start = start_after.map(Bound::exclusive);
    let map = listings();
    let items = match (category, provider) {
        (Some(_), Some(_)) => return Err(ContractError::TwoFilters {}),
        (Some(category), None) => {
            // Only a slug can name a category; anything else never reaches a storage key.
            validate::slug("category", &category, MAX_CATEGORY_LEN)?;
            map.idx
                .category
                .prefix(category)
                .range(deps.storage, start, None, Order::Ascending)
                .take(limit)
                .map(|item| item.map(|(_, l)| l))
                .collect::<StdResult<Vec<Listing>>>()?
        }
        (None, Some(provider)) => {
            let provider = deps.api.addr_validate(&provider)?;
            map.idx
                .provider
                .prefix(provider)
                .range(deps.storage, start, None, Order::Ascending)
                .take(limit)
                .map(|item| item.map(|(_, l)| l))
                .collect::<StdResult<Vec<Listing>>>()?
        }
        (None, None) => map
            .range(deps.storage, start, None, Order::Ascending)
            .take(limit)
            .map(|item| item.map(|(_, l)| l))
            .collect::<StdResult<Vec<Listing>>>()?,
    };
    Ok(ListingsResponse { listings: items })
}

/// The bookings of `listing` meeting `[from, to)`, by start. The first page begins with the
/// booking that started before `from` and runs into it, if any (one reverse read).
pub fn query_calendar(
    deps: Deps,
    listing: u64,
    from: u64,
    to: u64,
    start_after: Option<u64>,
    limit: Option<u32>,
) -> Result<CalendarResponse, ContractError> {
    load_listing(deps.storage, listing)?;
    let limit = page_limit(limit);
    let mut ids = Vec::with_capacity(limit);
    let lower = match start_after {
        Some(s) if s >= from => Bound::exclusive(s),
        _ => Bound::inclusive(from),
    };
    if start_after.is_none() {
        if let Some((_, slot)) = last_slot_before(deps.storage, listing, from)? {
            if slot.end > from {
                ids.push(slot.booking);
            }
        }
    }
    if from < to {
        for item in CALENDAR
            .prefix(listing)
            .range(
                deps.storage,
                Some(lower),
                Some(Bound::exclusive(to)),
                Order::Ascending,
            )
            .take(limit - ids.len())
        {
            let (_, slot) = item?;
            ids.push(slot.booking);
        }
    }
    let bookings = ids
        .into_iter()
        .map(|id| load_booking(deps.storage, id))
        .collect::<Result<Vec<Booking>, _>>()?;
    Ok(CalendarResponse { listing, bookings })
}

pub fn query_booking(deps: Deps, id: u64) -> Result<BookingResponse, ContractError> {
    Ok(BookingResponse {
        booking: load_booking(deps.storage, id)?,
    })
}

pub fn query_bookings(
    deps: Deps,
    booker: String,
    start_after: Option<u64>,
    limit: Option<u32>,
) -> Result<BookingsResponse, ContractError> {
    let booker = deps.api.addr_validate(&booker)?;
    let bookings = bookings()
        .idx
        .booker
        .prefix(booker)
        .range(
            deps.storage,
            start_after.map(Bound::exclusive),
            None,
            Order::Ascending,
        )
        .take(page_limit(limit))
        .map(|item| item.map(|(_, b)| b))
        .collect::<StdResult<Vec<Booking>>>()?;
    Ok(BookingsResponse { bookings })
}

pub fn query_purchase(deps: Deps, id: u64) -> Result<PurchaseResponse, ContractError> {
    Ok(PurchaseResponse {
        purchase: load_purchase(deps.storage, id)?,
    })
}

pub fn query_purchases(
    deps: Deps,
    buyer: Option<String>,
    provider: Option<String>,
    start_after: Option<u64>,
    limit: Option<u32>,
) -> Result<PurchasesResponse, ContractError> {
    let map = purchases();
    let start = start_after.map(Bound::exclusive);
    let prefix = match (buyer, provider) {
        (Some(buyer), None) => map.idx.buyer.prefix(deps.api.addr_validate(&buyer)?),
        (None, Some(provider)) => map.idx.provider.prefix(deps.api.addr_validate(&provider)?),
        _ => return Err(ContractError::OneOfBuyerOrProvider {}),
    };
    let purchases = prefix
        .range(deps.storage, start, None, Order::Ascending)
        .take(page_limit(limit))
        .map(|item| item.map(|(_, p)| p))
        .collect::<StdResult<Vec<Purchase>>>()?;
    Ok(PurchasesResponse { purchases })
}
