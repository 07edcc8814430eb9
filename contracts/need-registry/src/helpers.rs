//! Small checks shared by the domain modules.

use cosmwasm_std::{
    Addr, Decimal, OverflowError, OverflowOperation, QuerierWrapper, StdError, StdResult,
};
use flow_types::registry::{
    NeedStatus, PostingRule, MAX_FACTOR, MAX_IMPACT, MAX_REQUESTERS_PER_NEED,
};
use flow_types::validate::{self, ValidationError};

use crate::error::ContractError;

pub use flow_types::membership::is_member;

/// Fails with `NotAMember` unless `addr` is a member of the group.
pub fn assert_member(
    querier: &QuerierWrapper,
    group: &Addr,
    addr: &Addr,
) -> Result<(), ContractError> {
    if is_member(querier, group, addr)? {
        Ok(())
    } else {
        Err(ContractError::NotAMember {
            address: addr.to_string(),
        })
    }
}

/// 10^18: one whole unit of a `Decimal`.
const ONE: u128 = 1_000_000_000_000_000_000;
/// `MAX_IMPACT` as a Decimal (evaluated at compile time).
const MAX_IMPACT_DECIMAL: Decimal = Decimal::raw(MAX_IMPACT as u128 * ONE);
/// `MAX_FACTOR` as a Decimal (evaluated at compile time).
const MAX_FACTOR_DECIMAL: Decimal = Decimal::raw(MAX_FACTOR as u128 * ONE);

/// An impact factor within `[0, MAX_IMPACT]`.
pub fn validate_impact(field: &str, value: Decimal) -> Result<(), ValidationError> {
    validate::decimal_in(field, value, Decimal::zero(), MAX_IMPACT_DECIMAL)
}

/// A need factor or unit credit within `[0, MAX_FACTOR]`.
pub fn validate_factor(field: &str, value: Decimal) -> Result<(), ValidationError> {
    validate::decimal_in(field, value, Decimal::zero(), MAX_FACTOR_DECIMAL)
}

/// A requester bound within `1..=MAX_REQUESTERS_PER_NEED`.
pub fn validate_max_requesters(value: u32) -> Result<u32, ValidationError> {
    validate::int_in(
        "max_requesters_per_need",
        u64::from(value),
        1,
        u64::from(MAX_REQUESTERS_PER_NEED),
    )?;
    Ok(value)
}

/// The name of a status in events.
pub fn status_name(status: NeedStatus) -> &'static str {
    match status {
        NeedStatus::Open => "open",
        NeedStatus::Fulfilled => "fulfilled",
        NeedStatus::Closed => "closed",
    }
}

/// The name of a posting rule in events.
pub fn posting_name(posting: PostingRule) -> &'static str {
    match posting {
        PostingRule::Members => "members",
        PostingRule::Stewards => "stewards",
    }
}

/// `n + 1`, or an overflow error.
pub fn incr(n: u32) -> StdResult<u32> {
    n.checked_add(1)
        .ok_or_else(|| StdError::overflow(OverflowError::new(OverflowOperation::Add)))
}

/// `n - 1`, or an overflow error (a counter never goes below zero).
pub fn decr(n: u32) -> StdResult<u32> {
    n.checked_sub(1)
        .ok_or_else(|| StdError::overflow(OverflowError::new(OverflowOperation::Sub)))
}

/// The id after `last`, or an overflow error.
pub fn next_id(last: u64) -> StdResult<u64> {
    last.checked_add(1)
        .ok_or_else(|| StdError::overflow(OverflowError::new(OverflowOperation::Add)))
}
