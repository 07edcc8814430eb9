use cosmwasm_std::StdError;
use flow_types::migrate::MigrateError;
use thiserror::Error;

/// Every error the flow-token returns.
///
/// Errors of the cw20 messages are cw20-base's own, wrapped in [`ContractError::Base`] with
/// the same text, so wallets and explorers see exactly what any cw20-base token says.
#[derive(Error, Debug, PartialEq)]
pub enum ContractError {
    #[error("{0}")]
    Std(#[from] StdError),

    /// An error of cw20-base (or of a guard that stands in for a cw20-base panic).
    #[error("{0}")]
    Base(#[from] cw20_base::ContractError),

    #[error("{0}")]
    Migrate(#[from] MigrateError),

    #[error("invalid holon address {address:?}: {reason}")]
    InvalidHolon { address: String, reason: String },

    /// A holon's tokens are backed by its treasury, which counts them as outstanding: a
    /// plain burn would lower the supply without telling the treasury and lock the backing.
    #[error("only the holon {holon} burns its tokens: send them to it with a gift_to_pool payload (their backing returns to the pool) or a redeem payload (you are paid their backing)")]
    BurnReserved { holon: String },
}
