//! Instantiation, configuration and ownership (governance).

use std::collections::BTreeSet;

use cosmwasm_std::{DepsMut, Env, MessageInfo, Response};
use flow_types::registry::{
    Config, InstantiateMsg, PostingRule, DEFAULT_MAX_REQUESTERS_PER_NEED, MAX_CATEGORIES,
};

use crate::categories::{save_category, validate_category};
use crate::error::ContractError;
use crate::helpers::{posting_name, validate_max_requesters};
use crate::state::{CATEGORY_COUNT, CONFIG, LAST_NEED_ID, MARKS_INDEXED};

/// The cw2 name and version, written at instantiation and checked by `migrate`.
pub const CONTRACT_NAME: &str = "crates.io:need-registry";
pub const CONTRACT_VERSION: &str = env!("CARGO_PKG_VERSION");

pub fn instantiate(
    deps: DepsMut,
    _env: Env,
    info: MessageInfo,
    msg: InstantiateMsg,
) -> Result<Response, ContractError> {
    cw_utils::nonpayable(&info)?;
    let owner_addr = deps.api.addr_validate(&msg.owner)?;
    let group_addr = deps.api.addr_validate(&msg.group)?;
    let max_requesters_per_need = validate_max_requesters(
        msg.max_requesters_per_need
            .unwrap_or(DEFAULT_MAX_REQUESTERS_PER_NEED),
    )?;
    if msg.categories.len() > MAX_CATEGORIES as usize {
        return Err(ContractError::TooManyCategories {
            max: MAX_CATEGORIES,
        });
    }
    let mut ids = BTreeSet::new();
    for category in &msg.categories {
        validate_category(category)?;
        if !ids.insert(category.id.as_str()) {
            return Err(ContractError::DuplicateCategory {
                id: category.id.clone(),
            });
        }
    }

    cw2::set_contract_version(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    cw_ownable::initialize_owner(deps.storage, deps.api, Some(owner_addr.as_str()))?;
    let config = Config {
        group: group_addr,
        posting: msg.posting,
        max_requesters_per_need,
    };
    CONFIG.save(deps.storage, &config)?;
    LAST_NEED_ID.save(deps.storage, &0)?;
    MARKS_INDEXED.save(deps.storage, &true)?;
    CATEGORY_COUNT.save(deps.storage, &0)?;
    for category in &msg.categories {
        save_category(deps.storage, category)?;
    }

    Ok(Response::new()
        .add_attribute("action", "instantiate")
        .add_attribute("owner", owner_addr)
        .add_attribute("group", config.group)
        .add_attribute("posting", posting_name(config.posting))
        .add_attribute(
            "max_requesters_per_need",
            config.max_requesters_per_need.to_string(),
        )
        .add_attribute("categories", msg.categories.len().to_string()))
}

/// Governance: the group, the posting rule and the requester bound. Lowering the bound
/// does not touch needs that already have more requesters; they just take no new ones.
pub fn execute_update_config(
    deps: DepsMut,
    _env: Env,
    info: MessageInfo,
    group: Option<String>,
    posting: Option<PostingRule>,
    max_requesters_per_need: Option<u32>,
) -> Result<Response, ContractError> {
    cw_ownable::assert_owner(deps.storage, &info.sender)?;
    let mut config = CONFIG.load(deps.storage)?;
    if let Some(group) = group {
        config.group = deps.api.addr_validate(&group)?;
    }
    if let Some(posting) = posting {
        config.posting = posting;
    }
    if let Some(max) = max_requesters_per_need {
        config.max_requesters_per_need = validate_max_requesters(max)?;
    }
    CONFIG.save(deps.storage, &config)?;
    Ok(Response::new()
        .add_attribute("action", "update_config")
        .add_attribute("group", config.group)
        .add_attribute("posting", posting_name(config.posting))
        .add_attribute(
            "max_requesters_per_need",
            config.max_requesters_per_need.to_string(),
        ))
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
