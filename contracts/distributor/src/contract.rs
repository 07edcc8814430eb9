//! Entry points only: each message goes to its domain module.

#[cfg(not(feature = "library"))]
use cosmwasm_std::entry_point;
use cosmwasm_std::{
    to_json_binary, Binary, Deps, DepsMut, Env, MessageInfo, Reply, Response, StdResult,
};
use flow_types::distributor::{ExecuteMsg, InstantiateMsg, MigrateMsg, QueryMsg};

use crate::error::ContractError;
use crate::instantiate::{CONTRACT_NAME, CONTRACT_VERSION};
use crate::{
    claim, cycle, exchange, instantiate as init, membership, policy, query, record, reply, treasury,
};

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn instantiate(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: InstantiateMsg,
) -> Result<Response, ContractError> {
    init::instantiate(deps, env, info, msg)
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn execute(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: ExecuteMsg,
) -> Result<Response, ContractError> {
    match msg {
        ExecuteMsg::Record { contribution } => {
            record::execute_record(deps, env, info, contribution)
        }
        ExecuteMsg::CloseCycle {} => cycle::execute_close_cycle(deps, env, info),
        ExecuteMsg::Claim { cycle, member } => claim::execute_claim(deps, env, info, cycle, member),
        ExecuteMsg::Fund { memo } => treasury::execute_fund(deps, env, info, memo),
        ExecuteMsg::SetPolicy { policy } => policy::execute_set_policy(deps, env, info, policy),
        ExecuteMsg::Receive(msg) => treasury::execute_receive(deps, env, info, msg),
        ExecuteMsg::AcceptHolon {
            distributor,
            rate,
            credit_limit,
        } => exchange::execute_accept_holon(deps, info, distributor, rate, credit_limit),
        ExecuteMsg::UpdateHolon {
            token,
            rate,
            credit_limit,
            enabled,
        } => exchange::execute_update_holon(deps, info, token, rate, credit_limit, enabled),
        ExecuteMsg::RemoveHolon { token } => exchange::execute_remove_holon(deps, info, token),
        ExecuteMsg::SettleForeign { token, amount } => {
            exchange::execute_settle_foreign(deps, env, info, token, amount)
        }
        ExecuteMsg::ReturnForeign {
            token,
            recipient,
            amount,
        } => exchange::execute_return_foreign(deps, info, token, recipient, amount),
        ExecuteMsg::UpdateOwnership(action) => {
            cw_utils::nonpayable(&info)?;
            let ownership = cw_ownable::update_ownership(deps, &env.block, &info.sender, action)?;
            Ok(Response::new()
                .add_attribute("action", "update_ownership")
                .add_attributes(ownership.into_attributes()))
        }
        ExecuteMsg::MemberChangedHook(hook) => {
            membership::execute_member_changed(deps, env, info, hook)
        }
    }
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn query(deps: Deps, env: Env, msg: QueryMsg) -> StdResult<Binary> {
    match msg {
        QueryMsg::HolonInfo {} => to_json_binary(&query::holon_info(deps, env)?),
        QueryMsg::Config {} => to_json_binary(&query::config(deps)?),
        QueryMsg::Policy { version } => to_json_binary(&query::policy(deps, env, version)?),
        QueryMsg::Cycle { cycle } => to_json_binary(&query::cycle(deps, env, cycle)?),
        QueryMsg::CurrentCycle {} => to_json_binary(&query::current_cycle(deps, env)?),
        QueryMsg::Preview { member } => to_json_binary(&query::preview(deps, env, member)?),
        QueryMsg::Explain { cycle, member } => {
            to_json_binary(&query::explain(deps, cycle, member)?)
        }
        QueryMsg::Claims {
            cycle,
            start_after,
            limit,
        } => to_json_binary(&query::claims(deps, cycle, start_after, limit)?),
        QueryMsg::Payouts {
            cycle,
            start_after,
            limit,
        } => to_json_binary(&query::payouts(deps, cycle, start_after, limit)?),
        QueryMsg::Previews { start_after, limit } => {
            to_json_binary(&query::previews(deps, env, start_after, limit)?)
        }
        QueryMsg::Treasury {} => to_json_binary(&query::treasury(deps, env)?),
        QueryMsg::Funds { start_after, limit } => {
            to_json_binary(&query::funds(deps, start_after, limit)?)
        }
        QueryMsg::AcceptedHolons { start_after, limit } => {
            to_json_binary(&query::accepted_holons(deps, start_after, limit)?)
        }
        QueryMsg::AcceptedHolon { token } => to_json_binary(&query::accepted_holon(deps, token)?),
        QueryMsg::Ownership {} => to_json_binary(&cw_ownable::get_ownership(deps.storage)?),
    }
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn reply(deps: DepsMut, env: Env, msg: Reply) -> Result<Response, ContractError> {
    reply::reply(deps, env, msg)
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn migrate(deps: DepsMut, _env: Env, _msg: MigrateMsg) -> Result<Response, ContractError> {
    flow_types::migrate::ensure_upgrade(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    Ok(Response::new()
        .add_attribute("action", "migrate")
        .add_attribute("version", CONTRACT_VERSION))
}
