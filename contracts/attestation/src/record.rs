//! Recording a final contribution: the one way an attestation becomes `Final`.

use cosmwasm_std::{to_json_binary, Env, Storage, WasmMsg};
use flow_types::attestation::{AttestationStatus, Config};
use flow_types::distributor::{Contribution, ExecuteMsg as DistributorExecuteMsg};

use crate::error::ContractError;
use crate::state::{save_with_status, Stored, PROGRESS};

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
    att.finalized_at = Some(env.block.time);
    save_with_status(storage, id, att, AttestationStatus::Final)?;

    let mut progress = PROGRESS.may_load(storage, att.need_id)?.unwrap_or_default();
    progress.units = progress.units.checked_add(att.units)?;
    progress.hours = progress.hours.checked_add(att.hours)?;
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
