//! `fund`: anyone adds coins of the treasury denom, with a memo.

use cosmwasm_std::{coins, Coin, Uint128};
use cw_multi_test::{BankSudo, SudoMsg};
use cw_utils::PaymentError;
use distributor::ContractError;
use flow_types::distributor::{ExecuteMsg, FundRecord, FundsResponse, QueryMsg};
use flow_types::validate::ValidationError;

use crate::suite::*;

fn fund(memo: Option<&str>) -> ExecuteMsg {
    ExecuteMsg::Fund {
        memo: memo.map(String::from),
    }
}

fn funds(suite: &Suite) -> Vec<FundRecord> {
    let r: FundsResponse = q(
        suite,
        &QueryMsg::Funds {
            start_after: None,
            limit: None,
        },
    );
    r.funds
}

#[test]
fn funding_puts_the_coins_on_the_books_with_a_record() {
    let mut suite = alpha();
    let distributor = d(&suite);
    let funder = suite.addr("funder");
    let coins_before = suite.native_balance(&funder);
    let res = exec_paid(
        &mut suite,
        "funder",
        &fund(Some("grant")),
        &coins(1_000, DENOM),
    )
    .unwrap();
    assert_eq!(
        attrs(&res, &distributor),
        pairs(&[
            ("action", "fund"),
            ("fund_id", "1"),
            ("from", funder.as_str()),
            ("amount", "1000"),
            ("denom", DENOM),
        ])
    );
    assert_eq!(suite.native_balance(&distributor), 1_000);
    assert_eq!(suite.native_balance(&funder), coins_before - 1_000);
    let t = treasury(&suite);
    assert_eq!(
        (t.held.u128(), t.unallocated.u128(), t.total_funded.u128()),
        (1_000, 1_000, 1_000)
    );
    let first = FundRecord {
        id: 1,
        from: funder.clone(),
        amount: Uint128::new(1_000),
        memo: Some("grant".into()),
        cycle: 1,
        time: suite.now(),
    };
    assert_eq!(funds(&suite), vec![first.clone()]);

    // A second one, without a memo, in cycle 2.
    suite.a_cycle_passes();
    exec_paid(&mut suite, "alex", &fund(None), &coins(5, DENOM)).unwrap();
    let second = FundRecord {
        id: 2,
        from: suite.addr("alex"),
        amount: Uint128::new(5),
        memo: None,
        cycle: 2,
        time: suite.now(),
    };
    assert_eq!(funds(&suite), vec![first, second]);
    assert_eq!(treasury(&suite).total_funded.u128(), 1_005);
    suite.assert_invariants();
}

#[test]
fn funding_takes_exactly_one_coin_of_the_treasury_denom() {
    let mut suite = alpha();
    suite
        .app
        .sudo(SudoMsg::Bank(BankSudo::Mint {
            to_address: suite.addr("funder").to_string(),
            amount: coins(500, "uother"),
        }))
        .unwrap();
    refused(
        &mut suite,
        ContractError::Payment(PaymentError::NoFunds {}),
        |s| exec(s, "funder", &fund(None)),
    );
    refused(
        &mut suite,
        ContractError::Payment(PaymentError::MissingDenom(DENOM.into())),
        |s| exec_paid(s, "funder", &fund(None), &coins(500, "uother")),
    );
    let both = [Coin::new(5u128, DENOM), Coin::new(5u128, "uother")];
    refused(
        &mut suite,
        ContractError::Payment(PaymentError::MultipleDenoms {}),
        |s| exec_paid(s, "funder", &fund(None), &both),
    );
    let memo = "m".repeat(257);
    refused(
        &mut suite,
        ContractError::Validation(ValidationError::TooLong {
            field: "memo".into(),
            len: 257,
            max: 256,
        }),
        |s| exec_paid(s, "funder", &fund(Some(&memo)), &coins(1, DENOM)),
    );
    assert!(funds(&suite).is_empty());
    // 256 bytes is fine.
    exec_paid(
        &mut suite,
        "funder",
        &fund(Some(&memo[1..])),
        &coins(1, DENOM),
    )
    .unwrap();
}

#[test]
fn a_fixed_budget_holon_takes_no_funds() {
    let mut suite = alpha_fixed(1_000);
    refused(&mut suite, ContractError::NoTreasury {}, |s| {
        exec_paid(s, "funder", &fund(None), &coins(1_000, DENOM))
    });
}
