//! Requests: "I need this too". The poster's post is its request; members endorse.

use cosmwasm_std::{DepsMut, Env, MessageInfo, Response};
use flow_types::registry::NeedStatus;

use crate::demand::{self, Side};
use crate::error::ContractError;
use crate::helpers::{assert_member, decr, incr};
use crate::marks;
use crate::needs::{assert_open, load_need};
use crate::state::{CONFIG, NEEDS, REQUESTS};

/// A member endorses an open need: one more requester, counted in the category's demand.
pub fn execute_endorse(
    deps: DepsMut,
    _env: Env,
    info: MessageInfo,
    id: u64,
) -> Result<Response, ContractError> {
    let config = CONFIG.load(deps.storage)?;
    let mut need = load_need(deps.storage, id)?;
    assert_member(&deps.querier, &config.group, &info.sender)?;
    assert_open(&need)?;
    if info.sender == need.posted_by || REQUESTS.has(deps.storage, (id, &info.sender)) {
        return Err(ContractError::AlreadyRequested {
            id,
            address: info.sender.to_string(),
        });
    }
    if need.requesters >= config.max_requesters_per_need {
        return Err(ContractError::TooManyRequesters {
            max: config.max_requesters_per_need,
        });
    }
    marks::add_request(deps.storage, id, &info.sender)?;
    need.requesters = incr(need.requesters)?;
    NEEDS.save(deps.storage, id, &need)?;
    demand::add(deps.storage, Side::Request, &need.category, &info.sender)?;
    Ok(Response::new()
        .add_attribute("action", "endorse")
        .add_attribute("need_id", id.to_string())
        .add_attribute("category", need.category)
        .add_attribute("member", info.sender)
        .add_attribute("requesters", need.requesters.to_string()))
}

/// An endorser withdraws its request (whatever the need's status; membership not needed).
pub fn execute_withdraw_endorsement(
    deps: DepsMut,
    _env: Env,
    info: MessageInfo,
    id: u64,
) -> Result<Response, ContractError> {
    let mut need = load_need(deps.storage, id)?;
    if info.sender == need.posted_by {
        return Err(ContractError::PosterCannotWithdraw { id });
    }
    if !REQUESTS.has(deps.storage, (id, &info.sender)) {
        return Err(ContractError::NotRequested {
            id,
            address: info.sender.to_string(),
        });
    }
    marks::remove_request(deps.storage, id, &info.sender);
    need.requesters = decr(need.requesters)?;
    NEEDS.save(deps.storage, id, &need)?;
    if need.status == NeedStatus::Open {
        demand::remove(deps.storage, Side::Request, &need.category, &info.sender)?;
    }
    Ok(Response::new()
        .add_attribute("action", "withdraw_endorsement")
        .add_attribute("need_id", id.to_string())
        .add_attribute("category", need.category)
        .add_attribute("member", info.sender)
        .add_attribute("requesters", need.requesters.to_string()))
}
