//! Entry points. Each message goes to an `execute_<verb>` / `query_<noun>` in its module.

#[cfg(not(feature = "library"))]
use cosmwasm_std::entry_point;
use cosmwasm_std::{to_json_binary, Binary, Deps, DepsMut, Env, MessageInfo, Response};
use cw_utils::nonpayable;
use flow_types::attestation::{ExecuteMsg, InstantiateMsg, MigrateMsg, QueryMsg};

use crate::attest::{execute_attest, execute_withdraw, Claim};
use crate::config::{execute_set_policy, execute_update_ownership, instantiate_config};
use crate::cosign::{execute_cosign, execute_reject};
use crate::dispute::{execute_dispute, execute_finalize, execute_resolve_dispute};
use crate::error::ContractError;
use crate::query;

pub const CONTRACT_NAME: &str = "crates.io:attestation";
pub const CONTRACT_VERSION: &str = env!("CARGO_PKG_VERSION");

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn instantiate(
    deps: DepsMut,
    _env: Env,
    info: MessageInfo,
    msg: InstantiateMsg,
) -> Result<Response, ContractError> {
    nonpayable(&info)?;
    cw2::set_contract_version(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    instantiate_config(deps, info, msg)
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn execute(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: ExecuteMsg,
) -> Result<Response, ContractError> {
    nonpayable(&info)?;
    match msg {
        ExecuteMsg::Attest {
            need_id,
            hours,
            units,
            description,
            evidence,
            buddy,
        } => execute_attest(
            deps,
            env,
            info,
            Claim {
                need_id,
                hours,
                units,
                description,
                evidence,
                buddy,
            },
        ),
        ExecuteMsg::Cosign { id } => execute_cosign(deps, env, info, id),
        ExecuteMsg::Reject { id, reason } => execute_reject(deps, env, info, id, reason),
        ExecuteMsg::Withdraw { id } => execute_withdraw(deps, info, id),
        ExecuteMsg::Dispute { id, reason } => execute_dispute(deps, env, info, id, reason),
        ExecuteMsg::ResolveDispute { id, uphold } => {
            execute_resolve_dispute(deps, env, info, id, uphold)
        }
        ExecuteMsg::Finalize { id } => execute_finalize(deps, env, id),
        ExecuteMsg::SetPolicy { policy } => execute_set_policy(deps, info, policy),
        ExecuteMsg::UpdateOwnership(action) => execute_update_ownership(deps, env, info, action),
    }
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn query(deps: Deps, env: Env, msg: QueryMsg) -> Result<Binary, ContractError> {
    Ok(match msg {
        QueryMsg::Config {} => to_json_binary(&query::query_config(deps)?),
        QueryMsg::Attestation { id } => to_json_binary(&query::query_attestation(deps, env, id)?),
        QueryMsg::ByMember {
            member,
            start_after,
            limit,
        } => to_json_binary(&query::query_by_member(
            deps,
            env,
            member,
            start_after,
            limit,
        )?),
        QueryMsg::ByNeed {
            need_id,
            start_after,
            limit,
        } => to_json_binary(&query::query_by_need(
            deps,
            env,
            need_id,
            start_after,
            limit,
        )?),
        QueryMsg::ByStatus {
            status,
            start_after,
            limit,
        } => to_json_binary(&query::query_by_status(
            deps,
            env,
            status,
            start_after,
            limit,
        )?),
        QueryMsg::PendingCosigns {
            buddy,
            start_after,
            limit,
        } => to_json_binary(&query::query_pending_cosigns(
            deps,
            env,
            buddy,
            start_after,
            limit,
        )?),
        QueryMsg::ReciprocalPairs {
            cycle,
            start_after,
            limit,
        } => to_json_binary(&query::query_reciprocal_pairs(
            deps,
            cycle,
            start_after,
            limit,
        )?),
        QueryMsg::NeedProgress { need_id } => {
            to_json_binary(&query::query_need_progress(deps, need_id)?)
        }
        QueryMsg::MemberCycle { member, cycle } => {
            to_json_binary(&query::query_member_cycle(deps, member, cycle)?)
        }
        QueryMsg::Ownership {} => to_json_binary(&cw_ownable::get_ownership(deps.storage)?),
    }?)
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn migrate(deps: DepsMut, _env: Env, _msg: MigrateMsg) -> Result<Response, ContractError> {
    flow_types::migrate::ensure_upgrade(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    Ok(Response::new()
        .add_attribute("action", "migrate")
        .add_attribute("version", CONTRACT_VERSION))
}
