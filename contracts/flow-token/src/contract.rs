//! Entry points. The cw20 messages are cw20-base's own code: `Mint` and `IncreaseAllowance`
//! as checked copies ([`crate::checked`]), the rest as cw20-base runs them after the checks in
//! [`crate::guards`]; [`crate::holon`] is what the flow-token adds.

#[cfg(not(feature = "library"))]
use cosmwasm_std::entry_point;
use cosmwasm_std::{to_json_binary, Binary, Deps, DepsMut, Env, MessageInfo, Response, StdResult};
use flow_types::migrate::ensure_upgrade;
use flow_types::token::{ExecuteMsg, InstantiateMsg, MigrateMsg, QueryMsg};

use crate::error::ContractError;
use crate::{checked, guards, holon};

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
    guards::before_execute(deps.as_ref(), &info, &msg)?;
    // cw20-base's own dispatch, with `Mint` and `IncreaseAllowance` going to the checked
    // copies (so that its unchecked handlers are not in the wasm at all).
    use cw20_base::allowances as allowance;
    use cw20_base::contract as base;
    Ok(match msg {
        ExecuteMsg::Transfer { recipient, amount } => {
            base::execute_transfer(deps, env, info, recipient, amount)
        }
        ExecuteMsg::Burn { amount } => base::execute_burn(deps, env, info, amount),
        ExecuteMsg::Send {
            contract,
            amount,
            msg,
        } => base::execute_send(deps, env, info, contract, amount, msg),
        ExecuteMsg::Mint { recipient, amount } => checked::mint(deps, info, recipient, amount),
        ExecuteMsg::IncreaseAllowance {
            spender,
            amount,
            expires,
        } => checked::increase_allowance(deps, env, info, spender, amount, expires),
        ExecuteMsg::DecreaseAllowance {
            spender,
            amount,
            expires,
        } => allowance::execute_decrease_allowance(deps, env, info, spender, amount, expires),
        ExecuteMsg::TransferFrom {
            owner,
            recipient,
            amount,
        } => allowance::execute_transfer_from(deps, env, info, owner, recipient, amount),
        ExecuteMsg::BurnFrom { owner, amount } => {
            allowance::execute_burn_from(deps, env, info, owner, amount)
        }
        ExecuteMsg::SendFrom {
            owner,
            contract,
            amount,
            msg,
        } => allowance::execute_send_from(deps, env, info, owner, contract, amount, msg),
        ExecuteMsg::UpdateMarketing {
            project,
            description,
            marketing,
        } => base::execute_update_marketing(deps, env, info, project, description, marketing),
        ExecuteMsg::UploadLogo(logo) => base::execute_upload_logo(deps, env, info, logo),
        ExecuteMsg::UpdateMinter { new_minter } => {
            base::execute_update_minter(deps, env, info, new_minter)
        }
    }?)
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
