use cosmwasm_std::Uint128;
use flow_types::token::ExecuteMsg;

use crate::suite::*;

#[test]
fn burn_lowers_balance_and_supply() {
    let mut s = Suite::new();
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
    let mut s = Suite::new();
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
