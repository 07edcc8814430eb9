use cosmwasm_std::{Decimal, OverflowError, StdError, Timestamp, Uint128};
use cw_utils::PaymentError;
use flow_types::{migrate::MigrateError, validate::ValidationError};
use thiserror::Error;

#[derive(Error, Debug, PartialEq)]
pub enum ContractError {
    #[error("{0}")]
    Std(#[from] StdError),

    #[error("{0}")]
    Ownership(#[from] cw_ownable::OwnershipError),

    #[error("{0}")]
    Validation(#[from] ValidationError),

    #[error("{0}")]
    Migrate(#[from] MigrateError),

    #[error("{0}")]
    Payment(#[from] PaymentError),

    #[error("{0}")]
    Overflow(#[from] OverflowError),

    #[error("only the attestation contract may record contributions")]
    NotAttestation {},

    #[error("only the holon's group ({group}) reports membership changes, not {sender}")]
    NotGroup { group: String, sender: String },

    #[error("attestation {id} is already recorded")]
    AlreadyRecorded { id: u64 },

    #[error("cycle {cycle} has not ended yet: it ends at {ends}")]
    CycleNotEnded { cycle: u64, ends: Timestamp },

    #[error("cycle {cycle} is not closed yet (next to close: {next_to_close})")]
    CycleNotClosed { cycle: u64, next_to_close: u64 },

    #[error("{member} has already claimed cycle {cycle}")]
    AlreadyClaimed { cycle: u64, member: String },

    #[error("nothing to claim for {member}")]
    NothingToClaim { member: String },

    #[error("this holon has a fixed budget: no treasury to fund or redeem against")]
    NoTreasury {},

    #[error("redeeming {amount} exceeds the {outstanding} tokens minted against the treasury")]
    RedeemExceedsBacking {
        amount: Uint128,
        outstanding: Uint128,
    },

    #[error("treasury holds {available} unallocated, {needed} needed")]
    InsufficientTreasury { needed: Uint128, available: Uint128 },

    #[error("token {token} is not accepted by this holon")]
    UnknownToken { token: String },

    #[error("{action} takes this holon's own token, not {token}")]
    NotOwnToken { action: String, token: String },

    #[error("the holon of token {token} is not enabled for exchange")]
    HolonDisabled { token: String },

    #[error("exchange over the credit limit: holding {holdings} + {amount} > limit {limit}")]
    OverCreditLimit {
        holdings: Uint128,
        amount: Uint128,
        limit: Uint128,
    },

    #[error("{amount} at rate {rate} rounds down to zero tokens")]
    ExchangeRoundsToZero { amount: Uint128, rate: Decimal },

    #[error("holon {distributor} is already accepted (token {token})")]
    HolonAlreadyAccepted { distributor: String, token: String },

    #[error("the holon of token {token} was removed: accept it again to take its tokens")]
    HolonRemoved { token: String },

    #[error(
        "{distributor} is not the holon its token names: holon info or the token's issuer disagree"
    )]
    HolonMismatch { distributor: String },

    #[error("cannot accept this holon's own token")]
    OwnTokenAsForeign {},

    #[error("holding only {holdings} of token {token}, {amount} asked")]
    InsufficientHoldings {
        token: String,
        holdings: Uint128,
        amount: Uint128,
    },

    #[error("foreign treasury pays in {foreign:?}, this treasury is in {local:?}: settle is not possible, return the tokens instead")]
    SettlementDenomMismatch {
        foreign: Option<String>,
        local: Option<String>,
    },

    #[error("settlement paid {received}, expected {expected}")]
    SettlementShortfall {
        expected: Uint128,
        received: Uint128,
    },

    #[error("amount must be greater than zero")]
    ZeroAmount {},

    #[error("cycle {cycle} has recorded its most hour-equivalents ({max}): the contribution can be recorded in the next cycle")]
    CycleCreditFull { cycle: u64, max: Decimal },

    #[error(
        "a settlement with another holon is in progress: {action} waits until it has finished"
    )]
    SettlementInProgress { action: String },

    #[error("settling would put {held} on the books against {balance} held in the bank: refused")]
    BooksOverBank { held: Uint128, balance: Uint128 },

    #[error(
        "token {token} does not have {distributor} as its minter: it is not that holon's token"
    )]
    MinterMismatch { token: String, distributor: String },

    #[error(
        "token {token} already has a supply of {supply}: a holon's token starts at 0, every token backed by what its treasury holds"
    )]
    ExistingTokenHasSupply { token: String, supply: Uint128 },

    #[error(
        "token {token} caps its supply at {cap}: a holon's token has no cap, or claims would fail once it is reached"
    )]
    ExistingTokenCapped { token: String, cap: Uint128 },

    #[error("unknown reply id {id}")]
    UnknownReply { id: u64 },
}
