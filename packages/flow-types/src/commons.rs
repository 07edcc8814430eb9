//! commons: a holon's resources (a tool, a room, a plot, a share of the bread) and its
//! members' offers (childcare, lessons, goods), priced in the holon's token and paid by a
//! cw20 `Send` of it with a [`ReceiveMsg`]. Bookings of a resource never overlap; members'
//! offers are paid into escrow; resource payments return to the pool through the
//! distributor's `GiftToPool`.

use cosmwasm_schema::{cw_serde, QueryResponses};
use cosmwasm_std::{Addr, Decimal, Timestamp, Uint128};
use cw20::Cw20ReceiveMsg;
use cw_ownable::{cw_ownable_execute, cw_ownable_query};

pub const MAX_TITLE_LEN: usize = 128;
pub const MAX_DESCRIPTION_LEN: usize = 1024;
/// Categories are the registry's slugs.
pub const MAX_CATEGORY_LEN: usize = 32;
pub const MAX_REASON_LEN: usize = 512;
/// Longest escrow confirmation window governance may set: 90 days.
pub const MAX_CONFIRM_WINDOW_SECONDS: u64 = 90 * 86_400;

/// Default bounds (see [`Bounds`]).
pub const DEFAULT_MAX_WINDOW_SECONDS: u64 = 30 * 86_400;
pub const DEFAULT_MAX_ADVANCE_SECONDS: u64 = 366 * 86_400;
pub const DEFAULT_MAX_QUANTITY: u64 = 1_000;
/// Hard ceilings on the bounds.
pub const MAX_WINDOW_SECONDS: u64 = 366 * 86_400;
pub const MAX_ADVANCE_SECONDS: u64 = 5 * 366 * 86_400;
pub const MAX_QUANTITY: u64 = 1_000_000;

/// Limits on what one payment may ask for.
#[cw_serde]
#[serde(deny_unknown_fields)]
pub struct Bounds {
    /// Longest booking window, in seconds (default 30 days, at most 366 days).
    pub max_window_seconds: u64,
    /// How far ahead a booking may start, in seconds (default 366 days, at most 5 years).
    pub max_advance_seconds: u64,
    /// Largest quantity of one purchase (default 1,000, at most 1,000,000).
    pub max_quantity: u64,
}

impl Default for Bounds {
    fn default() -> Self {
        Self {
            max_window_seconds: DEFAULT_MAX_WINDOW_SECONDS,
            max_advance_seconds: DEFAULT_MAX_ADVANCE_SECONDS,
            max_quantity: DEFAULT_MAX_QUANTITY,
        }
    }
}

#[cw_serde]
#[serde(deny_unknown_fields)]
pub struct InstantiateMsg {
    /// Governance: lists the holon's resources, resolves disputes.
    pub owner: String,
    /// The cw4 group whose members may list offers.
    pub group: String,
    /// The holon's cw20 token: the only one accepted in payment.
    pub token: String,
    /// The holon's distributor: resource payments go to its pool (`GiftToPool`).
    pub distributor: String,
    /// The need-registry whose categories listings must name (none: any slug).
    pub registry: Option<String>,
    /// How long a buyer has to confirm or dispute a purchase of a member's offer, in
    /// seconds (1 to 90 days' worth).
    pub confirm_window_seconds: u64,
    /// Default: [`Bounds::default`].
    pub bounds: Option<Bounds>,
}

/// Who listed it and where its payments go.
#[cw_serde]
#[derive(Copy, Eq)]
pub enum ListingKind {
    /// A holon resource, listed by governance; payments go to the pool.
    Resource,
    /// A member's offer, listed by any member of the group; payments go to the member
    /// through escrow.
    Offer,
}

/// What one unit of the price buys.
#[cw_serde]
#[derive(Copy, Eq)]
pub enum Unit {
    /// A resource: booked by whole hours. An offer: bought by the hour.
    Hour,
    /// A resource: booked by whole days (86,400 s). An offer: bought by the day.
    Day,
    /// Bought by quantity (a loaf, a jar, a share).
    Item,
    /// A resource booked for a window of any length (within the bounds), one price.
    Booking,
}

impl Unit {
    /// Seconds in one unit of a booking window (None: the window is one unit whatever its
    /// length, or the unit is not booked).
    pub fn seconds(self) -> Option<u64> {
        match self {
            Unit::Hour => Some(3_600),
            Unit::Day => Some(86_400),
            Unit::Item | Unit::Booking => None,
        }
    }
}

#[cw_serde]
#[derive(Copy, Eq)]
pub enum ListingStatus {
    Active,
    Paused,
    /// Final: no new bookings or purchases; those made before run their course.
    Withdrawn,
}

/// What a cancelled booking returns to its booker: everything when cancelled at least
/// `full_refund_notice_seconds` before its start, else `late_refund_percent` of it
/// (rounded down); the rest goes to the pool.
#[cw_serde]
#[serde(deny_unknown_fields)]
pub struct RefundRule {
    pub full_refund_notice_seconds: u64,
    /// At most 1.
    pub late_refund_percent: Decimal,
}

/// What a lister says about a listing.
#[cw_serde]
#[serde(deny_unknown_fields)]
pub struct ListingInput {
    pub kind: ListingKind,
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// A category slug (the registry's, when the commons names one).
    pub category: String,
    pub unit: Unit,
    /// Token units per unit; above zero.
    pub price: Uint128,
    /// How many units may be bought (none: no limit). Not for booked resources.
    pub stock: Option<u64>,
    /// For booked resources (default: a full refund until the start).
    pub refund: Option<RefundRule>,
}

#[cw_serde]
pub struct Listing {
    pub id: u64,
    pub kind: ListingKind,
    /// Who listed it: governance for a resource, the member for an offer (who is paid).
    pub provider: Addr,
    pub title: String,
    pub description: String,
    pub category: String,
    pub unit: Unit,
    pub price: Uint128,
    /// Units left to buy (none: no limit).
    pub stock: Option<u64>,
    pub refund: Option<RefundRule>,
    pub status: ListingStatus,
    pub created_at: Timestamp,
}

impl Listing {
    /// A resource booked by window (hour, day or booking), not bought.
    pub fn is_booked(&self) -> bool {
        self.kind == ListingKind::Resource && self.unit != Unit::Item
    }
}

/// The payloads the commons accepts inside a cw20 `Send` of the holon's token.
#[cw_serde]
#[serde(deny_unknown_fields)]
pub enum ReceiveMsg {
    /// Book resource `listing` for `[start, end)` (Unix seconds). The amount is exactly
    /// price × units of the window.
    Book { listing: u64, start: u64, end: u64 },
    /// Buy `quantity` units of `listing`. The amount is exactly price × quantity.
    Buy { listing: u64, quantity: u64 },
}

#[cw_ownable_execute]
#[cw_serde]
#[serde(deny_unknown_fields)]
pub enum ExecuteMsg {
    /// The cw20 hook: a payment ([`ReceiveMsg`]).
    Receive(Cw20ReceiveMsg),
    /// A resource (governance) or an offer (a member of the group).
    List {
        listing: ListingInput,
    },
    /// Its lister or governance: no new bookings or purchases until resumed.
    Pause {
        listing: u64,
    },
    Resume {
        listing: u64,
    },
    /// Its lister or governance: for good.
    Withdraw {
        listing: u64,
    },
    /// The booker, before the start: refund per the listing's rule, the rest to the pool.
    Cancel {
        booking: u64,
    },
    /// Anyone, at or after the start: the held payment goes to the pool.
    Release {
        booking: u64,
    },
    /// The buyer: the escrow goes to the provider (also ends a dispute).
    Confirm {
        purchase: u64,
    },
    /// The buyer, within the confirmation window: the escrow is frozen for governance.
    Dispute {
        purchase: u64,
        #[serde(default)]
        reason: String,
    },
    /// Governance: `refund` of a disputed purchase to its buyer, the rest to its provider.
    Resolve {
        purchase: u64,
        refund: Uint128,
    },
    /// Anyone, once the confirmation window has passed undisputed: the escrow goes to the
    /// provider.
    ReleasePurchase {
        purchase: u64,
    },
    /// Governance: the confirmation window (for purchases made from now on) and the bounds
    /// (for payments made from now on).
    UpdateConfig {
        confirm_window_seconds: Option<u64>,
        bounds: Option<Bounds>,
    },
}

#[cw_serde]
#[derive(Copy, Eq)]
pub enum BookingStatus {
    /// Paid, held until the start.
    Held,
    /// Forwarded to the pool.
    Released,
    Cancelled,
}

#[cw_serde]
pub struct Booking {
    pub id: u64,
    pub listing: u64,
    pub booker: Addr,
    /// Unix seconds, `[start, end)`.
    pub start: u64,
    pub end: u64,
    pub units: u64,
    pub amount: Uint128,
    pub status: BookingStatus,
    /// Returned to the booker on cancellation.
    pub refunded: Uint128,
    pub booked_at: Timestamp,
}

#[cw_serde]
#[derive(Copy, Eq)]
pub enum PurchaseStatus {
    /// An offer's payment, held until confirmed or the window passes.
    Escrowed,
    /// Frozen by the buyer until governance resolves it.
    Disputed,
    /// Paid to the provider.
    Released,
    /// Split by governance.
    Resolved,
    /// A resource's payment, gone to the pool at once.
    ToPool,
}

#[cw_serde]
pub struct Purchase {
    pub id: u64,
    pub listing: u64,
    pub buyer: Addr,
    /// Who is paid: the member (offer), or the resource's lister (paid to the pool).
    pub provider: Addr,
    pub quantity: u64,
    pub amount: Uint128,
    pub status: PurchaseStatus,
    pub bought_at: Timestamp,
    /// Until when the buyer may confirm or dispute (offers).
    pub confirm_by: Timestamp,
    /// Returned to the buyer by governance's resolution.
    pub refunded: Uint128,
    pub dispute_reason: Option<String>,
}

#[cw_ownable_query]
#[cw_serde]
#[serde(deny_unknown_fields)]
#[derive(QueryResponses)]
pub enum QueryMsg {
    #[returns(ConfigResponse)]
    Config {},
    /// Where the tokens went: held now, to the pool, to providers, refunded.
    #[returns(TotalsResponse)]
    Totals {},
    #[returns(ListingResponse)]
    Listing { id: u64 },
    /// In id order, by category or by provider (not both), paged (default 10, max 100).
    #[returns(ListingsResponse)]
    Listings {
        category: Option<String>,
        provider: Option<String>,
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    /// The bookings of `listing` that meet `[from, to)` (Unix seconds), by start: the one
    /// that started before `from` and runs into it first. `start_after` is the start of
    /// the last booking of the previous page.
    #[returns(CalendarResponse)]
    Calendar {
        listing: u64,
        from: u64,
        to: u64,
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    #[returns(BookingResponse)]
    Booking { id: u64 },
    /// One booker's bookings, in id order.
    #[returns(BookingsResponse)]
    Bookings {
        booker: String,
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    #[returns(PurchaseResponse)]
    Purchase { id: u64 },
    /// One buyer's or one provider's purchases (exactly one of the two), in id order.
    #[returns(PurchasesResponse)]
    Purchases {
        buyer: Option<String>,
        provider: Option<String>,
        start_after: Option<u64>,
        limit: Option<u32>,
    },
}

#[cw_serde]
pub struct Config {
    pub group: Addr,
    pub token: Addr,
    pub distributor: Addr,
    pub registry: Option<Addr>,
    pub confirm_window_seconds: u64,
    pub bounds: Bounds,
}

#[cw_serde]
pub struct ConfigResponse {
    pub config: Config,
}

/// Running totals, in token units.
#[cw_serde]
#[derive(Default)]
pub struct Totals {
    /// Held by the commons now: bookings not yet started, purchases in escrow or dispute.
    pub held: Uint128,
    /// Forwarded to the pool through the distributor (burnt there).
    pub to_pool: Uint128,
    /// Paid to members for their offers.
    pub to_providers: Uint128,
    /// Returned to bookers and buyers.
    pub refunded: Uint128,
}

#[cw_serde]
pub struct TotalsResponse {
    pub totals: Totals,
}

#[cw_serde]
pub struct ListingResponse {
    pub listing: Listing,
}

#[cw_serde]
pub struct ListingsResponse {
    pub listings: Vec<Listing>,
}

#[cw_serde]
pub struct CalendarResponse {
    pub listing: u64,
    pub bookings: Vec<Booking>,
}

#[cw_serde]
pub struct BookingResponse {
    pub booking: Booking,
}

#[cw_serde]
pub struct BookingsResponse {
    pub bookings: Vec<Booking>,
}

#[cw_serde]
pub struct PurchaseResponse {
    pub purchase: Purchase,
}

#[cw_serde]
pub struct PurchasesResponse {
    pub purchases: Vec<Purchase>,
}

#[cw_serde]
#[serde(deny_unknown_fields)]
pub struct MigrateMsg {}
