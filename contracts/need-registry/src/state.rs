//! Storage layout. Keys are short on purpose: every byte of a key is paid for on each access.

use cosmwasm_schema::cw_serde;
use cosmwasm_std::Addr;
use cw_storage_plus::{Item, Map};
use flow_types::registry::Config;

/// Group, posting rule and requester bound.
pub const CONFIG: Item<Config> = Item::new("cfg");

/// Categories by id (an interface: the distributor reads it raw).
pub use flow_types::registry::CATEGORIES;

/// Number of distinct category ids (at most `MAX_CATEGORIES`), kept so that adding one is O(1).
pub const CATEGORY_COUNT: Item<u32> = Item::new("cn");

/// Demand counters per category: one entry per category, created with it.
pub const DEMAND: Map<&str, CategoryCounts> = Map::new("d");

/// The id of the last need posted (0: none yet).
pub const LAST_NEED_ID: Item<u64> = Item::new("ni");

/// Needs by id (defined in flow-types: other contracts read it with a raw query).
pub use flow_types::registry::NEEDS;

/// Index of needs by (category, id).
pub const NEEDS_BY_CATEGORY: Map<(&str, u64), ()> = Map::new("nc");

/// Index of needs by (status, id).
pub const NEEDS_BY_STATUS: Map<(u8, u64), ()> = Map::new("ns");

/// Index of needs by (category, status, id).
pub const NEEDS_BY_CATEGORY_STATUS: Map<(&str, u8, u64), ()> = Map::new("ncs");

/// Requests on a need: its poster (when a member) and its endorsers.
pub const REQUESTS: Map<(u64, &Addr), ()> = Map::new("rq");

/// Offers on a need.
pub const OFFERS: Map<(u64, &Addr), ()> = Map::new("of");

/// Present once `REQUESTS_BY_MEMBER` and `OFFERS_BY_MEMBER` hold every mark: set at
/// instantiate, or by the migration that built them from the per-need sets.
pub const MARKS_INDEXED: Item<bool> = Item::new("mx");

/// Index of requests by (member, need): a member's requests across needs, for `Marks`.
/// Written with `REQUESTS` (crate::marks), never apart from it.
pub const REQUESTS_BY_MEMBER: Map<(&Addr, u64), ()> = Map::new("rm");

/// Index of offers by (member, need), written with `OFFERS`.
pub const OFFERS_BY_MEMBER: Map<(&Addr, u64), ()> = Map::new("om");

/// Per (category, member): how many open needs of the category the member requests.
/// The member counts in the category's `requesters` while this is above zero.
pub const MEMBER_REQUESTS: Map<(&str, &Addr), u32> = Map::new("mr");

/// Per (category, member): how many open needs of the category the member offers toward.
/// The member counts in the category's `providers` while this is above zero.
pub const MEMBER_OFFERS: Map<(&str, &Addr), u32> = Map::new("mo");

/// The demand counters of one category.
#[cw_serde]
#[derive(Default, Copy)]
pub struct CategoryCounts {
    /// Distinct members with a request on an open need of the category.
    pub requesters: u32,
    /// Distinct members with an offer on an open need of the category.
    pub providers: u32,
    /// Open needs of the category.
    pub open_needs: u32,
}
