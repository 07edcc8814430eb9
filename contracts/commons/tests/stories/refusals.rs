//! Every refused payment or action names its reason and moves nothing: balances, the
//! commons' books, its listings and the holon's treasury are as they were.

use commons::ContractError;
use cosmwasm_std::{coins, Uint128};
use flow_testing::suite::assert_error;
use flow_testing::DENOM;
use flow_types::commons::{ExecuteMsg, ListingStatus, ReceiveMsg, Unit};

use crate::market::*;

#[test]
fn bad_payments_are_refused_and_move_nothing() {
    let mut m = with_listings();
    let d2 = m.day_start(2);
    // The first whole second from now (the chain's clock carries nanoseconds).
    let t = m.suite.now();
    let now = t.seconds() + u64::from(t.subsec_nanos() > 0);
    // Riley already holds day 2 (so that the books are not empty).
    m.book("riley", 1, d2, d2 + DAY, 20_000).unwrap();
    m.buy("riley", 2, 1, 15_000).unwrap();
    let before = m.snapshot();
    let book = |start: u64, end: u64| ReceiveMsg::Book {
        listing: 1,
        start,
        end,
    };
    let d4 = d2 + 2 * DAY;
    let cases: Vec<(u128, ReceiveMsg, ContractError)> = vec![
        // One day for the price of half a day, or of two.
        (
            10_000,
            book(d4, d4 + DAY),
            ContractError::WrongAmount {
                expected: Uint128::new(20_000),
                sent: Uint128::new(10_000),
                units: 1,
                price: Uint128::new(TOOLS_PER_DAY),
            },
        ),
        (
            40_000,
            book(d4, d4 + DAY),
            ContractError::WrongAmount {
                expected: Uint128::new(20_000),
                sent: Uint128::new(40_000),
                units: 1,
                price: Uint128::new(TOOLS_PER_DAY),
            },
        ),
        // Unknown listing.
        (
            20_000,
            ReceiveMsg::Book {
                listing: 99,
                start: d4,
                end: d4 + DAY,
            },
            ContractError::ListingNotFound { id: 99 },
        ),
        // Half a day of a listing priced by the day.
        (
            10_000,
            book(d4, d4 + DAY / 2),
            ContractError::NotWholeUnits {
                start: d4,
                end: d4 + DAY / 2,
                unit: Unit::Day,
            },
        ),
        // Empty, reversed, in the past, too long, too far ahead.
        (
            20_000,
            book(d4, d4),
            ContractError::EmptyWindow { start: d4, end: d4 },
        ),
        (
            20_000,
            book(d4 + DAY, d4),
            ContractError::EmptyWindow {
                start: d4 + DAY,
                end: d4,
            },
        ),
        (
            20_000,
            book(now - DAY, now),
            ContractError::WindowInThePast {
                start: now - DAY,
                now,
            },
        ),
        (
            20_000,
            book(d4, d4 + 31 * DAY),
            ContractError::WindowTooLong {
                start: d4,
                end: d4 + 31 * DAY,
                max: 30 * DAY,
            },
        ),
        (
            20_000,
            book(now + 400 * DAY, now + 401 * DAY),
            ContractError::WindowTooFarAhead {
                start: now + 400 * DAY,
                now,
                max: 366 * DAY,
            },
        ),
        // Overlapping Riley's day.
        (
            20_000,
            book(d2, d2 + DAY),
            ContractError::Overlap {
                listing: 1,
                booking: 1,
                start: d2,
                end: d2 + DAY,
            },
        ),
        // Booking an offer, buying a booked resource.
        (
            15_000,
            ReceiveMsg::Book {
                listing: 2,
                start: d4,
                end: d4 + HOUR,
            },
            ContractError::NotBookable { id: 2 },
        ),
        (
            20_000,
            ReceiveMsg::Buy {
                listing: 1,
                quantity: 1,
            },
            ContractError::NotPurchasable { id: 1 },
        ),
        // No quantity, too much of one, the wrong amount for it.
        (
            15_000,
            ReceiveMsg::Buy {
                listing: 2,
                quantity: 0,
            },
            ContractError::BadQuantity {
                quantity: 0,
                max: 1_000,
            },
        ),
        (
            15_000,
            ReceiveMsg::Buy {
                listing: 2,
                quantity: 1_001,
            },
            ContractError::BadQuantity {
                quantity: 1_001,
                max: 1_000,
            },
        ),
        (
            15_000,
            ReceiveMsg::Buy {
                listing: 2,
                quantity: 2,
            },
            ContractError::WrongAmount {
                expected: Uint128::new(30_000),
                sent: Uint128::new(15_000),
                units: 2,
                price: Uint128::new(CHILDCARE_PER_HOUR),
            },
        ),
    ];
    for (amount, payload, error) in cases {
        assert_error(m.pay("alex", amount, &payload), error);
        assert_eq!(m.snapshot(), before);
    }
    // A zero Send (which cw20 lets through) is a wrong amount too.
    assert!(m
        .pay(
            "alex",
            0,
            &ReceiveMsg::Buy {
                listing: 2,
                quantity: 1
            }
        )
        .is_err());
    // A payload that is neither book nor buy.
    let token = m.suite.holon().token.clone();
    let garbage = cw20::Cw20ExecuteMsg::Send {
        contract: m.commons.to_string(),
        amount: Uint128::new(15_000),
        msg: cosmwasm_std::to_json_binary(&serde_json_like()).unwrap(),
    };
    assert!(m.suite.execute("alex", &token, &garbage).is_err());
    assert_eq!(m.snapshot(), before);
    m.assert_books();
}

/// A JSON object the commons does not know.
fn serde_json_like() -> std::collections::BTreeMap<String, u8> {
    [("steal".to_string(), 1u8)].into_iter().collect()
}

#[test]
fn a_foreign_token_is_refused() {
    let mut m = with_listings();
    let other = m.suite.plain_cw20("alex", 1_000_000).unwrap();
    let before = m.snapshot();
    assert_error(
        m.pay_with(
            "alex",
            &other,
            15_000,
            &ReceiveMsg::Buy {
                listing: 2,
                quantity: 1,
            },
        ),
        ContractError::ForeignToken {
            token: other.to_string(),
            expected: m.suite.holon().token.to_string(),
        },
    );
    assert_eq!(m.suite.balance_of(&other, &m.suite.addr("alex")), 1_000_000);
    assert_eq!(m.suite.balance_of(&other, &m.commons), 0);
    // A receive called directly (no token moved) is no payment either.
    assert_error(
        m.exec(
            "alex",
            &ExecuteMsg::Receive(cw20::Cw20ReceiveMsg {
                sender: m.suite.addr("alex").to_string(),
                amount: Uint128::new(15_000),
                msg: cosmwasm_std::to_json_binary(&ReceiveMsg::Buy {
                    listing: 2,
                    quantity: 1,
                })
                .unwrap(),
            }),
        ),
        ContractError::ForeignToken {
            token: m.suite.addr("alex").to_string(),
            expected: m.suite.holon().token.to_string(),
        },
    );
    assert_eq!(m.snapshot(), before);
}

#[test]
fn paused_withdrawn_and_overflowing_listings_take_no_payment() {
    let mut m = with_listings();
    m.exec("alex", &ExecuteMsg::Pause { listing: 2 }).unwrap();
    assert_error(
        m.exec("alex", &ExecuteMsg::Pause { listing: 2 }),
        ContractError::ListingStatusUnchanged {
            id: 2,
            status: ListingStatus::Paused,
        },
    );
    let before = m.snapshot();
    assert_error(
        m.buy("riley", 2, 1, 15_000),
        ContractError::ListingNotActive {
            id: 2,
            status: ListingStatus::Paused,
        },
    );
    assert_eq!(m.snapshot(), before);
    m.exec("alex", &ExecuteMsg::Withdraw { listing: 2 })
        .unwrap();
    assert_error(
        m.buy("riley", 2, 1, 15_000),
        ContractError::ListingNotActive {
            id: 2,
            status: ListingStatus::Withdrawn,
        },
    );

    // A price so high that three units overflow 128 bits: refused, not a panic.
    let mut huge = childcare();
    huge.price = Uint128::MAX / Uint128::new(2);
    let id = m.list("alex", huge).unwrap();
    let before = m.snapshot();
    assert_error(
        m.buy("riley", id, 3, 1),
        ContractError::PriceOverflow {
            units: 3,
            price: Uint128::MAX / Uint128::new(2),
        },
    );
    assert_eq!(m.snapshot(), before);

    // Coins sent along with any message are refused.
    let commons = m.commons.clone();
    assert!(m
        .suite
        .execute_with_funds(
            "riley",
            &commons,
            &ExecuteMsg::Release { booking: 1 },
            &coins(5, DENOM)
        )
        .is_err());
    // Unknown ids.
    assert_error(
        m.exec("riley", &ExecuteMsg::Cancel { booking: 7 }),
        ContractError::BookingNotFound { id: 7 },
    );
    assert_error(
        m.exec("riley", &ExecuteMsg::Confirm { purchase: 7 }),
        ContractError::PurchaseNotFound { id: 7 },
    );
    assert_eq!(m.snapshot(), before);
}

#[test]
fn a_member_who_left_takes_no_new_payments_but_is_paid_what_was_bought() {
    let mut m = with_listings();
    m.buy("riley", 2, 1, 15_000).unwrap();
    // Governance removes Alex from the group.
    let group = m.suite.holon().group.clone();
    let alex = m.suite.addr("alex");
    m.suite
        .execute(
            "governance",
            &group,
            &cw4_group::msg::ExecuteMsg::UpdateMembers {
                remove: vec![alex.to_string()],
                add: vec![],
            },
        )
        .unwrap();
    let before = m.snapshot();
    assert_error(
        m.buy("riley", 2, 1, 15_000),
        ContractError::ProviderNotAMember {
            id: 2,
            provider: alex.to_string(),
        },
    );
    assert_eq!(m.snapshot(), before);
    // What Riley bought before is still Alex's once confirmed.
    m.exec("riley", &ExecuteMsg::Confirm { purchase: 1 })
        .unwrap();
    assert_eq!(m.suite.balance("alex"), ALEX_EARNED + 15_000);
    m.assert_books();
}
