//! Attest ("I did this toward that need") and withdraw.

use cosmwasm_std::{Decimal, DepsMut, Env, MessageInfo, Response};
use flow_types::attestation::{
    AttestationStatus, MAX_DESCRIPTION_LEN, MAX_EVIDENCE_LEN, MAX_UNITS,
};
use flow_types::registry::{NeedStatus, NEEDS};
use flow_types::validate;

use crate::error::ContractError;
use crate::group::ensure_member;
use crate::state::{
    give_credit_back, load_attestation, next_id, save_with_status, Stored, ATTESTATIONS, BY_MEMBER,
    BY_NEED, BY_STATUS, CONFIG, CYCLE_CREDIT, PENDING_BY_BUDDY,
};

/// What a member attests (the fields of `ExecuteMsg::Attest`).
pub struct Claim {
    pub need_id: u64,
    pub hours: Decimal,
    pub units: Decimal,
    pub description: String,
    pub evidence: Option<String>,
    pub buddy: Option<String>,
}

pub fn execute_attest(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    claim: Claim,
) -> Result<Response, ContractError> {
    let Claim {
        need_id,
        hours,
        units,
        description,
        evidence,
        buddy,
    } = claim;

    // Input, cheapest checks first.
    validate::text("description", &description, MAX_DESCRIPTION_LEN)?;
    // A blank evidence is no evidence.
    let evidence = evidence.filter(|e| !e.trim().is_empty());
    if let Some(e) = &evidence {
        validate::optional_text("evidence", e, MAX_EVIDENCE_LEN)?;
    }
    // Units are bounded even where they credit nothing (a unit credit of 0): they add up in
    // the need's progress.
    validate::decimal_in(
        "units",
        units,
        Decimal::zero(),
        Decimal::from_ratio(MAX_UNITS, 1u64),
    )?;
    if hours.is_zero() && units.is_zero() {
        return Err(ContractError::NoHours);
    }
    let config = CONFIG.load(deps.storage)?;
    let policy = &config.policy;
    if hours > policy.max_hours_per_attestation {
        return Err(ContractError::HoursOverAttestationCap {
            hours,
            max: policy.max_hours_per_attestation,
        });
    }

    // Who.
    let attester = info.sender;
    ensure_member(&deps.querier, &config.group, &attester)?;
    let buddy = buddy.map(|b| deps.api.addr_validate(&b)).transpose()?;
    if let Some(b) = &buddy {
        if *b == attester {
            return Err(ContractError::SelfCosign);
        }
        ensure_member(&deps.querier, &config.group, b)?;
    }

    // Toward what: a raw read of the registry's need (no contract call).
    let need = NEEDS
        .query(&deps.querier, config.registry.clone(), need_id)?
        .ok_or(ContractError::NeedNotFound { need_id })?;
    if need.status != NeedStatus::Open {
        return Err(ContractError::NeedNotOpen { need_id });
    }
    // b = h + floor18(u × unit_credit): Decimal multiplication floors to 18 decimals. The
    // caps bound b, the hour-equivalents the distributor credits, not the hours alone; a
    // product too large for a Decimal is over every cap.
    let over_cap = || ContractError::CreditOverAttestationCap {
        hours,
        units,
        unit_credit: need.unit_credit,
        max: policy.max_hours_per_attestation,
    };
    let credit = units
        .checked_mul(need.unit_credit)
        .ok()
        .and_then(|u| hours.checked_add(u).ok())
        .ok_or_else(over_cap)?;
    if credit > policy.max_hours_per_attestation {
        return Err(over_cap());
    }
    if credit < flow_types::attestation::MIN_CREDIT {
        return Err(ContractError::NoCredit);
    }

    // The per-cycle cap, on hour-equivalents: reserved now in this cycle, moved to the
    // cycle where the credit lands if that is a later one (`record::land_credit`).
    let cycle = config.clock.cycle_at(env.block.time);
    let counted = CYCLE_CREDIT
        .may_load(deps.storage, (cycle, &attester))?
        .unwrap_or_default();
    let total = counted.checked_add(credit)?;
    if total > policy.max_hours_per_cycle {
        return Err(ContractError::CreditOverCycleCap {
            cycle,
            counted,
            credit,
            max: policy.max_hours_per_cycle,
        });
    }

    // Every check passed: write.
    let id = next_id(deps.storage)?;
    CYCLE_CREDIT.save(deps.storage, (cycle, &attester), &total)?;
    let att = Stored {
        attester,
        need_id,
        category: need.category,
        hours,
        units,
        credit,
        impact: need.impact,
        capacity_building: need.capacity_building,
        description,
        evidence,
        buddy,
        cosigners: vec![],
        status: AttestationStatus::Pending,
        created_at: env.block.time,
        cycle,
        cosigned_at: None,
        disputed_by: None,
        reason: None,
        finalized_at: None,
    };
    ATTESTATIONS.save(deps.storage, id, &att)?;
    BY_MEMBER.save(deps.storage, (&att.attester, id), &())?;
    BY_NEED.save(deps.storage, (need_id, id), &())?;
    BY_STATUS.save(deps.storage, (AttestationStatus::Pending.as_u8(), id), &())?;
    if let Some(b) = &att.buddy {
        PENDING_BY_BUDDY.save(deps.storage, (b, id), &())?;
    }

    let mut res = Response::new()
        .add_attribute("action", "attest")
        .add_attribute("attestation_id", id.to_string())
        .add_attribute("need_id", need_id.to_string())
        .add_attribute("attester", att.attester.as_str())
        .add_attribute("category", att.category.as_str())
        .add_attribute("hours", att.hours.to_string())
        .add_attribute("units", att.units.to_string())
        .add_attribute("credit", att.credit.to_string())
        .add_attribute("cycle", cycle.to_string());
    if let Some(b) = &att.buddy {
        res = res.add_attribute("buddy", b.as_str());
    }
    Ok(res)
}

/// The attester takes back a pending attestation (also once it has expired); its credit
/// counts no more toward the cycle cap.
pub fn execute_withdraw(
    deps: DepsMut,
    info: MessageInfo,
    id: u64,
) -> Result<Response, ContractError> {
    let mut att = load_attestation(deps.storage, id)?;
    if info.sender != att.attester {
        return Err(ContractError::NotTheAttester);
    }
    att.ensure_status(id, AttestationStatus::Pending)?;

    give_credit_back(deps.storage, &att)?;
    save_with_status(deps.storage, id, &mut att, AttestationStatus::Withdrawn)?;

    Ok(Response::new()
        .add_attribute("action", "withdraw")
        .add_attribute("attestation_id", id.to_string())
        .add_attribute("need_id", att.need_id.to_string())
        .add_attribute("attester", att.attester.as_str())
        .add_attribute("hours", att.hours.to_string()))
}
