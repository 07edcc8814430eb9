use cosmwasm_std::{to_json_binary, StdError, Uint128};
use cw20::Cw20ReceiveMsg;
use flow_types::token::ExecuteMsg;

use crate::receiver::{Received, REFUSAL};
use crate::suite::*;

#[test]
fn send_moves_tokens_and_calls_the_receiver() {
    let mut s = Suite::new();
    let receiver = s.recording_receiver();
    let alice = s.alice.clone();
    let payload = to_json_binary(&"gift for the pool").unwrap();
    let res = s
        .execute(
            &alice,
            ExecuteMsg::Send {
                contract: receiver.to_string(),
                amount: Uint128::new(250),
                msg: payload.clone(),
            },
        )
        .unwrap();
    assert_eq!(s.balance(&alice), 750);
    assert_eq!(s.balance(&receiver), 250);
    assert_eq!(s.supply(), START_SUPPLY);
    assert_eq!(
        s.received(&receiver),
        vec![Received {
            token: s.token.clone(),
            msg: Cw20ReceiveMsg {
                sender: alice.to_string(),
                amount: Uint128::new(250),
                msg: payload,
            },
        }]
    );
    let token = s.token.clone();
    assert_eq!(wasm_attr(&res, &token, "action").as_deref(), Some("send"));
    assert_eq!(wasm_attr(&res, &token, "to"), Some(receiver.to_string()));
    assert_eq!(
        wasm_attr(&res, &receiver, "action").as_deref(),
        Some("receive")
    );
}

#[test]
fn a_failing_receiver_reverts_the_send() {
    let mut s = Suite::new();
    let refuser = s.refusing_receiver();
    let alice = s.alice.clone();
    let before = s.snapshot();
    let err = s
        .execute(
            &alice,
            ExecuteMsg::Send {
                contract: refuser.to_string(),
                amount: Uint128::new(250),
                msg: to_json_binary(&"hello").unwrap(),
            },
        )
        .unwrap_err();
    // the receiver's own error is what the sender sees
    assert_eq!(
        err.downcast_ref::<StdError>(),
        Some(&StdError::generic_err(REFUSAL)),
        "{err:?}"
    );
    s.assert_unchanged(&before);
    assert_eq!(s.balance(&alice), ALICE_START);
    assert_eq!(s.balance(&refuser), 0);
    assert!(s.received(&refuser).is_empty());
}

#[test]
fn send_to_an_account_that_is_not_a_contract_fails() {
    let mut s = Suite::new();
    let (alice, bob) = (s.alice.clone(), s.bob.clone());
    let before = s.snapshot();
    let err = s
        .execute(
            &alice,
            ExecuteMsg::Send {
                contract: bob.to_string(),
                amount: Uint128::new(10),
                msg: to_json_binary(&"hello").unwrap(),
            },
        )
        .unwrap_err();
    assert!(
        format!("{err:?}").contains("not found"),
        "unexpected error: {err:?}"
    );
    s.assert_unchanged(&before);
}

#[test]
fn send_more_than_the_balance_is_refused() {
    let mut s = Suite::new();
    let receiver = s.recording_receiver();
    let alice = s.alice.clone();
    s.refused(
        &alice,
        ExecuteMsg::Send {
            contract: receiver.to_string(),
            amount: Uint128::new(ALICE_START + 1),
            msg: to_json_binary(&"hello").unwrap(),
        },
        sub_overflow(),
    );
    assert!(s.received(&receiver).is_empty());
}
