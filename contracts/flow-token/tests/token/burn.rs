//! Burns. A plain cw20 (no holon) burns as cw20-base does; a holon's token is burnt only by
//! its holon, because the holon's treasury counts every token as outstanding (audit finding
//! 7: a holder's burn lowered the supply without telling the treasury, and the backing of
//! the burnt tokens could never be redeemed or return to the pool).

use cosmwasm_std::Uint128;
use flow_token::ContractError;
use flow_types::token::ExecuteMsg;

use crate::suite::*;

#[test]
fn burn_lowers_balance_and_supply() {
    let mut s = Suite::plain();
    let alice = s.alice.clone();
    let res = s
        .execute(
            &alice,
            ExecuteMsg::Burn {
                amount: Uint128::new(100),
            },
        )
        .unwrap();
    assert_eq!(s.balance(&alice), 900);
    assert_eq!(s.balance(&s.bob), BOB_START);
    assert_eq!(s.supply(), START_SUPPLY - 100);
    let token = s.token.clone();
    assert_eq!(wasm_attr(&res, &token, "action").as_deref(), Some("burn"));
    assert_eq!(wasm_attr(&res, &token, "amount").as_deref(), Some("100"));

    // burning everything leaves a zero balance
    s.execute(
        &alice,
        ExecuteMsg::Burn {
            amount: Uint128::new(900),
        },
    )
    .unwrap();
    assert_eq!(s.balance(&alice), 0);
    assert_eq!(s.supply(), BOB_START);
}

#[test]
fn burn_more_than_the_balance_is_refused() {
    let mut s = Suite::plain();
    let (alice, carol) = (s.alice.clone(), s.carol.clone());
    s.refused(
        &alice,
        ExecuteMsg::Burn {
            amount: Uint128::new(ALICE_START + 1),
        },
        sub_overflow(),
    );
    s.refused(
        &carol,
        ExecuteMsg::Burn {
            amount: Uint128::new(1),
        },
        sub_overflow(),
    );
    assert_eq!(s.supply(), START_SUPPLY);
}

#[test]
fn a_holons_token_is_burnt_only_by_its_holon() {
    let mut s = Suite::new();
    let (alice, bob, holon) = (s.alice.clone(), s.bob.clone(), s.holon.clone());
    let reserved = || ContractError::BurnReserved {
        holon: holon.to_string(),
    };
    s.refused(
        &alice,
        ExecuteMsg::Burn {
            amount: Uint128::new(100),
        },
        reserved(),
    );
    // Not through an allowance either, not even one given to the holon.
    s.execute(
        &alice,
        ExecuteMsg::IncreaseAllowance {
            spender: holon.to_string(),
            amount: Uint128::new(100),
            expires: None,
        },
    )
    .unwrap();
    let before_burn_from = s.snapshot();
    for spender in [&bob, &holon] {
        s.refused(
            spender,
            ExecuteMsg::BurnFrom {
                owner: alice.to_string(),
                amount: Uint128::new(10),
            },
            reserved(),
        );
    }
    s.assert_unchanged(&before_burn_from);
    assert_eq!(s.supply(), START_SUPPLY);
    let err = s.execute_err(
        &alice,
        ExecuteMsg::Burn {
            amount: Uint128::new(1),
        },
    );
    assert!(err.to_string().contains("gift_to_pool"), "{err}");

    // The holon burns what it was sent (a redemption or a gift to the pool).
    s.execute(
        &alice,
        ExecuteMsg::Transfer {
            recipient: holon.to_string(),
            amount: Uint128::new(100),
        },
    )
    .unwrap();
    s.execute(
        &holon,
        ExecuteMsg::Burn {
            amount: Uint128::new(100),
        },
    )
    .unwrap();
    assert_eq!(s.balance(&holon), 0);
    assert_eq!(s.supply(), START_SUPPLY - 100);
}
