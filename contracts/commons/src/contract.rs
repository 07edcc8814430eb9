//! Entry points and dispatch. The logic lives in the domain modules.

#[cfg(not(feature = "library"))]
use cosmwasm_std::entry_point;
use cosmwasm_std::{from_json, to_json_binary, Binary, Deps, DepsMut, Env, MessageInfo, Response};
use cw20::Cw20ReceiveMsg;
use flow_types::commons::{
    ExecuteMsg, InstantiateMsg, ListingStatus, MigrateMsg, QueryMsg, ReceiveMsg,
};

pub use crate::config::{CONTRACT_NAME, CONTRACT_VERSION};
use crate::error::ContractError;
use crate::helpers::Payment;
use crate::state::CONFIG;
use crate::{bookings, config, listings, purchases, query};

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn instantiate(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: InstantiateMsg,
) -> Result<Response, ContractError> {
    config::instantiate(deps, env, info, msg)
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn execute(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: ExecuteMsg,
) -> Result<Response, ContractError> {
    cw_utils::nonpayable(&info)?;
    match msg {
        ExecuteMsg::Receive(wrapper) => execute_receive(deps, env, info, wrapper),
        ExecuteMsg::List { listing } => listings::execute_list(deps, env, info, listing),
        ExecuteMsg::Pause { listing } => {
            listings::execute_set_status(deps, info, listing, ListingStatus::Paused)
        }
        ExecuteMsg::Resume { listing } => {
            listings::execute_set_status(deps, info, listing, ListingStatus::Active)
        }
        ExecuteMsg::Withdraw { listing } => {
            listings::execute_set_status(deps, info, listing, ListingStatus::Withdrawn)
        }
        ExecuteMsg::Cancel { booking } => bookings::execute_cancel(deps, env, info, booking),
        ExecuteMsg::Release { booking } => bookings::execute_release(deps, env, booking),
        ExecuteMsg::Confirm { purchase } => purchases::execute_confirm(deps, info, purchase),
        ExecuteMsg::Dispute { purchase, reason } => {
            purchases::execute_dispute(deps, env, info, purchase, reason)
        }
        ExecuteMsg::Resolve { purchase, refund } => {
            purchases::execute_resolve(deps, info, purchase, refund)
        }
        ExecuteMsg::ReleasePurchase { purchase } => {
            purchases::execute_release_purchase(deps, env, info, purchase)
        }
        ExecuteMsg::UpdateConfig {
            confirm_window_seconds,
            bounds,
        } => config::execute_update_config(deps, info, confirm_window_seconds, bounds),
        ExecuteMsg::UpdateOwnership(action) => {
            config::execute_update_ownership(deps, env, info, action)
        }
    }
}

/// The cw20 hook: `info.sender` is the token contract that moved the tokens to us, and only
/// the holon's own token pays here.
pub fn execute_receive(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    wrapper: Cw20ReceiveMsg,
) -> Result<Response, ContractError> {
    let config = CONFIG.load(deps.storage)?;
    if info.sender != config.token {
        return Err(ContractError::ForeignToken {
            token: info.sender.to_string(),
            expected: config.token.to_string(),
        });
    }
    let paid = Payment {
        payer: deps.api.addr_validate(&wrapper.sender)?,
        amount: wrapper.amount,
    };
    match from_json(&wrapper.msg)? {
        ReceiveMsg::Book {
            listing,
            start,
            end,
        } => bookings::book(deps, env, &config, paid, listing, start, end),
        ReceiveMsg::Buy { listing, quantity } => {
            purchases::buy(deps, env, &config, paid, listing, quantity)
        }
    }
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn query(deps: Deps, _env: Env, msg: QueryMsg) -> Result<Binary, ContractError> {
    Ok(match msg {
        QueryMsg::Config {} => to_json_binary(&query::query_config(deps)?)?,
        QueryMsg::Totals {} => to_json_binary(&query::query_totals(deps)?)?,
        QueryMsg::Listing { id } => to_json_binary(&query::query_listing(deps, id)?)?,
        QueryMsg::Listings {
            category,
            provider,
            start_after,
            limit,
        } => to_json_binary(&query::query_listings(
            deps,
            category,
            provider,
            start_after,
            limit,
        )?)?,
        QueryMsg::Calendar {
            listing,
            from,
            to,
            start_after,
            limit,
        } => to_json_binary(&query::query_calendar(
            deps,
            listing,
            from,
            to,
            start_after,
            limit,
        )?)?,
        QueryMsg::Booking { id } => to_json_binary(&query::query_booking(deps, id)?)?,
        QueryMsg::Bookings {
            booker,
            start_after,
            limit,
        } => to_json_binary(&query::query_bookings(deps, booker, start_after, limit)?)?,
        QueryMsg::Purchase { id } => to_json_binary(&query::query_purchase(deps, id)?)?,
        QueryMsg::Purchases {
            buyer,
            provider,
            start_after,
            limit,
        } => to_json_binary(&query::query_purchases(
            deps,
            buyer,
            provider,
            start_after,
            limit,
        )?)?,
        QueryMsg::Ownership {} => to_json_binary(&cw_ownable::get_ownership(deps.storage)?)?,
    })
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn migrate(deps: DepsMut, _env: Env, _msg: MigrateMsg) -> Result<Response, ContractError> {
    flow_types::migrate::ensure_upgrade(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    Ok(Response::new()
        .add_attribute("action", "migrate")
        .add_attribute("contract", CONTRACT_NAME)
        .add_attribute("version", CONTRACT_VERSION))
}
