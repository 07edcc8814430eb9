use cosmwasm_std::{to_json_binary, StdError, Uint128};
use cw20::{
    AllAllowancesResponse, AllSpenderAllowancesResponse, AllowanceInfo, AllowanceResponse,
    Cw20ReceiveMsg, Expiration, SpenderAllowanceInfo,
};
use cw20_base::ContractError as Base;
use flow_token::ContractError;
use flow_types::token::{ExecuteMsg, QueryMsg};

use crate::receiver::Received;
use crate::suite::*;

fn allow(spender: &cosmwasm_std::Addr, amount: u128) -> ExecuteMsg {
    ExecuteMsg::IncreaseAllowance {
        spender: spender.to_string(),
        amount: Uint128::new(amount),
        expires: None,
    }
}

#[test]
fn increase_and_decrease_allowance() {
    let mut s = Suite::new();
    let (alice, bob, carol) = (s.alice.clone(), s.bob.clone(), s.carol.clone());
    assert_eq!(s.allowance(&alice, &bob), AllowanceResponse::default());

    s.execute(&alice, allow(&bob, 300)).unwrap();
    assert_eq!(
        s.allowance(&alice, &bob),
        AllowanceResponse {
            allowance: Uint128::new(300),
            expires: Expiration::Never {}
        }
    );
    s.execute(&alice, allow(&bob, 200)).unwrap();
    assert_eq!(s.allowance(&alice, &bob).allowance.u128(), 500);

    let at = s.app.block_info().height + 100;
    s.execute(
        &alice,
        ExecuteMsg::DecreaseAllowance {
            spender: bob.to_string(),
            amount: Uint128::new(100),
            expires: Some(Expiration::AtHeight(at)),
        },
    )
    .unwrap();
    assert_eq!(
        s.allowance(&alice, &bob),
        AllowanceResponse {
            allowance: Uint128::new(400),
            expires: Expiration::AtHeight(at)
        }
    );
    s.execute(&alice, allow(&carol, 7)).unwrap();

    // the owner's and the spender's views agree
    let owner_view: AllAllowancesResponse = s
        .query(&QueryMsg::AllAllowances {
            owner: alice.to_string(),
            start_after: None,
            limit: None,
        })
        .unwrap();
    let mut expected = vec![
        AllowanceInfo {
            spender: bob.to_string(),
            allowance: Uint128::new(400),
            expires: Expiration::AtHeight(at),
        },
        AllowanceInfo {
            spender: carol.to_string(),
            allowance: Uint128::new(7),
            expires: Expiration::Never {},
        },
    ];
    expected.sort_by(|a, b| a.spender.cmp(&b.spender));
    assert_eq!(owner_view.allowances, expected);
    let spender_view: AllSpenderAllowancesResponse = s
        .query(&QueryMsg::AllSpenderAllowances {
            spender: bob.to_string(),
            start_after: None,
            limit: None,
        })
        .unwrap();
    assert_eq!(
        spender_view.allowances,
        vec![SpenderAllowanceInfo {
            owner: alice.to_string(),
            allowance: Uint128::new(400),
            expires: Expiration::AtHeight(at),
        }]
    );

    // decreasing by more than is left removes the allowance: not an error
    s.execute(
        &alice,
        ExecuteMsg::DecreaseAllowance {
            spender: bob.to_string(),
            amount: Uint128::new(1_000),
            expires: None,
        },
    )
    .unwrap();
    assert_eq!(s.allowance(&alice, &bob), AllowanceResponse::default());
    let spender_view: AllSpenderAllowancesResponse = s
        .query(&QueryMsg::AllSpenderAllowances {
            spender: bob.to_string(),
            start_after: None,
            limit: None,
        })
        .unwrap();
    assert!(spender_view.allowances.is_empty());
    // allowances never move balances
    assert_eq!(s.balance(&alice), ALICE_START);
    assert_eq!(s.supply(), START_SUPPLY);
}

#[test]
fn allowance_errors() {
    let mut s = Suite::new();
    let (alice, bob) = (s.alice.clone(), s.bob.clone());
    s.refused(
        &alice,
        allow(&alice, 10),
        base(Base::CannotSetOwnAccount {}),
    );
    s.refused(
        &alice,
        ExecuteMsg::DecreaseAllowance {
            spender: alice.to_string(),
            amount: Uint128::new(10),
            expires: None,
        },
        base(Base::CannotSetOwnAccount {}),
    );
    let now = s.app.block_info().height;
    s.refused(
        &alice,
        ExecuteMsg::IncreaseAllowance {
            spender: bob.to_string(),
            amount: Uint128::new(10),
            expires: Some(Expiration::AtHeight(now)),
        },
        base(Base::InvalidExpiration {}),
    );
    // decreasing an allowance that does not exist: cw20-base's storage "not found" error
    let before = s.snapshot();
    let err = s.execute_err(
        &alice,
        ExecuteMsg::DecreaseAllowance {
            spender: bob.to_string(),
            amount: Uint128::new(10),
            expires: None,
        },
    );
    assert!(
        matches!(
            err,
            ContractError::Base(Base::Std(StdError::NotFound { .. }))
        ),
        "{err:?}"
    );
    s.assert_unchanged(&before);
}

#[test]
fn transfer_from_spends_the_allowance() {
    let mut s = Suite::new();
    let (alice, bob, carol) = (s.alice.clone(), s.bob.clone(), s.carol.clone());
    s.execute(&alice, allow(&bob, 300)).unwrap();
    let res = s
        .execute(
            &bob,
            ExecuteMsg::TransferFrom {
                owner: alice.to_string(),
                recipient: carol.to_string(),
                amount: Uint128::new(200),
            },
        )
        .unwrap();
    assert_eq!(s.balance(&alice), 800);
    assert_eq!(s.balance(&bob), BOB_START);
    assert_eq!(s.balance(&carol), 200);
    assert_eq!(s.supply(), START_SUPPLY);
    assert_eq!(s.allowance(&alice, &bob).allowance.u128(), 100);
    let token = s.token.clone();
    assert_eq!(
        wasm_attr(&res, &token, "action").as_deref(),
        Some("transfer_from")
    );
    assert_eq!(wasm_attr(&res, &token, "by"), Some(bob.to_string()));

    // more than the allowance
    s.refused(
        &bob,
        ExecuteMsg::TransferFrom {
            owner: alice.to_string(),
            recipient: carol.to_string(),
            amount: Uint128::new(101),
        },
        sub_overflow(),
    );
    // no allowance at all
    s.refused(
        &carol,
        ExecuteMsg::TransferFrom {
            owner: alice.to_string(),
            recipient: carol.to_string(),
            amount: Uint128::new(1),
        },
        base(Base::NoAllowance {}),
    );
    // the rest of it is fine
    s.execute(
        &bob,
        ExecuteMsg::TransferFrom {
            owner: alice.to_string(),
            recipient: bob.to_string(),
            amount: Uint128::new(100),
        },
    )
    .unwrap();
    assert_eq!(s.balance(&alice), 700);
    assert_eq!(s.balance(&bob), BOB_START + 100);
    assert_eq!(s.allowance(&alice, &bob).allowance.u128(), 0);
}

#[test]
fn an_allowance_above_the_balance_cannot_overdraw() {
    let mut s = Suite::new();
    let (alice, bob, carol) = (s.alice.clone(), s.bob.clone(), s.carol.clone());
    s.execute(&alice, allow(&bob, 5_000)).unwrap();
    // the allowance is deducted first, then the balance fails: all of it reverts
    s.refused(
        &bob,
        ExecuteMsg::TransferFrom {
            owner: alice.to_string(),
            recipient: carol.to_string(),
            amount: Uint128::new(ALICE_START + 1),
        },
        sub_overflow(),
    );
    assert_eq!(s.allowance(&alice, &bob).allowance.u128(), 5_000);
}

#[test]
fn an_expired_allowance_cannot_be_spent() {
    let mut s = Suite::plain();
    let (alice, bob) = (s.alice.clone(), s.bob.clone());
    let at = s.app.block_info().height + 1;
    s.execute(
        &alice,
        ExecuteMsg::IncreaseAllowance {
            spender: bob.to_string(),
            amount: Uint128::new(300),
            expires: Some(Expiration::AtHeight(at)),
        },
    )
    .unwrap();
    s.advance_blocks(1);
    s.refused(
        &bob,
        ExecuteMsg::TransferFrom {
            owner: alice.to_string(),
            recipient: bob.to_string(),
            amount: Uint128::new(1),
        },
        base(Base::Expired {}),
    );
    s.refused(
        &bob,
        ExecuteMsg::BurnFrom {
            owner: alice.to_string(),
            amount: Uint128::new(1),
        },
        base(Base::Expired {}),
    );
}

#[test]
fn burn_from_burns_the_owners_tokens() {
    let mut s = Suite::plain();
    let (alice, bob) = (s.alice.clone(), s.bob.clone());
    s.execute(&alice, allow(&bob, 300)).unwrap();
    s.execute(
        &bob,
        ExecuteMsg::BurnFrom {
            owner: alice.to_string(),
            amount: Uint128::new(50),
        },
    )
    .unwrap();
    assert_eq!(s.balance(&alice), 950);
    assert_eq!(s.balance(&bob), BOB_START);
    assert_eq!(s.supply(), START_SUPPLY - 50);
    assert_eq!(s.allowance(&alice, &bob).allowance.u128(), 250);
    s.refused(
        &bob,
        ExecuteMsg::BurnFrom {
            owner: alice.to_string(),
            amount: Uint128::new(251),
        },
        sub_overflow(),
    );
    let carol = s.carol.clone();
    s.refused(
        &carol,
        ExecuteMsg::BurnFrom {
            owner: alice.to_string(),
            amount: Uint128::new(1),
        },
        base(Base::NoAllowance {}),
    );
}

#[test]
fn send_from_calls_the_receiver_with_the_spender_as_sender() {
    let mut s = Suite::new();
    let receiver = s.recording_receiver();
    let (alice, bob) = (s.alice.clone(), s.bob.clone());
    s.execute(&alice, allow(&bob, 300)).unwrap();
    let payload = to_json_binary(&"exchange").unwrap();
    s.execute(
        &bob,
        ExecuteMsg::SendFrom {
            owner: alice.to_string(),
            contract: receiver.to_string(),
            amount: Uint128::new(120),
            msg: payload.clone(),
        },
    )
    .unwrap();
    assert_eq!(s.balance(&alice), 880);
    assert_eq!(s.balance(&bob), BOB_START);
    assert_eq!(s.balance(&receiver), 120);
    assert_eq!(s.supply(), START_SUPPLY);
    assert_eq!(s.allowance(&alice, &bob).allowance.u128(), 180);
    // cw20-base names the spender, not the owner, as the sender
    assert_eq!(
        s.received(&receiver),
        vec![Received {
            token: s.token.clone(),
            msg: Cw20ReceiveMsg {
                sender: bob.to_string(),
                amount: Uint128::new(120),
                msg: payload,
            },
        }]
    );

    // a failing receiver reverts the allowance and the balances
    let refuser = s.refusing_receiver();
    let before = s.snapshot();
    s.execute(
        &bob,
        ExecuteMsg::SendFrom {
            owner: alice.to_string(),
            contract: refuser.to_string(),
            amount: Uint128::new(10),
            msg: to_json_binary(&"x").unwrap(),
        },
    )
    .unwrap_err();
    s.assert_unchanged(&before);
    assert_eq!(s.allowance(&alice, &bob).allowance.u128(), 180);

    s.refused(
        &bob,
        ExecuteMsg::SendFrom {
            owner: alice.to_string(),
            contract: receiver.to_string(),
            amount: Uint128::new(181),
            msg: to_json_binary(&"x").unwrap(),
        },
        sub_overflow(),
    );
}
