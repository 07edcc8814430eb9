//! Needs: posting, governance factors and status.

use cosmwasm_std::{Decimal, DepsMut, Env, MessageInfo, Response, StdResult, Storage};
use flow_types::registry::{
    Need, NeedInput, NeedStatus, PostingRule, MAX_DESCRIPTION_LEN, MAX_SLUG_LEN, MAX_TITLE_LEN,
    MAX_UNIT_LEN,
};
use flow_types::validate;

use crate::demand;
use crate::error::ContractError;
use crate::helpers::{
    assert_member, is_member, next_id, status_name, validate_factor, validate_impact,
};
use crate::marks;
use crate::state::{
    CATEGORIES, CONFIG, LAST_NEED_ID, NEEDS, NEEDS_BY_CATEGORY, NEEDS_BY_CATEGORY_STATUS,
    NEEDS_BY_STATUS,
};

/// Loads a need or fails with `NeedNotFound`.
pub fn load_need(storage: &dyn Storage, id: u64) -> Result<Need, ContractError> {
    NEEDS
        .may_load(storage, id)?
        .ok_or(ContractError::NeedNotFound { id })
}

/// Fails with `NeedNotOpen` unless the need is open.
pub fn assert_open(need: &Need) -> Result<(), ContractError> {
    if need.status == NeedStatus::Open {
        Ok(())
    } else {
        Err(ContractError::NeedNotOpen {
            id: need.id,
            status: need.status,
        })
    }
}

fn index_status(storage: &mut dyn Storage, need: &Need) -> StdResult<()> {
    let s = need.status.as_u8();
    NEEDS_BY_STATUS.save(storage, (s, need.id), &())?;
    NEEDS_BY_CATEGORY_STATUS.save(storage, (&need.category, s, need.id), &())
}

fn unindex_status(storage: &mut dyn Storage, need: &Need) {
    let s = need.status.as_u8();
    NEEDS_BY_STATUS.remove(storage, (s, need.id));
    NEEDS_BY_CATEGORY_STATUS.remove(storage, (&need.category, s, need.id));
}

fn validate_need_factors(
    impact: Option<Decimal>,
    unit_credit: Option<Decimal>,
) -> Result<(), ContractError> {
    if let Some(impact) = impact {
        validate_impact("impact", impact)?;
    }
    if let Some(unit_credit) = unit_credit {
        validate_factor("unit_credit", unit_credit)?;
    }
    Ok(())
}

/// A member (or governance) posts a need. The poster's post is its request on the need;
/// governance posting while not a member of the group records no request, since the
/// demand counts count members only.
pub fn execute_post_need(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    input: NeedInput,
) -> Result<Response, ContractError> {
    let config = CONFIG.load(deps.storage)?;
    let poster = info.sender;
    let poster_requests = if cw_ownable::is_owner(deps.storage, &poster)? {
        is_member(&deps.querier, &config.group, &poster)?
    } else {
        if config.posting == PostingRule::Stewards {
            return Err(ContractError::StewardsOnly {});
        }
        if input.impact.is_some()
            || input.unit_credit.is_some()
            || input.capacity_building.is_some()
        {
            return Err(ContractError::FactorsByGovernanceOnly {});
        }
        assert_member(&deps.querier, &config.group, &poster)?;
        true
    };

    validate::slug("category", &input.category, MAX_SLUG_LEN)?;
    let category = CATEGORIES
        .may_load(deps.storage, &input.category)?
        .ok_or_else(|| ContractError::UnknownCategory {
            id: input.category.clone(),
        })?;
    validate::text("title", &input.title, MAX_TITLE_LEN)?;
    validate::optional_text("description", &input.description, MAX_DESCRIPTION_LEN)?;
    validate::text("unit", &input.unit, MAX_UNIT_LEN)?;
    if input.quantity.is_zero() {
        return Err(ContractError::ZeroQuantity {});
    }
    validate_need_factors(input.impact, input.unit_credit)?;

    let id = next_id(LAST_NEED_ID.load(deps.storage)?)?;
    let need = Need {
        id,
        category: category.id,
        title: input.title,
        description: input.description,
        unit: input.unit,
        quantity: input.quantity,
        period: input.period,
        status: NeedStatus::Open,
        impact: input.impact.unwrap_or(category.impact),
        unit_credit: input.unit_credit.unwrap_or(category.unit_credit),
        capacity_building: input
            .capacity_building
            .unwrap_or(category.capacity_building),
        posted_by: poster,
        posted_at: env.block.time,
        requesters: u32::from(poster_requests),
        offers: 0,
    };
    LAST_NEED_ID.save(deps.storage, &id)?;
    NEEDS.save(deps.storage, id, &need)?;
    NEEDS_BY_CATEGORY.save(deps.storage, (&need.category, id), &())?;
    index_status(deps.storage, &need)?;
    if poster_requests {
        marks::add_request(deps.storage, id, &need.posted_by)?;
    }
    demand::count_need(deps.storage, &need)?;

    Ok(Response::new()
        .add_attribute("action", "post_need")
        .add_attribute("need_id", id.to_string())
        .add_attribute("category", need.category)
        .add_attribute("poster", need.posted_by)
        .add_attribute("quantity", need.quantity.to_string())
        .add_attribute("impact", need.impact.to_string())
        .add_attribute("unit_credit", need.unit_credit.to_string())
        .add_attribute("capacity_building", need.capacity_building.to_string())
        .add_attribute("requesters", need.requesters.to_string()))
}

/// Governance: a need's impact factor, unit credit or capacity flag.
pub fn execute_set_need_factors(
    deps: DepsMut,
    _env: Env,
    info: MessageInfo,
    id: u64,
    impact: Option<Decimal>,
    unit_credit: Option<Decimal>,
    capacity_building: Option<bool>,
) -> Result<Response, ContractError> {
    cw_ownable::assert_owner(deps.storage, &info.sender)?;
    let mut need = load_need(deps.storage, id)?;
    validate_need_factors(impact, unit_credit)?;
    if let Some(impact) = impact {
        need.impact = impact;
    }
    if let Some(unit_credit) = unit_credit {
        need.unit_credit = unit_credit;
    }
    if let Some(capacity_building) = capacity_building {
        need.capacity_building = capacity_building;
    }
    NEEDS.save(deps.storage, id, &need)?;
    Ok(Response::new()
        .add_attribute("action", "set_need_factors")
        .add_attribute("need_id", id.to_string())
        .add_attribute("category", need.category)
        .add_attribute("impact", need.impact.to_string())
        .add_attribute("unit_credit", need.unit_credit.to_string())
        .add_attribute("capacity_building", need.capacity_building.to_string()))
}

/// The poster or governance: open, fulfilled or closed. Leaving or re-entering the open
/// state walks the need's requesters and offers (bounded) to update the demand counts.
pub fn execute_set_need_status(
    deps: DepsMut,
    _env: Env,
    info: MessageInfo,
    id: u64,
    status: NeedStatus,
) -> Result<Response, ContractError> {
    let mut need = load_need(deps.storage, id)?;
    if info.sender != need.posted_by && !cw_ownable::is_owner(deps.storage, &info.sender)? {
        return Err(ContractError::NotPosterOrOwner { id });
    }
    if need.status == status {
        return Err(ContractError::StatusUnchanged { id, status });
    }
    let previous = need.status;
    unindex_status(deps.storage, &need);
    need.status = status;
    index_status(deps.storage, &need)?;
    NEEDS.save(deps.storage, id, &need)?;
    if previous == NeedStatus::Open {
        demand::uncount_need(deps.storage, &need)?;
    } else if status == NeedStatus::Open {
        demand::count_need(deps.storage, &need)?;
    }
    Ok(Response::new()
        .add_attribute("action", "set_need_status")
        .add_attribute("need_id", id.to_string())
        .add_attribute("category", need.category)
        .add_attribute("previous_status", status_name(previous))
        .add_attribute("status", status_name(status))
        .add_attribute("requesters", need.requesters.to_string())
        .add_attribute("offers", need.offers.to_string()))
}
