//! Entry points and dispatch. The logic lives in the domain modules.

#[cfg(not(feature = "library"))]
use cosmwasm_std::entry_point;
use cosmwasm_std::{to_json_binary, Binary, Deps, DepsMut, Env, MessageInfo, Response};
use flow_types::registry::{ExecuteMsg, InstantiateMsg, MigrateMsg, QueryMsg};

pub use crate::config::{CONTRACT_NAME, CONTRACT_VERSION};
use crate::error::ContractError;
use crate::{categories, config, marks, needs, offers, query, requests};

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
        ExecuteMsg::SetCategory { category } => {
            categories::execute_set_category(deps, env, info, category)
        }
        ExecuteMsg::UpdateConfig {
            group,
            posting,
            max_requesters_per_need,
        } => {
            config::execute_update_config(deps, env, info, group, posting, max_requesters_per_need)
        }
        ExecuteMsg::PostNeed { need } => needs::execute_post_need(deps, env, info, need),
        ExecuteMsg::SetNeedFactors {
            id,
            impact,
            unit_credit,
            capacity_building,
        } => needs::execute_set_need_factors(
            deps,
            env,
            info,
            id,
            impact,
            unit_credit,
            capacity_building,
        ),
        ExecuteMsg::SetNeedStatus { id, status } => {
            needs::execute_set_need_status(deps, env, info, id, status)
        }
        ExecuteMsg::Endorse { id } => requests::execute_endorse(deps, env, info, id),
        ExecuteMsg::WithdrawEndorsement { id } => {
            requests::execute_withdraw_endorsement(deps, env, info, id)
        }
        ExecuteMsg::Offer { id } => offers::execute_offer(deps, env, info, id),
        ExecuteMsg::WithdrawOffer { id } => offers::execute_withdraw_offer(deps, env, info, id),
        ExecuteMsg::UpdateOwnership(action) => {
            config::execute_update_ownership(deps, env, info, action)
        }
    }
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn query(deps: Deps, _env: Env, msg: QueryMsg) -> Result<Binary, ContractError> {
    Ok(match msg {
        QueryMsg::Config {} => to_json_binary(&query::query_config(deps)?)?,
        QueryMsg::Category { id } => to_json_binary(&query::query_category(deps, id)?)?,
        QueryMsg::Categories {} => to_json_binary(&query::query_categories(deps)?)?,
        QueryMsg::Need { id } => to_json_binary(&query::query_need(deps, id)?)?,
        QueryMsg::Needs {
            category,
            status,
            start_after,
            limit,
        } => to_json_binary(&query::query_needs(
            deps,
            category,
            status,
            start_after,
            limit,
        )?)?,
        QueryMsg::Demand {} => to_json_binary(&query::query_demand(deps)?)?,
        QueryMsg::Offers {
            need_id,
            start_after,
            limit,
        } => to_json_binary(&query::query_offers(deps, need_id, start_after, limit)?)?,
        QueryMsg::Requesters {
            need_id,
            start_after,
            limit,
        } => to_json_binary(&query::query_requesters(deps, need_id, start_after, limit)?)?,
        QueryMsg::Marks {
            member,
            start_after,
            limit,
        } => {
            let member = deps.api.addr_validate(&member)?;
            to_json_binary(&marks::query_marks(deps, member, start_after, limit)?)?
        }
        QueryMsg::Ownership {} => to_json_binary(&cw_ownable::get_ownership(deps.storage)?)?,
    })
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn migrate(deps: DepsMut, _env: Env, _msg: MigrateMsg) -> Result<Response, ContractError> {
    flow_types::migrate::ensure_upgrade(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    // A registry older than the (member, need) indexes has the per-need sets only.
    let indexed = marks::backfill(deps.storage)?;
    Ok(Response::new()
        .add_attribute("action", "migrate")
        .add_attribute("contract", CONTRACT_NAME)
        .add_attribute("version", CONTRACT_VERSION)
        .add_attribute("marks_indexed", indexed.to_string()))
}
