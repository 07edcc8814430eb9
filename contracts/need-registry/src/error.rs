use cosmwasm_std::StdError;
use flow_types::migrate::MigrateError;
use flow_types::registry::NeedStatus;
use flow_types::validate::ValidationError;
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
    Payment(#[from] cw_utils::PaymentError),

    #[error("{address} is not a member of the group")]
    NotAMember { address: String },

    #[error("only governance may post needs")]
    StewardsOnly {},

    #[error("only governance may set a need's impact, unit credit or capacity flag")]
    FactorsByGovernanceOnly {},

    #[error("only the poster of need {id} or governance may change its status")]
    NotPosterOrOwner { id: u64 },

    #[error("unknown category {id:?}")]
    UnknownCategory { id: String },

    #[error("category {id:?} is listed twice")]
    DuplicateCategory { id: String },

    #[error("too many categories: at most {max}")]
    TooManyCategories { max: u32 },

    #[error("need {id} not found")]
    NeedNotFound { id: u64 },

    #[error("need {id} is not open: it is {status:?}")]
    NeedNotOpen { id: u64, status: NeedStatus },

    #[error("need {id} is already {status:?}")]
    StatusUnchanged { id: u64, status: NeedStatus },

    #[error("quantity must be greater than zero")]
    ZeroQuantity {},

    #[error("{address} already requests need {id}")]
    AlreadyRequested { id: u64, address: String },

    #[error("{address} has not endorsed need {id}")]
    NotRequested { id: u64, address: String },

    #[error("the poster of need {id} cannot withdraw its request: close the need instead")]
    PosterCannotWithdraw { id: u64 },

    #[error("need has reached its bound of {max} requesters")]
    TooManyRequesters { max: u32 },

    #[error("{address} already offers toward need {id}")]
    AlreadyOffered { id: u64, address: String },

    #[error("{address} has no offer on need {id}")]
    NotOffered { id: u64, address: String },

    #[error("need has reached its bound of {max} offers")]
    TooManyOffers { max: u32 },
}
