//! The commons in the replay: listings, bookings and purchases after the claims of their
//! cycle; what they leave for later (a booking's release to the pool at its start, a
//! cancellation some days ahead, an escrow released once its window has passed) when the
//! chain's time reaches it, before the cycle it falls in is closed. The report's amounts are
//! the commons' own: its rows (`Booking`, `Purchase`, `Listing`), its `Totals`, and the
//! attributes of the transactions that moved the tokens.

use cosmwasm_std::{Addr, Timestamp, Uint128};
use flow_types::common::CycleClock;
use flow_types::commons::{
    self as cm, Booking, ListingKind, ListingStatus, Purchase, Totals, Unit,
};
use flow_types::distributor::BudgetMode;

use super::{attr, Engine};
use crate::diag::Diag;
use crate::scenario::{ActionKind, AfterPurchase, ListingChange, Origin};

/// A listing of the commons, as the contract keeps it.
#[derive(Clone, Debug)]
pub struct ListingData {
    /// The scenario's id.
    pub key: String,
    pub id: u64,
    pub kind: ListingKind,
    /// The member who offers it, or the holon's steward (a resource).
    pub provider: String,
    pub title: String,
    pub category: String,
    pub unit: Unit,
    pub price: Uint128,
    pub status: ListingStatus,
}

/// What a booking or a purchase is, as the commons keeps it.
#[derive(Clone, Debug)]
pub enum SpendRow {
    /// A booking, with the window as the scenario wrote it: days after the cycle's end, and
    /// (cancelled) the day it was cancelled.
    Booking {
        row: Booking,
        start_day: u64,
        cancel_day: Option<u64>,
    },
    Purchase {
        row: Purchase,
    },
}

/// One payment into the commons, made after the claims of `cycle`.
#[derive(Clone, Debug)]
pub struct SpendData {
    pub cycle: u64,
    pub member: String,
    /// The scenario's id of the listing, and its unit.
    pub listing: String,
    pub unit: Unit,
    pub row: SpendRow,
    /// Who is paid: `pool` (a resource) or the member who offers it.
    pub paid_to: String,
    /// Gone to the pool (the contract's `release_booking` / `cancel`'s `to_pool` / `buy`
    /// of an item resource), and the cycle whose budget it joins (the next closed after).
    pub to_pool: Uint128,
    pub pool_cycle: Option<u64>,
    /// Paid to the member (confirmed, released after the window, or resolve's `paid`).
    pub to_provider: Uint128,
    /// How an offer's escrow reached the member: `confirmed` (by the buyer) or
    /// `after_window` (released once the confirmation window had passed).
    pub released: Option<&'static str>,
}

impl SpendData {
    pub fn amount(&self) -> Uint128 {
        match &self.row {
            SpendRow::Booking { row, .. } => row.amount,
            SpendRow::Purchase { row } => row.amount,
        }
    }

    pub fn refunded(&self) -> Uint128 {
        match &self.row {
            SpendRow::Booking { row, .. } => row.refunded,
            SpendRow::Purchase { row } => row.refunded,
        }
    }
}

/// A holon's commons at the end of the replay.
#[derive(Clone, Debug)]
pub struct CommonsData {
    pub listings: Vec<ListingData>,
    pub spends: Vec<SpendData>,
    pub totals: Totals,
}

/// Something a commons action leaves for later.
#[derive(Clone, Debug)]
pub(super) enum Later {
    /// Anyone releases the booking to the pool (at its start).
    Release { booking: u64 },
    /// Its booker cancels it.
    Cancel { booking: u64, member: String },
    /// Anyone releases the escrow to the member (once the window has passed).
    ReleasePurchase { purchase: u64 },
}

#[derive(Clone, Debug)]
pub(super) struct Timed {
    at: Timestamp,
    seq: usize,
    holon: usize,
    what: Later,
    /// The spend it belongs to.
    spend: usize,
    origin: Origin,
}

/// A payment as the engine tracks it until the report reads it back.
#[derive(Clone, Debug)]
pub(super) struct SpendTrack {
    holon: usize,
    cycle: u64,
    member: String,
    listing: String,
    booking: Option<(u64, u64, Option<u64>)>,
    purchase: Option<u64>,
    to_pool: Uint128,
    pool_cycle: Option<u64>,
    to_provider: Uint128,
    released: Option<&'static str>,
    origin: Origin,
}

impl SpendTrack {
    /// A payment by `member` to `listing` after the claims of cycle `cycle`, nothing moved
    /// on from the commons yet.
    fn new(holon: usize, cycle: u64, member: &str, listing: &str, origin: &Origin) -> Self {
        Self {
            holon,
            cycle,
            member: member.to_string(),
            listing: listing.to_string(),
            booking: None,
            purchase: None,
            to_pool: Uint128::zero(),
            pool_cycle: None,
            to_provider: Uint128::zero(),
            released: None,
            origin: origin.clone(),
        }
    }
}

fn amount_attr(res: &super::Attributes, key: &str) -> Uint128 {
    attr(res, key)
        .and_then(|v| v.parse::<u128>().ok())
        .map(Uint128::new)
        .unwrap_or_default()
}

impl Engine<'_> {
    fn commons_of(&self, h: usize, origin: &Origin) -> Result<Addr, Diag> {
        self.holons[h].commons.clone().ok_or_else(|| {
            self.plan.diag(
                origin,
                format!(
                    "{}: {} was deployed without a commons",
                    origin.what, self.plan.holons[h].name
                ),
            )
        })
    }

    /// Whether holon `h`'s scenario uses its commons.
    pub(super) fn uses_commons(&self, h: usize) -> bool {
        self.plan.actions.iter().any(|a| {
            matches!(&a.kind,
                ActionKind::List { holon, .. }
                | ActionKind::SetListing { holon, .. }
                | ActionKind::Book { holon, .. }
                | ActionKind::Buy { holon, .. } if *holon == h)
        })
    }

    /// A listing, booking or purchase after the claims of cycle `k`.
    pub(super) fn commons_action(
        &mut self,
        k: u64,
        kind: &ActionKind,
        origin: &Origin,
    ) -> Result<(), Diag> {
        match kind {
            ActionKind::List {
                holon,
                key,
                provider,
                input,
            } => {
                let commons = self.commons_of(*holon, origin)?;
                let by = provider.as_deref().unwrap_or(self.steward(*holon));
                let msg = cm::ExecuteMsg::List {
                    listing: input.clone(),
                };
                let res = self.exec(by, &commons, &msg, origin)?;
                let id = self.id_attr(&res, "listing", "the commons did not say the id", origin)?;
                self.listing_ids[*holon].push((key.clone(), id));
            }
            ActionKind::SetListing {
                holon,
                key,
                provider,
                change,
            } => {
                let commons = self.commons_of(*holon, origin)?;
                let listing = self.listing_id(*holon, key, origin)?;
                let by = provider.as_deref().unwrap_or(self.steward(*holon));
                let msg = match change {
                    ListingChange::Pause => cm::ExecuteMsg::Pause { listing },
                    ListingChange::Resume => cm::ExecuteMsg::Resume { listing },
                    ListingChange::Withdraw => cm::ExecuteMsg::Withdraw { listing },
                };
                self.exec(by, &commons, &msg, origin)?;
            }
            ActionKind::Book {
                holon,
                member,
                listing,
                start_offset,
                length,
                amount,
                cancel_offset,
                start_day,
                cancel_day,
            } => {
                let h = *holon;
                let commons = self.commons_of(h, origin)?;
                let id = self.listing_id(h, listing, origin)?;
                let end_k = CycleClock {
                    start: self.starts[h],
                    length: self.plan.holons[h].cycle_seconds,
                }
                .end_of(k);
                let overflow = || {
                    self.plan
                        .diag(origin, "its window is past the chain's clock")
                };
                // The first whole second at or after the cycle's end.
                let base = end_k
                    .seconds()
                    .checked_add(u64::from(end_k.subsec_nanos() > 0))
                    .ok_or_else(overflow)?;
                let start = base.checked_add(*start_offset).ok_or_else(overflow)?;
                let end = start.checked_add(*length).ok_or_else(overflow)?;
                // On a node the clock runs on its own: a window the replay's transactions
                // have already overtaken would be refused as in the past, which the
                // scenario does not say.
                let now = self.now()?;
                if start <= now.seconds() {
                    return Err(self.plan.diag(
                        origin,
                        format!(
                            "{}: its window starts at {start} on the chain, which is already at {}: \
                             the chain's cycles are too short for this scenario's transactions \
                             (give a longer --cycle-seconds)",
                            origin.what,
                            now.seconds()
                        ),
                    ));
                }
                let payload = cm::ReceiveMsg::Book {
                    listing: id,
                    start,
                    end,
                };
                let res = self.pay_commons(h, member, &commons, *amount, &payload, origin)?;
                let booking =
                    self.id_attr(&res, "booking", "the commons did not say the id", origin)?;
                let spend = self.spends.len();
                self.spends.push(SpendTrack {
                    booking: Some((booking, *start_day, *cancel_day)),
                    ..SpendTrack::new(h, k, member, listing, origin)
                });
                match cancel_offset {
                    Some(offset) => {
                        let cancel = Later::Cancel {
                            booking,
                            member: member.clone(),
                        };
                        if *offset == 0 {
                            self.later_now(h, cancel, spend, origin)?;
                        } else {
                            let at = base.checked_add(*offset).ok_or_else(overflow)?;
                            self.schedule(Timestamp::from_seconds(at), h, cancel, spend, origin);
                        }
                    }
                    None => {
                        let release = Later::Release { booking };
                        self.schedule(Timestamp::from_seconds(start), h, release, spend, origin);
                    }
                }
            }
            ActionKind::Buy {
                holon,
                member,
                listing,
                quantity,
                amount,
                after,
            } => {
                let h = *holon;
                let commons = self.commons_of(h, origin)?;
                let id = self.listing_id(h, listing, origin)?;
                let payload = cm::ReceiveMsg::Buy {
                    listing: id,
                    quantity: *quantity,
                };
                let res = self.pay_commons(h, member, &commons, *amount, &payload, origin)?;
                let purchase =
                    self.id_attr(&res, "purchase", "the commons did not say the id", origin)?;
                let to_pool = if attr(&res, "paid_to").as_deref() == Some("pool") {
                    amount_attr(&res, "amount")
                } else {
                    Uint128::zero()
                };
                let spend = self.spends.len();
                self.spends.push(SpendTrack {
                    purchase: Some(purchase),
                    pool_cycle: self.budget_cycle(h, to_pool),
                    to_pool,
                    ..SpendTrack::new(h, k, member, listing, origin)
                });
                match after {
                    AfterPurchase::Confirm => {
                        let res = self.exec(
                            member,
                            &commons,
                            &cm::ExecuteMsg::Confirm { purchase },
                            origin,
                        )?;
                        self.spends[spend].to_provider = amount_attr(&res, "amount");
                        self.spends[spend].released = Some("confirmed");
                    }
                    AfterPurchase::Dispute { reason, refund } => {
                        let msg = cm::ExecuteMsg::Dispute {
                            purchase,
                            reason: reason.clone(),
                        };
                        self.exec(member, &commons, &msg, origin)?;
                        let msg = cm::ExecuteMsg::Resolve {
                            purchase,
                            refund: Uint128::new(*refund),
                        };
                        let res = self.exec(self.steward(h), &commons, &msg, origin)?;
                        self.spends[spend].to_provider = amount_attr(&res, "paid");
                    }
                    AfterPurchase::Wait => {
                        let p: cm::PurchaseResponse =
                            self.query(&commons, &cm::QueryMsg::Purchase { id: purchase }, origin)?;
                        let release = Later::ReleasePurchase { purchase };
                        self.schedule(p.purchase.confirm_by, h, release, spend, origin);
                    }
                    AfterPurchase::ToPool => {}
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// The cycle whose budget `to_pool` joins, sent to holon `h`'s pool now: the next one
    /// closed. None when nothing went, or with a fixed emission (the distributor burns a
    /// gift to the pool; no treasury frees its backing).
    fn budget_cycle(&self, h: usize, to_pool: Uint128) -> Option<u64> {
        let treasury = matches!(self.plan.holons[h].budget, BudgetMode::Treasury { .. });
        (treasury && !to_pool.is_zero()).then_some(self.open_cycle)
    }

    /// What a release or a cancellation sent to the pool, and the budget it joins.
    fn sent_to_pool(&mut self, t: &Timed, to_pool: Uint128) {
        let budget = self.budget_cycle(t.holon, to_pool);
        let s = &mut self.spends[t.spend];
        s.to_pool = to_pool;
        s.pool_cycle = budget;
    }

    fn listing_id(&self, h: usize, key: &str, origin: &Origin) -> Result<u64, Diag> {
        self.listing_ids[h]
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, id)| *id)
            .ok_or_else(|| {
                self.plan
                    .diag(origin, format!("{}: {key:?} is not listed", origin.what))
            })
    }

    /// A cw20 `Send` of holon `h`'s token to its commons with `payload`.
    fn pay_commons(
        &mut self,
        h: usize,
        from: &str,
        commons: &Addr,
        amount: u128,
        payload: &cm::ReceiveMsg,
        origin: &Origin,
    ) -> Result<super::Attributes, Diag> {
        let token = self.holons[h].token.clone();
        let msg = cw20::Cw20ExecuteMsg::Send {
            contract: commons.to_string(),
            amount: Uint128::new(amount),
            msg: cosmwasm_std::to_json_binary(payload)
                .map_err(|e| self.plan.diag(origin, e.to_string()))?,
        };
        self.exec(from, &token, &msg, origin)
    }

    fn schedule(&mut self, at: Timestamp, holon: usize, what: Later, spend: usize, o: &Origin) {
        let seq = self.timed_seq;
        self.timed_seq += 1;
        self.timeline.push(Timed {
            at,
            seq,
            holon,
            what,
            spend,
            origin: o.clone(),
        });
    }

    fn later_now(&mut self, h: usize, what: Later, spend: usize, o: &Origin) -> Result<(), Diag> {
        let t = Timed {
            at: self.now()?,
            seq: 0,
            holon: h,
            what,
            spend,
            origin: o.clone(),
        };
        self.run_timed(t)
    }

    /// Everything left for a time before `until`, in the order of its time (then of the
    /// file), each once the chain's time has reached it.
    pub(super) fn run_due(&mut self, until: Timestamp) -> Result<(), Diag> {
        loop {
            let next = self
                .timeline
                .iter()
                .enumerate()
                .filter(|(_, t)| t.at < until)
                .min_by_key(|(_, t)| (t.at, t.seq))
                .map(|(i, _)| i);
            let Some(i) = next else { return Ok(()) };
            let t = self.timeline.remove(i);
            self.advance_to(t.at, &t.origin)?;
            self.run_timed(t)?;
        }
    }

    fn run_timed(&mut self, t: Timed) -> Result<(), Diag> {
        let commons = self.commons_of(t.holon, &t.origin)?;
        let what = |w: &str| Origin {
            what: format!("{} ({w})", t.origin.what),
            ..t.origin.clone()
        };
        match &t.what {
            Later::Release { booking } => {
                let o = what("released to the pool at its start");
                let msg = cm::ExecuteMsg::Release { booking: *booking };
                let res = self.exec("stranger", &commons, &msg, &o)?;
                self.sent_to_pool(&t, amount_attr(&res, "amount"));
            }
            Later::Cancel { booking, member } => {
                let o = what("cancelled");
                let msg = cm::ExecuteMsg::Cancel { booking: *booking };
                let res = self.exec(member, &commons, &msg, &o)?;
                self.sent_to_pool(&t, amount_attr(&res, "to_pool"));
            }
            Later::ReleasePurchase { purchase } => {
                let o = what("released to the member after the confirmation window");
                let msg = cm::ExecuteMsg::ReleasePurchase {
                    purchase: *purchase,
                };
                let res = self.exec("stranger", &commons, &msg, &o)?;
                self.spends[t.spend].to_provider = amount_attr(&res, "amount");
                self.spends[t.spend].released = Some("after_window");
            }
        }
        Ok(())
    }

    /// Holon `h`'s commons as it ends: its listings, every payment's row, its totals.
    pub(super) fn commons_data(&self, h: usize) -> Result<Option<CommonsData>, Diag> {
        if !self.uses_commons(h) {
            return Ok(None);
        }
        let origin = &self.plan.holons[h].origin;
        let commons = self.commons_of(h, origin)?;
        let mut listings = vec![];
        for (key, id) in &self.listing_ids[h] {
            let l: cm::ListingResponse =
                self.query(&commons, &cm::QueryMsg::Listing { id: *id }, origin)?;
            let l = l.listing;
            listings.push(ListingData {
                key: key.clone(),
                id: *id,
                kind: l.kind,
                provider: self.named(l.provider.as_str()),
                title: l.title,
                category: l.category,
                unit: l.unit,
                price: l.price,
                status: l.status,
            });
        }
        let mut spends = vec![];
        for s in self.spends.iter().filter(|s| s.holon == h) {
            let o = &s.origin;
            let (row, unit, provider) = if let Some((id, start_day, cancel_day)) = s.booking {
                let b: cm::BookingResponse =
                    self.query(&commons, &cm::QueryMsg::Booking { id }, o)?;
                let unit = listings
                    .iter()
                    .find(|l| l.id == b.booking.listing)
                    .map_or(Unit::Booking, |l| l.unit);
                let row = SpendRow::Booking {
                    row: b.booking,
                    start_day,
                    cancel_day,
                };
                (row, unit, "pool".to_string())
            } else if let Some(id) = s.purchase {
                let p: cm::PurchaseResponse =
                    self.query(&commons, &cm::QueryMsg::Purchase { id }, o)?;
                let l = listings.iter().find(|l| l.id == p.purchase.listing);
                let unit = l.map_or(Unit::Item, |l| l.unit);
                let to = match l.map(|l| l.kind) {
                    Some(ListingKind::Offer) => self.named(p.purchase.provider.as_str()),
                    _ => "pool".to_string(),
                };
                (SpendRow::Purchase { row: p.purchase }, unit, to)
            } else {
                continue;
            };
            spends.push(SpendData {
                cycle: s.cycle,
                member: s.member.clone(),
                listing: s.listing.clone(),
                unit,
                row,
                paid_to: provider,
                to_pool: s.to_pool,
                pool_cycle: s.pool_cycle,
                to_provider: s.to_provider,
                released: s.released,
            });
        }
        let t: cm::TotalsResponse = self.query(&commons, &cm::QueryMsg::Totals {}, origin)?;
        Ok(Some(CommonsData {
            listings,
            spends,
            totals: t.totals,
        }))
    }
}
