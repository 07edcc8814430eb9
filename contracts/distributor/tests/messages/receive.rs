//! `receive`, the cw20 `Send` hook: `redeem` and `gift_to_pool` with the holon's own token,
//! `exchange` with an accepted foreign holon's.

use cosmwasm_std::{coins, to_json_binary, Addr, Binary, Uint128};
use cw20::{Cw20ExecuteMsg, Cw20ReceiveMsg};
use cw_multi_test::Executor;
use cw_utils::PaymentError;
use distributor::ContractError;
use flow_types::distributor::ExecuteMsg;
use flow_types::holon::HolonReceiveMsg;

use crate::foreign::{self, Foreign, MALLORY_HOLDS};
use crate::holons::{accept, accepted};
use crate::suite::*;

fn redeem(recipient: Option<&Addr>) -> HolonReceiveMsg {
    HolonReceiveMsg::Redeem {
        recipient: recipient.map(|r| r.to_string()),
    }
}

fn exchange(recipient: Option<&Addr>) -> HolonReceiveMsg {
    HolonReceiveMsg::Exchange {
        recipient: recipient.map(|r| r.to_string()),
    }
}

/// `from` sends `amount` of the first holon's token to its distributor with `payload`.
fn send_own(
    suite: &mut Suite,
    from: &str,
    amount: u128,
    payload: &HolonReceiveMsg,
) -> anyhow::Result<cw_multi_test::AppResponse> {
    let (token, distributor) = (suite.holon().token.clone(), d(suite));
    suite.send_to_holon(from, &token, &distributor, amount, payload)
}

#[test]
fn redeem_burns_the_tokens_and_pays_as_many_coins() {
    let mut suite = alex_claimed();
    let alex = suite.addr("alex");
    let coins_before = suite.native_balance(&alex);
    let res = send_own(&mut suite, "alex", 250_000, &redeem(None)).unwrap();
    assert_eq!(
        attrs(&res, &d(&suite)),
        pairs(&[
            ("action", "redeem"),
            ("recipient", alex.as_str()),
            ("amount", "250000"),
            ("denom", DENOM),
        ])
    );
    assert_eq!(suite.balance("alex"), 500_000);
    assert_eq!(suite.total_supply(), 500_000);
    assert_eq!(suite.native_balance(&alex), coins_before + 250_000);
    assert_eq!(suite.native_balance(&d(&suite)), 750_000);
    assert_eq!(books(&suite), (750_000, 250_000, 500_000));
    assert_eq!(treasury(&suite).total_redeemed.u128(), 250_000);

    // To someone else: Sam is paid, Alex's tokens are burnt.
    let sam = suite.addr("sam");
    let sam_before = suite.native_balance(&sam);
    send_own(&mut suite, "alex", 100_000, &redeem(Some(&sam))).unwrap();
    assert_eq!(suite.native_balance(&sam), sam_before + 100_000);
    assert_eq!(suite.balance("alex"), 400_000);
    assert_eq!(books(&suite), (650_000, 250_000, 400_000));
    suite.assert_invariants();
}

#[test]
fn a_gift_to_the_pool_burns_the_tokens_and_frees_their_backing() {
    let mut suite = alex_claimed();
    let res = send_own(&mut suite, "alex", 150_000, &HolonReceiveMsg::GiftToPool {}).unwrap();
    let alex = suite.addr("alex");
    assert_eq!(
        attrs(&res, &d(&suite)),
        pairs(&[
            ("action", "gift_to_pool"),
            ("from", alex.as_str()),
            ("amount", "150000"),
        ])
    );
    assert_eq!(suite.balance("alex"), 600_000);
    // The coins stay; their backing is unallocated again, for the next close.
    assert_eq!(books(&suite), (1_000_000, 250_000, 600_000));
    assert_eq!(treasury(&suite).unallocated.u128(), 150_000);
    suite.assert_invariants();
}

#[test]
fn the_own_token_hooks_take_only_the_own_token() {
    let mut suite = alex_claimed();
    let other = suite.plain_cw20("stranger", 1_000).unwrap();
    let distributor = d(&suite);
    for (payload, action) in [
        (redeem(None), "redeem"),
        (HolonReceiveMsg::GiftToPool {}, "gift_to_pool"),
    ] {
        refused_in(
            &mut suite,
            &[&other],
            ContractError::NotOwnToken {
                action: action.into(),
                token: other.to_string(),
            },
            |s| s.send_to_holon("stranger", &other, &distributor, 1_000, &payload),
        );
    }
    // Calling the hook directly, as if one were a token.
    let stranger = suite.addr("stranger").to_string();
    let forged = ExecuteMsg::Receive(Cw20ReceiveMsg {
        sender: stranger.clone(),
        amount: Uint128::new(750_000),
        msg: to_json_binary(&redeem(None)).unwrap(),
    });
    refused(
        &mut suite,
        ContractError::NotOwnToken {
            action: "redeem".into(),
            token: stranger,
        },
        |s| exec(s, "stranger", &forged),
    );
    refused(
        &mut suite,
        ContractError::Payment(PaymentError::NonPayable {}),
        |s| exec_paid(s, "stranger", &forged, &coins(1, DENOM)),
    );
    // The own token is not a foreign one.
    let token = suite.holon().token.clone();
    refused(
        &mut suite,
        ContractError::UnknownToken {
            token: token.to_string(),
        },
        |s| send_own(s, "alex", 1_000, &exchange(None)),
    );
}

#[test]
fn zero_amounts_and_unknown_payloads_are_refused() {
    let mut suite = alex_claimed();
    // A zero `Send` (cw20-base lets one through), as the token delivers it.
    let (token, alex) = (suite.holon().token.clone(), suite.addr("alex"));
    for payload in [redeem(None), HolonReceiveMsg::GiftToPool {}, exchange(None)] {
        let hook = ExecuteMsg::Receive(Cw20ReceiveMsg {
            sender: alex.to_string(),
            amount: Uint128::zero(),
            msg: to_json_binary(&payload).unwrap(),
        });
        refused(&mut suite, ContractError::ZeroAmount {}, |s| {
            let distributor = d(s);
            s.app
                .execute_contract(token.clone(), distributor, &hook, &[])
        });
    }
    // A payload the hook does not know: refused, the tokens stay with their holder.
    let (token, distributor) = (suite.holon().token.clone(), d(&suite));
    let before = state(&suite, &[]);
    let err = suite
        .execute(
            "alex",
            &token,
            &Cw20ExecuteMsg::Send {
                contract: distributor.to_string(),
                amount: Uint128::new(1_000),
                msg: Binary::from(br#"{"burn":{}}"#.to_vec()),
            },
        )
        .unwrap_err();
    assert!(
        err.root_cause()
            .to_string()
            .contains("unknown variant `burn`"),
        "{err:#}"
    );
    assert!(state(&suite, &[]) == before);
}

#[test]
fn a_fixed_budget_holon_has_nothing_to_redeem_against() {
    let mut suite = alpha_fixed(1_000);
    worked(&mut suite, 1, "alex", "food", "1");
    suite.a_cycle_passes();
    suite.close_cycle().unwrap();
    suite.claim("alex", 1).unwrap();
    refused(&mut suite, ContractError::NoTreasury {}, |s| {
        send_own(s, "alex", 1_000, &redeem(None))
    });
    // A gift just burns the tokens: there is no pool of coins to return them to.
    send_own(&mut suite, "alex", 400, &HolonReceiveMsg::GiftToPool {}).unwrap();
    assert_eq!(suite.balance("alex"), 600);
    assert_eq!(suite.total_supply(), 600);
}

/// Alpha funded with `funded`, accepting a foreign holon at 0.5 with a limit of 1,000.
fn alpha_accepting(funded: u128) -> (Suite, Foreign) {
    let mut suite = alpha();
    if funded > 0 {
        suite.fund("funder", funded).unwrap();
    }
    let f = foreign::deploy(&mut suite, "Holon Foreign", Some(DENOM), 0);
    exec(
        &mut suite,
        "governance",
        &accept(&f.distributor, "0.5", 1_000),
    )
    .unwrap();
    (suite, f)
}

fn send_foreign(
    suite: &mut Suite,
    f: &Foreign,
    amount: u128,
    payload: &HolonReceiveMsg,
) -> anyhow::Result<cw_multi_test::AppResponse> {
    let distributor = d(suite);
    suite.send_to_holon("mallory", &f.token, &distributor, amount, payload)
}

#[test]
fn an_exchange_keeps_the_foreign_tokens_and_mints_ours_at_the_rate() {
    let (mut suite, f) = alpha_accepting(1_000_000);
    let distributor = d(&suite);
    let mallory = suite.addr("mallory");
    let res = send_foreign(&mut suite, &f, 600, &exchange(None)).unwrap();
    assert_eq!(
        attrs(&res, &distributor),
        pairs(&[
            ("action", "exchange"),
            ("foreign_token", f.token.as_str()),
            ("from", mallory.as_str()),
            ("recipient", mallory.as_str()),
            ("amount", "600"),
            ("minted", "300"),
        ])
    );
    assert_eq!(suite.balance("mallory"), 300);
    assert_eq!(suite.balance_of(&f.token, &distributor), 600);
    assert_eq!(suite.balance_of(&f.token, &mallory), MALLORY_HOLDS - 600);
    let h = accepted(&suite, &f.token);
    assert_eq!(
        (
            h.holdings.u128(),
            h.total_received.u128(),
            h.total_minted.u128()
        ),
        (600, 600, 300)
    );
    // Our tokens minted for foreign ones are backed by the treasury like any other.
    assert_eq!(books(&suite), (1_000_000, 0, 300));
    assert_eq!(treasury(&suite).unallocated.u128(), 999_700);

    // To a recipient: 3 foreign → floor(1.5) = 1 of ours, to Sam.
    let sam = suite.addr("sam");
    send_foreign(&mut suite, &f, 3, &exchange(Some(&sam))).unwrap();
    assert_eq!(suite.balance("sam"), 1);
    assert_eq!(accepted(&suite, &f.token).holdings.u128(), 603);
    suite.assert_invariants();
}

#[test]
fn an_exchange_stays_within_the_limit_the_rate_and_the_treasury() {
    let (mut suite, f) = alpha_accepting(1_000_000);
    send_foreign(&mut suite, &f, 600, &exchange(None)).unwrap();
    refused_in(
        &mut suite,
        &[&f.token],
        ContractError::OverCreditLimit {
            holdings: Uint128::new(600),
            amount: Uint128::new(401),
            limit: Uint128::new(1_000),
        },
        |s| send_foreign(s, &f, 401, &exchange(None)),
    );
    refused_in(
        &mut suite,
        &[&f.token],
        ContractError::ExchangeRoundsToZero {
            amount: Uint128::one(),
            rate: dec("0.5"),
        },
        |s| send_foreign(s, &f, 1, &exchange(None)),
    );
    exec(
        &mut suite,
        "governance",
        &ExecuteMsg::UpdateHolon {
            token: f.token.to_string(),
            rate: None,
            credit_limit: None,
            enabled: Some(false),
        },
    )
    .unwrap();
    refused_in(
        &mut suite,
        &[&f.token],
        ContractError::HolonDisabled {
            token: f.token.to_string(),
        },
        |s| send_foreign(s, &f, 2, &exchange(None)),
    );
    // The exact limit is fine once enabled again.
    exec(
        &mut suite,
        "governance",
        &ExecuteMsg::UpdateHolon {
            token: f.token.to_string(),
            rate: None,
            credit_limit: None,
            enabled: Some(true),
        },
    )
    .unwrap();
    send_foreign(&mut suite, &f, 400, &exchange(None)).unwrap();
    assert_eq!(accepted(&suite, &f.token).holdings.u128(), 1_000);

    // A token nobody accepted.
    let other = suite.plain_cw20("stranger", 1_000).unwrap();
    let distributor = d(&suite);
    refused_in(
        &mut suite,
        &[&other],
        ContractError::UnknownToken {
            token: other.to_string(),
        },
        |s| s.send_to_holon("stranger", &other, &distributor, 10, &exchange(None)),
    );
    // Foreign tokens are not redeemed or gifted here.
    refused_in(
        &mut suite,
        &[&f.token],
        ContractError::NotOwnToken {
            action: "redeem".into(),
            token: f.token.to_string(),
        },
        |s| send_foreign(s, &f, 10, &redeem(None)),
    );
}

#[test]
fn an_exchange_needs_unallocated_treasury_funds() {
    let (mut suite, f) = alpha_accepting(100);
    send_foreign(&mut suite, &f, 200, &exchange(None)).unwrap();
    refused_in(
        &mut suite,
        &[&f.token],
        ContractError::InsufficientTreasury {
            needed: Uint128::new(1),
            available: Uint128::zero(),
        },
        |s| send_foreign(s, &f, 2, &exchange(None)),
    );
}
