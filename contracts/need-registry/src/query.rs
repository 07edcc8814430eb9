//! Queries. Every list is bounded: categories by `MAX_CATEGORIES`, the rest by pages.

use cosmwasm_std::{Addr, Deps, Order, StdError, StdResult};
use cw_storage_plus::{Bound, Map};
use cw_utils::maybe_addr;
use flow_types::common::page_limit;
use flow_types::registry::{
    CategoriesResponse, CategoryDemand, CategoryResponse, ConfigResponse, DemandResponse, Need,
    NeedResponse, NeedStatus, NeedsResponse, OffersResponse, RequestersResponse, MAX_SLUG_LEN,
};
use flow_types::validate;

use crate::error::ContractError;
use crate::needs::load_need;
use crate::state::{
    CATEGORIES, CONFIG, DEMAND, NEEDS, NEEDS_BY_CATEGORY, NEEDS_BY_CATEGORY_STATUS,
    NEEDS_BY_STATUS, OFFERS, REQUESTS,
};

pub fn query_config(deps: Deps) -> StdResult<ConfigResponse> {
    Ok(ConfigResponse {
        config: CONFIG.load(deps.storage)?,
    })
}

pub fn query_category(deps: Deps, id: String) -> Result<CategoryResponse, ContractError> {
    // Only a slug can name a category; anything else never reaches a storage key.
    validate::slug("id", &id, MAX_SLUG_LEN)?;
    let category = CATEGORIES
        .may_load(deps.storage, &id)?
        .ok_or(ContractError::UnknownCategory { id })?;
    Ok(CategoryResponse { category })
}

pub fn query_categories(deps: Deps) -> StdResult<CategoriesResponse> {
    let categories = CATEGORIES
        .range(deps.storage, None, None, Order::Ascending)
        .map(|item| item.map(|(_, category)| category))
        .collect::<StdResult<_>>()?;
    Ok(CategoriesResponse { categories })
}

pub fn query_need(deps: Deps, id: u64) -> Result<NeedResponse, ContractError> {
    Ok(NeedResponse {
        need: load_need(deps.storage, id)?,
    })
}

/// Needs in id order, filtered by category and/or status through an index, so that a
/// filtered page reads only the needs it returns.
pub fn query_needs(
    deps: Deps,
    category: Option<String>,
    status: Option<NeedStatus>,
    start_after: Option<u64>,
    limit: Option<u32>,
) -> StdResult<NeedsResponse> {
    // A category is a slug of at most 32 bytes: a longer string would make a storage key
    // past cw-storage-plus's 64 KiB bound (a panic), so it is refused before any key is built.
    if let Some(c) = &category {
        validate::slug("category", c, MAX_SLUG_LEN)
            .map_err(|e| StdError::generic_err(e.to_string()))?;
    }
    let limit = page_limit(limit);
    let start = start_after.map(Bound::exclusive);
    let ids: Vec<u64> = match (category.as_deref(), status) {
        (None, None) => {
            let needs = NEEDS
                .range(deps.storage, start, None, Order::Ascending)
                .take(limit)
                .map(|item| item.map(|(_, need)| need))
                .collect::<StdResult<_>>()?;
            return Ok(NeedsResponse { needs });
        }
        (Some(category), None) => NEEDS_BY_CATEGORY
            .prefix(category)
            .keys(deps.storage, start, None, Order::Ascending)
            .take(limit)
            .collect::<StdResult<_>>()?,
        (None, Some(status)) => NEEDS_BY_STATUS
            .prefix(status.as_u8())
            .keys(deps.storage, start, None, Order::Ascending)
            .take(limit)
            .collect::<StdResult<_>>()?,
        (Some(category), Some(status)) => NEEDS_BY_CATEGORY_STATUS
            .prefix((category, status.as_u8()))
            .keys(deps.storage, start, None, Order::Ascending)
            .take(limit)
            .collect::<StdResult<_>>()?,
    };
    let needs = ids
        .into_iter()
        .map(|id| NEEDS.load(deps.storage, id))
        .collect::<StdResult<Vec<Need>>>()?;
    Ok(NeedsResponse { needs })
}

/// One entry per category (at most `MAX_CATEGORIES`), in id order, zeros included.
pub fn query_demand(deps: Deps) -> StdResult<DemandResponse> {
    let demand = DEMAND
        .range(deps.storage, None, None, Order::Ascending)
        .map(|item| {
            item.map(|(category, counts)| CategoryDemand {
                category,
                requesters: counts.requesters,
                providers: counts.providers,
                open_needs: counts.open_needs,
            })
        })
        .collect::<StdResult<_>>()?;
    Ok(DemandResponse { demand })
}

fn members_page(
    deps: Deps,
    set: Map<(u64, &Addr), ()>,
    need_id: u64,
    start_after: Option<String>,
    limit: Option<u32>,
) -> Result<Vec<Addr>, ContractError> {
    load_need(deps.storage, need_id)?;
    let start_addr = maybe_addr(deps.api, start_after)?;
    let start = start_addr.as_ref().map(Bound::exclusive);
    Ok(set
        .prefix(need_id)
        .keys(deps.storage, start, None, Order::Ascending)
        .take(page_limit(limit))
        .collect::<StdResult<_>>()?)
}

pub fn query_offers(
    deps: Deps,
    need_id: u64,
    start_after: Option<String>,
    limit: Option<u32>,
) -> Result<OffersResponse, ContractError> {
    Ok(OffersResponse {
        need_id,
        members: members_page(deps, OFFERS, need_id, start_after, limit)?,
    })
}

pub fn query_requesters(
    deps: Deps,
    need_id: u64,
    start_after: Option<String>,
    limit: Option<u32>,
) -> Result<RequestersResponse, ContractError> {
    Ok(RequestersResponse {
        need_id,
        members: members_page(deps, REQUESTS, need_id, start_after, limit)?,
    })
}
