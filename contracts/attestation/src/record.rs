//! Recording a final contribution: the one way an attestation becomes `Final`.

use cosmwasm_std::{to_json_binary, Decimal, Env, Storage, WasmMsg};
use flow_types::attestation::{AttestationStatus, Config};
use flow_types::distributor::{Contribution, ExecuteMsg as DistributorExecuteMsg};

use crate::error::ContractError;
use crate::state::{save_with_status, uncount_credit, Stored, CYCLE_CREDIT, PROGRESS};

/// Makes `att` final, adds it to its need's progress, saves it and returns the
/// distributor's `Record` message.
///
/// Callers check the status they expect (`Pending`, `Challenge` or `Disputed`) first, and
/// `Final` is none of them: an attestation is recorded exactly once.
pub fn record(
    storage: &mut dyn Storage,
    env: &Env,
    config: &Config,
    id: u64,
    att: &mut Stored,
) -> Result<WasmMsg, ContractError> {
    land_credit(storage, env, config, att)?;
    att.finalized_at = Some(env.block.time);
    save_with_status(storage, id, att, AttestationStatus::Final)?;

    // Progress is what was delivered toward the need, for people to read: it saturates
    // rather than let a record fail (units are bounded per attestation, so it takes more
    // than 10¹¹ attestations toward one need to get there).
    let mut progress = PROGRESS.may_load(storage, att.need_id)?.unwrap_or_default();
    progress.units = progress.units.saturating_add(att.units);
    progress.hours = progress.hours.saturating_add(att.hours);
    progress.attestations = progress.attestations.saturating_add(1);
    PROGRESS.save(storage, att.need_id, &progress)?;

    let contribution = Contribution {
        attestation_id: id,
        contributor: att.attester.to_string(),
        category: att.category.clone(),
        hours: att.hours,
        credit: att.credit,
        impact: att.impact,
        capacity_building: att.capacity_building,
    };
    Ok(WasmMsg::Execute {
        contract_addr: config.distributor.to_string(),
        msg: to_json_binary(&DistributorExecuteMsg::Record { contribution })?,
        funds: vec![],
    })
}

/// The distributor credits a contribution to the cycle in which it is recorded (its clock is
/// this contract's). An attestation recorded in a later cycle than the one it was attested in
/// moves its credit to the recording cycle's count, and is refused if that count would pass
/// the cap: the cap holds where the credit lands, and attestations stored up over several
/// cycles cannot land together past it. Refused, nothing changes: the attestation can be
/// co-signed, finalized or resolved in a later cycle.
fn land_credit(
    storage: &mut dyn Storage,
    env: &Env,
    config: &Config,
    att: &Stored,
) -> Result<(), ContractError> {
    if let Some((cycle, total)) = landing(storage, env, config, att)? {
        uncount_credit(storage, att.cycle, &att.attester, att.credit)?;
        CYCLE_CREDIT.save(storage, (cycle, &att.attester), &total)?;
    }
    Ok(())
}

/// Where `att` would land if recorded now, when that is not the cycle it is counted in: the
/// cycle and its new count, or `CreditOverCycleCap`. Reads only.
pub fn landing(
    storage: &dyn Storage,
    env: &Env,
    config: &Config,
    att: &Stored,
) -> Result<Option<(u64, Decimal)>, ContractError> {
    let cycle = config.clock.cycle_at(env.block.time);
    if cycle == att.cycle {
        return Ok(None);
    }
    let counted = CYCLE_CREDIT
        .may_load(storage, (cycle, &att.attester))?
        .unwrap_or_default();
    let total = counted.checked_add(att.credit)?;
    let max = config.policy.max_hours_per_cycle;
    if total > max {
        return Err(ContractError::CreditOverCycleCap {
            cycle,
            counted,
            credit: att.credit,
            max,
        });
    }
    Ok(Some((cycle, total)))
}
