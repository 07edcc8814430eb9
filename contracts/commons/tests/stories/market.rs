//! `Market`: Holon Alpha after its first month, with the commons beside it, and the members'
//! commons transactions as typed helpers.

use anyhow::Result as AnyResult;
use cosmwasm_std::{Addr, Decimal, Uint128};
use cw_multi_test::AppResponse;
use flow_testing::suite::category;
use flow_testing::{Suite, SuiteBuilder};
use flow_types::commons::{
    Booking, BookingResponse, BookingsResponse, CalendarResponse, ExecuteMsg, Listing,
    ListingInput, ListingKind, ListingResponse, ListingsResponse, Purchase, PurchaseResponse,
    PurchasesResponse, QueryMsg, ReceiveMsg, RefundRule, Totals, Unit,
};

pub const DAY: u64 = 86_400;
pub const HOUR: u64 = 3_600;
/// Three days to confirm or dispute a purchase (the Suite's default).
pub const CONFIRM_WINDOW: u64 = flow_testing::DEFAULT_COMMONS_CONFIRM_WINDOW_SECONDS;
/// The treasury's funding of cycle 1: Riley's 3 h earn 750,000, Alex's 1 h 250,000.
pub const BUDGET: u128 = 1_000_000;
pub const RILEY_EARNED: u128 = 750_000;
pub const ALEX_EARNED: u128 = 250_000;
/// The tool library: 20,000 a day; a full refund up to two days ahead, half after.
pub const TOOLS_PER_DAY: u128 = 20_000;
/// Alex's childcare: 15,000 an hour.
pub const CHILDCARE_PER_HOUR: u128 = 15_000;

pub struct Market {
    pub suite: Suite,
    pub commons: Addr,
}

/// The tool library as governance lists it.
pub fn tool_library() -> ListingInput {
    ListingInput {
        kind: ListingKind::Resource,
        title: "Tool library".into(),
        description: "Drills, saws, ladders: pick up at the barn".into(),
        category: "tools".into(),
        unit: Unit::Day,
        price: Uint128::new(TOOLS_PER_DAY),
        stock: None,
        refund: Some(RefundRule {
            full_refund_notice_seconds: 2 * DAY,
            late_refund_percent: Decimal::percent(50),
        }),
    }
}

/// Alex's childcare offer.
pub fn childcare() -> ListingInput {
    ListingInput {
        kind: ListingKind::Offer,
        title: "Childcare at Alex's".into(),
        description: String::new(),
        category: "childcare".into(),
        unit: Unit::Hour,
        price: Uint128::new(CHILDCARE_PER_HOUR),
        stock: None,
        refund: None,
    }
}

/// Holon Alpha (with a `tools` category) after cycle 1: the treasury funded with 1,000,000,
/// Riley 3 h and Alex 1 h of food recorded, the cycle closed, both claimed (Riley 750,000,
/// Alex 250,000); the holon's commons (the Suite's, with a three-day window), nothing listed
/// yet.
pub fn after_cycle_one() -> Market {
    let mut suite = SuiteBuilder::holon_alpha()
        .with_category(category("tools"))
        .build();
    suite.fund("funder", BUDGET).unwrap();
    let bread = suite.post_need("jordan", "food", "Bread").unwrap();
    suite
        .contribute("riley", bread, "3", "0", "jordan")
        .unwrap();
    suite.contribute("alex", bread, "1", "0", "jordan").unwrap();
    suite.a_cycle_passes();
    suite.close_cycle().unwrap();
    suite.claim("riley", 1).unwrap();
    suite.claim("alex", 1).unwrap();
    assert_eq!(suite.balance("riley"), RILEY_EARNED);
    assert_eq!(suite.balance("alex"), ALEX_EARNED);

    let commons = suite.commons();
    Market { suite, commons }
}

/// After cycle 1, with the tool library (listing 1) and Alex's childcare (listing 2).
pub fn with_listings() -> Market {
    let mut m = after_cycle_one();
    assert_eq!(m.list("governance", tool_library()).unwrap(), 1);
    assert_eq!(m.list("alex", childcare()).unwrap(), 2);
    m
}

impl Market {
    pub fn exec(&mut self, sender: &str, msg: &ExecuteMsg) -> AnyResult<AppResponse> {
        self.suite.commons_execute(sender, msg)
    }

    pub fn list(&mut self, sender: &str, listing: ListingInput) -> AnyResult<u64> {
        self.suite.list(sender, listing)
    }

    /// `from` pays `amount` of the holon's token to the commons with `payload`.
    pub fn pay(
        &mut self,
        from: &str,
        amount: u128,
        payload: &ReceiveMsg,
    ) -> AnyResult<AppResponse> {
        self.suite.pay_commons(from, amount, payload)
    }

    /// The same with any cw20 `token`.
    pub fn pay_with(
        &mut self,
        from: &str,
        token: &Addr,
        amount: u128,
        payload: &ReceiveMsg,
    ) -> AnyResult<AppResponse> {
        self.suite.pay_commons_with(from, token, amount, payload)
    }

    pub fn book(
        &mut self,
        from: &str,
        listing: u64,
        start: u64,
        end: u64,
        amount: u128,
    ) -> AnyResult<u64> {
        self.suite.book(from, listing, start, end, amount)
    }

    pub fn buy(&mut self, from: &str, listing: u64, quantity: u64, amount: u128) -> AnyResult<u64> {
        self.suite.buy(from, listing, quantity, amount)
    }

    /// The start of the day `days` whole days after today's.
    pub fn day_start(&self, days: u64) -> u64 {
        (self.suite.now().seconds() / DAY + days) * DAY
    }

    /// Moves the chain's clock to Unix second `t` (forward only).
    pub fn advance_to(&mut self, t: u64) {
        let now = self.suite.now().seconds();
        assert!(t >= now, "time only moves forward");
        self.suite.advance(t - now);
    }

    // ------------------------------------------------------------ queries

    pub fn q<T: serde::de::DeserializeOwned>(&self, msg: &QueryMsg) -> AnyResult<T> {
        self.suite.query(&self.commons, msg)
    }

    pub fn listing(&self, id: u64) -> Listing {
        let r: ListingResponse = self.q(&QueryMsg::Listing { id }).unwrap();
        r.listing
    }

    pub fn listings(
        &self,
        category: Option<&str>,
        provider: Option<&str>,
        start_after: Option<u64>,
        limit: Option<u32>,
    ) -> AnyResult<Vec<Listing>> {
        let r: ListingsResponse = self.q(&QueryMsg::Listings {
            category: category.map(String::from),
            provider: provider.map(|p| self.suite.addr(p).to_string()),
            start_after,
            limit,
        })?;
        Ok(r.listings)
    }

    pub fn booking(&self, id: u64) -> Booking {
        let r: BookingResponse = self.q(&QueryMsg::Booking { id }).unwrap();
        r.booking
    }

    pub fn bookings_of(&self, booker: &str) -> Vec<Booking> {
        let r: BookingsResponse = self
            .q(&QueryMsg::Bookings {
                booker: self.suite.addr(booker).to_string(),
                start_after: None,
                limit: None,
            })
            .unwrap();
        r.bookings
    }

    /// The ids of the bookings of `listing` meeting `[from, to)`, one page.
    pub fn calendar(
        &self,
        listing: u64,
        from: u64,
        to: u64,
        start_after: Option<u64>,
        limit: Option<u32>,
    ) -> Vec<u64> {
        let r: CalendarResponse = self
            .q(&QueryMsg::Calendar {
                listing,
                from,
                to,
                start_after,
                limit,
            })
            .unwrap();
        r.bookings.iter().map(|b| b.id).collect()
    }

    pub fn purchase(&self, id: u64) -> Purchase {
        let r: PurchaseResponse = self.q(&QueryMsg::Purchase { id }).unwrap();
        r.purchase
    }

    pub fn purchases_of(&self, buyer: Option<&str>, provider: Option<&str>) -> Vec<Purchase> {
        let r: PurchasesResponse = self
            .q(&QueryMsg::Purchases {
                buyer: buyer.map(|b| self.suite.addr(b).to_string()),
                provider: provider.map(|p| self.suite.addr(p).to_string()),
                start_after: None,
                limit: None,
            })
            .unwrap();
        r.purchases
    }

    pub fn totals(&self) -> Totals {
        self.suite.commons_totals().unwrap()
    }

    /// The commons' own balance of the holon's token.
    pub fn held(&self) -> u128 {
        let token = self.suite.holon().token.clone();
        self.suite.balance_of(&token, &self.commons)
    }

    /// What the books say is held equals what the commons holds, and the holon's
    /// invariants hold (supply = Σ balances, books ≤ coins, outstanding = supply).
    #[track_caller]
    pub fn assert_books(&self) {
        assert_eq!(self.totals().held.u128(), self.held(), "held vs balance");
        self.suite.assert_invariants();
    }

    /// Everything a refusal must leave as it was.
    pub fn snapshot(&self) -> Snapshot {
        let names = ["riley", "alex", "jordan", "stranger", "governance"];
        Snapshot {
            balances: names.iter().map(|n| self.suite.balance(n)).collect(),
            held: self.held(),
            supply: self.suite.total_supply(),
            totals: self.totals(),
            listings: self.listings(None, None, None, Some(100)).unwrap(),
            treasury: self.suite.treasury().unwrap(),
        }
    }
}

#[derive(Debug, PartialEq)]
pub struct Snapshot {
    pub balances: Vec<u128>,
    pub held: u128,
    pub supply: u128,
    pub totals: Totals,
    pub listings: Vec<Listing>,
    pub treasury: flow_types::distributor::TreasuryResponse,
}

/// The value of `key` in the commons' `wasm` event of a response.
pub fn attr(res: &AppResponse, commons: &Addr, key: &str) -> Option<String> {
    res.events
        .iter()
        .filter(|e| e.ty == "wasm")
        .filter(|e| {
            e.attributes
                .iter()
                .any(|a| a.key == "_contract_address" && a.value == commons.as_str())
        })
        .flat_map(|e| e.attributes.iter())
        .find(|a| a.key == key)
        .map(|a| a.value.clone())
}
