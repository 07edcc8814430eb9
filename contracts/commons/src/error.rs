use cosmwasm_std::{StdError, Uint128};
use flow_types::commons::{BookingStatus, ListingStatus, PurchaseStatus, Unit};
use flow_types::migrate::MigrateError;
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

    #[error("the provider of listing {id}, {provider}, is no longer a member of the group")]
    ProviderNotAMember { id: u64, provider: String },

    #[error("unknown category {id:?}: the registry has no such category")]
    UnknownCategory { id: String },

    #[error("the commons takes only its holon's token {expected}, not {token}")]
    ForeignToken { token: String, expected: String },

    #[error("listing {id} not found")]
    ListingNotFound { id: u64 },

    #[error("listing {id} is {status:?}: it takes no bookings or purchases")]
    ListingNotActive { id: u64, status: ListingStatus },

    #[error("listing {id} is already {status:?}")]
    ListingStatusUnchanged { id: u64, status: ListingStatus },

    #[error("listing {id} is withdrawn for good")]
    ListingWithdrawn { id: u64 },

    #[error("only governance, or the member who offers it, may change listing {id}")]
    NotListerOrOwner { id: u64 },

    #[error("listing {id} is booked by window, not bought: send a book payment")]
    NotPurchasable { id: u64 },

    #[error("listing {id} is bought, not booked: send a buy payment")]
    NotBookable { id: u64 },

    #[error("a member's offer cannot be priced by {unit:?}: use hour, day or item")]
    UnitNotForOffers { unit: Unit },

    #[error("{field} is only for resources booked by window")]
    OnlyForBookings { field: String },

    #[error("{field} is not for resources booked by window")]
    NotForBookings { field: String },

    #[error("price must be greater than zero")]
    ZeroPrice {},

    #[error("quantity must be between 1 and {max}, got {quantity}")]
    BadQuantity { quantity: u64, max: u64 },

    #[error("listing {id} has {left} left, {asked} asked")]
    SoldOut { id: u64, left: u64, asked: u64 },

    #[error("wrong amount: {expected} due ({units} × {price}), {sent} sent")]
    WrongAmount {
        expected: Uint128,
        sent: Uint128,
        units: u64,
        price: Uint128,
    },

    #[error("the price of {units} units at {price} each overflows")]
    PriceOverflow { units: u64, price: Uint128 },

    #[error("the window [{start}, {end}) is empty or reversed")]
    EmptyWindow { start: u64, end: u64 },

    #[error("the window [{start}, {end}) is not a whole number of {unit:?}s")]
    NotWholeUnits { start: u64, end: u64, unit: Unit },

    #[error("the window [{start}, {end}) is longer than {max} seconds")]
    WindowTooLong { start: u64, end: u64, max: u64 },

    #[error("the window starts at {start}, in the past (now {now})")]
    WindowInThePast { start: u64, now: u64 },

    #[error("the window starts at {start}, more than {max} seconds ahead (now {now})")]
    WindowTooFarAhead { start: u64, now: u64, max: u64 },

    #[error("listing {listing} is booked for [{start}, {end}) by booking {booking}")]
    Overlap {
        listing: u64,
        booking: u64,
        start: u64,
        end: u64,
    },

    #[error("booking {id} not found")]
    BookingNotFound { id: u64 },

    #[error("only its booker may cancel booking {id}")]
    NotBooker { id: u64 },

    #[error("booking {id} is {status:?}")]
    BookingNotHeld { id: u64, status: BookingStatus },

    #[error("booking {id} has started (at {start}): it can no longer be cancelled")]
    BookingStarted { id: u64, start: u64 },

    #[error("booking {id} starts at {start}: its payment is held until then")]
    BookingNotStarted { id: u64, start: u64 },

    #[error("purchase {id} not found")]
    PurchaseNotFound { id: u64 },

    #[error("only its buyer may confirm or dispute purchase {id}")]
    NotBuyer { id: u64 },

    #[error("purchase {id} is {status:?}")]
    PurchaseNotOpen { id: u64, status: PurchaseStatus },

    #[error("purchase {id} is not disputed: it is {status:?}")]
    NotDisputed { id: u64, status: PurchaseStatus },

    #[error("the confirmation window of purchase {id} closed at {confirm_by}")]
    WindowClosed { id: u64, confirm_by: u64 },

    #[error("the confirmation window of purchase {id} is open until {confirm_by}: its buyer confirms or disputes until then")]
    WindowOpen { id: u64, confirm_by: u64 },

    #[error("refund {refund} is more than the {amount} paid")]
    RefundTooLarge { refund: Uint128, amount: Uint128 },

    #[error("list by category or by provider, not both")]
    TwoFilters {},

    #[error("name exactly one of buyer and provider")]
    OneOfBuyerOrProvider {},
}
