//! Setup and governance: instantiate, the policy, ownership.

use cosmwasm_std::{Decimal, DepsMut, Env, MessageInfo, Response};
use flow_types::attestation::{
    AttestationPolicy, Config, InstantiateMsg, MAX_COSIGNS_REQUIRED, MAX_HOURS_CEILING,
};
use flow_types::validate;
use flow_types::CycleClock;

use crate::error::ContractError;
use crate::state::CONFIG;

pub fn instantiate_config(
    deps: DepsMut,
    info: MessageInfo,
    msg: InstantiateMsg,
) -> Result<Response, ContractError> {
    let owner = cw_ownable::initialize_owner(deps.storage, deps.api, Some(&msg.owner))?;
    let group = deps.api.addr_validate(&msg.group)?;
    let registry = deps.api.addr_validate(&msg.registry)?;
    // The distributor instantiates this contract when it creates a holon.
    let distributor = match msg.distributor {
        Some(d) => deps.api.addr_validate(&d)?,
        None => info.sender,
    };
    let clock = CycleClock::new(msg.clock.start, msg.clock.length)?;
    validate_policy(&msg.policy)?;

    let config = Config {
        group,
        registry,
        distributor,
        clock,
        policy: msg.policy,
    };
    CONFIG.save(deps.storage, &config)?;

    Ok(Response::new()
        .add_attribute("action", "instantiate")
        .add_attribute(
            "owner",
            owner.owner.map(|o| o.to_string()).unwrap_or_default(),
        )
        .add_attribute("group", config.group.as_str())
        .add_attribute("registry", config.registry.as_str())
        .add_attribute("distributor", config.distributor.as_str()))
}

/// Governance: applies at once to new actions (attest, co-sign, dispute, finalize).
pub fn execute_set_policy(
    deps: DepsMut,
    info: MessageInfo,
    policy: AttestationPolicy,
) -> Result<Response, ContractError> {
    cw_ownable::assert_owner(deps.storage, &info.sender)?;
    validate_policy(&policy)?;
    let mut config = CONFIG.load(deps.storage)?;
    config.policy = policy;
    CONFIG.save(deps.storage, &config)?;

    let p = &config.policy;
    Ok(Response::new()
        .add_attribute("action", "set_policy")
        .add_attribute("cosigns_required", p.cosigns_required.to_string())
        .add_attribute("challenge_seconds", p.challenge_seconds.to_string())
        .add_attribute(
            "max_hours_per_attestation",
            p.max_hours_per_attestation.to_string(),
        )
        .add_attribute("max_hours_per_cycle", p.max_hours_per_cycle.to_string())
        .add_attribute(
            "max_cosigns_per_pair_per_cycle",
            p.max_cosigns_per_pair_per_cycle.to_string(),
        )
        .add_attribute(
            "pending_expiry_seconds",
            p.pending_expiry_seconds.to_string(),
        ))
}

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

pub fn validate_policy(p: &AttestationPolicy) -> Result<(), ContractError> {
    validate::int_in(
        "cosigns_required",
        p.cosigns_required.into(),
        1,
        MAX_COSIGNS_REQUIRED.into(),
    )?;
    // Hours caps are in (0, MAX_HOURS_CEILING]: the smallest positive Decimal is the lower bound.
    let ceiling = Decimal::from_ratio(MAX_HOURS_CEILING, 1u64);
    let smallest = Decimal::raw(1);
    validate::decimal_in(
        "max_hours_per_attestation",
        p.max_hours_per_attestation,
        smallest,
        ceiling,
    )?;
    validate::decimal_in(
        "max_hours_per_cycle",
        p.max_hours_per_cycle,
        smallest,
        ceiling,
    )?;
    validate::int_in(
        "max_cosigns_per_pair_per_cycle",
        p.max_cosigns_per_pair_per_cycle.into(),
        1,
        u32::MAX.into(),
    )?;
    Ok(())
}
