//! The commons in a scenario file: `[[listings]]` (the holon's resources, listed by its
//! steward, and members' offers), `[[bookings]]` of resources for a window, and
//! `[[purchases]]` of offers (escrow; confirmed, disputed and resolved, or released after the
//! window) and of item resources. They are actions after the claims of their cycle, in the
//! order of the file; what happens later (a booking's release at its start, a cancellation
//! some days ahead, an escrow released after its window) the engine does when the chain's
//! time reaches it.

use std::collections::{HashMap, HashSet};

use cosmwasm_std::{Decimal, Uint128};
use flow_types::commons::{ListingInput, ListingKind, RefundRule, Unit, MAX_TITLE_LEN};
use serde::Deserialize;

use super::{names_list, range, ActionKind, Checker, Later, Num, RawHolon, S};
use crate::diag::Diag;

pub const DAY: u64 = 86_400;
pub const HOUR: u64 = 3_600;

#[derive(Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub(super) enum RawListingKind {
    Resource,
    Offer,
}

#[derive(Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub(super) enum RawUnit {
    Hour,
    Day,
    Item,
    Booking,
}

/// `[[listings]]`: a resource (listed by the holon's steward, paid to the pool) or a
/// member's offer (listed by `provider`, paid to them through escrow).
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub(super) struct RawListing {
    id: S<String>,
    kind: S<RawListingKind>,
    provider: Option<S<String>>,
    title: S<String>,
    description: Option<String>,
    category: S<String>,
    unit: S<RawUnit>,
    price: S<Num>,
    stock: Option<S<u64>>,
    /// The listing's refund rule (booked resources): a full refund with at least this many
    /// days of notice, else `late_refund_percent` of it.
    full_refund_notice_days: Option<S<Num>>,
    /// A share of at most 1 (`"0.5"`: half), as the contract's `RefundRule`.
    late_refund_percent: Option<S<Num>>,
    cycle: Option<S<u64>>,
    /// Its lister (the steward, or the member) pauses it after this cycle's claims, before
    /// the bookings and purchases after it in the file; resumes it; withdraws it for good.
    paused_cycle: Option<S<u64>>,
    resumed_cycle: Option<S<u64>>,
    withdrawn_cycle: Option<S<u64>>,
}

/// `[[bookings]]`: `member` books resource `listing` for a window that starts `start_day`
/// days after cycle `cycle` ends, `days` or `hours` long; `cancel = true` cancels it at
/// once, `cancel_day = N` N days after the cycle ends (before the start).
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub(super) struct RawBooking {
    member: S<String>,
    listing: S<String>,
    start_day: S<u64>,
    days: Option<S<u64>>,
    hours: Option<S<u64>>,
    cycle: Option<S<u64>>,
    cancel: Option<S<bool>>,
    cancel_day: Option<S<u64>>,
}

/// `dispute = { reason, refund }`: the buyer disputes; the steward resolves it, `refund` to
/// the buyer and the rest to the member.
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPurchaseDispute {
    reason: Option<String>,
    refund: S<Num>,
}

/// `[[purchases]]`: `member` buys `quantity` units of `listing`.
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPurchase {
    member: S<String>,
    listing: S<String>,
    quantity: S<u64>,
    cycle: Option<S<u64>>,
    /// An offer's escrow: the buyer confirms at once (default), or not (`false`: it is
    /// released once the confirmation window has passed).
    confirm: Option<S<bool>>,
    dispute: Option<S<RawPurchaseDispute>>,
}

/// What happens to an offer's escrow after the purchase.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AfterPurchase {
    /// The buyer confirms at once: the member is paid.
    Confirm,
    /// The buyer disputes; the steward resolves it with `refund` to the buyer.
    Dispute { reason: String, refund: u128 },
    /// Nobody acts: anyone releases it to the member once the window has passed.
    Wait,
    /// An item resource: paid to the pool at once.
    ToPool,
}

/// What a listing's lister does to it later.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListingChange {
    Pause,
    Resume,
    Withdraw,
}

impl ListingChange {
    pub fn word(self) -> &'static str {
        match self {
            ListingChange::Pause => "pauses",
            ListingChange::Resume => "resumes",
            ListingChange::Withdraw => "withdraws",
        }
    }
}

/// A listing as the checker knows it, for the bookings and purchases naming it.
struct Known {
    kind: ListingKind,
    unit: Unit,
    price: u128,
    /// (cycle, place in the file): it must be listed before it is paid.
    at: (u64, usize),
}

/// Seconds from a number of days written as a decimal (`"2"`, `"0.5"`), whole seconds.
fn days_to_seconds(days: Decimal) -> Option<u64> {
    let s = days.checked_mul(Decimal::from_ratio(DAY, 1u64)).ok()?;
    u64::try_from(s.to_uint_floor().u128()).ok()
}

pub fn unit_word(u: Unit) -> &'static str {
    match u {
        Unit::Hour => "hour",
        Unit::Day => "day",
        Unit::Item => "item",
        Unit::Booking => "booking",
    }
}

impl Checker<'_> {
    /// The holon's `[[listings]]`, `[[bookings]]` and `[[purchases]]`, as actions after the
    /// claims of their cycle.
    pub(super) fn check_commons(
        &self,
        index: usize,
        prefix: &str,
        h: &RawHolon,
        member_set: &HashSet<String>,
        cat_ids: &HashSet<String>,
    ) -> Result<Vec<Later>, Diag> {
        let mut actions = vec![];
        let mut known: HashMap<String, Known> = HashMap::new();
        for (i, l) in h.listings.iter().enumerate() {
            let e = format!("{prefix}listings[{i}]");
            let (key, k, later) = self.listing(index, e.clone(), l, member_set, cat_ids)?;
            actions.extend(self.listing_changes(index, &e, l, &key, &later)?);
            if known.contains_key(&key) {
                return Err(self.err(
                    range(&l.get_ref().id),
                    &format!("{prefix}listings[{i}].id"),
                    format!("two listings have the id {key:?}"),
                ));
            }
            known.insert(key, k);
            actions.push(later);
        }
        for (i, b) in h.bookings.iter().enumerate() {
            let e = format!("{prefix}bookings[{i}]");
            actions.push(self.booking(index, e, b, member_set, &known)?);
        }
        for (i, p) in h.purchases.iter().enumerate() {
            let e = format!("{prefix}purchases[{i}]");
            actions.push(self.purchase(index, e, p, member_set, &known)?);
        }
        Ok(actions)
    }

    fn listing(
        &self,
        index: usize,
        e: String,
        l: &S<RawListing>,
        member_set: &HashSet<String>,
        cat_ids: &HashSet<String>,
    ) -> Result<(String, Known, Later), Diag> {
        let r = l.get_ref();
        let key = r.id.get_ref().trim().to_string();
        if key.is_empty() {
            return Err(self.err(range(&r.id), &format!("{e}.id"), "a listing needs an id"));
        }
        let kind = match r.kind.get_ref() {
            RawListingKind::Resource => ListingKind::Resource,
            RawListingKind::Offer => ListingKind::Offer,
        };
        let unit = match r.unit.get_ref() {
            RawUnit::Hour => Unit::Hour,
            RawUnit::Day => Unit::Day,
            RawUnit::Item => Unit::Item,
            RawUnit::Booking => Unit::Booking,
        };
        let provider = match (kind, &r.provider) {
            (ListingKind::Resource, Some(p)) => return Err(self.err(
                range(p),
                &format!("{e}.provider"),
                "a resource is the holon's, listed by its steward: no provider (an offer has one)",
            )),
            (ListingKind::Resource, None) => None,
            (ListingKind::Offer, Some(p)) => {
                Some(self.member(p, member_set, &format!("{e}.provider"))?)
            }
            (ListingKind::Offer, None) => {
                return Err(self.err(
                    range(&r.kind),
                    &format!("{e}.provider"),
                    "an offer needs the member who offers it: provider = \"NAME\"",
                ))
            }
        };
        if kind == ListingKind::Offer && unit == Unit::Booking {
            return Err(self.err(
                range(&r.unit),
                &format!("{e}.unit"),
                "an offer is priced by the hour, day or item (a member's calendar is not kept: only resources are booked)",
            ));
        }
        let title = r.title.get_ref().trim().to_string();
        if title.is_empty() || r.title.get_ref().len() > MAX_TITLE_LEN {
            return Err(self.err(
                range(&r.title),
                &format!("{e}.title"),
                format!("a title is 1 to {MAX_TITLE_LEN} bytes"),
            ));
        }
        let category = r.category.get_ref().clone();
        if !cat_ids.contains(&category) {
            return Err(self.err(
                range(&r.category),
                &format!("{e}.category"),
                format!(
                    "{category:?} is not a category of this holon (categories: {})",
                    names_list(cat_ids, usize::MAX)
                ),
            ));
        }
        let price = self.positive_amount(&r.price, &format!("{e}.price"))?;
        let booked = kind == ListingKind::Resource && unit != Unit::Item;
        if let (true, Some(s)) = (booked, &r.stock) {
            return Err(self.err(
                range(s),
                &format!("{e}.stock"),
                "a booked resource has no stock (its calendar says when it is free)",
            ));
        }
        let refund = match (&r.full_refund_notice_days, &r.late_refund_percent) {
            (None, None) => None,
            (Some(n), Some(p)) => {
                if !booked {
                    return Err(self.err(
                        range(n),
                        &format!("{e}.full_refund_notice_days"),
                        "only a booked resource (hour, day or booking) has a refund rule",
                    ));
                }
                let f = format!("{e}.full_refund_notice_days");
                let days = self.dec(n, &f)?;
                let seconds =
                    days_to_seconds(days).ok_or_else(|| self.err(range(n), &f, "too many days"))?;
                let pf = format!("{e}.late_refund_percent");
                let late = self.dec(p, &pf)?;
                if late > Decimal::one() {
                    return Err(self.err(
                        range(p),
                        &pf,
                        format!("late_refund_percent is a share of at most 1 (\"0.5\" is half), got {late}"),
                    ));
                }
                Some(RefundRule {
                    full_refund_notice_seconds: seconds,
                    late_refund_percent: late,
                })
            }
            (Some(n), None) => {
                return Err(self.err(
                    range(n),
                    &format!("{e}.late_refund_percent"),
                    "a refund rule needs both full_refund_notice_days and late_refund_percent",
                ))
            }
            (None, Some(p)) => {
                return Err(self.err(
                    range(p),
                    &format!("{e}.full_refund_notice_days"),
                    "a refund rule needs both full_refund_notice_days and late_refund_percent",
                ))
            }
        };
        let cycle = cycle_of!(self, r.cycle, format!("{e}.cycle"));
        let who = provider.clone().unwrap_or_else(|| "the steward".into());
        let what = format!("{who} lists {key}");
        let input = ListingInput {
            kind,
            title,
            description: r.description.clone().unwrap_or_default(),
            category,
            unit,
            price: Uint128::new(price),
            stock: r.stock.as_ref().map(|s| *s.get_ref()),
            refund,
        };
        let known = Known {
            kind,
            unit,
            price,
            at: (cycle, l.span().start),
        };
        let kind = ActionKind::List {
            holon: index,
            key: key.clone(),
            provider,
            input,
        };
        Ok((key, known, self.later(l, e, cycle, kind, what)))
    }

    /// `paused_cycle`, `resumed_cycle`, `withdrawn_cycle`: the lister's changes, each after
    /// the claims of its cycle, just after the listing's place in the file (so before the
    /// bookings and purchases written after it).
    fn listing_changes(
        &self,
        index: usize,
        e: &str,
        l: &S<RawListing>,
        key: &str,
        listed: &Later,
    ) -> Result<Vec<Later>, Diag> {
        let r = l.get_ref();
        let (pos, listed) = (listed.0, &listed.1);
        let listed_cycle = listed.cycle;
        let ActionKind::List { provider, .. } = &listed.kind else {
            return Ok(vec![]);
        };
        let mut out = vec![];
        let mut after = (listed_cycle, "listed");
        let changes = [
            (&r.paused_cycle, "paused_cycle", ListingChange::Pause),
            (&r.resumed_cycle, "resumed_cycle", ListingChange::Resume),
            (
                &r.withdrawn_cycle,
                "withdrawn_cycle",
                ListingChange::Withdraw,
            ),
        ];
        if let (None, Some(c)) = (&r.paused_cycle, &r.resumed_cycle) {
            return Err(self.err(
                range(c),
                &format!("{e}.resumed_cycle"),
                "a listing is resumed after it is paused: give paused_cycle",
            ));
        }
        for (n, (c, field, change)) in changes.into_iter().enumerate() {
            let Some(c) = c else { continue };
            let cycle = *c.get_ref();
            // Paused in its listing's cycle is fine; resumed after a pause, the next cycle
            // at the earliest; withdrawn at or after the last change.
            let too_early = match change {
                ListingChange::Resume => cycle <= after.0,
                _ => cycle < after.0,
            };
            if cycle == 0 || too_early {
                return Err(self.err(
                    range(c),
                    &format!("{e}.{field}"),
                    format!(
                        "{field} must be {} cycle {} (it is {} then)",
                        if change == ListingChange::Resume {
                            "after"
                        } else {
                            "at or after"
                        },
                        after.0,
                        after.1
                    ),
                ));
            }
            after = (
                cycle,
                match change {
                    ListingChange::Pause => "paused",
                    ListingChange::Resume => "resumed",
                    ListingChange::Withdraw => "withdrawn",
                },
            );
            let who = provider.clone().unwrap_or_else(|| "the steward".into());
            let what = format!("{who} {} {key}", change.word());
            let kind = ActionKind::SetListing {
                holon: index,
                key: key.to_string(),
                provider: provider.clone(),
                change,
            };
            out.push((
                pos.saturating_add(n + 1),
                super::Action {
                    cycle,
                    kind,
                    origin: self.origin(c, format!("{e}.{field}"), what),
                },
            ));
        }
        Ok(out)
    }

    /// The listing `name` names, listed before an entry of `cycle` at `pos`.
    fn listing_named<'k>(
        &self,
        name: &S<String>,
        field: &str,
        known: &'k HashMap<String, Known>,
        cycle: u64,
        pos: usize,
    ) -> Result<&'k Known, Diag> {
        let Some(k) = known.get(name.get_ref()) else {
            let ids = if known.is_empty() {
                "none".to_string()
            } else {
                names_list(known.keys(), usize::MAX)
            };
            return Err(self.err(
                range(name),
                field,
                format!(
                    "no listing has the id {:?} (listings: {ids})",
                    name.get_ref()
                ),
            ));
        };
        if k.at > (cycle, pos) {
            return Err(self.err(
                range(name),
                field,
                format!(
                    "{:?} is listed in cycle {}, after this entry: a listing is paid once listed",
                    name.get_ref(),
                    k.at.0
                ),
            ));
        }
        Ok(k)
    }

    fn booking(
        &self,
        index: usize,
        e: String,
        b: &S<RawBooking>,
        member_set: &HashSet<String>,
        known: &HashMap<String, Known>,
    ) -> Result<Later, Diag> {
        let r = b.get_ref();
        let member = self.member(&r.member, member_set, &format!("{e}.member"))?;
        let cycle = cycle_of!(self, r.cycle, format!("{e}.cycle"));
        let lf = format!("{e}.listing");
        let k = self.listing_named(&r.listing, &lf, known, cycle, b.span().start)?;
        let listing = r.listing.get_ref().clone();
        if k.kind == ListingKind::Offer {
            return Err(self.err(
                range(&r.listing),
                &lf,
                format!(
                    "{listing:?} is a member's offer: it is bought ([[purchases]]), not booked"
                ),
            ));
        }
        if k.unit == Unit::Item {
            return Err(self.err(
                range(&r.listing),
                &lf,
                format!(
                    "{listing:?} is sold by the item: it is bought ([[purchases]]), not booked"
                ),
            ));
        }
        let start_day = *r.start_day.get_ref();
        if start_day == 0 {
            return Err(self.err(
                range(&r.start_day),
                &format!("{e}.start_day"),
                "a booking is made as the next cycle begins: its window starts at least 1 day after the cycle ends (start_day >= 1)",
            ));
        }
        let (length, span, field, count, word) = match (&r.days, &r.hours) {
            (Some(d), None) => (
                d.get_ref().checked_mul(DAY),
                range(d),
                "days",
                *d.get_ref(),
                "day",
            ),
            (None, Some(h)) => (
                h.get_ref().checked_mul(HOUR),
                range(h),
                "hours",
                *h.get_ref(),
                "hour",
            ),
            (Some(_), Some(h)) => {
                return Err(self.err(
                    range(h),
                    &format!("{e}.hours"),
                    "a window is days or hours long, not both",
                ))
            }
            (None, None) => {
                return Err(self.err(
                    b.span(),
                    &format!("{e}.days"),
                    "a booking needs its length: days = N or hours = N",
                ))
            }
        };
        let length = match length {
            Some(l) if l > 0 => l,
            Some(_) => {
                return Err(self.err(
                    span,
                    &format!("{e}.{field}"),
                    format!("{field} must be at least 1"),
                ))
            }
            None => {
                return Err(self.err(
                    span,
                    &format!("{e}.{field}"),
                    format!("{field} is too large for a window in seconds"),
                ))
            }
        };
        if k.unit == Unit::Day && field == "hours" {
            return Err(self.err(
                span,
                &format!("{e}.hours"),
                format!("{listing:?} is booked by the day: give days"),
            ));
        }
        let start_offset = start_day
            .checked_mul(DAY)
            .ok_or_else(|| self.err(range(&r.start_day), &format!("{e}.start_day"), "too far"))?;
        let cancel_offset = match (&r.cancel, &r.cancel_day) {
            (None, None) => None,
            (Some(c), None) => c.get_ref().then_some(0),
            (_, Some(d)) => {
                if r.cancel.as_ref().is_some_and(|c| !*c.get_ref()) {
                    return Err(self.err(
                        range(d),
                        &format!("{e}.cancel_day"),
                        "cancel = false and a cancel_day: drop one",
                    ));
                }
                if *d.get_ref() >= start_day {
                    return Err(self.err(
                        range(d),
                        &format!("{e}.cancel_day"),
                        format!("a booking is cancelled before its start (day {start_day}): cancel_day must be below start_day"),
                    ));
                }
                // Below start_day, whose product with DAY was checked.
                Some(d.get_ref().saturating_mul(DAY))
            }
        };
        let units = if k.unit == Unit::Booking {
            1u128
        } else {
            // Whole units of the listing's own unit (an hour-priced resource booked by days).
            let unit_seconds = k.unit.seconds().unwrap_or(HOUR);
            u128::from(length / unit_seconds)
        };
        let amount = k.price.checked_mul(units).ok_or_else(|| {
            self.err(
                span.clone(),
                &format!("{e}.{field}"),
                "its price times the window is past 128 bits",
            )
        })?;
        let plural = if count == 1 { "" } else { "s" };
        let what = format!(
            "{member} books {listing} for {count} {word}{plural} from day {start_day} after cycle {cycle}"
        );
        let kind = ActionKind::Book {
            holon: index,
            member,
            listing,
            start_offset,
            length,
            amount,
            cancel_offset,
            start_day,
            cancel_day: cancel_offset.map(|o| o / DAY),
        };
        Ok(self.later(b, e, cycle, kind, what))
    }

    fn purchase(
        &self,
        index: usize,
        e: String,
        p: &S<RawPurchase>,
        member_set: &HashSet<String>,
        known: &HashMap<String, Known>,
    ) -> Result<Later, Diag> {
        let r = p.get_ref();
        let member = self.member(&r.member, member_set, &format!("{e}.member"))?;
        let cycle = cycle_of!(self, r.cycle, format!("{e}.cycle"));
        let lf = format!("{e}.listing");
        let k = self.listing_named(&r.listing, &lf, known, cycle, p.span().start)?;
        let listing = r.listing.get_ref().clone();
        if k.kind == ListingKind::Resource && k.unit != Unit::Item {
            return Err(self.err(
                range(&r.listing),
                &lf,
                format!("{listing:?} is a resource booked for a window: book it ([[bookings]])"),
            ));
        }
        let quantity = *r.quantity.get_ref();
        if quantity == 0 {
            return Err(self.err(
                range(&r.quantity),
                &format!("{e}.quantity"),
                "quantity must be at least 1",
            ));
        }
        let amount = k.price.checked_mul(u128::from(quantity)).ok_or_else(|| {
            self.err(
                range(&r.quantity),
                &format!("{e}.quantity"),
                "its price times the quantity is past 128 bits",
            )
        })?;
        let after = if k.kind == ListingKind::Resource {
            if let Some(c) = &r.confirm {
                return Err(self.err(
                    range(c),
                    &format!("{e}.confirm"),
                    format!(
                        "{listing:?} is a resource: paid to the pool at once, nothing to confirm"
                    ),
                ));
            }
            if let Some(d) = &r.dispute {
                return Err(self.err(
                    range(d),
                    &format!("{e}.dispute"),
                    format!(
                        "{listing:?} is a resource: paid to the pool at once, nothing to dispute"
                    ),
                ));
            }
            AfterPurchase::ToPool
        } else {
            match (&r.confirm, &r.dispute) {
                (Some(c), Some(_)) if *c.get_ref() => return Err(self.err(
                    range(c),
                    &format!("{e}.confirm"),
                    "a disputed purchase is resolved by the steward, not confirmed: drop confirm",
                )),
                (_, Some(d)) => {
                    let f = format!("{e}.dispute.refund");
                    let refund = self.amount(&d.get_ref().refund, &f)?;
                    if refund > amount {
                        return Err(self.err(
                            range(&d.get_ref().refund),
                            &f,
                            format!("the refund ({refund}) is more than was paid ({amount})"),
                        ));
                    }
                    let reason = d
                        .get_ref()
                        .reason
                        .clone()
                        .unwrap_or_else(|| format!("{member} disputes it"));
                    AfterPurchase::Dispute { reason, refund }
                }
                (Some(c), None) if !*c.get_ref() => AfterPurchase::Wait,
                _ => AfterPurchase::Confirm,
            }
        };
        let what = format!("{member} buys {quantity} of {listing}");
        let kind = ActionKind::Buy {
            holon: index,
            member,
            listing,
            quantity,
            amount,
            after,
        };
        Ok(self.later(p, e, cycle, kind, what))
    }
}
