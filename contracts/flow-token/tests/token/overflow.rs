//! cw20-base 2.0 adds with a panicking `+` in three places; the flow-token's guards make
//! each an error and leave every balance and the supply as they were.

use cosmwasm_std::Uint128;
use cw20::Cw20Coin;
use cw20_base::ContractError as Base;
use flow_types::token::ExecuteMsg;

use crate::suite::*;

const NEAR_MAX: u128 = u128::MAX - 10;

/// A token whose supply is already `u128::MAX - 10`, all held by alice, with no cap.
fn nearly_full() -> Suite {
    Suite::with(|msg| {
        msg.initial_balances = vec![Cw20Coin {
            address: msg.initial_balances[0].address.clone(),
            amount: Uint128::new(NEAR_MAX),
        }];
        msg.mint.as_mut().unwrap().cap = None;
    })
}

#[test]
fn mint_past_uint128_max_is_an_error() {
    let mut s = nearly_full();
    let (minter, bob) = (s.minter.clone(), s.bob.clone());
    assert_eq!(s.supply(), NEAR_MAX);
    let mint = |amount: u128| ExecuteMsg::Mint {
        recipient: bob.to_string(),
        amount: Uint128::new(amount),
    };
    s.refused(&minter, mint(11), add_overflow());
    s.refused(&minter, mint(u128::MAX), add_overflow());
    assert_eq!(
        add_overflow().to_string(),
        "Overflow: Cannot Add with given operands"
    );
    // exactly up to the limit is fine
    s.execute(&minter, mint(10)).unwrap();
    assert_eq!(s.supply(), u128::MAX);
    assert_eq!(s.balance(&bob), 10);
    assert_eq!(s.balance(&s.alice), NEAR_MAX);
    s.refused(&minter, mint(1), add_overflow());
}

#[test]
fn a_capped_token_reports_the_overflow_too() {
    let mut s = Suite::with(|msg| {
        msg.initial_balances.truncate(1);
        msg.initial_balances[0].amount = Uint128::new(NEAR_MAX);
        msg.mint.as_mut().unwrap().cap = Some(Uint128::MAX);
    });
    let minter = s.minter.clone();
    s.refused(
        &minter,
        ExecuteMsg::Mint {
            recipient: minter.to_string(),
            amount: Uint128::new(11),
        },
        add_overflow(),
    );
    // below the overflow, the cap is what refuses
    let mut s = Suite::new();
    let minter = s.minter.clone();
    s.refused(
        &minter,
        ExecuteMsg::Mint {
            recipient: minter.to_string(),
            amount: Uint128::MAX - Uint128::new(START_SUPPLY),
        },
        base(Base::CannotExceedCap {}),
    );
}

#[test]
fn increase_allowance_past_uint128_max_is_an_error() {
    let mut s = Suite::new();
    let (alice, bob) = (s.alice.clone(), s.bob.clone());
    s.execute(
        &alice,
        ExecuteMsg::IncreaseAllowance {
            spender: bob.to_string(),
            amount: Uint128::new(NEAR_MAX),
            expires: None,
        },
    )
    .unwrap();
    s.refused(
        &alice,
        ExecuteMsg::IncreaseAllowance {
            spender: bob.to_string(),
            amount: Uint128::new(11),
            expires: None,
        },
        add_overflow(),
    );
    assert_eq!(s.allowance(&alice, &bob).allowance.u128(), NEAR_MAX);
    // cw20-base's own checks keep their precedence
    s.refused(
        &alice,
        ExecuteMsg::IncreaseAllowance {
            spender: alice.to_string(),
            amount: Uint128::MAX,
            expires: None,
        },
        base(Base::CannotSetOwnAccount {}),
    );
    s.execute(
        &alice,
        ExecuteMsg::IncreaseAllowance {
            spender: bob.to_string(),
            amount: Uint128::new(10),
            expires: None,
        },
    )
    .unwrap();
    assert_eq!(s.allowance(&alice, &bob).allowance, Uint128::MAX);
}

#[test]
fn an_initial_supply_past_uint128_max_is_an_error() {
    let mut s = Suite::new();
    let mut msg = s.instantiate_msg();
    msg.initial_balances = vec![
        Cw20Coin {
            address: s.alice.to_string(),
            amount: Uint128::MAX,
        },
        Cw20Coin {
            address: s.bob.to_string(),
            amount: Uint128::new(1),
        },
    ];
    assert_eq!(s.instantiate_err(&msg), add_overflow());
    // the suite's own token is untouched
    assert_eq!(s.supply(), START_SUPPLY);
}

#[test]
fn transfers_cannot_overflow_a_balance() {
    // every balance is at most the supply, so a full supply moves without overflow
    let mut s = nearly_full();
    let (alice, bob) = (s.alice.clone(), s.bob.clone());
    s.execute(
        &alice,
        ExecuteMsg::Transfer {
            recipient: bob.to_string(),
            amount: Uint128::new(NEAR_MAX),
        },
    )
    .unwrap();
    assert_eq!(s.balance(&bob), NEAR_MAX);
    assert_eq!(s.balance(&alice), 0);
    assert_eq!(s.supply(), NEAR_MAX);
}
