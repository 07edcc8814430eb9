use cosmwasm_std::{Addr, Decimal, OverflowError, StdError, Timestamp};
use cw_ownable::OwnershipError;
use cw_utils::PaymentError;
use flow_types::migrate::MigrateError;
use flow_types::validate::ValidationError;
use thiserror::Error;

#[derive(Error, Debug, PartialEq)]
pub enum ContractError {
    #[error("{0}")]
    Std(#[from] StdError),

    #[error("{0}")]
    Overflow(#[from] OverflowError),

    #[error("{0}")]
    Ownership(#[from] OwnershipError),

    #[error("{0}")]
    Validation(#[from] ValidationError),

    #[error("{0}")]
    Migrate(#[from] MigrateError),

    #[error("{0}")]
    Payment(#[from] PaymentError),

    #[error("{address} is not a member of the group")]
    NotAMember { address: Addr },

    #[error("need {need_id} is not open")]
    NeedNotOpen { need_id: u64 },

    #[error("need {need_id} not found")]
    NeedNotFound { need_id: u64 },

    #[error("an attestation needs hours or units (both are zero)")]
    NoHours,

    #[error(
        "no credit: hours + units × the need's unit credit must be at least 0.01 hour-equivalents"
    )]
    NoCredit,

    #[error("{hours} hours in one attestation: at most {max}")]
    HoursOverAttestationCap { hours: Decimal, max: Decimal },

    #[error("{hours} hours + {units} units × {unit_credit} is more hour-equivalents than one attestation may credit: at most {max}")]
    CreditOverAttestationCap {
        hours: Decimal,
        units: Decimal,
        unit_credit: Decimal,
        max: Decimal,
    },

    #[error("{counted} hour-equivalents already counted in cycle {cycle} plus {credit} is over the cycle cap of {max}")]
    CreditOverCycleCap {
        cycle: u64,
        counted: Decimal,
        credit: Decimal,
        max: Decimal,
    },

    #[error("only a named buddy may refuse an attestation, and attestation {id} names none: leave it unsigned, or dispute it once it is co-signed")]
    NoBuddyToRefuse { id: u64 },

    #[error("an attester cannot be their own buddy, nor co-sign or refuse their own attestation")]
    SelfCosign,

    #[error("an attester cannot dispute their own attestation")]
    SelfDispute,

    #[error("the named buddy {buddy} co-signs first, and only they may refuse")]
    NotTheBuddy { buddy: Addr },

    #[error("already co-signed by this member")]
    AlreadyCosigned,

    #[error(
        "co-sign limit reached: at most {max} attestations of one attester per co-signer per cycle"
    )]
    PairLimitReached { max: u32 },

    #[error("attestation {id} is {status}, expected {expected}")]
    WrongStatus {
        id: u64,
        status: String,
        expected: String,
    },

    #[error("attestation {id} has expired: it can only be withdrawn")]
    Expired { id: u64 },

    #[error("the challenge window is open until {ends}")]
    ChallengeWindowOpen { ends: Timestamp },

    #[error("the challenge window has closed")]
    ChallengeWindowClosed,

    #[error("only the attester may do this")]
    NotTheAttester,

    #[error("attestation {id} not found")]
    AttestationNotFound { id: u64 },

    #[error(
        "status `expired` is computed when read, not stored: list `pending` and read each status"
    )]
    ExpiredNotListable,
}
