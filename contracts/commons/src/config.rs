//! Instantiation and ownership (governance).

use cosmwasm_std::{DepsMut, Env, MessageInfo, Response};
use flow_types::commons::{
    Bounds, Config, InstantiateMsg, Totals, MAX_ADVANCE_SECONDS, MAX_CONFIRM_WINDOW_SECONDS,
    MAX_QUANTITY, MAX_WINDOW_SECONDS,
};
use flow_types::validate;

use crate::error::ContractError;
use crate::state::{CONFIG, LAST_BOOKING, LAST_LISTING, LAST_PURCHASE, TOTALS};

/// The cw2 name and version, written at instantiation and checked by `migrate`.
pub const CONTRACT_NAME: &str = "crates.io:commons";
pub const CONTRACT_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Every bound within `1..=` its ceiling.
pub fn validate_bounds(bounds: &Bounds) -> Result<(), ContractError> {
    validate::int_in(
        "max_window_seconds",
        bounds.max_window_seconds,
        1,
        MAX_WINDOW_SECONDS,
    )?;
    validate::int_in(
        "max_advance_seconds",
        bounds.max_advance_seconds,
        1,
        MAX_ADVANCE_SECONDS,
    )?;
    validate::int_in("max_quantity", bounds.max_quantity, 1, MAX_QUANTITY)?;
    Ok(())
}

pub fn instantiate(
    deps: DepsMut,
    _env: Env,
    info: MessageInfo,
    msg: InstantiateMsg,
) -> Result<Response, ContractError> {
    cw_utils::nonpayable(&info)?;
    let owner_addr = deps.api.addr_validate(&msg.owner)?;
    let group_addr = deps.api.addr_validate(&msg.group)?;
    let token_addr = deps.api.addr_validate(&msg.token)?;
    let distributor_addr = deps.api.addr_validate(&msg.distributor)?;
    let registry_addr = msg
        .registry
        .as_deref()
        .map(|r| deps.api.addr_validate(r))
        .transpose()?;
    validate_confirm_window(msg.confirm_window_seconds)?;
    let bounds = msg.bounds.unwrap_or_default();
    validate_bounds(&bounds)?;

    cw2::set_contract_version(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    cw_ownable::initialize_owner(deps.storage, deps.api, Some(owner_addr.as_str()))?;
    let config = Config {
        group: group_addr,
        token: token_addr,
        distributor: distributor_addr,
        registry: registry_addr,
        confirm_window_seconds: msg.confirm_window_seconds,
        bounds,
    };
    CONFIG.save(deps.storage, &config)?;
    TOTALS.save(deps.storage, &Totals::default())?;
    LAST_LISTING.save(deps.storage, &0)?;
    LAST_BOOKING.save(deps.storage, &0)?;
    LAST_PURCHASE.save(deps.storage, &0)?;

    Ok(Response::new()
        .add_attribute("action", "instantiate")
        .add_attribute("owner", owner_addr)
        .add_attribute("group", config.group)
        .add_attribute("token", config.token)
        .add_attribute("distributor", config.distributor)
        .add_attribute(
            "registry",
            config
                .registry
                .map(|r| r.to_string())
                .unwrap_or_else(|| "none".into()),
        )
        .add_attribute(
            "confirm_window_seconds",
            config.confirm_window_seconds.to_string(),
        ))
}

/// A confirmation window within `1..=MAX_CONFIRM_WINDOW_SECONDS`.
pub fn validate_confirm_window(seconds: u64) -> Result<u64, ContractError> {
    validate::int_in(
        "confirm_window_seconds",
        seconds,
        1,
        MAX_CONFIRM_WINDOW_SECONDS,
    )?;
    Ok(seconds)
}

/// Governance: the confirmation window and the bounds. Purchases already made keep their
/// `confirm_by`; bookings already made keep their windows.
pub fn execute_update_config(
    deps: DepsMut,
    info: MessageInfo,
    confirm_window_seconds: Option<u64>,
    bounds: Option<Bounds>,
) -> Result<Response, ContractError> {
    cw_ownable::assert_owner(deps.storage, &info.sender)?;
    let mut config = CONFIG.load(deps.storage)?;
    if let Some(seconds) = confirm_window_seconds {
        config.confirm_window_seconds = validate_confirm_window(seconds)?;
    }
    if let Some(bounds) = bounds {
        validate_bounds(&bounds)?;
        config.bounds = bounds;
    }
    CONFIG.save(deps.storage, &config)?;
    Ok(Response::new()
        .add_attribute("action", "update_config")
        .add_attribute(
            "confirm_window_seconds",
            config.confirm_window_seconds.to_string(),
        )
        .add_attribute(
            "max_window_seconds",
            config.bounds.max_window_seconds.to_string(),
        )
        .add_attribute(
            "max_advance_seconds",
            config.bounds.max_advance_seconds.to_string(),
        )
        .add_attribute("max_quantity", config.bounds.max_quantity.to_string()))
}

/// Governance: propose, accept or renounce ownership (cw-ownable).
pub fn execute_update_ownership(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    action: cw_ownable::Action,
) -> Result<Response, ContractError> {
    let ownership = cw_ownable::update_ownership(deps, &env.block, &info.sender, action)?;
    Ok(Response::new()
        .add_attribute("action", "update_ownership")
        .add_attributes(ownership.into_attributes()))
}
