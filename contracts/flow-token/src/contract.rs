//! Entry points. The cw20 messages are cw20-base's own code; see [`crate::guards`] for the
//! only checks that run before it, and [`crate::holon`] for what the flow-token adds.

#[cfg(not(feature = "library"))]
use cosmwasm_std::entry_point;
use cosmwasm_std::{to_json_binary, Binary, Deps, DepsMut, Env, MessageInfo, Response, StdResult};
use flow_types::migrate::ensure_upgrade;
use flow_types::token::{ExecuteMsg, InstantiateMsg, MigrateMsg, QueryMsg};

use crate::error::ContractError;
use crate::{guards, holon};

pub const CONTRACT_NAME: &str = "crates.io:flow-token";
pub const CONTRACT_VERSION: &str = env!("CARGO_PKG_VERSION");

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn instantiate(
    mut deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: InstantiateMsg,
) -> Result<Response, ContractError> {
    let holon = holon::save_holon(deps.storage, deps.api, msg.holon.as_deref())?;
    guards::initial_supply(&msg.initial_balances)?;
    if let Some(m) = &msg.marketing {
        let url = match &m.logo {
            Some(cw20::Logo::Url(url)) => Some(url.as_str()),
            _ => None,
        };
        guards::marketing_texts(m.project.as_deref(), m.description.as_deref(), url)?;
    }
    cw20_base::contract::instantiate(deps.branch(), env, info, msg.to_cw20_base())?;
    // cw20-base stored its own name; this contract is the flow-token.
    cw2::set_contract_version(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    Ok(Response::new()
        .add_attribute("action", "instantiate")
        .add_attribute("holon", holon.unwrap_or_else(|| "none".to_string())))
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn execute(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: ExecuteMsg,
) -> Result<Response, ContractError> {
    guards::before_execute(deps.as_ref(), &env, &info, &msg)?;
    Ok(cw20_base::contract::execute(deps, env, info, msg)?)
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn query(deps: Deps, env: Env, msg: QueryMsg) -> StdResult<Binary> {
    if let QueryMsg::AllAllowances { start_after, .. }
    | QueryMsg::AllSpenderAllowances { start_after, .. }
    | QueryMsg::AllAccounts { start_after, .. } = &msg
    {
        guards::start_after(start_after.as_deref())?;
    }
    match msg.into_cw20_base() {
        Some(base) => cw20_base::contract::query(deps, env, base),
        // `into_cw20_base` is `None` only for the flow-token's own `Holon {}`.
        None => to_json_binary(&holon::query_holon(deps)?),
    }
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn migrate(deps: DepsMut, _env: Env, _msg: MigrateMsg) -> Result<Response, ContractError> {
    ensure_upgrade(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    Ok(Response::new()
        .add_attribute("action", "migrate")
        .add_attribute("version", CONTRACT_VERSION))
}
