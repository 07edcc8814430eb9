//! `claim`: a member (or anyone for them) mints what closed cycles owe them, one cycle or
//! every unclaimed one.

use cosmwasm_std::{coins, Uint128};
use cw_utils::PaymentError;
use distributor::ContractError;
use flow_types::distributor::{
    ClaimInfo, ClaimsResponse, CycleResponse, ExecuteMsg, ExplainResponse, Policy, QueryMsg,
};

use crate::suite::*;

fn claim(cycle: Option<u64>, member: Option<String>) -> ExecuteMsg {
    ExecuteMsg::Claim { cycle, member }
}

#[test]
fn a_member_claims_a_closed_cycle_and_the_books_follow() {
    let mut suite = a_closed_month();
    let res = exec(&mut suite, "alex", &claim(Some(1), None)).unwrap();
    let alex = suite.addr("alex").to_string();
    assert_eq!(
        attrs(&res, &d(&suite)),
        pairs(&[
            ("action", "claim"),
            ("member", &alex),
            ("cycles", "1"),
            ("amount", "750000"),
            ("claimed_by", &alex),
        ])
    );
    assert_eq!(suite.balance("alex"), 750_000);
    assert_eq!(suite.total_supply(), 750_000);
    // 750,000 move from allocated to outstanding.
    assert_eq!(books(&suite), (1_000_000, 250_000, 750_000));
    let c: CycleResponse = q(&suite, &QueryMsg::Cycle { cycle: 1 });
    assert_eq!((c.claimed.u128(), c.claims), (750_000, 1));
    let claims: ClaimsResponse = q(
        &suite,
        &QueryMsg::Claims {
            cycle: 1,
            start_after: None,
            limit: None,
        },
    );
    assert_eq!(
        claims.claims,
        vec![ClaimInfo {
            member: suite.addr("alex"),
            amount: Uint128::new(750_000),
        }]
    );
    suite.assert_invariants();
}

#[test]
fn anyone_may_claim_for_a_member_and_the_tokens_go_to_the_member() {
    let mut suite = a_closed_month();
    let jordan = suite.addr("jordan").to_string();
    let res = exec(
        &mut suite,
        "stranger",
        &claim(Some(1), Some(jordan.clone())),
    )
    .unwrap();
    let distributor = d(&suite);
    assert_eq!(attr(&res, &distributor, "member"), Some(jordan));
    assert_eq!(
        attr(&res, &distributor, "claimed_by"),
        Some(suite.addr("stranger").to_string())
    );
    assert_eq!(suite.balance("jordan"), 250_000);
    assert_eq!(suite.balance("stranger"), 0);
}

#[test]
fn the_baseline_is_paid_to_members_who_contributed_nothing() {
    let policy = Policy {
        baseline: dec("0.2"),
        ..Policy::default()
    };
    let mut suite = a_month_of(SuiteBuilder::holon_alpha().with_policy(policy), 1_000_000);
    suite.close_cycle().unwrap();
    // P = 200,000 over five members: 40,000 each; C = 800,000 shared 3 : 1.
    for (member, owed) in [
        ("alex", 640_000),
        ("jordan", 240_000),
        ("casey", 40_000),
        ("riley", 40_000),
        ("sam", 40_000),
    ] {
        suite.claim(member, 1).unwrap();
        assert_eq!(suite.balance(member), owed, "{member}");
    }
    assert_eq!(books(&suite), (1_000_000, 0, 1_000_000));
    // Someone outside the group is owed nothing.
    let stranger = suite.addr("stranger").to_string();
    refused(
        &mut suite,
        ContractError::NothingToClaim { member: stranger },
        |s| s.claim("stranger", 1),
    );
}

#[test]
fn a_bulk_claim_takes_every_unclaimed_closed_cycle_and_moves_the_cursor() {
    let mut suite = a_closed_month();
    worked(&mut suite, 3, "alex", "garden", "1");
    suite.fund("funder", 1_000).unwrap();
    suite.a_cycle_passes();
    suite.close_cycle().unwrap();
    let res = exec(&mut suite, "alex", &claim(None, None)).unwrap();
    let distributor = d(&suite);
    let got = |key: &str| attr(&res, &distributor, key);
    assert_eq!(
        (
            got("cycles"),
            got("amount"),
            got("scanned_from"),
            got("next_cycle"),
            got("more")
        ),
        (
            Some("1,2".into()),
            Some("751000".into()),
            Some("1".into()),
            Some("3".into()),
            Some("false".into())
        )
    );
    assert_eq!(suite.balance("alex"), 751_000);
    // Cycle 3 owes Alex nothing: the claim still looks at it and moves on.
    suite.a_cycle_passes();
    suite.close_cycle().unwrap();
    let res = exec(&mut suite, "alex", &claim(None, None)).unwrap();
    assert_eq!(
        (
            attr(&res, &distributor, "cycles"),
            attr(&res, &distributor, "amount"),
            attr(&res, &distributor, "next_cycle"),
        ),
        (Some("".into()), Some("0".into()), Some("4".into()))
    );
    // Now there is nothing left to look at.
    let alex = suite.addr("alex").to_string();
    refused(
        &mut suite,
        ContractError::NothingToClaim { member: alex },
        |s| exec(s, "alex", &claim(None, None)),
    );
    assert_eq!(suite.balance("alex"), 751_000);
    suite.assert_invariants();
}

#[test]
fn a_bulk_claim_skips_a_cycle_already_claimed() {
    let mut suite = a_closed_month();
    worked(&mut suite, 3, "jordan", "garden", "1");
    suite.fund("funder", 1_000).unwrap();
    suite.a_cycle_passes();
    suite.close_cycle().unwrap();
    suite.claim("jordan", 1).unwrap();
    let res = exec(&mut suite, "jordan", &claim(None, None)).unwrap();
    assert_eq!(attr(&res, &d(&suite), "cycles"), Some("2".into()));
    assert_eq!(suite.balance("jordan"), 251_000);
}

#[test]
fn a_cycle_is_claimed_once() {
    let mut suite = alex_claimed();
    let alex = suite.addr("alex").to_string();
    refused(
        &mut suite,
        ContractError::AlreadyClaimed {
            cycle: 1,
            member: alex.clone(),
        },
        |s| s.claim("alex", 1),
    );
    // Also when someone else asks for Alex.
    refused(
        &mut suite,
        ContractError::AlreadyClaimed {
            cycle: 1,
            member: alex.clone(),
        },
        |s| exec(s, "jordan", &claim(Some(1), Some(alex))),
    );
    let explain: ExplainResponse = q(
        &suite,
        &QueryMsg::Explain {
            cycle: 1,
            member: suite.addr("alex").to_string(),
        },
    );
    assert!(explain.claimed);
}

#[test]
fn a_cycle_that_is_not_closed_cannot_be_claimed() {
    let mut suite = a_month(1_000_000);
    refused(
        &mut suite,
        ContractError::CycleNotClosed {
            cycle: 1,
            next_to_close: 1,
        },
        |s| s.claim("alex", 1),
    );
    suite.close_cycle().unwrap();
    refused(
        &mut suite,
        ContractError::CycleNotClosed {
            cycle: 2,
            next_to_close: 2,
        },
        |s| s.claim("alex", 2),
    );
    refused(
        &mut suite,
        ContractError::CycleNotClosed {
            cycle: 0,
            next_to_close: 2,
        },
        |s| s.claim("alex", 0),
    );
}

#[test]
fn a_claim_with_nothing_owed_or_nothing_to_look_at_is_refused() {
    let mut suite = a_month(1_000_000);
    // No cycle is closed: a bulk claim has nothing to look at.
    let alex = suite.addr("alex").to_string();
    refused(
        &mut suite,
        ContractError::NothingToClaim {
            member: alex.clone(),
        },
        |s| s.claim_all("alex"),
    );
    suite.close_cycle().unwrap();
    // Casey contributed nothing and there is no baseline.
    let casey = suite.addr("casey").to_string();
    refused(
        &mut suite,
        ContractError::NothingToClaim { member: casey },
        |s| s.claim("casey", 1),
    );
    // A member that is not an address; coins sent along.
    refused_where(
        &mut suite,
        |e| matches!(e, ContractError::Std(_)),
        |s| exec(s, "alex", &claim(Some(1), Some("Not An Address".into()))),
    );
    refused(
        &mut suite,
        ContractError::Payment(PaymentError::NonPayable {}),
        |s| exec_paid(s, "alex", &claim(Some(1), None), &coins(1, DENOM)),
    );
    assert_eq!(suite.balance("alex"), 0);
}
