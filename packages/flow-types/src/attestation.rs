//! attestation: contribution claims ("did this"), buddy co-signing, disputes, and the
//! challenge window. A final attestation is recorded once in the distributor.

use cosmwasm_schema::{cw_serde, QueryResponses};
use cosmwasm_std::{Addr, Decimal, Timestamp};
use cw_ownable::{cw_ownable_execute, cw_ownable_query};

use crate::common::CycleClock;

pub const MAX_DESCRIPTION_LEN: usize = 512;
pub const MAX_EVIDENCE_LEN: usize = 256;
pub const MAX_REASON_LEN: usize = 256;
pub const MAX_COSIGNS_REQUIRED: u8 = 5;
/// Hard ceiling of hours in one attestation (a month of full days).
pub const MAX_HOURS_CEILING: u64 = 744;
/// Most units one attestation may report (a billion loaves, hours of childcare, kWh …). Units
/// on a need with a unit credit of 0 credit nothing but still add to the need's progress.
pub const MAX_UNITS: u64 = 1_000_000_000;
/// Least credit an attestation may carry: 0.01 hour-equivalents (36 seconds). Weights are
/// floored at 18 decimals per member (docs/WEIGHTING.md); without a floor on credits, members
/// could attest 10^-18 hours so that W > 0 while every W_i rounds to 0, and the whole
/// contribution pool would be allocated to no one.
pub const MIN_CREDIT: Decimal = Decimal::percent(1);

/// Rules of attestation, set by governance.
#[cw_serde]
#[serde(deny_unknown_fields)]
pub struct AttestationPolicy {
    /// Co-signatures needed before an attestation can become final (1..=5). Default 1.
    pub cosigns_required: u8,
    /// Seconds after the last co-sign during which any member may dispute (0 = none:
    /// the last co-sign records the contribution at once).
    pub challenge_seconds: u64,
    /// Most hour-equivalents one attestation may credit: b = hours + units × unit credit
    /// (so at most this many hours too).
    pub max_hours_per_attestation: Decimal,
    /// Most hour-equivalents one member may be credited in one cycle: counted where the
    /// credit lands (the cycle in which the attestation is recorded).
    pub max_hours_per_cycle: Decimal,
    /// Most attestations of one attester that one co-signer may sign in one cycle.
    pub max_cosigns_per_pair_per_cycle: u32,
    /// A pending attestation not fully co-signed within this many seconds expires (0 = never).
    pub pending_expiry_seconds: u64,
}

impl Default for AttestationPolicy {
    fn default() -> Self {
        Self {
            cosigns_required: 1,
            challenge_seconds: 0,
            max_hours_per_attestation: Decimal::from_ratio(MAX_HOURS_CEILING, 1u64),
            max_hours_per_cycle: Decimal::from_ratio(MAX_HOURS_CEILING, 1u64),
            max_cosigns_per_pair_per_cycle: 31,
            pending_expiry_seconds: 0,
        }
    }
}

#[cw_serde]
#[serde(deny_unknown_fields)]
pub struct InstantiateMsg {
    /// Governance (resolves disputes, sets the policy).
    pub owner: String,
    pub group: String,
    pub registry: String,
    /// The distributor that records final contributions. Defaults to the instantiator
    /// (the distributor instantiates this contract when it creates a holon).
    pub distributor: Option<String>,
    /// The distributor's cycle clock (per-cycle caps and limits follow it).
    pub clock: CycleClock,
    pub policy: AttestationPolicy,
}

#[cw_ownable_execute]
#[cw_serde]
#[serde(deny_unknown_fields)]
pub enum ExecuteMsg {
    /// A member says what they did toward an open need.
    Attest {
        need_id: u64,
        hours: Decimal,
        units: Decimal,
        description: String,
        evidence: Option<String>,
        /// The buddy asked to co-sign; any other member may co-sign when none is named.
        buddy: Option<String>,
    },
    /// The named buddy (or any member when none is named) vouches for it.
    Cosign { id: u64 },
    /// The named buddy (or any eligible co-signer) refuses it.
    Reject { id: u64, reason: String },
    /// The attester withdraws a pending attestation.
    Withdraw { id: u64 },
    /// Any member, within the challenge window.
    Dispute { id: u64, reason: String },
    /// Governance: `uphold = true` rejects the attestation, `false` lets it through
    /// (recorded at once).
    ResolveDispute { id: u64, uphold: bool },
    /// Anyone, once the challenge window has passed: records the contribution.
    Finalize { id: u64 },
    /// Governance.
    SetPolicy { policy: AttestationPolicy },
}

#[cw_serde]
#[derive(Copy, Eq)]
pub enum AttestationStatus {
    /// Waiting for co-signatures.
    Pending,
    /// Co-signed; in the challenge window.
    Challenge,
    Disputed,
    /// Recorded in the distributor.
    Final,
    Rejected,
    Withdrawn,
    /// Pending past the expiry (computed when read).
    Expired,
}

impl AttestationStatus {
    pub fn as_u8(self) -> u8 {
        match self {
            AttestationStatus::Pending => 0,
            AttestationStatus::Challenge => 1,
            AttestationStatus::Disputed => 2,
            AttestationStatus::Final => 3,
            AttestationStatus::Rejected => 4,
            AttestationStatus::Withdrawn => 5,
            AttestationStatus::Expired => 6,
        }
    }
}

#[cw_serde]
pub struct Attestation {
    pub id: u64,
    pub attester: Addr,
    pub need_id: u64,
    pub category: String,
    pub hours: Decimal,
    pub units: Decimal,
    /// b = hours + floor18(units × unit_credit): hour-equivalents (docs/WEIGHTING.md).
    pub credit: Decimal,
    /// The need's impact factor I and capacity flag when attested.
    pub impact: Decimal,
    pub capacity_building: bool,
    pub description: String,
    pub evidence: Option<String>,
    pub buddy: Option<Addr>,
    pub cosigners: Vec<Addr>,
    pub status: AttestationStatus,
    pub created_at: Timestamp,
    /// Cycle in which it was attested (caps count here).
    pub cycle: u64,
    /// When the last needed co-sign arrived.
    pub cosigned_at: Option<Timestamp>,
    pub disputed_by: Option<Addr>,
    /// Reason of a rejection or dispute.
    pub reason: Option<String>,
    /// When it became final (recorded).
    pub finalized_at: Option<Timestamp>,
}

#[cw_ownable_query]
#[cw_serde]
#[serde(deny_unknown_fields)]
#[derive(QueryResponses)]
pub enum QueryMsg {
    #[returns(ConfigResponse)]
    Config {},
    #[returns(AttestationResponse)]
    Attestation { id: u64 },
    #[returns(AttestationsResponse)]
    ByMember {
        member: String,
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    #[returns(AttestationsResponse)]
    ByNeed {
        need_id: u64,
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    /// By stored status (`expired` lists pending ones past their expiry is not possible
    /// cheaply: ask for `pending` and read each one's computed status).
    #[returns(AttestationsResponse)]
    ByStatus {
        status: AttestationStatus,
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    /// Pending attestations that name `buddy` as co-signer.
    #[returns(AttestationsResponse)]
    PendingCosigns {
        buddy: String,
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    /// Reciprocal co-signing pairs of a cycle (A signed B and B signed A).
    #[returns(ReciprocalPairsResponse)]
    ReciprocalPairs {
        cycle: u64,
        start_after: Option<(String, String)>,
        limit: Option<u32>,
    },
    /// Units and hours recorded (final) toward a need so far.
    #[returns(NeedProgressResponse)]
    NeedProgress { need_id: u64 },
    /// Hour-equivalents counted against a member's cap in a cycle: credits attested in the
    /// cycle and not yet recorded, plus those recorded in it.
    #[returns(MemberCycleResponse)]
    MemberCycle { member: String, cycle: u64 },
}

#[cw_serde]
pub struct Config {
    pub group: Addr,
    pub registry: Addr,
    pub distributor: Addr,
    pub clock: CycleClock,
    pub policy: AttestationPolicy,
}

#[cw_serde]
pub struct ConfigResponse {
    pub config: Config,
}

#[cw_serde]
pub struct AttestationResponse {
    pub attestation: Attestation,
}

#[cw_serde]
pub struct AttestationsResponse {
    pub attestations: Vec<Attestation>,
}

#[cw_serde]
pub struct ReciprocalPair {
    pub a: Addr,
    pub b: Addr,
}

#[cw_serde]
pub struct ReciprocalPairsResponse {
    pub cycle: u64,
    /// Total reciprocal pairs seen in the cycle.
    pub count: u32,
    pub pairs: Vec<ReciprocalPair>,
}

#[cw_serde]
pub struct NeedProgressResponse {
    pub need_id: u64,
    pub units: Decimal,
    pub hours: Decimal,
    pub attestations: u32,
}

#[cw_serde]
pub struct MemberCycleResponse {
    pub member: Addr,
    pub cycle: u64,
    /// Hour-equivalents (credits b) counted against `max_hours_per_cycle`.
    pub credit: Decimal,
}

#[cw_serde]
#[serde(deny_unknown_fields)]
pub struct MigrateMsg {}
