//! Recording a final contribution: O(1) storage keys, whatever the holon's size.

use cosmwasm_std::{Decimal, Deps, DepsMut, Env, MessageInfo, Response, StdResult};
use flow_types::attestation::MAX_HOURS_CEILING;
use flow_types::distributor::{Config, Contribution, Policy, Scarcity, MAX_CYCLE_CREDIT};
use flow_types::registry::{CATEGORIES, MAX_IMPACT, MAX_SLUG_LEN};
use flow_types::validate;

use crate::error::ContractError;
use crate::policy::version_for;
use crate::state::{
    CategoryTotals, CATEGORY_TOTALS, CONFIG, CYCLE_TOTALS, MEMBER_CATEGORY_TOTALS, MEMBER_TOTALS,
    RECORDED,
};
use crate::weighting::{self, contribution_weight};

pub fn execute_record(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    c: Contribution,
) -> Result<Response, ContractError> {
    cw_utils::nonpayable(&info)?;
    let config = CONFIG.load(deps.storage)?;
    if info.sender != config.attestation {
        return Err(ContractError::NotAttestation {});
    }
    let contributor = deps.api.addr_validate(&c.contributor)?;
    validate::slug("category", &c.category, MAX_SLUG_LEN)?;
    validate::decimal_in(
        "impact",
        c.impact,
        Decimal::zero(),
        Decimal::from_ratio(MAX_IMPACT, 1u64),
    )?;
    // The attestation contract bounds a credit by its caps; these are the ceilings every
    // total below is sized for (hours are part of the credit: b = h + u × unit credit).
    validate::decimal_in(
        "credit",
        c.credit,
        Decimal::zero(),
        Decimal::from_ratio(MAX_HOURS_CEILING, 1u64),
    )?;
    validate::decimal_in("hours", c.hours, Decimal::zero(), c.credit)?;
    if RECORDED.has(deps.storage, c.attestation_id) {
        return Err(ContractError::AlreadyRecorded {
            id: c.attestation_id,
        });
    }

    let cycle = config.clock().cycle_at(env.block.time);
    let (_, policy) = version_for(deps.storage, cycle)?;

    // The per-member cap clips the hour-equivalents credited this cycle.
    let mut member = MEMBER_TOTALS.may_load(deps.storage, (cycle, &contributor))?;
    let first_in_cycle = member.is_none();
    let m = member.get_or_insert_with(Default::default);
    let credit = weighting::capped_credit(c.credit, policy.max_credit_per_member, m.credit);
    let a = contribution_weight(
        policy.model,
        policy.capacity_bonus,
        credit,
        c.impact,
        c.capacity_building,
    )?;
    // The cycle's Σ b stays within the bound every total is sized for: checked before
    // anything is written.
    let mut totals = CYCLE_TOTALS
        .may_load(deps.storage, cycle)?
        .unwrap_or_default();
    totals.credit = totals
        .credit
        .checked_add(credit)
        .ok()
        .filter(|total| *total <= MAX_CYCLE_CREDIT)
        .ok_or(ContractError::CycleCreditFull {
            cycle,
            max: MAX_CYCLE_CREDIT,
        })?;

    RECORDED.save(deps.storage, c.attestation_id, &())?;
    m.hours = m.hours.checked_add(c.hours)?;
    m.credit = m.credit.checked_add(credit)?;
    MEMBER_TOTALS.save(deps.storage, (cycle, &contributor), m)?;

    let key = (cycle, &contributor, c.category.as_str());
    let mut acc = MEMBER_CATEGORY_TOTALS.may_load(deps.storage, key)?;
    let first_in_category = acc.is_none();
    let acc_mut = acc.get_or_insert_with(Default::default);
    acc_mut.hours = acc_mut.hours.checked_add(c.hours)?;
    acc_mut.credit = acc_mut.credit.checked_add(credit)?;
    acc_mut.weighted = acc_mut.weighted.checked_add(a)?;
    MEMBER_CATEGORY_TOTALS.save(deps.storage, key, acc_mut)?;

    let mut cat = match CATEGORY_TOTALS.may_load(deps.storage, (cycle, c.category.as_str()))? {
        Some(cat) => cat,
        None => CategoryTotals {
            pinned_factor: registry_factor(deps.as_ref(), &config, &policy, &c.category)?,
            ..CategoryTotals::default()
        },
    };
    cat.hours = cat.hours.checked_add(c.hours)?;
    cat.weighted = cat.weighted.checked_add(a)?;
    if first_in_category {
        cat.contributors += 1;
    }
    CATEGORY_TOTALS.save(deps.storage, (cycle, c.category.as_str()), &cat)?;

    totals.hours = totals.hours.checked_add(c.hours)?;
    if first_in_cycle {
        totals.contributors += 1;
    }
    CYCLE_TOTALS.save(deps.storage, cycle, &totals)?;

    let mut res = Response::new()
        .add_attribute("action", "record")
        .add_attribute("attestation_id", c.attestation_id.to_string())
        .add_attribute("cycle", cycle.to_string())
        .add_attribute("contributor", contributor)
        .add_attribute("category", c.category)
        .add_attribute("hours", c.hours.to_string())
        .add_attribute("credit", credit.to_string())
        .add_attribute("weighted_credit", a.to_string());
    if credit < c.credit {
        res = res.add_attribute("capped", c.credit.checked_sub(credit)?.to_string());
    }
    Ok(res)
}

/// The registry's need factor of `category`, when `policy` takes it from there: `need` or
/// `hybrid` with `fixed` scarcity, and the category not listed. Read once per cycle and
/// category (one raw read, no contract call) and pinned in the cycle's totals.
fn registry_factor(
    deps: Deps,
    config: &Config,
    policy: &Policy,
    category: &str,
) -> StdResult<Option<Decimal>> {
    let Scarcity::Fixed { factors } = &policy.scarcity else {
        return Ok(None);
    };
    if !policy.model.uses_scarcity() || factors.iter().any(|f| f.category == category) {
        return Ok(None);
    }
    let registered = CATEGORIES.query(&deps.querier, config.registry.clone(), category)?;
    Ok(Some(registered.map_or(Decimal::one(), |c| c.need_factor)))
}
