//! Bookings of the tool library: held until the start, then to the pool; cancelled with the
//! listing's refund rule; never two at once.

use commons::ContractError;
use flow_testing::suite::assert_error;
use flow_types::commons::{BookingStatus, ExecuteMsg, ListingStatus};

use crate::market::*;

#[test]
fn riley_books_two_days_of_the_tool_library_and_the_payment_joins_cycle_two() {
    let mut m = with_listings();
    let start = m.day_start(3);
    let end = start + 2 * DAY;
    let supply_before = m.suite.total_supply();

    // Riley pays 2 days × 20,000 = 40,000: held by the commons until the start.
    let id = m.book("riley", 1, start, end, 40_000).unwrap();
    assert_eq!(id, 1);
    assert_eq!(m.suite.balance("riley"), RILEY_EARNED - 40_000);
    assert_eq!(m.held(), 40_000);
    let b = m.booking(1);
    assert_eq!(
        (
            b.listing,
            b.start,
            b.end,
            b.units,
            b.amount.u128(),
            b.status
        ),
        (1, start, end, 2, 40_000, BookingStatus::Held)
    );
    assert_eq!(b.booker, m.suite.addr("riley"));
    assert_eq!(m.calendar(1, start, end, None, None), vec![1]);
    assert_eq!(m.bookings_of("riley").len(), 1);
    assert_eq!(m.totals().held.u128(), 40_000);
    m.assert_books();

    // Before the start nobody can move it to the pool.
    m.advance_to(start - 1);
    assert_error(
        m.exec("stranger", &ExecuteMsg::Release { booking: 1 }),
        ContractError::BookingNotStarted { id: 1, start },
    );

    // At the start anyone releases it: a Send to the distributor with GiftToPool, which
    // burns the 40,000 and frees their backing for the next cycle.
    m.advance_to(start);
    // Cycle 1 allocated every coin funded: nothing is left for cycle 2 yet.
    let unallocated_before = m.suite.treasury().unwrap().unallocated.u128();
    assert_eq!(unallocated_before, 0);
    let res = m
        .exec("stranger", &ExecuteMsg::Release { booking: 1 })
        .unwrap();
    let d = m.suite.holon().distributor.clone();
    assert_eq!(attr(&res, &d, "action").as_deref(), Some("gift_to_pool"));
    assert_eq!(attr(&res, &d, "from").as_deref(), Some(m.commons.as_str()));
    assert_eq!(attr(&res, &d, "amount").as_deref(), Some("40000"));
    assert_eq!(attr(&res, &m.commons, "amount").as_deref(), Some("40000"));
    assert_eq!(m.held(), 0);
    assert_eq!(m.suite.total_supply(), supply_before - 40_000);
    let t = m.suite.treasury().unwrap();
    assert_eq!(t.unallocated.u128(), unallocated_before + 40_000);
    assert_eq!(t.outstanding.u128(), supply_before - 40_000);
    assert_eq!(m.booking(1).status, BookingStatus::Released);
    let totals = m.totals();
    assert_eq!((totals.held.u128(), totals.to_pool.u128()), (0, 40_000));
    m.assert_books();
    // Released once only.
    assert_error(
        m.exec("stranger", &ExecuteMsg::Release { booking: 1 }),
        ContractError::BookingNotHeld {
            id: 1,
            status: BookingStatus::Released,
        },
    );
    // A released booking stays on the calendar: the tools were lent.
    assert_eq!(m.calendar(1, start, end, None, None), vec![1]);

    // Cycle 2: Sam gardens, the cycle closes, and its budget is exactly Riley's 40,000.
    let garden = m.suite.post_need("jordan", "garden", "Garden").unwrap();
    m.suite
        .contribute("sam", garden, "2", "0", "jordan")
        .unwrap();
    m.suite.a_cycle_passes();
    m.suite.close_cycle().unwrap();
    assert_eq!(m.suite.cycle(2).unwrap().budget.u128(), 40_000);
    m.suite.claim("sam", 2).unwrap();
    assert_eq!(m.suite.balance("sam"), 40_000);
    m.assert_books();
}

#[test]
fn an_overlapping_booking_is_refused_and_adjacent_windows_are_not() {
    let mut m = with_listings();
    let d3 = m.day_start(3);
    // Riley holds days 3 and 4.
    m.book("riley", 1, d3, d3 + 2 * DAY, 40_000).unwrap();
    let before = m.snapshot();

    // Alex asks for days 4 and 5: day 4 is Riley's.
    assert_error(
        m.book("alex", 1, d3 + DAY, d3 + 3 * DAY, 40_000),
        ContractError::Overlap {
            listing: 1,
            booking: 1,
            start: d3,
            end: d3 + 2 * DAY,
        },
    );
    // A window inside Riley's, or around it, too.
    assert!(m
        .book("alex", 1, d3 + HOUR * 24, d3 + 2 * DAY, 20_000)
        .is_err());
    assert!(m.book("alex", 1, d3 - DAY, d3 + 3 * DAY, 80_000).is_err());
    assert_eq!(m.snapshot(), before);

    // The day before and the day after are free: windows may touch.
    assert_eq!(
        m.book("alex", 1, d3 + 2 * DAY, d3 + 3 * DAY, 20_000)
            .unwrap(),
        2
    );
    assert_eq!(m.book("alex", 1, d3 - DAY, d3, 20_000).unwrap(), 3);
    assert_eq!(m.suite.balance("alex"), ALEX_EARNED - 40_000);
    assert_eq!(m.held(), 80_000);
    // The calendar, in start order, and by window.
    assert_eq!(
        m.calendar(1, d3 - DAY, d3 + 3 * DAY, None, None),
        vec![3, 1, 2]
    );
    // A window from the middle of Riley's booking names it first.
    assert_eq!(
        m.calendar(1, d3 + DAY, d3 + 3 * DAY, None, None),
        vec![1, 2]
    );
    // Paged: one at a time, `start_after` the last start.
    assert_eq!(
        m.calendar(1, d3 + DAY, d3 + 3 * DAY, None, Some(1)),
        vec![1]
    );
    assert_eq!(
        m.calendar(1, d3 + DAY, d3 + 3 * DAY, Some(d3), Some(1)),
        vec![2]
    );
    assert_eq!(
        m.calendar(1, d3 + DAY, d3 + 3 * DAY, Some(d3 + 2 * DAY), Some(1)),
        Vec::<u64>::new()
    );
    // Nothing before, nothing after.
    assert!(m
        .calendar(1, d3 + 3 * DAY, d3 + 9 * DAY, None, None)
        .is_empty());
    m.assert_books();
}

#[test]
fn a_cancelled_booking_refunds_per_its_rule_and_frees_the_window() {
    let mut m = with_listings();
    let start = m.day_start(5);
    let end = start + 2 * DAY;
    let unallocated = m.suite.treasury().unwrap().unallocated.u128();

    // Cancelled three days ahead (≥ 2 days' notice): all 40,000 back.
    m.book("riley", 1, start, end, 40_000).unwrap();
    m.advance_to(start - 3 * DAY);
    let res = m.exec("riley", &ExecuteMsg::Cancel { booking: 1 }).unwrap();
    assert_eq!(attr(&res, &m.commons, "refund").as_deref(), Some("40000"));
    assert_eq!(attr(&res, &m.commons, "to_pool").as_deref(), Some("0"));
    assert_eq!(m.suite.balance("riley"), RILEY_EARNED);
    let b = m.booking(1);
    assert_eq!(
        (b.status, b.refunded.u128()),
        (BookingStatus::Cancelled, 40_000)
    );
    assert!(m.calendar(1, start, end, None, None).is_empty());

    // Booked again and cancelled a day ahead: half back (20,000), half to the pool.
    m.book("riley", 1, start, end, 40_000).unwrap();
    m.advance_to(start - DAY);
    let res = m.exec("riley", &ExecuteMsg::Cancel { booking: 2 }).unwrap();
    assert_eq!(attr(&res, &m.commons, "refund").as_deref(), Some("20000"));
    assert_eq!(attr(&res, &m.commons, "to_pool").as_deref(), Some("20000"));
    assert_eq!(m.suite.balance("riley"), RILEY_EARNED - 20_000);
    assert_eq!(m.held(), 0);
    assert_eq!(
        m.suite.treasury().unwrap().unallocated.u128(),
        unallocated + 20_000
    );
    let t = m.totals();
    assert_eq!(
        (t.held.u128(), t.refunded.u128(), t.to_pool.u128()),
        (0, 60_000, 20_000)
    );
    m.assert_books();

    // Only its booker cancels, only before the start, only once.
    m.book("alex", 1, start, end, 40_000).unwrap();
    assert_error(
        m.exec("riley", &ExecuteMsg::Cancel { booking: 3 }),
        ContractError::NotBooker { id: 3 },
    );
    assert_error(
        m.exec("riley", &ExecuteMsg::Cancel { booking: 2 }),
        ContractError::BookingNotHeld {
            id: 2,
            status: BookingStatus::Cancelled,
        },
    );
    m.advance_to(start);
    assert_error(
        m.exec("alex", &ExecuteMsg::Cancel { booking: 3 }),
        ContractError::BookingStarted { id: 3, start },
    );
    m.assert_books();
}

#[test]
fn bookings_of_a_paused_or_withdrawn_resource_are_refused_but_running_ones_complete() {
    let mut m = with_listings();
    let start = m.day_start(2);
    m.book("riley", 1, start, start + DAY, 20_000).unwrap();
    // Alex (not its lister) cannot pause the tool library; governance can.
    assert_error(
        m.exec("alex", &ExecuteMsg::Pause { listing: 1 }),
        ContractError::NotListerOrOwner { id: 1 },
    );
    m.exec("governance", &ExecuteMsg::Pause { listing: 1 })
        .unwrap();
    assert_error(
        m.book("alex", 1, start + DAY, start + 2 * DAY, 20_000),
        ContractError::ListingNotActive {
            id: 1,
            status: ListingStatus::Paused,
        },
    );
    m.exec("governance", &ExecuteMsg::Resume { listing: 1 })
        .unwrap();
    m.book("alex", 1, start + DAY, start + 2 * DAY, 20_000)
        .unwrap();
    m.exec("governance", &ExecuteMsg::Withdraw { listing: 1 })
        .unwrap();
    assert_error(
        m.exec("governance", &ExecuteMsg::Resume { listing: 1 }),
        ContractError::ListingWithdrawn { id: 1 },
    );
    // Riley's booking still runs its course.
    m.advance_to(start);
    m.exec("stranger", &ExecuteMsg::Release { booking: 1 })
        .unwrap();
    assert_eq!(m.held(), 20_000);
    m.assert_books();
}
