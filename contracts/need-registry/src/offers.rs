//! Offers: "I can provide this".

use cosmwasm_std::{DepsMut, Env, MessageInfo, Response};
use flow_types::registry::NeedStatus;

use crate::demand::{self, Side};
use crate::error::ContractError;
use crate::helpers::{assert_member, decr, incr};
use crate::marks;
use crate::needs::{assert_open, load_need};
use crate::state::{CONFIG, NEEDS, OFFERS};

/// A member offers toward an open need (once per need), counted in the category's providers.
/// Offers per need are bounded by the same bound as requesters.
pub fn execute_offer(
    deps: DepsMut,
    _env: Env,
    info: MessageInfo,
    id: u64,
) -> Result<Response, ContractError> {
    let config = CONFIG.load(deps.storage)?;
    let mut need = load_need(deps.storage, id)?;
    assert_member(&deps.querier, &config.group, &info.sender)?;
    assert_open(&need)?;
    if OFFERS.has(deps.storage, (id, &info.sender)) {
        return Err(ContractError::AlreadyOffered {
            id,
            address: info.sender.to_string(),
        });
    }
    if need.offers >= config.max_requesters_per_need {
        return Err(ContractError::TooManyOffers {
            max: config.max_requesters_per_need,
        });
    }
    marks::add_offer(deps.storage, id, &info.sender)?;
    need.offers = incr(need.offers)?;
    NEEDS.save(deps.storage, id, &need)?;
    demand::add(deps.storage, Side::Offer, &need.category, &info.sender)?;
    Ok(Response::new()
        .add_attribute("action", "offer")
        .add_attribute("need_id", id.to_string())
        .add_attribute("category", need.category)
        .add_attribute("member", info.sender)
        .add_attribute("offers", need.offers.to_string()))
}

/// A member withdraws its offer (whatever the need's status; membership not needed).
pub fn execute_withdraw_offer(
    deps: DepsMut,
    _env: Env,
    info: MessageInfo,
    id: u64,
) -> Result<Response, ContractError> {
    let mut need = load_need(deps.storage, id)?;
    if !OFFERS.has(deps.storage, (id, &info.sender)) {
        return Err(ContractError::NotOffered {
            id,
            address: info.sender.to_string(),
        });
    }
    marks::remove_offer(deps.storage, id, &info.sender);
    need.offers = decr(need.offers)?;
    NEEDS.save(deps.storage, id, &need)?;
    if need.status == NeedStatus::Open {
        demand::remove(deps.storage, Side::Offer, &need.category, &info.sender)?;
    }
    Ok(Response::new()
        .add_attribute("action", "withdraw_offer")
        .add_attribute("need_id", id.to_string())
        .add_attribute("category", need.category)
        .add_attribute("member", info.sender)
        .add_attribute("offers", need.offers.to_string()))
}
