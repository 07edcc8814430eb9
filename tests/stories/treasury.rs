//! The treasury: funding, redemption, gifts back to the pool, and the errors that keep it
//! whole.

use cosmwasm_std::{coins, Uint128};
use cw_multi_test::Executor;
use cw_utils::PaymentError;
use distributor::ContractError;
use flow_testing::suite::{assert_error, dec, DENOM};
use flow_testing::SuiteBuilder;
use flow_types::distributor::{self as dist, Contribution};
use flow_types::holon::HolonReceiveMsg;

use crate::common::*;

/// Holon Alpha after the seed month, closed and claimed under `time`.
fn after_the_seed_month() -> flow_testing::Suite {
    let (mut suite, needs) = alpha_with_needs(SuiteBuilder::holon_alpha());
    suite.fund("funder", BUDGET).unwrap();
    the_seed_month(&mut suite, &needs);
    suite.a_cycle_passes();
    suite.close_cycle().unwrap();
    everyone_claims(&mut suite, 1);
    suite
}

#[test]
fn redeem_pays_one_denom_unit_per_token_unit() {
    let mut suite = after_the_seed_month();
    let alex = suite.addr("alex");
    let coins_before = suite.native_balance(&alex);
    suite.redeem("alex", 125_000_000).unwrap();
    assert_eq!(suite.balance("alex"), 500_000_000);
    assert_eq!(suite.native_balance(&alex), coins_before + 125_000_000);
    assert_eq!(suite.total_supply(), BUDGET - 125_000_000);
    let t = suite.treasury().unwrap();
    assert_eq!(
        (t.held.u128(), t.outstanding.u128(), t.total_redeemed.u128()),
        (BUDGET - 125_000_000, BUDGET - 125_000_000, 125_000_000)
    );
    suite.assert_invariants();
}

#[test]
fn a_gift_to_the_pool_funds_the_next_cycle() {
    let mut suite = after_the_seed_month();
    suite.gift_to_pool("riley", 343_750_000).unwrap();
    assert_eq!(suite.balance("riley"), 2_000_000_000);
    assert_eq!(
        suite.treasury().unwrap().unallocated,
        Uint128::new(343_750_000)
    );
    suite.assert_invariants();
    // Next month Sam alone contributes and receives the gift.
    let garden = suite.post_need("jordan", "garden", "Garden").unwrap();
    suite.contribute("sam", garden, "2", "0", "jordan").unwrap();
    suite.a_cycle_passes();
    suite.close_cycle().unwrap();
    suite.claim("sam", 2).unwrap();
    assert_eq!(suite.balance("sam"), 156_250_000 + 343_750_000);
    suite.assert_invariants();
}

#[test]
fn bad_calls_are_refused_and_move_nothing() {
    let (mut suite, needs) = alpha_with_needs(SuiteBuilder::holon_alpha());
    suite.fund("funder", BUDGET).unwrap();
    the_seed_month(&mut suite, &needs);
    let d = suite.holon().distributor.clone();
    let treasury_before = suite.treasury().unwrap();
    let cycle_before = suite.cycle(1).unwrap();

    // claim of an open cycle
    assert_error(
        suite.claim("alex", 1),
        ContractError::CycleNotClosed {
            cycle: 1,
            next_to_close: 1,
        },
    );
    // record from anyone but the attestation contract
    let forged = dist::ExecuteMsg::Record {
        contribution: Contribution {
            attestation_id: 999,
            contributor: suite.addr("alex").to_string(),
            category: "food".into(),
            hours: dec("100"),
            credit: dec("100"),
            impact: dec("1"),
            capacity_building: false,
        },
    };
    assert_error(
        suite.execute("alex", &d, &forged),
        ContractError::NotAttestation {},
    );
    assert_error(
        suite.execute("governance", &d, &forged),
        ContractError::NotAttestation {},
    );
    // fund with no coins, with the wrong denom
    assert_error(
        suite.execute("funder", &d, &dist::ExecuteMsg::Fund { memo: None }),
        ContractError::Payment(PaymentError::NoFunds {}),
    );
    suite
        .app
        .sudo(cw_multi_test::SudoMsg::Bank(
            cw_multi_test::BankSudo::Mint {
                to_address: suite.addr("funder").to_string(),
                amount: coins(500, "uother"),
            },
        ))
        .unwrap();
    assert_error(
        suite.execute_with_funds(
            "funder",
            &d,
            &dist::ExecuteMsg::Fund { memo: None },
            &coins(500, "uother"),
        ),
        ContractError::Payment(PaymentError::MissingDenom(DENOM.into())),
    );
    // a memo that is too long
    assert!(suite
        .execute_with_funds(
            "funder",
            &d,
            &dist::ExecuteMsg::Fund {
                memo: Some("x".repeat(300))
            },
            &coins(1, DENOM)
        )
        .is_err());

    // redeem of a foreign token: a plain cw20 that is not this holon's
    let foreign = suite.plain_cw20("stranger", 1_000).unwrap();
    assert_error(
        suite.send_to_holon(
            "stranger",
            &foreign,
            &d,
            1_000,
            &HolonReceiveMsg::Redeem { recipient: None },
        ),
        ContractError::NotOwnToken {
            action: "redeem".into(),
            token: foreign.to_string(),
        },
    );
    assert_eq!(
        suite.balance_of(&foreign, &suite.addr("stranger")),
        1_000,
        "the foreign tokens stay with their owner"
    );

    // nothing moved
    assert_eq!(suite.treasury().unwrap(), treasury_before);
    assert_eq!(suite.cycle(1).unwrap(), cycle_before);
    assert_eq!(suite.total_supply(), 0);
    suite.assert_invariants();
}

#[test]
fn a_misspelt_field_is_refused_not_ignored() {
    let mut suite = after_the_seed_month();
    let (token, d) = (
        suite.holon().token.clone(),
        suite.holon().distributor.clone(),
    );
    let alex = suite.addr("alex");
    let coins_before = suite.native_balance(&alex);
    // "recipent": a typo that, ignored, would have paid the sender instead of Sam.
    let send = cw20::Cw20ExecuteMsg::Send {
        contract: d.to_string(),
        amount: Uint128::new(1_000),
        msg: cosmwasm_std::Binary::from(
            format!(r#"{{"redeem":{{"recipent":"{}"}}}}"#, suite.addr("sam")).into_bytes(),
        ),
    };
    let err = suite.execute("alex", &token, &send).unwrap_err();
    assert!(
        err.root_cause()
            .to_string()
            .contains("unknown field `recipent`"),
        "{err:#}"
    );
    // The same for a top-level message: a claim for "membr" does not claim for the sender.
    let claim = cosmwasm_std::Binary::from(br#"{"claim":{"cycle":1,"membr":"x"}}"#.to_vec());
    let err = suite
        .app
        .execute(
            alex.clone(),
            cosmwasm_std::WasmMsg::Execute {
                contract_addr: d.to_string(),
                msg: claim,
                funds: vec![],
            }
            .into(),
        )
        .unwrap_err();
    assert!(
        err.root_cause()
            .to_string()
            .contains("unknown field `membr`"),
        "{err:#}"
    );
    assert_eq!(suite.balance("alex"), 625_000_000);
    assert_eq!(suite.native_balance(&alex), coins_before);
}
