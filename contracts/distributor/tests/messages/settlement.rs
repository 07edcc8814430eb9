//! What becomes of the foreign tokens held: `settle_foreign` (redeemed at their holon's
//! treasury, the coins join ours, through the settlement reply) and `return_foreign`.

use cosmwasm_std::{coins, Addr, Uint128};
use cw_ownable::OwnershipError;
use cw_utils::PaymentError;
use distributor::ContractError;
use flow_testing::hostile::Payment;
use flow_types::distributor::{ExecuteMsg, Policy};
use flow_types::holon::HolonReceiveMsg;

use crate::foreign::{self, Foreign, MALLORY_HOLDS};
use crate::holons::{accept, accepted};
use crate::suite::*;

fn settle(token: &Addr, amount: Option<u128>) -> ExecuteMsg {
    ExecuteMsg::SettleForeign {
        token: token.to_string(),
        amount: amount.map(Uint128::new),
    }
}

fn give_back(token: &Addr, recipient: &str, amount: u128) -> ExecuteMsg {
    ExecuteMsg::ReturnForeign {
        token: token.to_string(),
        recipient: recipient.into(),
        amount: Uint128::new(amount),
    }
}

/// Alpha (funded with 1,000,000) holds 600 tokens of a foreign holon whose treasury pays in
/// our denom and holds 10,000 coins; it minted 600 of its own for them (rate 1).
fn holding_600() -> (Suite, Foreign) {
    let mut suite = alpha();
    suite.fund("funder", 1_000_000).unwrap();
    let f = foreign::deploy(&mut suite, "Holon Foreign", Some(DENOM), 10_000);
    exec(
        &mut suite,
        "governance",
        &accept(&f.distributor, "1", 1_000),
    )
    .unwrap();
    let alpha = d(&suite);
    suite
        .send_to_holon(
            "mallory",
            &f.token,
            &alpha,
            600,
            &HolonReceiveMsg::Exchange { recipient: None },
        )
        .unwrap();
    (suite, f)
}

#[test]
fn a_settlement_redeems_the_holdings_and_the_coins_join_the_treasury() {
    let (mut suite, f) = holding_600();
    let alpha = d(&suite);
    let res = exec(&mut suite, "governance", &settle(&f.token, Some(200))).unwrap();
    // The redeem goes out; its reply counts what arrived.
    assert_eq!(
        attrs(&res, &alpha),
        pairs(&[
            ("action", "settle_foreign"),
            ("foreign_token", f.token.as_str()),
            ("amount", "200"),
            ("action", "settled"),
            ("foreign_token", f.token.as_str()),
            ("received", "200"),
        ])
    );
    assert_eq!(suite.native_balance(&alpha), 1_000_200);
    assert_eq!(suite.native_balance(&f.distributor), 9_800);
    assert_eq!(suite.balance_of(&f.token, &alpha), 400);
    assert_eq!(books(&suite), (1_000_200, 0, 600));
    // The rest: no amount settles everything held.
    let res = exec(&mut suite, "governance", &settle(&f.token, None)).unwrap();
    assert_eq!(attr(&res, &alpha, "amount"), Some("400".into()));
    let h = accepted(&suite, &f.token);
    assert_eq!((h.holdings.u128(), h.total_settled.u128()), (0, 600));
    assert_eq!(books(&suite), (1_000_600, 0, 600));
    assert_eq!(suite.native_balance(&alpha), 1_000_600);
    suite.assert_invariants();
}

#[test]
fn governance_settles_unless_the_policy_lets_anyone() {
    let (mut suite, f) = holding_600();
    refused_in(
        &mut suite,
        &[&f.distributor, &f.token],
        ContractError::Ownership(OwnershipError::NotOwner),
        |s| exec(s, "stranger", &settle(&f.token, None)),
    );
    let open = Policy {
        anyone_may_settle: true,
        ..Policy::default()
    };
    exec(
        &mut suite,
        "governance",
        &ExecuteMsg::SetPolicy { policy: open },
    )
    .unwrap();
    suite.a_cycle_passes();
    exec(&mut suite, "stranger", &settle(&f.token, None)).unwrap();
    assert_eq!(accepted(&suite, &f.token).total_settled.u128(), 600);
}

#[test]
fn a_settlement_takes_only_what_is_held() {
    let (mut suite, f) = holding_600();
    let watch = [&f.distributor, &f.token];
    let plain = suite.plain_cw20("stranger", 1).unwrap();
    refused_in(
        &mut suite,
        &watch,
        ContractError::UnknownToken {
            token: plain.to_string(),
        },
        |s| exec(s, "governance", &settle(&plain, None)),
    );
    refused_in(&mut suite, &watch, ContractError::ZeroAmount {}, |s| {
        exec(s, "governance", &settle(&f.token, Some(0)))
    });
    refused_in(
        &mut suite,
        &watch,
        ContractError::InsufficientHoldings {
            token: f.token.to_string(),
            holdings: Uint128::new(600),
            amount: Uint128::new(601),
        },
        |s| exec(s, "governance", &settle(&f.token, Some(601))),
    );
    refused_in(
        &mut suite,
        &watch,
        ContractError::Payment(PaymentError::NonPayable {}),
        |s| exec_paid(s, "governance", &settle(&f.token, None), &coins(1, DENOM)),
    );
    exec(&mut suite, "governance", &settle(&f.token, None)).unwrap();
    // Nothing held: nothing to settle.
    refused_in(&mut suite, &watch, ContractError::ZeroAmount {}, |s| {
        exec(s, "governance", &settle(&f.token, None))
    });
}

#[test]
fn a_settlement_needs_both_treasuries_in_the_same_denom() {
    let mut suite = alpha();
    for (name, denom) in [("No Treasury", None), ("Other Coin", Some("uother"))] {
        let f = foreign::deploy(&mut suite, name, denom, 0);
        exec(
            &mut suite,
            "governance",
            &accept(&f.distributor, "1", 1_000),
        )
        .unwrap();
        refused(
            &mut suite,
            ContractError::SettlementDenomMismatch {
                foreign: denom.map(String::from),
                local: Some(DENOM.into()),
            },
            |s| exec(s, "governance", &settle(&f.token, None)),
        );
    }
    // A fixed-budget holon has no treasury to settle into.
    let mut suite = alpha_fixed(1_000);
    let f = foreign::deploy(&mut suite, "Holon Foreign", Some(DENOM), 0);
    exec(
        &mut suite,
        "governance",
        &accept(&f.distributor, "1", 1_000),
    )
    .unwrap();
    refused(
        &mut suite,
        ContractError::SettlementDenomMismatch {
            foreign: Some(DENOM.into()),
            local: None,
        },
        |s| exec(s, "governance", &settle(&f.token, None)),
    );
}

#[test]
fn a_settlement_paid_short_is_refused() {
    let (mut suite, f) = holding_600();
    foreign::set(&mut suite, &f.distributor, &f.token, None, 1);
    refused_in(
        &mut suite,
        &[&f.distributor, &f.token],
        ContractError::SettlementShortfall {
            expected: Uint128::new(600),
            received: Uint128::new(599),
        },
        |s| exec(s, "governance", &settle(&f.token, None)),
    );
    assert_eq!(accepted(&suite, &f.token).holdings.u128(), 600);
}

#[test]
fn while_a_settlement_is_in_flight_fund_and_settle_wait() {
    let mut suite = alpha();
    suite.fund("funder", 1_000_000).unwrap();
    let m = suite
        .deploy_hostile_holon("Holon Mallory", "MFLOW", None, 10_000)
        .unwrap();
    exec(
        &mut suite,
        "governance",
        &accept(&m.distributor, "1", 1_000),
    )
    .unwrap();
    suite.hostile_mint(&m, "mallory", 500).unwrap();
    let alpha = d(&suite);
    suite
        .send_to_holon(
            "mallory",
            &m.token,
            &alpha,
            500,
            &HolonReceiveMsg::Exchange { recipient: None },
        )
        .unwrap();
    // It pays through our own `fund`, or asks us to settle again, before the reply.
    for (payment, action) in [
        (Payment::ThroughFund, "fund"),
        (Payment::SettleAgain, "settle_foreign"),
    ] {
        suite.hostile_pays(&m, payment).unwrap();
        refused_in(
            &mut suite,
            &[&m.distributor, &m.token],
            ContractError::SettlementInProgress {
                action: action.into(),
            },
            |s| exec(s, "governance", &settle(&m.token, None)),
        );
    }
    suite.hostile_pays(&m, Payment::Honest).unwrap();
    exec(&mut suite, "governance", &settle(&m.token, None)).unwrap();
    assert_eq!(books(&suite), (1_000_500, 0, 500));
    suite.assert_invariants();
}

#[test]
fn governance_returns_foreign_tokens_to_someone() {
    let (mut suite, f) = holding_600();
    let alpha = d(&suite);
    let jordan = suite.addr("jordan");
    let res = exec(
        &mut suite,
        "governance",
        &give_back(&f.token, jordan.as_str(), 100),
    )
    .unwrap();
    assert_eq!(
        attrs(&res, &alpha),
        pairs(&[
            ("action", "return_foreign"),
            ("foreign_token", f.token.as_str()),
            ("recipient", jordan.as_str()),
            ("amount", "100"),
        ])
    );
    assert_eq!(suite.balance_of(&f.token, &jordan), 100);
    assert_eq!(suite.balance_of(&f.token, &alpha), 500);
    let h = accepted(&suite, &f.token);
    assert_eq!((h.holdings.u128(), h.total_returned.u128()), (500, 100));
    // Our tokens minted for them stay out, backed by our treasury.
    assert_eq!(books(&suite), (1_000_000, 0, 600));
    assert_eq!(
        suite.balance_of(&f.token, &suite.addr("mallory")),
        MALLORY_HOLDS - 600
    );

    let watch = [&f.distributor, &f.token];
    refused_in(
        &mut suite,
        &watch,
        ContractError::Ownership(OwnershipError::NotOwner),
        |s| exec(s, "alex", &give_back(&f.token, jordan.as_str(), 1)),
    );
    let unknown = suite.addr("stranger");
    refused_in(
        &mut suite,
        &watch,
        ContractError::UnknownToken {
            token: unknown.to_string(),
        },
        |s| exec(s, "governance", &give_back(&unknown, jordan.as_str(), 1)),
    );
    refused_in(&mut suite, &watch, ContractError::ZeroAmount {}, |s| {
        exec(s, "governance", &give_back(&f.token, jordan.as_str(), 0))
    });
    refused_in(
        &mut suite,
        &watch,
        ContractError::InsufficientHoldings {
            token: f.token.to_string(),
            holdings: Uint128::new(500),
            amount: Uint128::new(501),
        },
        |s| exec(s, "governance", &give_back(&f.token, jordan.as_str(), 501)),
    );
    refused_where(
        &mut suite,
        |e| matches!(e, ContractError::Std(_)),
        |s| exec(s, "governance", &give_back(&f.token, "Not An Address", 1)),
    );
    refused_in(
        &mut suite,
        &watch,
        ContractError::Payment(PaymentError::NonPayable {}),
        |s| {
            exec_paid(
                s,
                "governance",
                &give_back(&f.token, jordan.as_str(), 1),
                &coins(1, DENOM),
            )
        },
    );
}
