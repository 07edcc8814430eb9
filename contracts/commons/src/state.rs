//! Storage layout. Keys are short on purpose: every byte of a key is paid for on each access.

use cosmwasm_schema::cw_serde;
use cosmwasm_std::Addr;
use cw_storage_plus::{Index, IndexList, IndexedMap, Item, Map, MultiIndex};
use flow_types::commons::{Booking, Config, Listing, Purchase, Totals};

pub const CONFIG: Item<Config> = Item::new("cfg");

/// Where the tokens went (running sums).
pub const TOTALS: Item<Totals> = Item::new("tot");

/// The last ids given (0: none yet).
pub const LAST_LISTING: Item<u64> = Item::new("li");
pub const LAST_BOOKING: Item<u64> = Item::new("bi");
pub const LAST_PURCHASE: Item<u64> = Item::new("pi");

pub struct ListingIndexes<'a> {
    pub category: MultiIndex<'a, String, Listing, u64>,
    pub provider: MultiIndex<'a, Addr, Listing, u64>,
}

impl IndexList<Listing> for ListingIndexes<'_> {
    fn get_indexes(&'_ self) -> Box<dyn Iterator<Item = &'_ dyn Index<Listing>> + '_> {
        let v: Vec<&dyn Index<Listing>> = vec![&self.category, &self.provider];
        Box::new(v.into_iter())
    }
}

// Each IndexedMap's primary entries are also reachable as a plain `Map` of the same
// namespace (`*_ROWS`): an update that changes no indexed field (a status, a stock) writes
// the row alone, without rewriting its index entries. Indexed fields (category, provider,
// booker, buyer) never change after the first save.

/// The rows of `listings()`, for updates that touch no indexed field.
pub const LISTING_ROWS: Map<u64, Listing> = Map::new("l");
/// The rows of `bookings()`.
pub const BOOKING_ROWS: Map<u64, Booking> = Map::new("b");
/// The rows of `purchases()`.
pub const PURCHASE_ROWS: Map<u64, Purchase> = Map::new("p");

/// Listings by id, indexed by category and by provider.
pub fn listings<'a>() -> IndexedMap<u64, Listing, ListingIndexes<'a>> {
    IndexedMap::new(
        "l",
        ListingIndexes {
            category: MultiIndex::new(|_, l: &Listing| l.category.clone(), "l", "lc"),
            provider: MultiIndex::new(|_, l: &Listing| l.provider.clone(), "l", "lp"),
        },
    )
}

pub struct BookingIndexes<'a> {
    pub booker: MultiIndex<'a, Addr, Booking, u64>,
}

impl IndexList<Booking> for BookingIndexes<'_> {
    fn get_indexes(&'_ self) -> Box<dyn Iterator<Item = &'_ dyn Index<Booking>> + '_> {
        let v: Vec<&dyn Index<Booking>> = vec![&self.booker];
        Box::new(v.into_iter())
    }
}

/// Bookings by id, indexed by booker.
pub fn bookings<'a>() -> IndexedMap<u64, Booking, BookingIndexes<'a>> {
    IndexedMap::new(
        "b",
        BookingIndexes {
            booker: MultiIndex::new(|_, b: &Booking| b.booker.clone(), "b", "bb"),
        },
    )
}

/// One entry of a resource's calendar: the booking that holds the window starting at the
/// key's start, and its end, so that the overlap check reads one entry and no booking.
/// Stored field names are one letter (`#[serde(rename)]`); the Rust names stay readable.
#[cw_serde]
#[derive(Copy)]
pub struct Slot {
    #[serde(rename = "b")]
    pub booking: u64,
    #[serde(rename = "e")]
    pub end: u64,
}

/// (listing, start) → the booking holding `[start, end)`. Windows of one listing never
/// overlap, so ordered by start they are ordered by end too (the overlap rule relies on it).
/// A cancelled booking leaves it; a released one stays.
pub const CALENDAR: Map<(u64, u64), Slot> = Map::new("cal");

pub struct PurchaseIndexes<'a> {
    pub buyer: MultiIndex<'a, Addr, Purchase, u64>,
    pub provider: MultiIndex<'a, Addr, Purchase, u64>,
}

impl IndexList<Purchase> for PurchaseIndexes<'_> {
    fn get_indexes(&'_ self) -> Box<dyn Iterator<Item = &'_ dyn Index<Purchase>> + '_> {
        let v: Vec<&dyn Index<Purchase>> = vec![&self.buyer, &self.provider];
        Box::new(v.into_iter())
    }
}

/// Purchases by id, indexed by buyer and by provider.
pub fn purchases<'a>() -> IndexedMap<u64, Purchase, PurchaseIndexes<'a>> {
    IndexedMap::new(
        "p",
        PurchaseIndexes {
            buyer: MultiIndex::new(|_, p: &Purchase| p.buyer.clone(), "p", "pb"),
            provider: MultiIndex::new(|_, p: &Purchase| p.provider.clone(), "p", "pp"),
        },
    )
}
