//! The versioned weighting policy: a change applies from the next cycle, and each cycle
//! resolves to exactly one version through the schedule.

use cosmwasm_std::{Decimal, DepsMut, Env, MessageInfo, Order, Response, StdResult, Storage};
use cw_storage_plus::Bound;
use flow_types::distributor::{Policy, Scarcity, MAX_CAPACITY_BONUS};
use flow_types::registry::{MAX_CATEGORIES, MAX_FACTOR, MAX_SLUG_LEN};
use flow_types::validate::{self, ValidationError};

use crate::error::ContractError;
use crate::state::{CONFIG, LAST_VERSION, POLICIES, SCHEDULE};

pub fn validate_policy(policy: &Policy) -> Result<(), ContractError> {
    let zero = Decimal::zero();
    let one = Decimal::one();
    validate::decimal_in(
        "policy.capacity_bonus",
        policy.capacity_bonus,
        zero,
        Decimal::from_ratio(MAX_CAPACITY_BONUS, 1u64),
    )?;
    // A reserve of 1 would never allocate anything: at most 0.99…
    if policy.reserve >= one {
        return Err(ValidationError::OutOfRange {
            field: "policy.reserve".into(),
            value: policy.reserve.to_string(),
            min: "0".into(),
            max: "less than 1".into(),
        }
        .into());
    }
    validate::decimal_in("policy.baseline", policy.baseline, zero, one)?;
    if let Some(cap) = policy.max_credit_per_member {
        validate::decimal_in(
            "policy.max_credit_per_member",
            cap,
            Decimal::raw(1),
            Decimal::from_ratio(1_000_000u64, 1u64),
        )?;
    }
    let max_factor = Decimal::from_ratio(MAX_FACTOR, 1u64);
    match &policy.scarcity {
        Scarcity::Fixed { factors } => {
            validate::int_in(
                "policy.scarcity.factors (count)",
                factors.len() as u64,
                0,
                MAX_CATEGORIES as u64,
            )?;
            for (i, f) in factors.iter().enumerate() {
                validate::slug(
                    "policy.scarcity.factors.category",
                    &f.category,
                    MAX_SLUG_LEN,
                )?;
                validate::decimal_in("policy.scarcity.factors.factor", f.factor, zero, max_factor)?;
                if factors[..i].iter().any(|g| g.category == f.category) {
                    return Err(ValidationError::OutOfRange {
                        field: "policy.scarcity.factors".into(),
                        value: format!("{} listed twice", f.category),
                        min: "each category".into(),
                        max: "once".into(),
                    }
                    .into());
                }
            }
        }
        Scarcity::Auto { min, max } => {
            validate::decimal_in("policy.scarcity.min", *min, zero, max_factor)?;
            validate::decimal_in("policy.scarcity.max", *max, *min, max_factor)?;
        }
    }
    Ok(())
}

/// Stores `policy` as a new version applying from `from_cycle`; returns the version.
pub fn schedule_policy(
    storage: &mut dyn Storage,
    policy: &Policy,
    from_cycle: u64,
) -> StdResult<u32> {
    let version = LAST_VERSION.may_load(storage)?.unwrap_or(0) + 1;
    POLICIES.save(storage, version, policy)?;
    SCHEDULE.save(storage, from_cycle, &version)?;
    LAST_VERSION.save(storage, &version)?;
    Ok(version)
}

/// The version in force for cycle `k`: the latest schedule entry at or before `k`.
pub fn version_for(storage: &dyn Storage, cycle: u64) -> StdResult<(u32, Policy)> {
    let (_, version) = SCHEDULE
        .range(
            storage,
            None,
            Some(Bound::inclusive(cycle)),
            Order::Descending,
        )
        .next()
        .ok_or_else(|| cosmwasm_std::StdError::not_found("policy schedule"))??;
    Ok((version, POLICIES.load(storage, version)?))
}

pub fn execute_set_policy(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    policy: Policy,
) -> Result<Response, ContractError> {
    cw_utils::nonpayable(&info)?;
    cw_ownable::assert_owner(deps.storage, &info.sender)?;
    validate_policy(&policy)?;
    let config = CONFIG.load(deps.storage)?;
    let clock = config.clock();
    let from_cycle = clock.cycle_at(env.block.time) + 1;
    let version = schedule_policy(deps.storage, &policy, from_cycle)?;
    Ok(Response::new()
        .add_attribute("action", "set_policy")
        .add_attribute("version", version.to_string())
        .add_attribute("from_cycle", from_cycle.to_string()))
}
