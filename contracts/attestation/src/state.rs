//! Storage. Keys are one letter and records use one-letter field names, because
//! a write costs per byte (key and value) on chain. Every execute touches a fixed number of
//! keys; nothing here is ever walked by an execute.

use cosmwasm_std::{Addr, Decimal, Order, StdError, StdResult, Storage, Timestamp};
use cw_storage_plus::{Item, Map};
use flow_types::attestation::{AttestationPolicy, AttestationStatus, Config};
use serde::{Deserialize, Serialize};

use crate::error::ContractError;

/// Contract configuration (addresses, clock, policy).
pub const CONFIG: Item<Config> = Item::new("c");
/// The attestations, by id (1, 2, 3 …). They are never removed, so the next id is one
/// more than the last key: no counter to write on every attest.
pub const ATTESTATIONS: Map<u64, Stored> = Map::new("a");

/// Index: attestations by attester.
pub const BY_MEMBER: Map<(&Addr, u64), ()> = Map::new("m");
/// Index: attestations by need.
pub const BY_NEED: Map<(u64, u64), ()> = Map::new("n");
/// Index: attestations by stored status code (moved on every status change).
pub const BY_STATUS: Map<(u8, u64), ()> = Map::new("s");
/// Index: pending attestations by named buddy, while the buddy has not co-signed.
pub const PENDING_BY_BUDDY: Map<(&Addr, u64), ()> = Map::new("b");

/// Hour-equivalents (credits b) counted per (cycle, member) against the per-cycle cap: those
/// attested in the cycle and not yet recorded, plus those recorded (landed) in it. A credit
/// is counted in the cycle it was attested in until it is recorded; recorded in a later cycle,
/// it moves there (`record::land_credit`), so the cap holds where the distributor credits it.
pub const CYCLE_CREDIT: Map<(u64, &Addr), Decimal> = Map::new("h");
/// Co-signs per (cycle, co-signer, attester): the anti-collusion limit.
pub const PAIR_COSIGNS: Map<(u64, &Addr, &Addr), u32> = Map::new("p");
/// Reciprocal co-signing pairs per cycle, the smaller address first.
pub const RECIPROCAL: Map<(u64, &Addr, &Addr), ()> = Map::new("r");
/// Number of reciprocal pairs per cycle.
pub const RECIPROCAL_COUNT: Map<u64, u32> = Map::new("q");
/// What has been recorded (final) toward each need.
pub const PROGRESS: Map<u64, Progress> = Map::new("g");

/// An attestation as stored. The id is the key; empty fields are left out.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Stored {
    #[serde(rename = "a")]
    pub attester: Addr,
    #[serde(rename = "n")]
    pub need_id: u64,
    #[serde(rename = "c")]
    pub category: String,
    #[serde(rename = "h")]
    pub hours: Decimal,
    #[serde(rename = "u", default, skip_serializing_if = "Decimal::is_zero")]
    pub units: Decimal,
    #[serde(rename = "b")]
    pub credit: Decimal,
    #[serde(rename = "i", default = "Decimal::one", skip_serializing_if = "is_one")]
    pub impact: Decimal,
    #[serde(rename = "k", default, skip_serializing_if = "is_false")]
    pub capacity_building: bool,
    #[serde(rename = "d")]
    pub description: String,
    #[serde(rename = "e", default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
    #[serde(rename = "y", default, skip_serializing_if = "Option::is_none")]
    pub buddy: Option<Addr>,
    #[serde(rename = "g", default, skip_serializing_if = "Vec::is_empty")]
    pub cosigners: Vec<Addr>,
    #[serde(rename = "s", with = "status_code")]
    pub status: AttestationStatus,
    #[serde(rename = "t")]
    pub created_at: Timestamp,
    #[serde(rename = "z")]
    pub cycle: u64,
    #[serde(rename = "x", default, skip_serializing_if = "Option::is_none")]
    pub cosigned_at: Option<Timestamp>,
    #[serde(rename = "p", default, skip_serializing_if = "Option::is_none")]
    pub disputed_by: Option<Addr>,
    #[serde(rename = "r", default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(rename = "f", default, skip_serializing_if = "Option::is_none")]
    pub finalized_at: Option<Timestamp>,
}

/// Units, hours and count recorded (final) toward a need.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct Progress {
    #[serde(rename = "u")]
    pub units: Decimal,
    #[serde(rename = "h")]
    pub hours: Decimal,
    #[serde(rename = "n")]
    pub attestations: u32,
}

fn is_false(b: &bool) -> bool {
    !*b
}

fn is_one(d: &Decimal) -> bool {
    *d == Decimal::one()
}

/// The id the next attestation gets.
pub fn next_id(storage: &dyn Storage) -> Result<u64, ContractError> {
    let last = ATTESTATIONS
        .keys(storage, None, None, Order::Descending)
        .next()
        .transpose()?
        .unwrap_or_default();
    last.checked_add(1)
        .ok_or_else(|| StdError::generic_err("attestation ids exhausted").into())
}

/// Statuses are stored as their one-digit code.
mod status_code {
    use flow_types::attestation::AttestationStatus;
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(status: &AttestationStatus, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u8(status.as_u8())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<AttestationStatus, D::Error> {
        let code = u8::deserialize(d)?;
        super::status_from_u8(code)
            .ok_or_else(|| D::Error::custom(format!("unknown status code {code}")))
    }
}

pub fn status_from_u8(code: u8) -> Option<AttestationStatus> {
    use AttestationStatus::*;
    [
        Pending, Challenge, Disputed, Final, Rejected, Withdrawn, Expired,
    ]
    .into_iter()
    .find(|s| s.as_u8() == code)
}

/// The status as users see it (its JSON name).
pub fn status_name(status: AttestationStatus) -> &'static str {
    match status {
        AttestationStatus::Pending => "pending",
        AttestationStatus::Challenge => "challenge",
        AttestationStatus::Disputed => "disputed",
        AttestationStatus::Final => "final",
        AttestationStatus::Rejected => "rejected",
        AttestationStatus::Withdrawn => "withdrawn",
        AttestationStatus::Expired => "expired",
    }
}

/// `t + seconds`, saturating (a window too long to represent never ends).
pub fn later(t: Timestamp, seconds: u64) -> Timestamp {
    Timestamp::from_nanos(
        t.nanos()
            .saturating_add(seconds.saturating_mul(1_000_000_000)),
    )
}

impl Stored {
    /// Pending past the policy's expiry (0 = never expires).
    pub fn is_expired(&self, policy: &AttestationPolicy, now: Timestamp) -> bool {
        self.status == AttestationStatus::Pending
            && policy.pending_expiry_seconds > 0
            && now >= later(self.created_at, policy.pending_expiry_seconds)
    }

    /// The status as read now: a pending attestation past its expiry reads `Expired`.
    pub fn status_now(&self, policy: &AttestationPolicy, now: Timestamp) -> AttestationStatus {
        if self.is_expired(policy, now) {
            AttestationStatus::Expired
        } else {
            self.status
        }
    }

    /// Fails with `WrongStatus` unless the stored status is `expected`.
    pub fn ensure_status(&self, id: u64, expected: AttestationStatus) -> Result<(), ContractError> {
        if self.status != expected {
            return Err(ContractError::WrongStatus {
                id,
                status: status_name(self.status).to_string(),
                expected: status_name(expected).to_string(),
            });
        }
        Ok(())
    }

    pub fn into_attestation(
        self,
        id: u64,
        policy: &AttestationPolicy,
        now: Timestamp,
    ) -> flow_types::attestation::Attestation {
        let status = self.status_now(policy, now);
        flow_types::attestation::Attestation {
            id,
            attester: self.attester,
            need_id: self.need_id,
            category: self.category,
            hours: self.hours,
            units: self.units,
            credit: self.credit,
            impact: self.impact,
            capacity_building: self.capacity_building,
            description: self.description,
            evidence: self.evidence,
            buddy: self.buddy,
            cosigners: self.cosigners,
            status,
            created_at: self.created_at,
            cycle: self.cycle,
            cosigned_at: self.cosigned_at,
            disputed_by: self.disputed_by,
            reason: self.reason,
            finalized_at: self.finalized_at,
        }
    }
}

pub fn load_attestation(storage: &dyn Storage, id: u64) -> Result<Stored, ContractError> {
    ATTESTATIONS
        .may_load(storage, id)?
        .ok_or(ContractError::AttestationNotFound { id })
}

/// Saves `att` with status `to`, moving its status index entry and, when it leaves
/// `Pending`, removing its pending-by-buddy entry (held while pending and the buddy has
/// not co-signed).
pub fn save_with_status(
    storage: &mut dyn Storage,
    id: u64,
    att: &mut Stored,
    to: AttestationStatus,
) -> StdResult<()> {
    let from = att.status;
    if from != to {
        BY_STATUS.remove(storage, (from.as_u8(), id));
        BY_STATUS.save(storage, (to.as_u8(), id), &())?;
        if from == AttestationStatus::Pending {
            if let Some(buddy) = att.buddy.as_ref().filter(|b| !att.cosigners.contains(b)) {
                PENDING_BY_BUDDY.remove(storage, (buddy, id));
            }
        }
        att.status = to;
    }
    ATTESTATIONS.save(storage, id, att)
}

/// Gives a not-yet-recorded attestation's credit back to its attester's count in the cycle
/// it was attested in (withdrawn, rejected, dispute upheld).
pub fn give_credit_back(storage: &mut dyn Storage, att: &Stored) -> Result<(), ContractError> {
    uncount_credit(storage, att.cycle, &att.attester, att.credit)
}

/// Takes `credit` off `member`'s count in `cycle`.
pub fn uncount_credit(
    storage: &mut dyn Storage,
    cycle: u64,
    member: &Addr,
    credit: Decimal,
) -> Result<(), ContractError> {
    let key = (cycle, member);
    let counted = CYCLE_CREDIT.may_load(storage, key)?.unwrap_or_default();
    // An attestation counted before this count was kept in hour-equivalents (hours only)
    // may take back more than is left: the count never goes below zero.
    let left = counted.saturating_sub(credit);
    if left.is_zero() {
        CYCLE_CREDIT.remove(storage, key);
    } else {
        CYCLE_CREDIT.save(storage, key, &left)?;
    }
    Ok(())
}
