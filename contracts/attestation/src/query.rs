//! Queries. Every list is paginated (`start_after`, `limit` ≤ 100) and ascending by id.

use cosmwasm_std::{Deps, Env, Order, StdResult};
use cw_storage_plus::Bound;
use flow_types::attestation::{
    AttestationResponse, AttestationStatus, AttestationsResponse, ConfigResponse,
    MemberCycleResponse, NeedProgressResponse, ReciprocalPair, ReciprocalPairsResponse,
};
use flow_types::common::page_limit;

use crate::error::ContractError;
use crate::state::{
    load_attestation, ATTESTATIONS, BY_MEMBER, BY_NEED, BY_STATUS, CONFIG, CYCLE_CREDIT,
    PENDING_BY_BUDDY, PROGRESS, RECIPROCAL, RECIPROCAL_COUNT,
};

pub fn query_config(deps: Deps) -> StdResult<ConfigResponse> {
    Ok(ConfigResponse {
        config: CONFIG.load(deps.storage)?,
    })
}

pub fn query_attestation(
    deps: Deps,
    env: Env,
    id: u64,
) -> Result<AttestationResponse, ContractError> {
    let policy = CONFIG.load(deps.storage)?.policy;
    let att = load_attestation(deps.storage, id)?;
    Ok(AttestationResponse {
        attestation: att.into_attestation(id, &policy, env.block.time),
    })
}

pub fn query_by_member(
    deps: Deps,
    env: Env,
    member: String,
    start_after: Option<u64>,
    limit: Option<u32>,
) -> Result<AttestationsResponse, ContractError> {
    let member = deps.api.addr_validate(&member)?;
    let ids = BY_MEMBER.prefix(&member).keys(
        deps.storage,
        start_after.map(Bound::exclusive),
        None,
        Order::Ascending,
    );
    attestations(deps, env, ids, limit)
}

pub fn query_by_need(
    deps: Deps,
    env: Env,
    need_id: u64,
    start_after: Option<u64>,
    limit: Option<u32>,
) -> Result<AttestationsResponse, ContractError> {
    let ids = BY_NEED.prefix(need_id).keys(
        deps.storage,
        start_after.map(Bound::exclusive),
        None,
        Order::Ascending,
    );
    attestations(deps, env, ids, limit)
}

/// By stored status. `Expired` is computed when read, so it cannot be listed: list
/// `Pending` and read each one's status.
pub fn query_by_status(
    deps: Deps,
    env: Env,
    status: AttestationStatus,
    start_after: Option<u64>,
    limit: Option<u32>,
) -> Result<AttestationsResponse, ContractError> {
    if status == AttestationStatus::Expired {
        return Err(ContractError::ExpiredNotListable);
    }
    let ids = BY_STATUS.prefix(status.as_u8()).keys(
        deps.storage,
        start_after.map(Bound::exclusive),
        None,
        Order::Ascending,
    );
    attestations(deps, env, ids, limit)
}

pub fn query_pending_cosigns(
    deps: Deps,
    env: Env,
    buddy: String,
    start_after: Option<u64>,
    limit: Option<u32>,
) -> Result<AttestationsResponse, ContractError> {
    let buddy = deps.api.addr_validate(&buddy)?;
    let ids = PENDING_BY_BUDDY.prefix(&buddy).keys(
        deps.storage,
        start_after.map(Bound::exclusive),
        None,
        Order::Ascending,
    );
    attestations(deps, env, ids, limit)
}

pub fn query_reciprocal_pairs(
    deps: Deps,
    cycle: u64,
    start_after: Option<(String, String)>,
    limit: Option<u32>,
) -> StdResult<ReciprocalPairsResponse> {
    let start = start_after
        .map(|(a, b)| {
            Ok::<_, cosmwasm_std::StdError>((
                deps.api.addr_validate(&a)?,
                deps.api.addr_validate(&b)?,
            ))
        })
        .transpose()?;
    let pairs = RECIPROCAL
        .sub_prefix(cycle)
        .keys(
            deps.storage,
            start.as_ref().map(|(a, b)| Bound::exclusive((a, b))),
            None,
            Order::Ascending,
        )
        .take(page_limit(limit))
        .map(|k| k.map(|(a, b)| ReciprocalPair { a, b }))
        .collect::<StdResult<Vec<_>>>()?;
    Ok(ReciprocalPairsResponse {
        cycle,
        count: RECIPROCAL_COUNT
            .may_load(deps.storage, cycle)?
            .unwrap_or_default(),
        pairs,
    })
}

pub fn query_need_progress(deps: Deps, need_id: u64) -> StdResult<NeedProgressResponse> {
    let progress = PROGRESS
        .may_load(deps.storage, need_id)?
        .unwrap_or_default();
    Ok(NeedProgressResponse {
        need_id,
        units: progress.units,
        hours: progress.hours,
        attestations: progress.attestations,
    })
}

pub fn query_member_cycle(
    deps: Deps,
    member: String,
    cycle: u64,
) -> StdResult<MemberCycleResponse> {
    let member = deps.api.addr_validate(&member)?;
    let credit = CYCLE_CREDIT
        .may_load(deps.storage, (cycle, &member))?
        .unwrap_or_default();
    Ok(MemberCycleResponse {
        member,
        cycle,
        credit,
    })
}

/// Loads a page of attestations from an index's ids, with their status as read now.
fn attestations(
    deps: Deps,
    env: Env,
    ids: Box<dyn Iterator<Item = StdResult<u64>> + '_>,
    limit: Option<u32>,
) -> Result<AttestationsResponse, ContractError> {
    let policy = CONFIG.load(deps.storage)?.policy;
    let attestations = ids
        .take(page_limit(limit))
        .map(|id| {
            let id = id?;
            let att = ATTESTATIONS.load(deps.storage, id)?;
            Ok(att.into_attestation(id, &policy, env.block.time))
        })
        .collect::<StdResult<Vec<_>>>()?;
    Ok(AttestationsResponse { attestations })
}
