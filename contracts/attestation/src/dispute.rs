//! The challenge window: dispute, governance's resolution, and finalize.

use cosmwasm_std::{DepsMut, Env, MessageInfo, Response};
use flow_types::attestation::{AttestationStatus, MAX_REASON_LEN};
use flow_types::validate;

use crate::error::ContractError;
use crate::group::ensure_member;
use crate::record::record;
use crate::state::{
    give_credit_back, later, load_attestation, save_with_status, status_name, CONFIG,
};

/// Any member but the attester (a co-signer too), while the challenge window is open.
pub fn execute_dispute(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    id: u64,
    reason: String,
) -> Result<Response, ContractError> {
    validate::text("reason", &reason, MAX_REASON_LEN)?;
    let config = CONFIG.load(deps.storage)?;
    let mut att = load_attestation(deps.storage, id)?;
    att.ensure_status(id, AttestationStatus::Challenge)?;
    let ends = later(
        att.cosigned_at.unwrap_or(att.created_at),
        config.policy.challenge_seconds,
    );
    if env.block.time >= ends {
        return Err(ContractError::ChallengeWindowClosed);
    }
    let by = info.sender;
    ensure_member(&deps.querier, &config.group, &by)?;
    if by == att.attester {
        return Err(ContractError::SelfDispute);
    }

    att.disputed_by = Some(by.clone());
    att.reason = Some(reason);
    save_with_status(deps.storage, id, &mut att, AttestationStatus::Disputed)?;

    Ok(Response::new()
        .add_attribute("action", "dispute")
        .add_attribute("attestation_id", id.to_string())
        .add_attribute("need_id", att.need_id.to_string())
        .add_attribute("attester", att.attester.as_str())
        .add_attribute("disputed_by", by.as_str()))
}

/// Governance: `uphold` rejects the disputed attestation (its hours no longer count toward
/// the cycle cap); otherwise it is recorded at once.
pub fn execute_resolve_dispute(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    id: u64,
    uphold: bool,
) -> Result<Response, ContractError> {
    cw_ownable::assert_owner(deps.storage, &info.sender)?;
    let config = CONFIG.load(deps.storage)?;
    let mut att = load_attestation(deps.storage, id)?;
    att.ensure_status(id, AttestationStatus::Disputed)?;

    let mut res = Response::new()
        .add_attribute("action", "resolve_dispute")
        .add_attribute("attestation_id", id.to_string())
        .add_attribute("need_id", att.need_id.to_string())
        .add_attribute("attester", att.attester.as_str())
        .add_attribute("uphold", uphold.to_string());
    if uphold {
        give_credit_back(deps.storage, &att)?;
        save_with_status(deps.storage, id, &mut att, AttestationStatus::Rejected)?;
    } else {
        let msg = record(deps.storage, &env, &config, id, &mut att)?;
        res = res
            .add_message(msg)
            .add_attribute("hours", att.hours.to_string())
            .add_attribute("credit", att.credit.to_string());
    }
    Ok(res.add_attribute("status", status_name(att.status)))
}

/// Anyone, once the challenge window has passed undisputed: records the contribution.
pub fn execute_finalize(deps: DepsMut, env: Env, id: u64) -> Result<Response, ContractError> {
    let config = CONFIG.load(deps.storage)?;
    let mut att = load_attestation(deps.storage, id)?;
    att.ensure_status(id, AttestationStatus::Challenge)?;
    let ends = later(
        att.cosigned_at.unwrap_or(att.created_at),
        config.policy.challenge_seconds,
    );
    if env.block.time < ends {
        return Err(ContractError::ChallengeWindowOpen { ends });
    }

    let msg = record(deps.storage, &env, &config, id, &mut att)?;
    Ok(Response::new()
        .add_message(msg)
        .add_attribute("action", "finalize")
        .add_attribute("attestation_id", id.to_string())
        .add_attribute("need_id", att.need_id.to_string())
        .add_attribute("attester", att.attester.as_str())
        .add_attribute("hours", att.hours.to_string())
        .add_attribute("credit", att.credit.to_string())
        .add_attribute("status", status_name(att.status)))
}
