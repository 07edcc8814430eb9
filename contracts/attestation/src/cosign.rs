//! Co-signing (a buddy vouches for an attestation) and rejecting (a buddy refuses it).

use cosmwasm_std::{Addr, DepsMut, Env, MessageInfo, Response};
use flow_types::attestation::{AttestationStatus, MAX_REASON_LEN};
use flow_types::validate;

use crate::error::ContractError;
use crate::group::ensure_member;
use crate::record::{landing, record};
use crate::state::{
    give_credit_back, load_attestation, save_with_status, status_name, CONFIG, PAIR_COSIGNS,
    PENDING_BY_BUDDY, RECIPROCAL, RECIPROCAL_COUNT,
};

pub fn execute_cosign(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    id: u64,
) -> Result<Response, ContractError> {
    let config = CONFIG.load(deps.storage)?;
    let policy = &config.policy;
    let mut att = load_attestation(deps.storage, id)?;
    att.ensure_status(id, AttestationStatus::Pending)?;
    if att.is_expired(policy, env.block.time) {
        return Err(ContractError::Expired { id });
    }

    let cosigner = info.sender;
    ensure_member(&deps.querier, &config.group, &cosigner)?;
    if cosigner == att.attester {
        return Err(ContractError::SelfCosign);
    }
    // A named buddy signs first; further co-signers (when more are required) may be any member.
    if let Some(buddy) = &att.buddy {
        if att.cosigners.is_empty() && cosigner != *buddy {
            return Err(ContractError::NotTheBuddy {
                buddy: buddy.clone(),
            });
        }
    }
    if att.cosigners.contains(&cosigner) {
        return Err(ContractError::AlreadyCosigned);
    }

    // Anti-collusion: how many of this attester's attestations this co-signer signed this cycle.
    let cycle = config.clock.cycle_at(env.block.time);
    let signed = PAIR_COSIGNS
        .may_load(deps.storage, (cycle, &cosigner, &att.attester))?
        .unwrap_or_default();
    if signed >= policy.max_cosigns_per_pair_per_cycle {
        return Err(ContractError::PairLimitReached {
            max: policy.max_cosigns_per_pair_per_cycle,
        });
    }
    // The first time X signs Y in a cycle in which Y has already signed X, the pair is
    // reciprocal (seen once per pair and cycle: afterwards neither signs the other "first").
    let reciprocal =
        signed == 0 && PAIR_COSIGNS.has(deps.storage, (cycle, &att.attester, &cosigner));

    // The last co-sign records at once (no challenge window): where it lands, the cap must
    // have room (checked here, before anything is written).
    let completes = att.cosigners.len() + 1 >= usize::from(policy.cosigns_required);
    if completes && policy.challenge_seconds == 0 {
        landing(deps.storage, &env, &config, &att)?;
    }

    // Every check passed: write.
    PAIR_COSIGNS.save(
        deps.storage,
        (cycle, &cosigner, &att.attester),
        &signed.saturating_add(1),
    )?;
    if reciprocal {
        let (a, b) = ordered(&cosigner, &att.attester);
        RECIPROCAL.save(deps.storage, (cycle, a, b), &())?;
        let count = RECIPROCAL_COUNT
            .may_load(deps.storage, cycle)?
            .unwrap_or_default();
        RECIPROCAL_COUNT.save(deps.storage, cycle, &count.saturating_add(1))?;
    }
    if att.buddy.as_ref() == Some(&cosigner) {
        // No longer waiting for the buddy.
        PENDING_BY_BUDDY.remove(deps.storage, (&cosigner, id));
    }
    att.cosigners.push(cosigner.clone());

    let mut res = Response::new()
        .add_attribute("action", "cosign")
        .add_attribute("attestation_id", id.to_string())
        .add_attribute("need_id", att.need_id.to_string())
        .add_attribute("attester", att.attester.as_str())
        .add_attribute("cosigner", cosigner.as_str())
        .add_attribute("cosigns", att.cosigners.len().to_string());
    if reciprocal {
        res = res.add_attribute("reciprocal", "true");
    }

    let status = if att.cosigners.len() < usize::from(policy.cosigns_required) {
        save_with_status(deps.storage, id, &mut att, AttestationStatus::Pending)?;
        AttestationStatus::Pending
    } else {
        att.cosigned_at = Some(env.block.time);
        if policy.challenge_seconds == 0 {
            let msg = record(deps.storage, &env, &config, id, &mut att)?;
            res = res
                .add_message(msg)
                .add_attribute("hours", att.hours.to_string())
                .add_attribute("credit", att.credit.to_string());
        } else {
            save_with_status(deps.storage, id, &mut att, AttestationStatus::Challenge)?;
        }
        att.status
    };
    Ok(res.add_attribute("status", status_name(status)))
}

/// The named buddy refuses a pending attestation; its credit counts no more toward the
/// cycle cap.
pub fn execute_reject(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    id: u64,
    reason: String,
) -> Result<Response, ContractError> {
    validate::text("reason", &reason, MAX_REASON_LEN)?;
    let config = CONFIG.load(deps.storage)?;
    let mut att = load_attestation(deps.storage, id)?;
    att.ensure_status(id, AttestationStatus::Pending)?;
    if att.is_expired(&config.policy, env.block.time) {
        return Err(ContractError::Expired { id });
    }

    let by = info.sender;
    ensure_member(&deps.querier, &config.group, &by)?;
    if by == att.attester {
        return Err(ContractError::SelfCosign);
    }
    // A refusal is final and unreviewed, so only the buddy the attester chose may make it.
    // An attestation that names none is refused by not co-signing it (it never records, and
    // may expire), or disputed once co-signed (governance reviews a dispute).
    match &att.buddy {
        Some(buddy) if by != *buddy => {
            return Err(ContractError::NotTheBuddy {
                buddy: buddy.clone(),
            })
        }
        Some(_) => {}
        None => return Err(ContractError::NoBuddyToRefuse { id }),
    }

    give_credit_back(deps.storage, &att)?;
    att.reason = Some(reason);
    save_with_status(deps.storage, id, &mut att, AttestationStatus::Rejected)?;

    Ok(Response::new()
        .add_attribute("action", "reject")
        .add_attribute("attestation_id", id.to_string())
        .add_attribute("need_id", att.need_id.to_string())
        .add_attribute("attester", att.attester.as_str())
        .add_attribute("rejected_by", by.as_str()))
}

/// A pair in canonical order: the smaller address first.
fn ordered<'a>(x: &'a Addr, y: &'a Addr) -> (&'a Addr, &'a Addr) {
    if x <= y {
        (x, y)
    } else {
        (y, x)
    }
}
