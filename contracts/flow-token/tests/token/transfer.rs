use cosmwasm_std::Uint128;
use flow_types::token::ExecuteMsg;

use crate::suite::*;

#[test]
fn transfer_moves_exactly_the_amount() {
    let mut s = Suite::new();
    let (alice, carol) = (s.alice.clone(), s.carol.clone());
    let res = s
        .execute(
            &alice,
            ExecuteMsg::Transfer {
                recipient: carol.to_string(),
                amount: Uint128::new(300),
            },
        )
        .unwrap();
    assert_eq!(s.balance(&alice), 700);
    assert_eq!(s.balance(&carol), 300);
    assert_eq!(s.balance(&s.bob), BOB_START);
    assert_eq!(s.supply(), START_SUPPLY);

    let token = s.token.clone();
    assert_eq!(
        wasm_attr(&res, &token, "action").as_deref(),
        Some("transfer")
    );
    assert_eq!(wasm_attr(&res, &token, "from"), Some(alice.to_string()));
    assert_eq!(wasm_attr(&res, &token, "to"), Some(carol.to_string()));
    assert_eq!(wasm_attr(&res, &token, "amount").as_deref(), Some("300"));

    // the whole balance can go
    s.execute(
        &carol,
        ExecuteMsg::Transfer {
            recipient: alice.to_string(),
            amount: Uint128::new(300),
        },
    )
    .unwrap();
    assert_eq!(s.balance(&alice), ALICE_START);
    assert_eq!(s.balance(&carol), 0);
    assert_eq!(s.supply(), START_SUPPLY);
}

#[test]
fn transfer_to_oneself_changes_nothing() {
    let mut s = Suite::new();
    let alice = s.alice.clone();
    s.execute(
        &alice,
        ExecuteMsg::Transfer {
            recipient: alice.to_string(),
            amount: Uint128::new(400),
        },
    )
    .unwrap();
    assert_eq!(s.balance(&alice), ALICE_START);
    assert_eq!(s.supply(), START_SUPPLY);
}

#[test]
fn transfer_more_than_the_balance_is_refused() {
    let mut s = Suite::new();
    let (alice, bob, carol) = (s.alice.clone(), s.bob.clone(), s.carol.clone());
    s.refused(
        &alice,
        ExecuteMsg::Transfer {
            recipient: bob.to_string(),
            amount: Uint128::new(ALICE_START + 1),
        },
        sub_overflow(),
    );
    // carol holds nothing at all
    s.refused(
        &carol,
        ExecuteMsg::Transfer {
            recipient: bob.to_string(),
            amount: Uint128::new(1),
        },
        sub_overflow(),
    );
    assert_eq!(s.balance(&alice), ALICE_START);
    assert_eq!(s.balance(&bob), BOB_START);
}
