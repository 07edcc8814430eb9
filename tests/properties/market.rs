//! Alpha's commons (`contracts/commons`, deployed by the Suite beside the holon) in the
//! model: listings, bookings and purchases, each predicted (accepted, or refused with the
//! contract's exact error) before it runs. Resource payments go back to the pool (a cw20
//! `Send` to the distributor with `GiftToPool`, which burns them): the model's supply and
//! outstanding drop by exactly what the commons forwarded. After every step
//! (`World::check_commons`): the commons holds exactly the booking payments it still holds
//! plus the purchases in escrow or dispute (its token balance = the model's = its own
//! `Totals.held`), and its totals equal the model's. A refused commons action is checked to
//! leave every balance, the supply, the treasury's books, the commons' totals, its listings
//! and the row it named as they were.

use std::collections::BTreeMap;

use commons::ContractError as E;
use cosmwasm_std::{Addr, Decimal, Timestamp, Uint128};
use cw_multi_test::Executor;
use cw_ownable::OwnershipError;
use flow_types::commons::{
    self as cm, BookingStatus, Bounds, ListingInput, ListingKind, ListingStatus, PurchaseStatus,
    RefundRule, Unit, MAX_ADVANCE_SECONDS, MAX_CONFIRM_WINDOW_SECONDS, MAX_QUANTITY,
    MAX_WINDOW_SECONDS,
};
use flow_types::validate::ValidationError;

use super::{insufficient, mul_floor, outcome, Actor, Expected, Refusal, World};
use crate::actions::{Action, Amount, Pay, Price, Window};

const HOUR: u64 = 3_600;
/// What every actor holds of the foreign token.
const FOREIGN_EACH: u128 = 1_000_000_000_000_000_000_000_000_000_000;
const UNITS: [Unit; 4] = [Unit::Hour, Unit::Day, Unit::Item, Unit::Booking];

fn cm_err(e: E) -> Expected {
    Err(Refusal::Commons(e))
}

#[derive(Clone, Debug)]
struct ListingM {
    kind: ListingKind,
    provider: Addr,
    unit: Unit,
    price: u128,
    stock: Option<u64>,
    refund: Option<RefundRule>,
    status: ListingStatus,
}

impl ListingM {
    fn booked(&self) -> bool {
        self.kind == ListingKind::Resource && self.unit != Unit::Item
    }
}

#[derive(Clone, Debug)]
struct BookingM {
    listing: u64,
    booker: Addr,
    start: u64,
    end: u64,
    units: u64,
    amount: u128,
    status: BookingStatus,
    refunded: u128,
}

#[derive(Clone, Debug)]
struct PurchaseM {
    listing: u64,
    buyer: Addr,
    provider: Addr,
    quantity: u64,
    amount: u128,
    status: PurchaseStatus,
    confirm_by: Timestamp,
    refunded: u128,
}

/// The commons as the model sees it. Ids are positions + 1.
#[derive(Clone, Debug)]
pub struct CommonsM {
    pub addr: Addr,
    confirm_window: u64,
    bounds: Bounds,
    /// Who owns the commons (governance, until an accepted transfer).
    owner: Actor,
    /// An offered transfer: to whom, and its deadline (None: none).
    pending: Option<(Actor, Option<Timestamp>)>,
    listings: Vec<ListingM>,
    bookings: Vec<BookingM>,
    purchases: Vec<PurchaseM>,
    /// (listing, start) → (booking, end): the windows taken (cancelled ones leave).
    calendar: BTreeMap<(u64, u64), (u64, u64)>,
    held: u128,
    to_pool: u128,
    to_providers: u128,
    refunded: u128,
    /// A plain cw20 every actor holds, deployed the first time someone pays with it.
    foreign: Option<Addr>,
}

impl CommonsM {
    /// Who owns the commons now.
    pub fn owner(&self) -> Actor {
        self.owner
    }

    pub fn new(addr: Addr, confirm_window: u64) -> Self {
        Self {
            addr,
            confirm_window,
            bounds: Bounds::default(),
            owner: Actor::Governance,
            pending: None,
            listings: vec![],
            bookings: vec![],
            purchases: vec![],
            calendar: BTreeMap::new(),
            held: 0,
            to_pool: 0,
            to_providers: 0,
            refunded: 0,
            foreign: None,
        }
    }
}

/// A selector resolved to an id: mostly one of `preferred` (positions), sometimes any,
/// now and then one past the last (not found).
fn pick(len: usize, sel: u8, preferred: &[usize]) -> u64 {
    if sel % 32 == 31 || len == 0 {
        return len as u64 + 1;
    }
    if sel & 3 != 0 && !preferred.is_empty() {
        return preferred[usize::from(sel / 4) % preferred.len()] as u64 + 1;
    }
    (usize::from(sel) % len) as u64 + 1
}

/// The row a commons action names, to compare with the model.
#[derive(Clone, Copy, Debug)]
enum Row {
    Listing(u64),
    Booking(u64),
    Purchase(u64),
}

/// Everything a refused commons action must leave as it was.
#[derive(Debug, PartialEq)]
struct Snapshot {
    balances: Vec<u128>,
    foreign: Option<Vec<u128>>,
    supply: u128,
    treasury: Option<(u128, u128, u128)>,
    totals: cm::Totals,
    config: cm::Config,
    ownership: cw_ownable::Ownership<Addr>,
    /// The row the action named (a refused listing's: the id it would have had, not found).
    row: String,
}

impl World {
    // ------------------------------------------------------------------ helpers

    /// The first whole second at or after now (the commons' "now" for a window's start).
    fn now_ceil(&self) -> u64 {
        let now = self.now();
        now.seconds() + u64::from(now.subsec_nanos() > 0)
    }

    fn listing_m(&self, id: u64) -> Option<&ListingM> {
        self.commons.listings.get((id as usize).wrapping_sub(1))
    }

    fn pick_listing(&self, sel: u8, want: impl Fn(&ListingM) -> bool) -> u64 {
        let l = &self.commons.listings;
        let pref: Vec<usize> = (0..l.len())
            .filter(|&i| l[i].status == ListingStatus::Active && want(&l[i]))
            .collect();
        pick(l.len(), sel, &pref)
    }

    fn pick_booking(&self, sel: u8, status: BookingStatus) -> u64 {
        let b = &self.commons.bookings;
        let pref: Vec<usize> = (0..b.len()).filter(|&i| b[i].status == status).collect();
        pick(b.len(), sel, &pref)
    }

    fn pick_purchase(&self, sel: u8, statuses: &[PurchaseStatus]) -> u64 {
        let p = &self.commons.purchases;
        let pref: Vec<usize> = (0..p.len())
            .filter(|&i| statuses.contains(&p[i].status))
            .collect();
        pick(p.len(), sel, &pref)
    }

    /// The foreign token, deployed on first use with `FOREIGN_EACH` for every actor.
    fn foreign_token(&mut self) -> Addr {
        if let Some(t) = &self.commons.foreign {
            return t.clone();
        }
        let mut holders: Vec<Addr> = self.members.clone();
        holders.extend([self.stranger.clone(), self.gov.clone()]);
        let code = self.suite.code.cw20_base;
        let token = self
            .suite
            .app
            .instantiate_contract(
                code,
                self.gov.clone(),
                &cw20_base::msg::InstantiateMsg {
                    name: "Foreign".into(),
                    symbol: "FOREIGN".into(),
                    decimals: 6,
                    initial_balances: holders
                        .iter()
                        .map(|h| cw20::Cw20Coin {
                            address: h.to_string(),
                            amount: Uint128::new(FOREIGN_EACH),
                        })
                        .collect(),
                    mint: None,
                    marketing: None,
                },
                &[],
                "foreign",
                None,
            )
            .expect("a foreign token");
        self.commons.foreign = Some(token.clone());
        token
    }

    /// What a payment sends: (amount, in the foreign token).
    fn payment(&self, pay: Pay, due: Option<u128>, payer: &Addr) -> (u128, bool) {
        let d = due.unwrap_or(1);
        match pay {
            Pay::Exact => (d, false),
            Pay::Off(n) => {
                let m = u128::from(n.unsigned_abs());
                let sent = if n > 0 {
                    d.checked_add(m).unwrap_or_else(|| d - m)
                } else {
                    d.checked_sub(m).unwrap_or_else(|| d + m)
                };
                (sent, false)
            }
            Pay::Zero => (0, false),
            Pay::All => (self.balance(payer), false),
            Pay::Foreign => (d.min(FOREIGN_EACH), true),
        }
    }

    /// A payment of what is `due`: (amount, in the foreign token, deployed on first use;
    /// the refusal it meets before the commons looks at it).
    fn pay_for(
        &mut self,
        pay: Pay,
        due: Option<u128>,
        payer: &Addr,
    ) -> (u128, bool, Option<Expected>) {
        let (amount, foreign) = self.payment(pay, due, payer);
        if foreign {
            self.foreign_token();
        }
        (
            amount,
            foreign,
            self.payment_refusal(amount, foreign, payer),
        )
    }

    /// The refusals a payment meets before the commons looks at it: the token's balance,
    /// then the commons' own token check.
    fn payment_refusal(&self, amount: u128, foreign: bool, payer: &Addr) -> Option<Expected> {
        if foreign {
            return Some(cm_err(E::ForeignToken {
                token: self.commons.foreign.clone().expect("deployed").to_string(),
                expected: self.alpha.token.to_string(),
            }));
        }
        (amount > self.balance(payer)).then(insufficient)
    }

    /// `amount` of the commons' tokens go to the pool: burnt by the distributor.
    fn commons_to_pool(&mut self, amount: u128) {
        let c = self.commons.addr.clone();
        Self::debit(&mut self.balances, &c, amount);
        self.supply -= amount;
        if let Some(t) = &mut self.treasury {
            t.outstanding -= amount;
        }
        self.commons.to_pool += amount;
    }

    /// `amount` of the commons' tokens go to `to`.
    fn commons_pays(&mut self, to: &Addr, amount: u128) {
        let c = self.commons.addr.clone();
        Self::debit(&mut self.balances, &c, amount);
        Self::credit(&mut self.balances, to, amount);
        self.involved.insert(to.clone());
    }

    fn snapshot(&self, row: Option<Row>) -> Snapshot {
        let s = &self.suite;
        let mut accounts: Vec<Addr> = self.members.clone();
        accounts.extend([
            self.stranger.clone(),
            self.gov.clone(),
            self.commons.addr.clone(),
        ]);
        let c = self.commons.addr.clone();
        let row = match row {
            Some(Row::Listing(id)) => format!(
                "{:?}",
                s.query::<cm::ListingResponse, _>(&c, &cm::QueryMsg::Listing { id })
                    .map(|r| r.listing)
                    .ok()
            ),
            Some(Row::Booking(id)) => format!(
                "{:?}",
                s.query::<cm::BookingResponse, _>(&c, &cm::QueryMsg::Booking { id })
                    .map(|r| r.booking)
                    .ok()
            ),
            Some(Row::Purchase(id)) => format!(
                "{:?}",
                s.query::<cm::PurchaseResponse, _>(&c, &cm::QueryMsg::Purchase { id })
                    .map(|r| r.purchase)
                    .ok()
            ),
            None => String::new(),
        };
        Snapshot {
            balances: accounts
                .iter()
                .map(|a| s.balance_of(&self.alpha.token, a))
                .collect(),
            foreign: self
                .commons
                .foreign
                .as_ref()
                .map(|t| accounts.iter().map(|a| s.balance_of(t, a)).collect()),
            supply: s.total_supply_of(&self.alpha.token),
            treasury: self.treasury.map(|_| {
                let t = s.treasury().expect("treasury");
                (t.held.u128(), t.allocated.u128(), t.outstanding.u128())
            }),
            totals: s.commons_totals().expect("totals"),
            config: self.commons_config(),
            ownership: self.commons_ownership(),
            row,
        }
    }

    /// Runs a commons action predicted as `expected`; a refusal must leave everything as it
    /// was, an acceptance the row it touched as the model has it (checked by the caller,
    /// after updating the model, with `check_row`).
    fn run_commons(
        &mut self,
        action: &Action,
        expected: Expected,
        row: Option<Row>,
        run: impl FnOnce(&mut World) -> anyhow::Result<cw_multi_test::AppResponse>,
    ) -> Option<cw_multi_test::AppResponse> {
        self.involved.insert(self.commons.addr.clone());
        let before = expected.is_err().then(|| self.snapshot(row));
        let res = run(self);
        let res = outcome(res, expected, action);
        if let Some(before) = before {
            assert_eq!(
                self.snapshot(row),
                before,
                "{action:?}: a refused commons action changed something"
            );
        }
        res
    }

    /// The row on chain equals the model's.
    fn check_row(&self, row: Row, action: &Action) {
        let (s, c) = (&self.suite, &self.commons.addr);
        match row {
            Row::Listing(id) => {
                let r: cm::ListingResponse =
                    s.query(c, &cm::QueryMsg::Listing { id }).expect("listing");
                let m = self.listing_m(id).expect("listed");
                let l = r.listing;
                assert_eq!(
                    (
                        l.kind,
                        &l.provider,
                        l.unit,
                        l.price.u128(),
                        l.stock,
                        &l.refund,
                        l.status
                    ),
                    (
                        m.kind,
                        &m.provider,
                        m.unit,
                        m.price,
                        m.stock,
                        &m.refund,
                        m.status
                    ),
                    "{action:?}: listing {id}"
                );
            }
            Row::Booking(id) => {
                let r: cm::BookingResponse =
                    s.query(c, &cm::QueryMsg::Booking { id }).expect("booking");
                let m = &self.commons.bookings[id as usize - 1];
                let b = r.booking;
                assert_eq!(
                    (
                        b.listing,
                        &b.booker,
                        b.start,
                        b.end,
                        b.units,
                        b.amount.u128(),
                        b.status,
                        b.refunded.u128()
                    ),
                    (
                        m.listing, &m.booker, m.start, m.end, m.units, m.amount, m.status,
                        m.refunded
                    ),
                    "{action:?}: booking {id}"
                );
            }
            Row::Purchase(id) => {
                let r: cm::PurchaseResponse = s
                    .query(c, &cm::QueryMsg::Purchase { id })
                    .expect("purchase");
                let m = &self.commons.purchases[id as usize - 1];
                let p = r.purchase;
                assert_eq!(
                    (
                        p.listing,
                        &p.buyer,
                        &p.provider,
                        p.quantity,
                        p.amount.u128(),
                        p.status,
                        p.confirm_by,
                        p.refunded.u128()
                    ),
                    (
                        m.listing,
                        &m.buyer,
                        &m.provider,
                        m.quantity,
                        m.amount,
                        m.status,
                        m.confirm_by,
                        m.refunded
                    ),
                    "{action:?}: purchase {id}"
                );
            }
        }
    }

    /// After every step: the commons' token balance = the model's = the booking payments it
    /// holds + the purchases in escrow or dispute = its own `Totals.held`; its totals equal
    /// the model's.
    pub(super) fn check_commons(&self) {
        let m = &self.commons;
        let s = &self.suite;
        let bookings: u128 = m
            .bookings
            .iter()
            .filter(|b| b.status == BookingStatus::Held)
            .map(|b| b.amount)
            .sum();
        let escrow: u128 = m
            .purchases
            .iter()
            .filter(|p| {
                matches!(
                    p.status,
                    PurchaseStatus::Escrowed | PurchaseStatus::Disputed
                )
            })
            .map(|p| p.amount)
            .sum();
        assert_eq!(
            m.held,
            bookings + escrow,
            "the model's held = bookings + escrow"
        );
        assert_eq!(self.balance(&m.addr), m.held, "the model's commons balance");
        assert_eq!(
            s.balance_of(&self.alpha.token, &m.addr),
            m.held,
            "the commons' token balance = held booking payments + escrowed purchases"
        );
        let t = s.commons_totals().expect("totals");
        assert_eq!(
            (
                t.held.u128(),
                t.to_pool.u128(),
                t.to_providers.u128(),
                t.refunded.u128()
            ),
            (m.held, m.to_pool, m.to_providers, m.refunded),
            "the commons' totals"
        );
        let config = self.commons_config();
        assert_eq!(
            (config.confirm_window_seconds, config.bounds.clone()),
            (m.confirm_window, m.bounds.clone()),
            "the commons' confirmation window and bounds"
        );
        let o = self.commons_ownership();
        assert_eq!(
            (o.owner, o.pending_owner),
            (
                Some(self.addr(m.owner)),
                m.pending.map(|(to, _)| self.addr(to))
            ),
            "the commons' owner and pending owner"
        );
    }

    fn commons_config(&self) -> cm::Config {
        self.suite
            .query::<cm::ConfigResponse, _>(&self.commons.addr, &cm::QueryMsg::Config {})
            .expect("config")
            .config
    }

    fn commons_ownership(&self) -> cw_ownable::Ownership<Addr> {
        self.suite
            .query(&self.commons.addr, &cm::QueryMsg::Ownership {})
            .expect("ownership")
    }

    // ------------------------------------------------------------------ listings

    #[allow(clippy::too_many_arguments)]
    pub(super) fn commons_list(
        &mut self,
        action: &Action,
        kind: ListingKind,
        by: Actor,
        unit: u8,
        price: Price,
        stock: Option<u64>,
        refund: Option<(u64, Decimal)>,
        category: u8,
    ) -> Option<(&'static str, bool)> {
        let unit = UNITS[usize::from(unit) % UNITS.len()];
        let category = if usize::from(category) < self.categories.len() {
            format!("c{category}")
        } else {
            "zz".to_string()
        };
        let refund = refund.map(|(hours, late)| RefundRule {
            full_refund_notice_seconds: hours * HOUR,
            late_refund_percent: late,
        });
        let input = ListingInput {
            kind,
            title: "A listing".into(),
            description: String::new(),
            category: category.clone(),
            unit,
            price: Uint128::new(price.value()),
            stock,
            refund: refund.clone(),
        };
        let addr = self.addr(by);
        let booked = kind == ListingKind::Resource && unit != Unit::Item;
        let expected = if price.value() == 0 {
            cm_err(E::ZeroPrice {})
        } else if kind == ListingKind::Offer && unit == Unit::Booking {
            cm_err(E::UnitNotForOffers { unit })
        } else if booked && stock.is_some() {
            cm_err(E::NotForBookings {
                field: "stock".into(),
            })
        } else if refund.is_some() && !booked {
            cm_err(E::OnlyForBookings {
                field: "refund".into(),
            })
        } else if kind == ListingKind::Resource && by != self.commons.owner {
            cm_err(E::Ownership(OwnershipError::NotOwner))
        } else if kind == ListingKind::Offer && !self.is_member(&addr) {
            cm_err(E::NotAMember {
                address: addr.to_string(),
            })
        } else if !self.categories.contains_key(&category) {
            cm_err(E::UnknownCategory { id: category })
        } else {
            Ok(())
        };
        let name = self.name(by);
        let next = self.commons.listings.len() as u64 + 1;
        let res = self.run_commons(action, expected, Some(Row::Listing(next)), |w| {
            w.suite
                .commons_execute(name, &cm::ExecuteMsg::List { listing: input })
        });
        let ok = res.is_some();
        if let Some(res) = res {
            assert_eq!(
                flow_testing::suite::attr_u64(&res, "listing").expect("id"),
                next
            );
            self.commons.listings.push(ListingM {
                kind,
                provider: addr,
                unit,
                price: price.value(),
                stock,
                refund,
                status: ListingStatus::Active,
            });
            self.check_row(Row::Listing(next), action);
        }
        Some((
            if kind == ListingKind::Resource {
                "commons_list_resource"
            } else {
                "commons_list_offer"
            },
            ok,
        ))
    }

    pub(super) fn commons_set_status(
        &mut self,
        action: &Action,
        who: Option<u8>,
        listing: u8,
        status: u8,
    ) -> Option<(&'static str, bool)> {
        let status = [
            ListingStatus::Active,
            ListingStatus::Paused,
            ListingStatus::Withdrawn,
        ][usize::from(status) % 3];
        let id = self.pick_listing(listing, |_| true);
        let l = self.listing_m(id).cloned();
        let by = match (who, &l) {
            (None, Some(l)) if l.kind == ListingKind::Offer => self.actor_of(&l.provider),
            (None, _) => self.commons.owner,
            (Some(w), _) => self.actor(w),
        };
        let sender = self.addr(by);
        let expected = match &l {
            None => cm_err(E::ListingNotFound { id }),
            Some(l)
                if !(l.kind == ListingKind::Offer && l.provider == sender)
                    && by != self.commons.owner =>
            {
                cm_err(E::NotListerOrOwner { id })
            }
            Some(l) if l.status == ListingStatus::Withdrawn => cm_err(E::ListingWithdrawn { id }),
            Some(l) if l.status == status => cm_err(E::ListingStatusUnchanged { id, status }),
            Some(_) => Ok(()),
        };
        let msg = match status {
            ListingStatus::Active => cm::ExecuteMsg::Resume { listing: id },
            ListingStatus::Paused => cm::ExecuteMsg::Pause { listing: id },
            ListingStatus::Withdrawn => cm::ExecuteMsg::Withdraw { listing: id },
        };
        let name = self.name(by);
        let res = self.run_commons(action, expected, Some(Row::Listing(id)), |w| {
            w.suite.commons_execute(name, &msg)
        });
        let ok = res.is_some();
        if ok {
            self.commons.listings[id as usize - 1].status = status;
            self.check_row(Row::Listing(id), action);
        }
        Some(("commons_listing_status", ok))
    }

    // ------------------------------------------------------------------ bookings

    /// The window a `Window` names for listing `id`, now.
    fn resolve_window(&self, window: Window, id: u64) -> (u64, u64) {
        let unit = self
            .listing_m(id)
            .and_then(|l| l.unit.seconds())
            .unwrap_or(HOUR);
        let now = self.now_ceil();
        match window {
            Window::Ahead { ahead, units } => {
                let start = now + u64::from(ahead) * HOUR;
                (start, start + u64::from(units) * unit)
            }
            Window::Near {
                booking,
                shift,
                units,
            } => {
                let taken: Vec<u64> = self
                    .commons
                    .calendar
                    .range((id, 0)..=(id, u64::MAX))
                    .map(|((_, s), _)| *s)
                    .collect();
                let base = if taken.is_empty() {
                    now
                } else {
                    taken[usize::from(booking) % taken.len()]
                };
                let start = base.saturating_add_signed(i64::from(shift) * HOUR as i64);
                (start, start + u64::from(units) * unit)
            }
            Window::Bad(k) => {
                let start = now + HOUR;
                match k % 5 {
                    0 => (start, start),
                    1 => (start, start + unit + 1),
                    2 => (start, start + self.commons.bounds.max_window_seconds + unit),
                    3 => (now - 1, now - 1 + unit),
                    _ => {
                        let far = now + self.commons.bounds.max_advance_seconds + 1;
                        (far, far + unit)
                    }
                }
            }
        }
    }

    /// The commons' `window_units`, step by step.
    fn window_units(&self, l: &ListingM, start: u64, end: u64) -> Result<u64, E> {
        if end <= start {
            return Err(E::EmptyWindow { start, end });
        }
        let length = end - start;
        let max = self.commons.bounds.max_window_seconds;
        if length > max {
            return Err(E::WindowTooLong { start, end, max });
        }
        let now = self.now_ceil();
        if start < now {
            return Err(E::WindowInThePast { start, now });
        }
        let max = self.commons.bounds.max_advance_seconds;
        if start - now > max {
            return Err(E::WindowTooFarAhead { start, now, max });
        }
        match l.unit.seconds() {
            Some(u) if !length.is_multiple_of(u) => Err(E::NotWholeUnits {
                start,
                end,
                unit: l.unit,
            }),
            Some(u) => Ok(length / u),
            None => Ok(1),
        }
    }

    pub(super) fn commons_book(
        &mut self,
        action: &Action,
        who: u8,
        listing: u8,
        window: Window,
        pay: Pay,
    ) -> Option<(&'static str, bool)> {
        let payer_actor = self.holder(who);
        let payer = self.addr(payer_actor);
        let id = self.pick_listing(listing, ListingM::booked);
        let (start, end) = self.resolve_window(window, id);
        let l = self.listing_m(id).cloned();
        let units = l.as_ref().map(|l| self.window_units(l, start, end));
        let due = match (&l, &units) {
            (Some(l), Some(Ok(u))) => l.price.checked_mul(u128::from(*u)),
            _ => None,
        };
        let (amount, foreign, refusal) = self.pay_for(pay, due, &payer);
        let expected = match refusal {
            Some(refused) => refused,
            None => (|| {
                let l = l.as_ref().ok_or(E::ListingNotFound { id })?;
                if l.status != ListingStatus::Active {
                    return Err(E::ListingNotActive {
                        id,
                        status: l.status,
                    });
                }
                if !l.booked() {
                    return Err(E::NotBookable { id });
                }
                let units = self.window_units(l, start, end)?;
                let price = Uint128::new(l.price);
                let expected = price
                    .checked_mul(Uint128::from(units))
                    .map_err(|_| E::PriceOverflow { units, price })?;
                if expected.u128() != amount {
                    return Err(E::WrongAmount {
                        expected,
                        sent: Uint128::new(amount),
                        units,
                        price,
                    });
                }
                if let Some((&(_, s), &(booking, e))) =
                    self.commons.calendar.range((id, 0)..(id, end)).next_back()
                {
                    if e > start {
                        return Err(E::Overlap {
                            listing: id,
                            booking,
                            start: s,
                            end: e,
                        });
                    }
                }
                Ok(())
            })()
            .map_err(Refusal::Commons),
        };
        self.involved.insert(payer.clone());
        let token = if foreign {
            self.commons.foreign.clone().expect("deployed")
        } else {
            self.alpha.token.clone()
        };
        let name = self.name(payer_actor);
        let payload = cm::ReceiveMsg::Book {
            listing: id,
            start,
            end,
        };
        let res = self.run_commons(action, expected, Some(Row::Listing(id)), |w| {
            w.suite.pay_commons_with(name, &token, amount, &payload)
        });
        let ok = res.is_some();
        if ok {
            let booking = self.commons.bookings.len() as u64 + 1;
            let units = units.expect("listed").expect("whole units");
            self.commons.bookings.push(BookingM {
                listing: id,
                booker: payer.clone(),
                start,
                end,
                units,
                amount,
                status: BookingStatus::Held,
                refunded: 0,
            });
            self.commons.calendar.insert((id, start), (booking, end));
            self.commons.held += amount;
            let c = self.commons.addr.clone();
            Self::debit(&mut self.balances, &payer, amount);
            Self::credit(&mut self.balances, &c, amount);
            self.check_row(Row::Booking(booking), action);
        }
        Some(("commons_book", ok))
    }

    pub(super) fn commons_cancel(
        &mut self,
        action: &Action,
        who: Option<u8>,
        booking: u8,
    ) -> Option<(&'static str, bool)> {
        let id = self.pick_booking(booking, BookingStatus::Held);
        let b = self.commons.bookings.get(id as usize - 1).cloned();
        let by = match (who, &b) {
            (None, Some(b)) => self.actor_of(&b.booker),
            (Some(w), _) => self.actor(w),
            (None, None) => self.actor(0),
        };
        let sender = self.addr(by);
        let now = self.now();
        let expected = match &b {
            None => cm_err(E::BookingNotFound { id }),
            Some(b) if b.booker != sender => cm_err(E::NotBooker { id }),
            Some(b) if b.status != BookingStatus::Held => cm_err(E::BookingNotHeld {
                id,
                status: b.status,
            }),
            Some(b) if now.seconds() >= b.start => cm_err(E::BookingStarted { id, start: b.start }),
            Some(_) => Ok(()),
        };
        let name = self.name(by);
        let res = self.run_commons(action, expected, Some(Row::Booking(id)), |w| {
            w.suite.cancel_booking(name, id)
        });
        let ok = res.is_some();
        if ok {
            let b = b.expect("found");
            let rule = self.listing_m(b.listing).expect("listed").refund.clone();
            let notice = b.start - now.seconds();
            let refund = match rule {
                Some(r) if notice < r.full_refund_notice_seconds => {
                    mul_floor(b.amount, r.late_refund_percent)
                }
                _ => b.amount,
            };
            let kept = b.amount - refund;
            {
                let m = &mut self.commons.bookings[id as usize - 1];
                m.status = BookingStatus::Cancelled;
                m.refunded = refund;
            }
            self.commons.calendar.remove(&(b.listing, b.start));
            self.commons.held -= b.amount;
            self.commons.refunded += refund;
            self.commons_pays(&b.booker, refund);
            self.commons_to_pool(kept);
            self.check_row(Row::Booking(id), action);
        }
        Some(("commons_cancel", ok))
    }

    pub(super) fn commons_release_booking(
        &mut self,
        action: &Action,
        who: u8,
        booking: u8,
    ) -> Option<(&'static str, bool)> {
        let id = self.pick_booking(booking, BookingStatus::Held);
        let b = self.commons.bookings.get(id as usize - 1).cloned();
        let by = self.actor(who);
        let expected = match &b {
            None => cm_err(E::BookingNotFound { id }),
            Some(b) if b.status != BookingStatus::Held => cm_err(E::BookingNotHeld {
                id,
                status: b.status,
            }),
            Some(b) if self.now().seconds() < b.start => {
                cm_err(E::BookingNotStarted { id, start: b.start })
            }
            Some(_) => Ok(()),
        };
        let name = self.name(by);
        let res = self.run_commons(action, expected, Some(Row::Booking(id)), |w| {
            w.suite.release_booking(name, id)
        });
        let ok = res.is_some();
        if ok {
            let amount = b.expect("found").amount;
            self.commons.bookings[id as usize - 1].status = BookingStatus::Released;
            self.commons.held -= amount;
            self.commons_to_pool(amount);
            self.check_row(Row::Booking(id), action);
        }
        Some(("commons_release_booking", ok))
    }

    // ------------------------------------------------------------------ purchases

    pub(super) fn commons_buy(
        &mut self,
        action: &Action,
        who: u8,
        listing: u8,
        quantity: u64,
        pay: Pay,
    ) -> Option<(&'static str, bool)> {
        let payer_actor = self.holder(who);
        let payer = self.addr(payer_actor);
        let id = self.pick_listing(listing, |l| !l.booked());
        let l = self.listing_m(id).cloned();
        let due = l
            .as_ref()
            .and_then(|l| l.price.checked_mul(u128::from(quantity)));
        let (amount, foreign, refusal) = self.pay_for(pay, due, &payer);
        let expected = match refusal {
            Some(refused) => refused,
            None => (|| {
                let l = l.as_ref().ok_or(E::ListingNotFound { id })?;
                if l.status != ListingStatus::Active {
                    return Err(E::ListingNotActive {
                        id,
                        status: l.status,
                    });
                }
                if l.booked() {
                    return Err(E::NotPurchasable { id });
                }
                if l.kind == ListingKind::Offer && !self.is_member(&l.provider) {
                    return Err(E::ProviderNotAMember {
                        id,
                        provider: l.provider.to_string(),
                    });
                }
                let max = self.commons.bounds.max_quantity;
                if quantity == 0 || quantity > max {
                    return Err(E::BadQuantity { quantity, max });
                }
                let price = Uint128::new(l.price);
                let expected =
                    price
                        .checked_mul(Uint128::from(quantity))
                        .map_err(|_| E::PriceOverflow {
                            units: quantity,
                            price,
                        })?;
                if expected.u128() != amount {
                    return Err(E::WrongAmount {
                        expected,
                        sent: Uint128::new(amount),
                        units: quantity,
                        price,
                    });
                }
                if let Some(left) = l.stock {
                    if quantity > left {
                        return Err(E::SoldOut {
                            id,
                            left,
                            asked: quantity,
                        });
                    }
                }
                Ok(())
            })()
            .map_err(Refusal::Commons),
        };
        self.involved.insert(payer.clone());
        let token = if foreign {
            self.commons.foreign.clone().expect("deployed")
        } else {
            self.alpha.token.clone()
        };
        let name = self.name(payer_actor);
        let payload = cm::ReceiveMsg::Buy {
            listing: id,
            quantity,
        };
        let now = self.now();
        let res = self.run_commons(action, expected, Some(Row::Listing(id)), |w| {
            w.suite.pay_commons_with(name, &token, amount, &payload)
        });
        let ok = res.is_some();
        if ok {
            let l = l.expect("listed");
            let purchase = self.commons.purchases.len() as u64 + 1;
            if let Some(left) = l.stock {
                self.commons.listings[id as usize - 1].stock = Some(left - quantity);
            }
            let c = self.commons.addr.clone();
            Self::debit(&mut self.balances, &payer, amount);
            Self::credit(&mut self.balances, &c, amount);
            let to_pool = l.kind == ListingKind::Resource;
            self.commons.purchases.push(PurchaseM {
                listing: id,
                buyer: payer.clone(),
                provider: l.provider.clone(),
                quantity,
                amount,
                status: if to_pool {
                    PurchaseStatus::ToPool
                } else {
                    PurchaseStatus::Escrowed
                },
                confirm_by: if to_pool {
                    now
                } else {
                    now.plus_seconds(self.commons.confirm_window)
                },
                refunded: 0,
            });
            if to_pool {
                self.commons_to_pool(amount);
            } else {
                self.commons.held += amount;
            }
            self.check_row(Row::Listing(id), action);
            self.check_row(Row::Purchase(purchase), action);
        }
        Some(("commons_buy", ok))
    }

    /// The purchase a selector names, and who acts on it (its buyer when `who` is None).
    fn purchase_and_actor(
        &self,
        sel: u8,
        statuses: &[PurchaseStatus],
        who: Option<u8>,
    ) -> (u64, Option<PurchaseM>, Actor) {
        let id = self.pick_purchase(sel, statuses);
        let p = self.commons.purchases.get(id as usize - 1).cloned();
        let by = match (who, &p) {
            (None, Some(p)) => self.actor_of(&p.buyer),
            (Some(w), _) => self.actor(w),
            (None, None) => self.actor(0),
        };
        (id, p, by)
    }

    /// The escrow of purchase `id` goes to its member.
    fn pay_provider(&mut self, id: u64, status: PurchaseStatus) {
        let p = self.commons.purchases[id as usize - 1].clone();
        self.commons.purchases[id as usize - 1].status = status;
        self.commons.held -= p.amount;
        self.commons.to_providers += p.amount;
        self.commons_pays(&p.provider, p.amount);
    }

    pub(super) fn commons_confirm(
        &mut self,
        action: &Action,
        who: Option<u8>,
        purchase: u8,
    ) -> Option<(&'static str, bool)> {
        let open = [PurchaseStatus::Escrowed, PurchaseStatus::Disputed];
        let (id, p, by) = self.purchase_and_actor(purchase, &open, who);
        let expected = match &p {
            None => cm_err(E::PurchaseNotFound { id }),
            Some(p) if p.buyer != self.addr(by) => cm_err(E::NotBuyer { id }),
            Some(p) if !open.contains(&p.status) => cm_err(E::PurchaseNotOpen {
                id,
                status: p.status,
            }),
            Some(_) => Ok(()),
        };
        let name = self.name(by);
        let res = self.run_commons(action, expected, Some(Row::Purchase(id)), |w| {
            w.suite.confirm_purchase(name, id)
        });
        let ok = res.is_some();
        if ok {
            self.pay_provider(id, PurchaseStatus::Released);
            self.check_row(Row::Purchase(id), action);
        }
        Some(("commons_confirm", ok))
    }

    pub(super) fn commons_release_purchase(
        &mut self,
        action: &Action,
        who: u8,
        purchase: u8,
    ) -> Option<(&'static str, bool)> {
        let (id, p, _) = self.purchase_and_actor(purchase, &[PurchaseStatus::Escrowed], None);
        let by = self.actor(who);
        let expected = match &p {
            None => cm_err(E::PurchaseNotFound { id }),
            Some(p) if p.status != PurchaseStatus::Escrowed => cm_err(E::PurchaseNotOpen {
                id,
                status: p.status,
            }),
            Some(p) if self.now() < p.confirm_by => cm_err(E::WindowOpen {
                id,
                confirm_by: p.confirm_by.seconds(),
            }),
            Some(_) => Ok(()),
        };
        let name = self.name(by);
        let res = self.run_commons(action, expected, Some(Row::Purchase(id)), |w| {
            w.suite.release_purchase(name, id)
        });
        let ok = res.is_some();
        if ok {
            self.pay_provider(id, PurchaseStatus::Released);
            self.check_row(Row::Purchase(id), action);
        }
        Some(("commons_release_purchase", ok))
    }

    pub(super) fn commons_dispute(
        &mut self,
        action: &Action,
        who: Option<u8>,
        purchase: u8,
    ) -> Option<(&'static str, bool)> {
        let (id, p, by) = self.purchase_and_actor(purchase, &[PurchaseStatus::Escrowed], who);
        let expected = match &p {
            None => cm_err(E::PurchaseNotFound { id }),
            Some(p) if p.buyer != self.addr(by) => cm_err(E::NotBuyer { id }),
            Some(p) if p.status != PurchaseStatus::Escrowed => cm_err(E::PurchaseNotOpen {
                id,
                status: p.status,
            }),
            Some(p) if self.now() >= p.confirm_by => cm_err(E::WindowClosed {
                id,
                confirm_by: p.confirm_by.seconds(),
            }),
            Some(_) => Ok(()),
        };
        let name = self.name(by);
        let res = self.run_commons(action, expected, Some(Row::Purchase(id)), |w| {
            w.suite.dispute_purchase(name, id, "not as offered")
        });
        let ok = res.is_some();
        if ok {
            self.commons.purchases[id as usize - 1].status = PurchaseStatus::Disputed;
            self.check_row(Row::Purchase(id), action);
        }
        Some(("commons_dispute", ok))
    }

    pub(super) fn commons_resolve(
        &mut self,
        action: &Action,
        gov: bool,
        who: u8,
        purchase: u8,
        refund: Amount,
    ) -> Option<(&'static str, bool)> {
        let (id, p, _) = self.purchase_and_actor(purchase, &[PurchaseStatus::Disputed], None);
        let by = if gov {
            self.commons.owner
        } else {
            self.actor(who)
        };
        let refund = p.as_ref().map_or(0, |p| refund.of(p.amount));
        let expected = match &p {
            _ if by != self.commons.owner => cm_err(E::Ownership(OwnershipError::NotOwner)),
            None => cm_err(E::PurchaseNotFound { id }),
            Some(p) if p.status != PurchaseStatus::Disputed => cm_err(E::NotDisputed {
                id,
                status: p.status,
            }),
            Some(p) if refund > p.amount => cm_err(E::RefundTooLarge {
                refund: Uint128::new(refund),
                amount: Uint128::new(p.amount),
            }),
            Some(_) => Ok(()),
        };
        let name = self.name(by);
        let res = self.run_commons(action, expected, Some(Row::Purchase(id)), |w| {
            w.suite.resolve_purchase(name, id, refund)
        });
        let ok = res.is_some();
        if ok {
            let p = p.expect("found");
            let paid = p.amount - refund;
            {
                let m = &mut self.commons.purchases[id as usize - 1];
                m.status = PurchaseStatus::Resolved;
                m.refunded = refund;
            }
            self.commons.held -= p.amount;
            self.commons.refunded += refund;
            self.commons.to_providers += paid;
            self.commons_pays(&p.buyer, refund);
            self.commons_pays(&p.provider, paid);
            self.check_row(Row::Purchase(id), action);
        }
        Some(("commons_resolve", ok))
    }

    // ------------------------------------------------------------------ config and ownership

    pub(super) fn commons_update_config(
        &mut self,
        action: &Action,
        owner: bool,
        who: u8,
        confirm_window: Option<u64>,
        bounds: Option<(u64, u64, u64)>,
    ) -> Option<(&'static str, bool)> {
        let by = if owner {
            self.commons.owner
        } else {
            self.actor(who)
        };
        let bounds = bounds.map(|(w, a, q)| Bounds {
            max_window_seconds: w,
            max_advance_seconds: a,
            max_quantity: q,
        });
        let out_of = |field: &str, value: u64, max: u64| {
            (!(1..=max).contains(&value)).then(|| {
                cm_err(E::Validation(ValidationError::OutOfRange {
                    field: field.into(),
                    value: value.to_string(),
                    min: "1".into(),
                    max: max.to_string(),
                }))
            })
        };
        let expected = if by != self.commons.owner {
            cm_err(E::Ownership(OwnershipError::NotOwner))
        } else {
            confirm_window
                .and_then(|c| out_of("confirm_window_seconds", c, MAX_CONFIRM_WINDOW_SECONDS))
                .or_else(|| {
                    let b = bounds.as_ref()?;
                    out_of(
                        "max_window_seconds",
                        b.max_window_seconds,
                        MAX_WINDOW_SECONDS,
                    )
                    .or_else(|| {
                        out_of(
                            "max_advance_seconds",
                            b.max_advance_seconds,
                            MAX_ADVANCE_SECONDS,
                        )
                    })
                    .or_else(|| out_of("max_quantity", b.max_quantity, MAX_QUANTITY))
                })
                .unwrap_or(Ok(()))
        };
        let name = self.name(by);
        let msg = cm::ExecuteMsg::UpdateConfig {
            confirm_window_seconds: confirm_window,
            bounds: bounds.clone(),
        };
        let res = self.run_commons(action, expected, None, |w| {
            w.suite.commons_execute(name, &msg)
        });
        let ok = res.is_some();
        if ok {
            if let Some(c) = confirm_window {
                self.commons.confirm_window = c;
            }
            if let Some(b) = bounds {
                self.commons.bounds = b;
            }
        }
        Some(("commons_update_config", ok))
    }

    pub(super) fn commons_transfer_ownership(
        &mut self,
        action: &Action,
        owner: bool,
        who: u8,
        to: u8,
        expires_in: Option<u64>,
        accept: Option<bool>,
    ) -> Option<(&'static str, bool)> {
        let by = if owner {
            self.commons.owner
        } else {
            self.actor(who)
        };
        let to = self.actor(to);
        let deadline = expires_in.map(|s| self.suite.app.block_info().time.plus_seconds(s));
        let expected = if by == self.commons.owner {
            Ok(())
        } else {
            cm_err(E::Ownership(OwnershipError::NotOwner))
        };
        let msg = cm::ExecuteMsg::UpdateOwnership(cw_ownable::Action::TransferOwnership {
            new_owner: self.addr(to).to_string(),
            expiry: deadline.map(cw_utils::Expiration::AtTime),
        });
        let name = self.name(by);
        let res = self.run_commons(action, expected, None, |w| {
            w.suite.commons_execute(name, &msg)
        });
        let ok = res.is_some();
        if ok {
            self.commons.pending = Some((to, deadline));
            if let Some(pending) = accept {
                self.check_commons();
                if let Some((name, accepted)) = self.commons_accept_ownership(action, pending, who)
                {
                    self.stats.count(name, accepted);
                }
            }
        }
        Some(("commons_transfer_ownership", ok))
    }

    pub(super) fn commons_accept_ownership(
        &mut self,
        action: &Action,
        pending: bool,
        who: u8,
    ) -> Option<(&'static str, bool)> {
        let by = match self.commons.pending {
            Some((to, _)) if pending => to,
            _ => self.actor(who),
        };
        let now = self.suite.app.block_info().time;
        let expected = match self.commons.pending {
            None => cm_err(E::Ownership(OwnershipError::TransferNotFound)),
            Some((to, _)) if to != by => cm_err(E::Ownership(OwnershipError::NotPendingOwner)),
            Some((_, Some(deadline))) if now >= deadline => {
                cm_err(E::Ownership(OwnershipError::TransferExpired))
            }
            Some(_) => Ok(()),
        };
        let name = self.name(by);
        let res = self.run_commons(action, expected, None, |w| {
            w.suite.commons_execute(
                name,
                &cm::ExecuteMsg::UpdateOwnership(cw_ownable::Action::AcceptOwnership),
            )
        });
        let ok = res.is_some();
        if ok {
            self.commons.owner = by;
            self.commons.pending = None;
        }
        Some(("commons_accept_ownership", ok))
    }

    /// Someone who does not own the commons tries to renounce it (skipped when `who` is
    /// the owner).
    pub(super) fn commons_renounce_ownership(
        &mut self,
        action: &Action,
        who: u8,
    ) -> Option<(&'static str, bool)> {
        let by = self.actor(who);
        if by == self.commons.owner {
            return None;
        }
        let name = self.name(by);
        let res = self.run_commons(
            action,
            cm_err(E::Ownership(OwnershipError::NotOwner)),
            None,
            |w| {
                w.suite.commons_execute(
                    name,
                    &cm::ExecuteMsg::UpdateOwnership(cw_ownable::Action::RenounceOwnership),
                )
            },
        );
        Some(("commons_renounce_ownership", res.is_some()))
    }
}
