//! Bookings of a resource for a window `[start, end)`: paid by a cw20 `Send`, held until the
//! start, then released to the pool; cancelled before the start with the listing's refund.
//!
//! No two bookings of one resource overlap. The calendar holds `(listing, start) → end`; the
//! windows already there never overlap, so ordered by start they are ordered by end too. A
//! new window `[start, end)` overlaps one of them iff the entry with the greatest start
//! below `end` (one reverse range, limit 1) ends after `start`: every earlier entry ends at
//! or before that one's start. One read of the calendar, O(log n), whatever its size.

use cosmwasm_std::{
    DepsMut, Env, MessageInfo, Order, Response, StdError, Storage, Timestamp, Uint128,
};
use cw_storage_plus::Bound;
use flow_types::commons::{Booking, BookingStatus, Config, Listing, RefundRule};

use crate::error::ContractError;
use crate::helpers::{add, ensure_amount, next_id, sub, to_pool, transfer, update_totals, Payment};
use crate::listings::{ensure_active, load_listing};
use crate::state::{bookings, Slot, BOOKING_ROWS, CALENDAR, CONFIG, LAST_BOOKING};

pub fn load_booking(storage: &dyn Storage, id: u64) -> Result<Booking, ContractError> {
    bookings()
        .may_load(storage, id)?
        .ok_or(ContractError::BookingNotFound { id })
}

/// The calendar entry of `listing` with the greatest start strictly below `before`.
pub fn last_slot_before(
    storage: &dyn Storage,
    listing: u64,
    before: u64,
) -> Result<Option<(u64, Slot)>, ContractError> {
    Ok(CALENDAR
        .prefix(listing)
        .range(
            storage,
            None,
            Some(Bound::exclusive(before)),
            Order::Descending,
        )
        .next()
        .transpose()?)
}

/// Refuses `[start, end)` if it overlaps a booking of `listing` (see the module's doc).
pub fn ensure_free(
    storage: &dyn Storage,
    listing: u64,
    start: u64,
    end: u64,
) -> Result<(), ContractError> {
    if let Some((s, slot)) = last_slot_before(storage, listing, end)? {
        if slot.end > start {
            return Err(ContractError::Overlap {
                listing,
                booking: slot.booking,
                start: s,
                end: slot.end,
            });
        }
    }
    Ok(())
}

/// How many units of the listing's unit `[start, end)` is, within the bounds, in the future.
pub fn window_units(
    config: &Config,
    listing: &Listing,
    start: u64,
    end: u64,
    now: Timestamp,
) -> Result<u64, ContractError> {
    if end <= start {
        return Err(ContractError::EmptyWindow { start, end });
    }
    let length = end - start;
    let max = config.bounds.max_window_seconds;
    if length > max {
        return Err(ContractError::WindowTooLong { start, end, max });
    }
    // The first whole second at or after now (block times carry nanoseconds).
    let now = now.seconds() + u64::from(now.subsec_nanos() > 0);
    if start < now {
        return Err(ContractError::WindowInThePast { start, now });
    }
    if start - now > config.bounds.max_advance_seconds {
        return Err(ContractError::WindowTooFarAhead {
            start,
            now,
            max: config.bounds.max_advance_seconds,
        });
    }
    match listing.unit.seconds() {
        Some(unit_seconds) if !length.is_multiple_of(unit_seconds) => {
            Err(ContractError::NotWholeUnits {
                start,
                end,
                unit: listing.unit,
            })
        }
        Some(unit_seconds) => Ok(length / unit_seconds),
        // `Unit::Booking`: the whole window is one unit.
        None => Ok(1),
    }
}

/// `ReceiveMsg::Book`: the booker paid (`paid`) for `[start, end)` of listing `id`, with the
/// config `receive` already loaded.
pub fn book(
    deps: DepsMut,
    env: Env,
    config: &Config,
    paid: Payment,
    id: u64,
    start: u64,
    end: u64,
) -> Result<Response, ContractError> {
    let Payment {
        payer: booker,
        amount,
    } = paid;
    let listing = load_listing(deps.storage, id)?;
    ensure_active(&listing)?;
    if !listing.is_booked() {
        return Err(ContractError::NotBookable { id });
    }
    let units = window_units(config, &listing, start, end, env.block.time)?;
    ensure_amount(listing.price, units, amount)?;
    ensure_free(deps.storage, id, start, end)?;

    let booking_id = next_id(LAST_BOOKING.load(deps.storage)?)?;
    LAST_BOOKING.save(deps.storage, &booking_id)?;
    let booking = Booking {
        id: booking_id,
        listing: id,
        booker: booker.clone(),
        start,
        end,
        units,
        amount,
        status: BookingStatus::Held,
        refunded: Uint128::zero(),
        booked_at: env.block.time,
    };
    bookings().save(deps.storage, booking_id, &booking)?;
    CALENDAR.save(
        deps.storage,
        (id, start),
        &Slot {
            booking: booking_id,
            end,
        },
    )?;
    update_totals(deps.storage, |t| {
        t.held = add(t.held, amount)?;
        Ok(())
    })?;
    Ok(Response::new()
        .add_attribute("action", "book")
        .add_attribute("booking", booking_id.to_string())
        .add_attribute("listing", id.to_string())
        .add_attribute("booker", booker)
        .add_attribute("amount", amount)
        .add_attribute("start", start.to_string())
        .add_attribute("end", end.to_string())
        .add_attribute("units", units.to_string()))
}

/// What a booking of `amount` cancelled `notice` seconds before its start returns.
pub fn refund_of(
    rule: Option<&RefundRule>,
    amount: Uint128,
    notice: u64,
) -> Result<Uint128, ContractError> {
    Ok(match rule {
        None => amount,
        Some(rule) if notice >= rule.full_refund_notice_seconds => amount,
        // late_refund_percent ≤ 1 (checked at listing): the product never exceeds `amount`.
        Some(rule) => amount
            .checked_mul_floor(rule.late_refund_percent)
            .map_err(|e| StdError::generic_err(e.to_string()))?,
    })
}

/// Whether a booking starting at `start` (Unix seconds) has started at `now`.
pub fn has_started(start: u64, now: Timestamp) -> bool {
    // `start` is whole seconds: now ≥ start iff its whole seconds are.
    now.seconds() >= start
}

fn ensure_held(booking: &Booking) -> Result<(), ContractError> {
    if booking.status != BookingStatus::Held {
        return Err(ContractError::BookingNotHeld {
            id: booking.id,
            status: booking.status,
        });
    }
    Ok(())
}

/// The booker, before the start: the refund per the listing's rule back to them, the rest
/// to the pool; the window is free again.
pub fn execute_cancel(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    id: u64,
) -> Result<Response, ContractError> {
    let mut booking = load_booking(deps.storage, id)?;
    if info.sender != booking.booker {
        return Err(ContractError::NotBooker { id });
    }
    ensure_held(&booking)?;
    if has_started(booking.start, env.block.time) {
        return Err(ContractError::BookingStarted {
            id,
            start: booking.start,
        });
    }
    let config = CONFIG.load(deps.storage)?;
    let listing = load_listing(deps.storage, booking.listing)?;
    // Whole seconds of notice (before the start, so at least 1).
    let notice = booking.start.saturating_sub(env.block.time.seconds());
    let refund = refund_of(listing.refund.as_ref(), booking.amount, notice)?;
    let kept = sub(booking.amount, refund)?;

    booking.status = BookingStatus::Cancelled;
    booking.refunded = refund;
    BOOKING_ROWS.save(deps.storage, id, &booking)?;
    CALENDAR.remove(deps.storage, (booking.listing, booking.start));
    update_totals(deps.storage, |t| {
        t.held = sub(t.held, booking.amount)?;
        t.refunded = add(t.refunded, refund)?;
        t.to_pool = add(t.to_pool, kept)?;
        Ok(())
    })?;

    let mut res = Response::new();
    if !refund.is_zero() {
        res = res.add_message(transfer(&config, &booking.booker, refund)?);
    }
    if !kept.is_zero() {
        res = res.add_message(to_pool(&config, kept)?);
    }
    Ok(res
        .add_attribute("action", "cancel")
        .add_attribute("booking", id.to_string())
        .add_attribute("listing", booking.listing.to_string())
        .add_attribute("booker", booking.booker)
        .add_attribute("amount", booking.amount)
        .add_attribute("refund", refund)
        .add_attribute("to_pool", kept)
        .add_attribute("start", booking.start.to_string())
        .add_attribute("end", booking.end.to_string()))
}

/// Anyone, at or after the start: the held payment goes to the pool.
pub fn execute_release(deps: DepsMut, env: Env, id: u64) -> Result<Response, ContractError> {
    let mut booking = load_booking(deps.storage, id)?;
    ensure_held(&booking)?;
    if !has_started(booking.start, env.block.time) {
        return Err(ContractError::BookingNotStarted {
            id,
            start: booking.start,
        });
    }
    let config = CONFIG.load(deps.storage)?;
    booking.status = BookingStatus::Released;
    BOOKING_ROWS.save(deps.storage, id, &booking)?;
    update_totals(deps.storage, |t| {
        t.held = sub(t.held, booking.amount)?;
        t.to_pool = add(t.to_pool, booking.amount)?;
        Ok(())
    })?;
    Ok(Response::new()
        .add_message(to_pool(&config, booking.amount)?)
        .add_attribute("action", "release_booking")
        .add_attribute("booking", id.to_string())
        .add_attribute("listing", booking.listing.to_string())
        .add_attribute("booker", booking.booker)
        .add_attribute("amount", booking.amount)
        .add_attribute("start", booking.start.to_string())
        .add_attribute("end", booking.end.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::Decimal;

    #[test]
    fn a_late_refund_rounds_down_and_notice_counts_whole_seconds() {
        let rule = RefundRule {
            full_refund_notice_seconds: 100,
            late_refund_percent: Decimal::percent(33),
        };
        let amount = Uint128::new(10_001);
        assert_eq!(refund_of(Some(&rule), amount, 100).unwrap(), amount);
        assert_eq!(
            refund_of(Some(&rule), amount, 99).unwrap(),
            Uint128::new(3_300)
        );
        assert_eq!(refund_of(None, amount, 1).unwrap(), amount);
        let none_back = RefundRule {
            full_refund_notice_seconds: 100,
            late_refund_percent: Decimal::zero(),
        };
        assert_eq!(
            refund_of(Some(&none_back), amount, 1).unwrap(),
            Uint128::zero()
        );
        assert!(has_started(100, Timestamp::from_nanos(100_000_000_000)));
        assert!(!has_started(100, Timestamp::from_nanos(99_999_999_999)));
    }
}
